/** Snapshot (de)compression and the welcome snapshot's hash check, off the thread the model runs on. */
import { deflateSnapshot, inflateVerified } from './snapshot-compression';

type Request = { id: number; op: 'deflate'; bytes: Uint8Array } | { id: number; op: 'inflate'; bytes: Uint8Array; hash: Uint8Array };

self.onmessage = (event: MessageEvent<Request>) => {
  const request = event.data;
  try {
    const out = request.op === 'deflate' ? deflateSnapshot(request.bytes) : inflateVerified(request.bytes, request.hash);
    (self as unknown as Worker).postMessage({ id: request.id, bytes: out }, [out.buffer]);
  } catch (error) {
    (self as unknown as Worker).postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
};
