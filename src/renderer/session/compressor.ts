/**
 * Compression of snapshot bytes (zlib format). It is injected so it can run off the thread the model
 * runs on: a Web Worker with pako in the renderer, zlib's thread pool in Node.
 */
export interface Compressor {
  deflate(bytes: Uint8Array): Promise<Uint8Array>;
  /**
   * Inflates a snapshot and checks it against its SHA-256 in the same place, so a joiner's thread never
   * hashes megabytes; rejects when the bytes do not match.
   */
  inflateVerified(bytes: Uint8Array, sha256: Uint8Array): Promise<Uint8Array>;
}

export const SNAPSHOT_HASH_MISMATCH = 'snapshot does not match its hash';
