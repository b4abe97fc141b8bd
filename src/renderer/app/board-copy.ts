/**
 * A board as this replica holds it, as a `.lanvas` file: for someone whose session ended (removed, the
 * host stopped sharing) to keep what they see. The machine no longer runs, so its snapshot is exact.
 */
import { encodeBoardFile } from '../../shared/board-file';
import type { VirtualMachine } from '../engine/vm';
import type { Compressor } from '../session/compressor';
import { takeSnapshot } from '../session/sliced-snapshot';

/** `thumbnail`: the board's picture as a PNG, so the library shows it at once. */
export async function boardCopy(vm: VirtualMachine, name: string, compressor: Compressor, thumbnail?: Uint8Array): Promise<Uint8Array> {
  const { bytes, hash } = await takeSnapshot(vm);
  const now = Date.now();
  return encodeBoardFile({
    name,
    created: now,
    lastChange: now,
    snapshot: { seq: vm.seq, time: vm.time, hash, bytes: await compressor.deflate(bytes), acked: [] },
    events: [],
    ...(thumbnail && { thumbnail }),
  });
}
