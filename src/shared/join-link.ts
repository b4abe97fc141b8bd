/**
 * The link forms of an invitation. The app link `lanvas://join/K7M2-QX9P-4TRW?host=10.0.0.5:41234`
 * opens the desktop app's join flow (the host part lets it skip discovery); the web link
 * `http://10.0.0.5:41234/#code=K7M2-QX9P-4TRW` opens the web client served by the host itself.
 */
import { parseInviteCode } from './invite-code';
import type { JoinLink, ShareInfo } from './ipc-contract';

const HOST_PORT = /^(\d{1,3}\.){3}\d{1,3}:\d{1,5}$/;

/** An IPv4 address and port, as a link form carries it. */
export const isHostPort = (value: unknown): value is string => typeof value === 'string' && value.length <= 21 && HOST_PORT.test(value);

export function appLink(code: string, address?: string): string {
  return `lanvas://join/${code}${address ? `?host=${address}` : ''}`;
}

export function webLink(share: ShareInfo, address: string): string {
  return `http://${address}:${share.port}/#code=${share.code}`;
}

/**
 * What a person pasted or typed to join: a bare code, the app link or the web link (the links carry the
 * host's address). Null when it is none of them.
 */
export function parseJoinInput(text: string): JoinLink | null {
  const trimmed = text.trim();
  const web = /^https?:\/\/((?:\d{1,3}\.){3}\d{1,3}:\d{1,5})\/#code=([0-9A-Za-z-]+)$/.exec(trimmed);
  if (web) {
    const invite = parseInviteCode(web[2]!);
    return invite ? { code: invite.code, address: web[1]! } : null;
  }
  if (/^lanvas:/i.test(trimmed)) return parseAppLink(trimmed);
  const invite = parseInviteCode(trimmed);
  return invite ? { code: invite.code } : null;
}

/** Reads a `lanvas://join/...` link; null for anything else. */
export function parseAppLink(text: string): JoinLink | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  // The scheme is case-free (URL lowercases it); the host of a non-special scheme is not lowercased.
  if (url.protocol !== 'lanvas:' || url.hostname.toLowerCase() !== 'join') return null;
  // Some launchers and shells add a trailing slash to what they pass on.
  const invite = parseInviteCode(decodeURIComponent(url.pathname.replace(/^\/+|\/+$/g, '')));
  if (invite === null) return null;
  const host = url.searchParams.get('host');
  if (host !== null && !isHostPort(host)) return null;
  return host === null ? { code: invite.code } : { code: invite.code, address: host };
}
