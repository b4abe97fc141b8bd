/** The engine's platform pieces for Node: zlib on the thread pool, and the `ws` client. */
import { promisify } from 'node:util';
import { deflate, inflate } from 'node:zlib';
import WebSocket from 'ws';
import type { Compressor } from '../../src/renderer/session/compressor';
import type { WebSocketFactory, WebSocketLike } from '../../src/renderer/session/connection';

const deflateAsync = promisify(deflate);
const inflateAsync = promisify(inflate);

export const zlibCompressor: Compressor = {
  deflate: async (bytes) => new Uint8Array(await deflateAsync(bytes, { level: 6 })),
  inflate: async (bytes) => new Uint8Array(await inflateAsync(bytes)),
};

export const wsFactory: WebSocketFactory = (url) => new WebSocket(url, { maxPayload: 512 * 1024 * 1024 }) as unknown as WebSocketLike;
