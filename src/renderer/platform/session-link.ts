/**
 * The link forms of an invitation on a page served by the host: `#code=K7M2-QX9P-4TRW` (an invite code
 * of a board shared on the LAN) or `#board=ID&secret=S` (a board of a headless host). Either way the
 * session is on the host that served the page.
 */
import { parseInviteCode } from '../../shared/invite-code';
import type { SessionTarget } from '../../shared/ipc-contract';

export function parseSessionHash(hash: string, origin: { protocol: string; host: string }): SessionTarget | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const url = `${origin.protocol === 'https:' ? 'wss' : 'ws'}://${origin.host}/`;
  const code = params.get('code');
  if (code !== null) {
    const invite = parseInviteCode(code);
    return invite ? { url, board: invite.session, secret: invite.password, name: 'Shared board' } : null;
  }
  const board = params.get('board');
  const secret = params.get('secret');
  if (!board || !secret) return null;
  return { url, board, secret, name: board };
}
