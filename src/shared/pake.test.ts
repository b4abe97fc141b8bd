import { describe, expect, it } from 'vitest';
import { randomBytes } from './bytes';
import { FrameCipher } from './frame-cipher';
import { Pake } from './pake';

const sid = () => randomBytes(16);

describe('CPace key agreement', () => {
  it('gives both sides the same keys when the password and context match', () => {
    const s = sid();
    const client = new Pake('client', 'K7M2QX9P', 'lanvas/board/demo', s);
    const server = new Pake('server', 'K7M2QX9P', 'lanvas/board/demo', s);
    const a = client.finish(server.share);
    const b = server.finish(client.share);
    expect(a).toEqual(b);
    expect(new Set([a.serverProof, a.clientProof, a.clientToServer, a.serverToClient].map((k) => Buffer.from(k).toString('hex'))).size).toBe(4);
  });

  it('gives different proofs for a wrong password, a different board or a different session id', () => {
    const s = sid();
    const server = new Pake('server', 'right', 'ctx', s);
    for (const client of [new Pake('client', 'wrong', 'ctx', s), new Pake('client', 'right', 'other', s), new Pake('client', 'right', 'ctx', sid())]) {
      expect(client.finish(server.share).serverProof).not.toEqual(server.finish(client.share).serverProof);
    }
  });

  it('uses fresh shares every time, so a capture of one exchange says nothing about the next', () => {
    const s = sid();
    expect(new Pake('client', 'pw', 'ctx', s).share).not.toEqual(new Pake('client', 'pw', 'ctx', s).share);
  });

  it('refuses a share that is not a group element, or the identity', () => {
    const pake = new Pake('server', 'pw', 'ctx', sid());
    expect(() => pake.finish(new Uint8Array(32).fill(0xff))).toThrow();
    expect(() => pake.finish(new Uint8Array(32))).toThrow(/identity/);
  });
});

describe('frame cipher', () => {
  const key = randomBytes(32);

  it('opens what the peer sealed, in order', () => {
    const out = new FrameCipher(key);
    const inn = new FrameCipher(key);
    for (const text of ['one', 'two', 'three']) expect(new TextDecoder().decode(inn.open(out.seal(new TextEncoder().encode(text))))).toBe(text);
  });

  it('hides the content and changes with every frame', () => {
    const out = new FrameCipher(key);
    const plain = new TextEncoder().encode('same frame');
    const a = out.seal(plain);
    const b = out.seal(plain);
    expect(a).not.toEqual(b);
    expect(Buffer.from(a).includes(Buffer.from('same'))).toBe(false);
  });

  it('refuses an altered, replayed, skipped or foreign frame', () => {
    const sealed = [0, 1, 2].map((i) => new FrameCipher(key).seal(new Uint8Array([i])));
    const flipped = sealed[0]!.slice();
    flipped[0]! ^= 1;
    expect(() => new FrameCipher(key).open(flipped)).toThrow();
    const out = new FrameCipher(key);
    const inn = new FrameCipher(key);
    const first = out.seal(new Uint8Array([1]));
    const second = out.seal(new Uint8Array([2]));
    inn.open(first);
    expect(() => inn.open(first)).toThrow(); // replay
    expect(() => new FrameCipher(key).open(second)).toThrow(); // skipped ahead
    expect(() => new FrameCipher(randomBytes(32)).open(first)).toThrow();
  });
});
