/**
 * One board shared on the LAN: its own listener on every interface (serving the web client too), an
 * invite code that admits to this board only, and the host's controls: a new code, remove someone,
 * stop sharing. The board session itself is the one the host's window is already in.
 */
import type { Server } from 'node:http';
import { makeInviteCode, type InviteCode } from '../../shared/invite-code';
import type { ShareInfo } from '../../shared/ipc-contract';
import { CloseCode } from '../../shared/protocol';
import { createStaticServer } from '../host/static-server';
import type { Entrance, Reflector } from '../reflector/reflector';
import { lanAddresses } from './addresses';

export interface ShareOptions {
  reflector: Reflector;
  board: string;
  name: string;
  /** The renderer's web build, served to browsers that join; null serves nothing. */
  webDir: string | null;
  /** Interface to listen on (default every one) and port (default: any free one). */
  host?: string;
  port?: number;
}

export class BoardShare {
  private invite: InviteCode = makeInviteCode();
  private stopped: Promise<void> | null = null;

  private constructor(
    private readonly options: ShareOptions,
    private readonly server: Server,
    private readonly entrance: Entrance,
  ) {}

  static async start(options: ShareOptions): Promise<BoardShare> {
    const server = createStaticServer(options.webDir);
    let share: BoardShare | null = null;
    // Only the current code of this board gets in here; the host's own boards stay on loopback.
    const entrance = options.reflector.attach(server, (ref) =>
      share !== null && ref === share.invite.session ? { board: options.board, password: share.invite.password } : undefined,
    );
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(options.port ?? 0, options.host ?? '0.0.0.0', resolve));
    share = new BoardShare(options, server, entrance);
    return share;
  }

  get info(): ShareInfo {
    const { board, name } = this.options;
    return { board, name, code: this.invite.code, session: this.invite.session, port: this.port, addresses: lanAddresses() };
  }

  get port(): number {
    return (this.server.address() as { port: number }).port;
  }

  /** Ends the current code (whoever is in stays) and issues a new one. */
  newCode(): ShareInfo {
    this.invite = makeInviteCode();
    return this.info;
  }

  /** Disconnects one participant. They can come back only with the code, so issue a new one too if needed. */
  remove(viewId: string): boolean {
    return this.options.reflector.board(this.options.board)?.kick(viewId, CloseCode.Removed, 'the host removed you from this board') ?? false;
  }

  /** Stops sharing: everyone who came in over the LAN is disconnected and the code ends. */
  stop(): Promise<void> {
    this.stopped ??= (async () => {
      await this.entrance.close(CloseCode.SessionEnded, 'the host stopped sharing this board');
      this.server.closeAllConnections();
      await new Promise<void>((resolve) => this.server.close(() => resolve()));
    })();
    return this.stopped;
  }
}
