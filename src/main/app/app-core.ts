/**
 * Everything the desktop app does behind its window, in plain Node: the board library, the embedded
 * reflector (on loopback, with a secret made fresh at every launch), sharing boards on the LAN and
 * finding and joining other people's. Electron's main process and the loopback bridge server both
 * expose exactly this, through the same validated handlers.
 */
import path from 'node:path';
import { randomId } from '../../shared/bytes';
import { parseInviteCode } from '../../shared/invite-code';
import type { AppInfo, JoinLink, NearbySession, SessionTarget, ShareInfo } from '../../shared/ipc-contract';
import { PROTOCOL_VERSION } from '../../shared/protocol';
import { BoardShare } from '../lan/board-share';
import { DISCOVERY_PORT, DiscoveryResponder, findSession, NearbySessions } from '../lan/discovery';
import { BoardLibrary } from '../library/board-library';
import type { BoardPolicy } from '../reflector/board-session';
import { Reflector } from '../reflector/reflector';
import { BoardStore } from '../store/board-store';

/** A failure worth showing the user as it is. */
export class AppError extends Error {}

export interface AppCoreOptions {
  dataDir: string;
  /** The renderer's web build, served to browsers that join a shared board. */
  webDir: string | null;
  version: string;
  platform: string;
  discoveryPort?: number;
  /** When boards take snapshots (default: the reflector's). */
  policy?: Partial<BoardPolicy>;
  log?: (line: string) => void;
}

export class AppCore {
  readonly library: BoardLibrary;
  private readonly shares = new Map<string, BoardShare>();
  private responder: DiscoveryResponder | null = null;
  private nearby: Promise<NearbySessions | null> | null = null;
  private readonly log: (line: string) => void;

  private constructor(
    private readonly options: AppCoreOptions,
    readonly store: BoardStore,
    private readonly reflector: Reflector,
    private readonly secret: string,
  ) {
    this.log = options.log ?? (() => {});
    this.library = new BoardLibrary(store, (id) => reflector.board(id)?.board);
  }

  static async start(options: AppCoreOptions): Promise<AppCore> {
    const store = new BoardStore(path.resolve(options.dataDir));
    const secret = randomId(24);
    // Only boards of the library are served, so a stale reconnect never brings a deleted board back.
    const reflector = await Reflector.start({
      store,
      host: '127.0.0.1',
      port: 0,
      resolve: (board) => (store.exists(board) ? { board, password: secret } : undefined),
      policy: options.policy,
      log: options.log,
    });
    return new AppCore(options, store, reflector, secret);
  }

  get discoveryPort(): number {
    return this.options.discoveryPort ?? DISCOVERY_PORT;
  }

  info(): AppInfo {
    return { version: this.options.version, platform: this.options.platform, protocol: PROTOCOL_VERSION };
  }

  openBoard(id: string): SessionTarget {
    const { name } = this.library.get(id);
    return { url: `ws://127.0.0.1:${this.reflector.port}/`, board: id, secret: this.secret, name, libraryId: id };
  }

  /** Stops sharing it, flushes its log and closes it (the window has left it, after a final snapshot). */
  async closeBoard(id: string): Promise<void> {
    await this.stopSharing(id);
    await this.reflector.closeBoard(id);
  }

  async deleteBoard(id: string): Promise<void> {
    await this.closeBoard(id);
    this.library.delete(id);
  }

  // ---- sharing on the LAN ----

  async startSharing(id: string): Promise<ShareInfo> {
    const existing = this.shares.get(id);
    if (existing) return existing.info;
    const { name } = this.library.get(id);
    const share = await BoardShare.start({ reflector: this.reflector, board: id, name, webDir: this.options.webDir });
    this.shares.set(id, share);
    try {
      this.responder ??= await DiscoveryResponder.start({ port: this.discoveryPort, log: this.log });
      this.responder.publish({ session: share.info.session, name, port: share.port });
    } catch (error) {
      // Sharing still works through the link form; only being found by code alone is lost.
      this.log(`discovery unavailable: ${(error as Error).message}`);
    }
    this.log(`board ${id} shared on port ${share.port}`);
    return share.info;
  }

  shareInfo(id: string): ShareInfo | null {
    return this.shares.get(id)?.info ?? null;
  }

  newInviteCode(id: string): ShareInfo {
    const share = this.shares.get(id);
    if (!share) throw new AppError('this board is not shared');
    const info = share.newCode();
    this.responder?.publish({ session: info.session, name: info.name, port: info.port });
    return info;
  }

  removeParticipant(id: string, viewId: string): boolean {
    return this.shares.get(id)?.remove(viewId) ?? false;
  }

  async stopSharing(id: string): Promise<void> {
    const share = this.shares.get(id);
    if (!share) return;
    this.shares.delete(id);
    this.responder?.unpublish(share.port);
    await share.stop();
  }

  // ---- finding and joining ----

  async nearbySessions(): Promise<NearbySession[]> {
    this.nearby ??= NearbySessions.start({ port: this.discoveryPort, log: this.log }).catch((error: Error) => {
      this.log(`cannot listen for nearby sessions: ${error.message}`);
      return null;
    });
    const ownPorts = new Set([...this.shares.values()].map((s) => s.port));
    const found = (await this.nearby)?.list() ?? [];
    return found
      .filter((s) => !ownPorts.has(s.port) || !this.isOwnAddress(s.address))
      .map(({ session, name, host, address, port, protocol }) => ({ codeStart: session.toUpperCase(), name, host, address, port, protocol }));
  }

  private isOwnAddress(address: string): boolean {
    return [...this.shares.values()].some((s) => s.info.addresses.includes(address)) || address.startsWith('127.');
  }

  /** Finds the host of a code (or takes the link's address), checks its version, and says how to connect. */
  async joinByCode(link: JoinLink): Promise<SessionTarget> {
    const invite = parseInviteCode(link.code);
    if (invite === null) throw new AppError('That is not an invite code: it has twelve letters and digits, like K7M2-QX9P-4TRW.');
    let address: string;
    let name = 'Shared board';
    if (link.address !== undefined) {
      address = link.address;
    } else {
      const found = await findSession(invite.session, { port: this.discoveryPort, timeoutMs: 4000 });
      if (found === null) throw new AppError('No board with this code was found on your network. Check the code, or ask the host for the link.');
      if (found === 'ended') throw new AppError('This code has ended: the host issued a new one or stopped sharing. Ask them for the current code.');
      if (found.protocol !== PROTOCOL_VERSION) throw new AppError(`The host runs a different version of Lanvas (protocol ${found.protocol}, this app speaks ${PROTOCOL_VERSION}). Update one of the two.`);
      address = `${found.address}:${found.port}`;
      name = found.name;
    }
    return { url: `ws://${address}/`, board: invite.session, secret: invite.password, name };
  }

  /** Flushes and closes everything; nothing acknowledged is lost. */
  async close(): Promise<void> {
    for (const id of [...this.shares.keys()]) await this.stopSharing(id);
    this.responder?.close();
    (await this.nearby)?.close();
    await this.reflector.close();
  }
}
