import { describe, expect, it } from 'vitest';
import { decodeServerFrame, encodeEvent, encodeFrame, encodeWithEvents } from './frames';
import { EventKind, type StampedEvent, type WelcomeMsg } from './protocol';

const event = (seq: number): StampedEvent => [seq, 1000 + seq, EventKind.User, 'view0001', seq, new Uint8Array([seq & 255, 1, 2])];

describe('a user event', () => {
  it('encodes to the bytes msgpack gives it, at every integer, string and binary size', () => {
    const uints = [0, 1, 0x7f, 0x80, 0xff, 0x100, 0xffff, 0x10000, 0xffffffff, 0x100000000, 2 ** 53 - 1];
    const views = ['view', 'v'.repeat(31), 'v'.repeat(32), 'v'.repeat(64)];
    const sizes = [0, 1, 0xff, 0x100, 0xffff, 0x10000];
    let i = 0;
    for (const n of uints) {
      for (const view of views) {
        const size = sizes[i++ % sizes.length]!;
        const e: StampedEvent = [n, uints[(i * 7) % uints.length]!, EventKind.User, view, uints[(i * 3) % uints.length]!, new Uint8Array(size).fill(i)];
        expect(Buffer.from(encodeEvent(e)).equals(Buffer.from(encodeFrame(e as never)))).toBe(true);
      }
    }
  });
});

describe('frames from encoded events', () => {
  it('are byte for byte what encoding the message gives, across every msgpack array header', () => {
    for (const n of [1, 15, 16, 300, 0xffff, 0x10000]) {
      const events = Array.from({ length: n }, (_, i) => event(i + 1));
      const fast = encodeWithEvents({ t: 'events' }, events.map(encodeEvent));
      expect(Buffer.from(fast).equals(Buffer.from(encodeFrame({ t: 'events', events })))).toBe(true);
      expect(decodeServerFrame(fast)).toEqual({ t: 'events', events });
    }
  });

  it('carry the rest of a welcome as it is', () => {
    const events = [event(7), event(8)];
    const welcome: WelcomeMsg = { t: 'welcome', board: 'b1', epoch: 'e1', time: 9, resumed: false, snapshot: null, events, ackedClientSeq: 3, broadcast: { key: new Uint8Array(32).fill(1), next: 4 } };
    const { events: _, ...rest } = welcome;
    expect(decodeServerFrame(encodeWithEvents(rest, events.map(encodeEvent)))).toEqual(welcome);
  });
});
