/**
 * Inflates zlib bytes only to hash them, in bounded steps: memory stays at one output chunk whatever the
 * input claims, and work stops at the first byte past `limit`. A 1 MB decompression bomb that would
 * inflate to 900 MiB costs one chunk and a few milliseconds, not the 900 MiB.
 */
import { createHash } from 'node:crypto';
import { createInflate } from 'node:zlib';

export class InflateLimitError extends Error {}

const CHUNK = 64 * 1024;

/** The SHA-256 and length of what `bytes` inflate to; rejects past `limit` bytes or on damaged input. */
export function inflateDigest(bytes: Uint8Array, limit: number): Promise<{ sha256: Uint8Array; size: number }> {
  return new Promise((resolve, reject) => {
    const inflater = createInflate({ chunkSize: CHUNK });
    const hash = createHash('sha256');
    let size = 0;
    inflater.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        inflater.destroy(new InflateLimitError(`inflates past ${limit} bytes`));
        return;
      }
      hash.update(chunk);
    });
    inflater.on('end', () => resolve({ sha256: new Uint8Array(hash.digest()), size }));
    inflater.on('error', reject);
    inflater.end(bytes);
  });
}
