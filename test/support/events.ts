/** Builds stamped events as the reflector would, for driving a VM without a network. */
import { EventKind, type StampedEvent } from '../../src/shared/protocol';
import { encodeViewEvent } from '../../src/renderer/engine/view-events';
import { writeSnapshot } from '../../src/renderer/engine/snapshot';
import type { VirtualMachine } from '../../src/renderer/engine/vm';
import { toHex } from '../../src/shared/bytes';

export const userEvent = (seq: number, time: number, viewId: string, scope: string, event: string, data: unknown): StampedEvent => [
  seq,
  time,
  EventKind.User,
  viewId,
  seq,
  encodeViewEvent(scope, event, data),
];

export const joinEvent = (seq: number, time: number, viewId: string, name: string): StampedEvent => [seq, time, EventKind.Join, viewId, 0, { name, color: '#336699' }];
export const exitEvent = (seq: number, time: number, viewId: string): StampedEvent => [seq, time, EventKind.Exit, viewId, 0, null];

export async function stateHash(vm: VirtualMachine): Promise<string> {
  return toHex((await writeSnapshot(vm)).hash);
}

/** A small seeded generator for test scenarios (test code may be random; it must be reproducible). */
export function testRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
