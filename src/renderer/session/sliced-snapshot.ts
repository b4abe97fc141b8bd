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

/** Thrown out of takeSnapshot when it was abandoned between two slices. */
export class SnapshotAbandoned extends Error {}

/** Writes the snapshot in slices; `abandoned` is asked between slices (a session that left stops). */
export function takeSnapshot(vm: VirtualMachine, abandoned: () => boolean = () => false, sliceMs = SNAPSHOT_SLICE_MS): Promise<WrittenSnapshot> {
  let sliceStart = performance.now();
  return writeSnapshot(vm, () => {
    if (performance.now() - sliceStart < sliceMs) return undefined;
    return yieldToLoop().then(() => {
      if (abandoned()) throw new SnapshotAbandoned('snapshot abandoned');
      sliceStart = performance.now();
    });
  });
}
