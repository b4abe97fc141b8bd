import { describe, expect, it } from 'vitest';
import { decodePoints, encodePoints, POINT_UNIT } from './stroke-codec';

describe('stroke point coding', () => {
  it('round-trips within half a unit and picks Int8 when steps are small', () => {
    const pts: number[] = [];
    for (let i = 0; i < 200; i++) pts.push(100 + i * 1.7 + Math.sin(i) * 3, 50 + Math.cos(i / 7) * 40);
    const enc = encodePoints(pts, 100, 50);
    expect(enc).toBeInstanceOf(Int8Array);
    const dec = decodePoints(enc, 100, 50);
    dec.forEach((v, i) => expect(Math.abs(v - pts[i]!)).toBeLessThanOrEqual(POINT_UNIT / 2 + 1e-9));
  });

  it('does not drift over a long stroke', () => {
    const pts: number[] = [];
    for (let i = 0; i < 5000; i++) pts.push(i * 0.3, i * -0.7);
    const dec = decodePoints(encodePoints(pts, 0, 0), 0, 0);
    expect(Math.abs(dec.at(-2)! - pts.at(-2)!)).toBeLessThanOrEqual(POINT_UNIT / 2);
    expect(Math.abs(dec.at(-1)! - pts.at(-1)!)).toBeLessThanOrEqual(POINT_UNIT / 2);
  });

  it('falls back to Int16 for fast strokes', () => {
    const enc = encodePoints([0, 0, 300, -200, 310, -190], 0, 0);
    expect(enc).toBeInstanceOf(Int16Array);
    expect(decodePoints(enc, 0, 0)).toEqual([0, 0, 300, -200, 310, -190]);
  });
});
