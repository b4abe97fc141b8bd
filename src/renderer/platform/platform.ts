/**
 * What differs between the desktop app and a plain browser. The desktop (Electron's preload, or a tab
 * of the loopback app server) has the bridge: a board library, sharing, joining by code. A page served
 * by a host has only the session its address names, or a form to name one.
 */
import type { LanvasBridge, SessionTarget } from '../../shared/ipc-contract';
import type { WebSocketFactory, WebSocketLike } from '../session/connection';
import type { Compressor } from '../session/compressor';
import { connectBridge } from './bridge-client';
import { parseSessionHash } from './session-link';
import { workerCompressor } from './worker-compressor';

export interface Platform {
  /** The desktop back end, or null on a page served by a host. */
  bridge: LanvasBridge | null;
  /** The session the page's address names (web only). */
  linkTarget(): SessionTarget | null;
  webSocket: WebSocketFactory;
  compressor: Compressor;
}

export async function detectPlatform(): Promise<Platform> {
  const token = new URLSearchParams(location.hash.replace(/^#/, '')).get('bridge');
  const bridge = window.lanvas ?? (token ? await connectBridge(token) : null);
  return {
    bridge,
    linkTarget: () => (bridge ? null : parseSessionHash(location.hash, location)),
    webSocket: (url) => new WebSocket(url) as unknown as WebSocketLike,
    compressor: workerCompressor(),
  };
}
