/**
 * Finding shared boards on the LAN without a server: UDP on one well-known port, sent both to a
 * multicast group and to every interface's broadcast address. Networks that drop multicast (many
 * Wi-Fi access points, some switches) still pass broadcast; networks that pass neither need the link
 * form, which carries the host's address. The responder answers queries for the codes it serves and
 * announces its shared boards every couple of seconds for the "nearby" list.
 */
import dgram from 'node:dgram';
import os from 'node:os';
import { PROTOCOL_VERSION } from '../../shared/protocol';
import { decodeDiscovery, encodeDiscovery, type DiscoveryAnnounce, type DiscoveryPath } from './discovery-message';

export const DISCOVERY_PORT = 47470;
export const DISCOVERY_GROUP = '239.255.76.86';

export interface DiscoveryOptions {
  port?: number;
  log?: (line: string) => void;
}

interface LocalInterface {
  address: string;
  broadcast: string;
}

function localInterfaces(): LocalInterface[] {
  const out: LocalInterface[] = [];
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) {
      if (a.family !== 'IPv4' || a.internal) continue;
      const ip = a.address.split('.').map(Number);
      const mask = a.netmask.split('.').map(Number);
      out.push({ address: a.address, broadcast: ip.map((b, i) => (b | (~mask[i]! & 255)) & 255).join('.') });
    }
  }
  return out;
}

/** Sends one message down both paths on every interface; a path that fails on an interface is skipped. */
function sendEverywhere(socket: dgram.Socket, port: number, make: (via: DiscoveryPath) => Buffer): void {
  for (const iface of localInterfaces()) {
    try {
      socket.setMulticastInterface(iface.address);
      socket.send(make('multicast'), port, DISCOVERY_GROUP, () => {});
    } catch {
      /* no multicast on this interface */
    }
    socket.send(make('broadcast'), port, iface.broadcast, () => {});
  }
}

async function bindShared(port: number, log: (line: string) => void): Promise<dgram.Socket> {
  const socket = dgram.createSocket({ type: 'udp4', reuseAddr: true });
  await new Promise<void>((resolve, reject) => socket.once('error', reject).bind(port, resolve));
  socket.setBroadcast(true);
  socket.setMulticastTTL(1); // stay on the local network
  for (const iface of localInterfaces()) {
    try {
      socket.addMembership(DISCOVERY_GROUP, iface.address);
    } catch (error) {
      log(`discovery: no multicast on ${iface.address} (${(error as Error).message}); broadcast only`);
    }
  }
  return socket;
}

export interface Published {
  session: string;
  name: string;
  port: number;
}

const ENDED_CODES_KEPT = 64;

/** The host's side: answers queries for its shared boards (and for codes it ended) and announces them. */
export class DiscoveryResponder {
  private readonly published = new Map<string, Published>();
  /** Codes this host issued and ended (replaced, or sharing stopped), newest last: a query for one is told so. */
  private readonly ended = new Map<string, number>();
  private readonly timer: ReturnType<typeof setInterval>;

  private constructor(
    private readonly socket: dgram.Socket,
    private readonly port: number,
    announceEveryMs: number,
  ) {
    socket.on('message', (bytes, from) => {
      const msg = decodeDiscovery(bytes);
      if (msg?.type !== 'query') return;
      const entry = this.published.get(msg.session);
      if (entry) socket.send(this.announcement(entry, msg.via), from.port, from.address, () => {});
      const endedPort = this.ended.get(msg.session);
      if (!entry && endedPort !== undefined) socket.send(encodeDiscovery({ lanvas: 1, type: 'bye', session: msg.session, port: endedPort, via: msg.via }), from.port, from.address, () => {});
    });
    this.timer = setInterval(() => this.announceAll(), announceEveryMs);
    this.timer.unref?.();
  }

  static async start(options: DiscoveryOptions & { announceEveryMs?: number } = {}): Promise<DiscoveryResponder> {
    const port = options.port ?? DISCOVERY_PORT;
    const socket = await bindShared(port, options.log ?? (() => {}));
    return new DiscoveryResponder(socket, port, options.announceEveryMs ?? 2000);
  }

  private announcement(entry: Published, via: DiscoveryPath): Buffer {
    return encodeDiscovery({ lanvas: 1, type: 'announce', ...entry, host: os.hostname().slice(0, 120), protocol: PROTOCOL_VERSION, via });
  }

  publish(entry: Published): void {
    for (const [session, e] of this.published) {
      if (e.port !== entry.port || session === entry.session) continue;
      this.published.delete(session); // a new code replaces the old
      this.remember(session, e.port);
    }
    this.published.set(entry.session, entry);
    this.announceAll();
  }

  /** Stops answering for the board on `port` and tells nearby lists to drop it. */
  unpublish(port: number): void {
    for (const [session, e] of this.published) {
      if (e.port !== port) continue;
      this.published.delete(session);
      this.remember(session, port);
      sendEverywhere(this.socket, this.port, (via) => encodeDiscovery({ lanvas: 1, type: 'bye', session, port, via }));
    }
  }

  private remember(session: string, port: number): void {
    this.ended.delete(session);
    this.ended.set(session, port);
    if (this.ended.size > ENDED_CODES_KEPT) this.ended.delete(this.ended.keys().next().value!);
  }

  private announceAll(): void {
    for (const entry of this.published.values()) sendEverywhere(this.socket, this.port, () => this.announcement(entry, 'periodic'));
  }

  close(): void {
    clearInterval(this.timer);
    this.socket.close();
  }
}

/** A shared board found on the LAN. */
export interface FoundSession extends DiscoveryAnnounce {
  address: string;
}

/**
 * The joiner's side: asks who serves a code, down both paths, a few times, and takes the first answer.
 * 'ended' when its host says the code has ended; null after `timeoutMs` means nobody on this network
 * serves it (wrong code, host gone, or discovery blocked: then the link form is the way in).
 */
export async function findSession(session: string, options: DiscoveryOptions & { timeoutMs?: number } = {}): Promise<FoundSession | 'ended' | null> {
  const port = options.port ?? DISCOVERY_PORT;
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, resolve));
  socket.setBroadcast(true);
  socket.setMulticastTTL(1);
  try {
    return await new Promise<FoundSession | 'ended' | null>((resolve) => {
      const ask = () => sendEverywhere(socket, port, (via) => encodeDiscovery({ lanvas: 1, type: 'query', session, via }));
      const retry = setInterval(ask, 400);
      const timeout = setTimeout(() => done(null), options.timeoutMs ?? 3000);
      const done = (found: FoundSession | 'ended' | null) => {
        clearInterval(retry);
        clearTimeout(timeout);
        resolve(found);
      };
      socket.on('message', (bytes, from) => {
        const msg = decodeDiscovery(bytes);
        if (msg?.type === 'announce' && msg.session === session) done({ ...msg, address: from.address });
        else if (msg?.type === 'bye' && msg.session === session) done('ended');
      });
      ask();
    });
  } finally {
    socket.close();
  }
}

/** Listens to announcements for the home screen's "nearby" list. */
export class NearbySessions {
  private readonly seen = new Map<string, { found: FoundSession; at: number }>();

  private constructor(private readonly socket: dgram.Socket) {
    socket.on('message', (bytes, from) => {
      const msg = decodeDiscovery(bytes);
      if (msg?.type === 'announce') this.seen.set(`${from.address}:${msg.port}`, { found: { ...msg, address: from.address }, at: performance.now() });
      if (msg?.type === 'bye') this.seen.delete(`${from.address}:${msg.port}`);
    });
  }

  static async start(options: DiscoveryOptions = {}): Promise<NearbySessions> {
    return new NearbySessions(await bindShared(options.port ?? DISCOVERY_PORT, options.log ?? (() => {})));
  }

  /** Sessions announced within the last few seconds, by name. */
  list(maxAgeMs = 6000): FoundSession[] {
    const now = performance.now();
    for (const [key, entry] of this.seen) if (now - entry.at > maxAgeMs) this.seen.delete(key);
    return [...this.seen.values()].map((e) => e.found).sort((a, b) => a.name.localeCompare(b.name));
  }

  close(): void {
    this.socket.close();
  }
}
