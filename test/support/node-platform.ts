/** The engine's platform pieces for Node: zlib on the thread pool, and the `ws` client. */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { deflate, inflate } from 'node:zlib';
import WebSocket from 'ws';
import { SNAPSHOT_HASH_MISMATCH, type Compressor } from '../../src/renderer/session/compressor';
import type { WebSocketFactory, WebSocketLike } from '../../src/renderer/session/connection';

const deflateAsync = promisify(deflate);
const inflateAsync = promisify(inflate);

export const zlibCompressor: Compressor = {
  deflate: async (bytes) => new Uint8Array(await deflateAsync(bytes, { level: 6 })),
  inflateVerified: async (bytes, hash) => {
    const raw = await inflateAsync(bytes);
    if (!createHash('sha256').update(raw).digest().equals(hash)) throw new Error(SNAPSHOT_HASH_MISMATCH);
    return new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
  },
};

export const wsFactory: WebSocketFactory = (url) => new WebSocket(url, { maxPayload: 512 * 1024 * 1024 }) as unknown as WebSocketLike;

/** The same, from one source address (127.0.0.2, 127.0.0.3, ... are all this machine): another host, as the reflector sees it. */
export const wsFrom =
  (localAddress: string): WebSocketFactory =>
  (url) =>
    new WebSocket(url, { maxPayload: 512 * 1024 * 1024, localAddress }) as unknown as WebSocketLike;
