import { describe, expect, it } from 'vitest';
import { decodeServerFrame, encodeEvent, encodeEventsFrame, encodeFrame } from './frames';
import { EventKind, type StampedEvent } from './protocol';

const event = (seq: number): StampedEvent => [seq, 1000 + seq, EventKind.User, 'view0001', seq, new Uint8Array([seq & 255, 1, 2])];

describe('events frames from encoded events', () => {
  it('are byte for byte what encoding the message gives, across every msgpack array header', () => {
    for (const n of [1, 15, 16, 300, 0xffff, 0x10000]) {
      const events = Array.from({ length: n }, (_, i) => event(i + 1));
      const fast = encodeEventsFrame(events.map(encodeEvent));
      expect(Buffer.from(fast).equals(Buffer.from(encodeFrame({ t: 'events', events })))).toBe(true);
      expect(decodeServerFrame(fast)).toEqual({ t: 'events', events });
    }
  });
});
