/**
 * Taking a snapshot without freezing the page: the state is written in slices of at most `sliceMs`,
 * yielding to the event loop between them, then hashed (WebCrypto, off this thread). The machine must
 * not run meanwhile; the session holds its events back until this resolves.
 */
import { sha256 } from '../../shared/hash';
import { writeSnapshot } from '../engine/snapshot';
import type { VirtualMachine } from '../engine/vm';

export const SNAPSHOT_SLICE_MS = 8;

const yieldToLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function takeSnapshot(vm: VirtualMachine, sliceMs = SNAPSHOT_SLICE_MS): Promise<{ raw: Uint8Array; hash: Uint8Array }> {
  let sliceStart = performance.now();
  const raw = await writeSnapshot(vm, () => {
    if (performance.now() - sliceStart < sliceMs) return undefined;
    return yieldToLoop().then(() => {
      sliceStart = performance.now();
    });
  });
  return { raw, hash: await sha256(raw) };
}
