/**
 * The session's seeded generator (sfc32). Its whole state is four 32-bit integers, so it is part of
 * every snapshot and every replica draws the same sequence.
 */
export type RandomState = [number, number, number, number];

export function seedRandom(seed: string): RandomState {
  // FNV-1a over the seed, spread into four words; then warm up so similar seeds diverge.
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  const state: RandomState = [h >>> 0, (h ^ 0x9e3779b9) >>> 0, (h ^ 0x7f4a7c15) >>> 0, 1];
  for (let i = 0; i < 16; i++) nextRandom(state);
  return state;
}

/** Advances the state in place and returns a float in [0, 1). */
export function nextRandom(s: RandomState): number {
  const t = (((s[0] + s[1]) | 0) + s[3]) | 0;
  s[3] = (s[3] + 1) | 0;
  s[0] = s[1] ^ (s[1] >>> 9);
  s[1] = (s[2] + (s[2] << 3)) | 0;
  s[2] = (s[2] << 21) | (s[2] >>> 11);
  s[2] = (s[2] + t) | 0;
  return (t >>> 0) / 4294967296;
}
