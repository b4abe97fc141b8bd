/**
 * What differs between the desktop app and a plain browser: where the session lives and how we reach
 * it. The desktop asks the preload bridge; the web page reads the board and secret from its address.
 */
import type { LocalSessionInfo } from '../../shared/ipc-contract';
import type { WebSocketFactory, WebSocketLike } from '../session/connection';
import type { Compressor } from '../session/compressor';
import { parseSessionHash } from './session-link';
import { workerCompressor } from './worker-compressor';

export interface Platform {
  kind: 'desktop' | 'web';
  /** The session to join, or null when the page was opened without one. */
  sessionTarget(): Promise<LocalSessionInfo | null>;
  webSocket: WebSocketFactory;
  compressor: Compressor;
}

export function detectPlatform(): Platform {
  const bridge = window.lanvas;
  return {
    kind: bridge ? 'desktop' : 'web',
    sessionTarget: async () => (bridge ? bridge.localSession() : parseSessionHash(location.hash, location)),
    webSocket: (url) => new WebSocket(url) as unknown as WebSocketLike,
    compressor: workerCompressor(),
  };
}
