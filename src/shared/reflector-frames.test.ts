import { describe, expect, it } from 'vitest';
import { randomBytes } from './bytes';
import { Envelope, FrameCipher, inEnvelope } from './frame-cipher';
import { encodeFrame } from './frames';
import type { ServerMsg, WelcomeMsg } from './protocol';
import { ReflectorFrames } from './reflector-frames';

/** The reflector's side: one connection's own cipher and the board's broadcast cipher. */
function reflector() {
  const connectionKey = randomBytes(32);
  const board = { key: randomBytes(32), cipher: null as FrameCipher | null };
  board.cipher = new FrameCipher(board.key);
  const direct = new FrameCipher(connectionKey);
  return {
    client: new ReflectorFrames(new FrameCipher(connectionKey)),
    board,
    direct: (msg: ServerMsg) => inEnvelope(Envelope.Direct, direct.seal(encodeFrame(msg))),
    broadcast: (msg: ServerMsg) => inEnvelope(Envelope.Broadcast, board.cipher!.seal(encodeFrame(msg))),
    welcome: (): WelcomeMsg => ({ t: 'welcome', board: 'b', epoch: 'e', time: 0, resumed: false, snapshot: null, events: [], ackedClientSeq: 0, broadcast: { key: board.key, next: board.cipher!.next } }),
  };
}

describe("a client's frames from the reflector", () => {
  it('open broadcasts from the point the welcome names, interleaved with direct frames', () => {
    const r = reflector();
    r.broadcast({ t: 'tick', time: 1 }); // sealed for those already there: this client never sees it
    expect(r.client.open(r.direct(r.welcome())).t).toBe('welcome');
    expect(r.client.open(r.broadcast({ t: 'tick', time: 2 }))).toEqual({ t: 'tick', time: 2 });
    expect(r.client.open(r.direct({ t: 'snap-stored', seq: 3 }))).toEqual({ t: 'snap-stored', seq: 3 });
    expect(r.client.open(r.broadcast({ t: 'tick', time: 4 }))).toEqual({ t: 'tick', time: 4 });
  });

  it('refuse a broadcast before the welcome, a replayed or skipped one, and an unknown envelope', () => {
    const r = reflector();
    const early = r.broadcast({ t: 'tick', time: 1 });
    expect(() => r.client.open(early)).toThrow(/before the board key/);
    const fresh = reflector();
    fresh.client.open(fresh.direct(fresh.welcome()));
    const first = fresh.broadcast({ t: 'tick', time: 1 });
    fresh.client.open(first);
    expect(() => fresh.client.open(first)).toThrow();
    fresh.broadcast({ t: 'tick', time: 2 }); // dropped on the way
    expect(() => fresh.client.open(fresh.broadcast({ t: 'tick', time: 3 }))).toThrow();
    const other = reflector();
    const frame = other.direct({ t: 'tick', time: 1 });
    frame[0] = 7;
    expect(() => other.client.open(frame)).toThrow(/unknown envelope/);
  });

  it('take a rekey: later broadcasts open only with the new key, numbered from zero', () => {
    const r = reflector();
    r.client.open(r.direct(r.welcome()));
    r.client.open(r.broadcast({ t: 'tick', time: 1 }));
    const key = randomBytes(32);
    expect(r.client.open(r.direct({ t: 'rekey', key })).t).toBe('rekey');
    expect(() => r.client.open(r.broadcast({ t: 'tick', time: 2 }))).toThrow(); // the old key
    r.board.key = key;
    r.board.cipher = new FrameCipher(key);
    expect(r.client.open(r.broadcast({ t: 'tick', time: 3 }))).toEqual({ t: 'tick', time: 3 });
  });

  it('refuse a welcome or rekey that comes as a broadcast', () => {
    const r = reflector();
    r.client.open(r.direct(r.welcome()));
    expect(() => r.client.open(r.broadcast({ t: 'rekey', key: randomBytes(32) }))).toThrow(/sealed for this connection/);
  });
});
