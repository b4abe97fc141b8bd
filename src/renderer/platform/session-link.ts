/** The link form of an invitation on a page served by the host. */
import type { LocalSessionInfo } from '../../shared/ipc-contract';

/** `#board=ID&secret=S` on a page served by the host: the link form of an invitation. */
export function parseSessionHash(hash: string, origin: { protocol: string; host: string }): LocalSessionInfo | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const board = params.get('board');
  const secret = params.get('secret');
  if (!board || !secret) return null;
  const scheme = origin.protocol === 'https:' ? 'wss' : 'ws';
  return { url: `${scheme}://${origin.host}/`, board, secret };
}
