/**
 * Taking a snapshot without freezing the page: the state is written (and hashed) in slices of at most
 * about `sliceMs`, yielding to the event loop between them. The machine must not run meanwhile; the
 * session holds its events back until this resolves.
 */
import { writeSnapshot, type WrittenSnapshot } from '../engine/snapshot';
import type { VirtualMachine } from '../engine/vm';

/** Leaves room under a 16 ms frame for one more chunk and a minor GC. */
export const SNAPSHOT_SLICE_MS = 5;

const yieldToLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export function takeSnapshot(vm: VirtualMachine, sliceMs = SNAPSHOT_SLICE_MS): Promise<WrittenSnapshot> {
  let sliceStart = performance.now();
  return writeSnapshot(vm, () => {
    if (performance.now() - sliceStart < sliceMs) return undefined;
    return yieldToLoop().then(() => {
      sliceStart = performance.now();
    });
  });
}
