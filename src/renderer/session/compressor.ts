/**
 * Compression of snapshot bytes (zlib format). It is injected so it can run off the thread the model
 * runs on: a Web Worker with pako in the renderer, zlib's thread pool in Node.
 */
export interface Compressor {
  deflate(bytes: Uint8Array): Promise<Uint8Array>;
  inflate(bytes: Uint8Array): Promise<Uint8Array>;
}
