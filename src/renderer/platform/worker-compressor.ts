/** A Compressor that runs pako (and the snapshot hash check) in a Web Worker, so snapshots never block the page. */
import type { Compressor } from '../session/compressor';

export function workerCompressor(): Compressor {
  const worker = new Worker(new URL('./compress.worker.ts', import.meta.url), { type: 'module' });
  const waiting = new Map<number, { resolve(b: Uint8Array): void; reject(e: Error): void }>();
  let nextId = 1;
  worker.onmessage = (event: MessageEvent<{ id: number; bytes?: Uint8Array; error?: string }>) => {
    const { id, bytes, error } = event.data;
    const entry = waiting.get(id);
    waiting.delete(id);
    if (bytes) entry?.resolve(bytes);
    else entry?.reject(new Error(error ?? 'compression failed'));
  };
  const run = (request: { op: 'deflate' | 'inflate'; bytes: Uint8Array; hash?: Uint8Array }) =>
    new Promise<Uint8Array>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      worker.postMessage({ id, ...request });
    });
  return {
    deflate: (bytes) => run({ op: 'deflate', bytes }),
    inflateVerified: (bytes, hash) => run({ op: 'inflate', bytes, hash }),
  };
}
