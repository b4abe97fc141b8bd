/**
 * Discovery datagrams: small JSON objects, validated field by field like every other input. A query
 * asks who serves an invite code's session part; an announcement names a shared board (its name, the
 * host's name, its port and the code's public part, never the password) and the app's protocol version.
 */
import { isInviteSession } from '../../shared/invite-code';

export const MAX_DATAGRAM = 1024;

/** How a datagram travelled, echoed back in the answer so a joiner can tell which path worked. */
export type DiscoveryPath = 'multicast' | 'broadcast' | 'periodic';
const PATHS: readonly string[] = ['multicast', 'broadcast', 'periodic'];

export interface DiscoveryQuery {
  lanvas: 1;
  type: 'query';
  session: string;
  via: DiscoveryPath;
}

export interface DiscoveryAnnounce {
  lanvas: 1;
  type: 'announce';
  session: string;
  name: string;
  host: string;
  port: number;
  protocol: number;
  via: DiscoveryPath;
}

/** A host stopped sharing a board (or replaced its code): nearby lists drop it at once. */
export interface DiscoveryBye {
  lanvas: 1;
  type: 'bye';
  session: string;
  port: number;
  via: DiscoveryPath;
}

export type DiscoveryMessage = DiscoveryQuery | DiscoveryAnnounce | DiscoveryBye;

export function encodeDiscovery(message: DiscoveryMessage): Buffer {
  const bytes = Buffer.from(JSON.stringify(message));
  if (bytes.length > MAX_DATAGRAM) throw new Error('discovery message too long');
  return bytes;
}

const text = (v: unknown, max: number): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;

/** The message a datagram holds, or null for anything else (other apps share the port and the group). */
export function decodeDiscovery(bytes: Buffer): DiscoveryMessage | null {
  if (bytes.length > MAX_DATAGRAM) return null;
  let m: Record<string, unknown>;
  try {
    m = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (typeof m !== 'object' || m === null || m.lanvas !== 1 || !isInviteSession(m.session) || !PATHS.includes(m.via as string)) return null;
  if (m.type === 'query') return { lanvas: 1, type: 'query', session: m.session, via: m.via as DiscoveryPath };
  const port = Number.isInteger(m.port) && (m.port as number) > 0 && (m.port as number) < 65536 ? (m.port as number) : null;
  if (m.type === 'bye' && port !== null) return { lanvas: 1, type: 'bye', session: m.session, port, via: m.via as DiscoveryPath };
  if (m.type === 'announce' && text(m.name, 120) && text(m.host, 120) && port !== null && Number.isInteger(m.protocol)) {
    return { lanvas: 1, type: 'announce', session: m.session, name: m.name, host: m.host, port, protocol: m.protocol as number, via: m.via as DiscoveryPath };
  }
  return null;
}
