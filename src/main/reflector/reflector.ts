/**
 * The reflector: a WebSocket server that admits clients who prove, through the PAKE, that they hold a
 * board's password, and hands them to that board's session over a sealed channel. Every frame is
 * opened and validated; a bad one closes that one connection with a close code and a reason, and
 * touches nothing else.
 */
import { createServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { decodeClientFrame, decodeJoinInfo, encodeFrame } from '../../shared/frames';
import { ServerHandshake, type SealedChannel } from '../../shared/handshake';
import { CloseCode, LIMITS, PROTOCOL_VERSION, type ClientMsg, type HelloMsg, type JoinInfo } from '../../shared/protocol';
import { ValidationError } from '../../shared/validate';
import { describeRecovery, type BoardStore } from '../store/board-store';
import { BoardSession, DEFAULT_POLICY, type BoardPolicy, type Logger } from './board-session';
import { DEFAULT_RATES, ReflectorClient, type ClientRates } from './client';
import { closeSocket } from './close-socket';
import { guardConnections } from './connection-guard';
import { DEFAULT_GUESS_RATES, GuessLimiter, type GuessRates } from './guess-limiter';
import { Heartbeat } from './heartbeat';
import { nativeAead } from './native-aead';

/** What a hello's board reference stands for: the board to serve and the password to agree on. */
export interface Admission {
  board: string;
  password: string;
}

export interface ReflectorOptions {
  store: BoardStore;
  /** A board id (or an invite code's session part) resolved to what it admits to, or undefined to refuse. */
  resolve(ref: string): Admission | undefined;
  port?: number;
  host?: string;
  /** Attach to an existing HTTP server instead of listening on a port. */
  server?: HttpServer;
  policy?: Partial<BoardPolicy>;
  /** Per-client rate limits (default: LIMITS in the protocol). */
  rates?: ClientRates;
  /** How fast wrong passwords may be tried (default: DEFAULT_GUESS_RATES). */
  guessRates?: Partial<GuessRates>;
  log?: Logger;
}

type Phase =
  | { name: 'hello' }
  /** The board's guess budget is spent: the hello waits its turn for a challenge. */
  | { name: 'waiting'; withdraw: () => void }
  | { name: 'auth'; hello: HelloMsg; admission: Admission; handshake: ServerHandshake; refund: () => void }
  | { name: 'joined'; client: ReflectorClient; board: BoardSession; channel: SealedChannel };

/** A further way in (e.g. the LAN listener while a board is shared), with its own admissions. */
export interface Entrance {
  /** Closes every connection that came in through it and stops listening on its server. */
  close(code: number, reason: string): Promise<void>;
}

/** The frame limit is the frame as sent (sealed), exactly: one byte more closes with 1009. */
const WS_OPTIONS = { maxPayload: LIMITS.maxFrameBytes, perMessageDeflate: false };

export class Reflector {
  private wss: WebSocketServer;
  private entrances = new Set<WebSocketServer>();
  private boards = new Map<string, BoardSession>();
  private readonly policy: BoardPolicy;
  private readonly log: Logger;
  private closing = false;
  private readonly guesses: GuessLimiter;
  private readonly heartbeat: Heartbeat;

  private constructor(
    private readonly options: ReflectorOptions,
    wss: WebSocketServer,
    /** The HTTP server it made for itself (none when it was given one), closed with it. */
    private readonly ownServer: HttpServer | null,
  ) {
    this.wss = wss;
    this.policy = { ...DEFAULT_POLICY, ...options.policy };
    this.log = options.log ?? (() => {});
    this.guesses = new GuessLimiter({ ...DEFAULT_GUESS_RATES, ...options.guessRates });
    this.heartbeat = new Heartbeat(LIMITS.pingMs, LIMITS.peerSilenceMs, (socket) => {
      this.log(`dropped a connection silent for over ${LIMITS.peerSilenceMs / 1000} s`);
      socket.terminate();
    });
    wss.on('connection', (socket, request) => this.accept(socket, request, options.resolve));
  }

  static async start(options: ReflectorOptions): Promise<Reflector> {
    const ownServer = options.server ? null : createServer((_, res) => res.writeHead(426, { 'Content-Type': 'text/plain' }).end('a Lanvas reflector: connect with WebSocket\n'));
    const server = options.server ?? ownServer!;
    guardConnections(server);
    // The frame limit sits in ws itself, so an oversized frame is refused (1009) before it is buffered.
    const wss = new WebSocketServer({ ...WS_OPTIONS, server });
    if (ownServer) await new Promise<void>((resolve, reject) => ownServer.once('error', reject).listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
    return new Reflector(options, wss, ownServer);
  }

  /** The port it listens on (when it made its own server). */
  get port(): number {
    return (this.wss.address() as AddressInfo).port;
  }

  /**
   * Admits clients arriving on another HTTP server to the same boards, with their own resolver: so
   * the host's window on loopback and joiners on the LAN share one board session.
   */
  attach(server: HttpServer, resolve: (ref: string) => Admission | undefined): Entrance {
    guardConnections(server);
    const wss = new WebSocketServer({ ...WS_OPTIONS, server });
    this.entrances.add(wss);
    wss.on('connection', (socket, request) => this.accept(socket, request, resolve));
    return {
      close: async (code, reason) => {
        this.entrances.delete(wss);
        for (const socket of wss.clients) closeSocket(socket, code, reason);
        await new Promise<void>((done) => wss.close(() => done()));
      },
    };
  }

  /** Flushes and closes one board (its clients are disconnected); the next join reopens it. */
  async closeBoard(boardId: string): Promise<void> {
    const board = this.boards.get(boardId);
    this.boards.delete(boardId);
    await board?.close();
  }

  board(boardId: string): BoardSession | undefined {
    return this.boards.get(boardId);
  }

  private openBoard(boardId: string): BoardSession {
    let board = this.boards.get(boardId);
    if (board === undefined) {
      const open = this.options.store.open(boardId);
      for (const line of describeRecovery(open.recovery)) this.log(`board ${boardId}: ${line}`);
      board = new BoardSession(open, this.policy, this.log);
      this.boards.set(boardId, board);
      this.log(`board ${boardId}: opened at event ${open.lastSeq}${open.snapshot ? ` (snapshot at ${open.snapshot.seq})` : ''}`);
    }
    return board;
  }

  private accept(socket: WebSocket, request: IncomingMessage, resolveRef: ReflectorOptions['resolve']): void {
    const address = request.socket.remoteAddress ?? 'unknown';
    if (this.closing) {
      closeSocket(socket, CloseCode.ServerShutdown, 'host is shutting down');
      return;
    }
    this.heartbeat.watch(socket);
    let phase: Phase = { name: 'hello' };
    const reject = (code: number, reason: string) => {
      closeSocket(socket, code, reason);
      socket.removeAllListeners('message');
    };
    const authTimer = setTimeout(() => {
      if (phase.name !== 'joined') reject(CloseCode.AuthTimeout, 'no proof in time');
    }, LIMITS.authTimeoutMs);

    socket.on('message', (data: RawData, isBinary: boolean) => {
      if (!isBinary) return reject(CloseCode.Malformed, 'binary frames only');
      let msg: ClientMsg;
      try {
        const bytes = data as Buffer;
        msg = decodeClientFrame(phase.name === 'joined' ? phase.channel.incoming.open(bytes) : bytes);
      } catch (error) {
        return reject(CloseCode.Malformed, error instanceof ValidationError ? error.message : 'malformed or unsealed frame');
      }
      switch (phase.name) {
        case 'hello': {
          if (msg.t !== 'hello') return reject(CloseCode.Malformed, 'expected hello');
          if (msg.v !== PROTOCOL_VERSION) return reject(CloseCode.VersionMismatch, `protocol ${msg.v} is not ${PROTOCOL_VERSION}`);
          const admission = resolveRef(msg.board);
          if (admission === undefined) return reject(CloseCode.UnknownBoard, 'no such board or code here');
          const hello = msg;
          // The handshake's work is done only once the hello is let through, so refused ones cost nothing.
          const request = this.guesses.request(address, msg.board, (refund) => {
            if (socket.readyState !== socket.OPEN) return;
            let handshake: ServerHandshake;
            try {
              handshake = new ServerHandshake(hello.board, admission.password, hello.sid, hello.share, nativeAead);
            } catch {
              return reject(CloseCode.Malformed, 'hello.share is not a valid key share');
            }
            socket.send(encodeFrame({ t: 'challenge', share: handshake.share, proof: handshake.proof }));
            phase = { name: 'auth', hello, admission, handshake, refund };
          });
          if ('refused' in request) return reject(CloseCode.RateLimited, request.refused);
          if (phase.name === 'hello') phase = { name: 'waiting', withdraw: request.withdraw };
          return;
        }
        case 'waiting':
          return reject(CloseCode.Malformed, 'expected nothing before the challenge');
        case 'auth': {
          if (msg.t !== 'auth') return reject(CloseCode.Malformed, 'expected auth');
          const { hello, admission, handshake, refund } = phase;
          const channel = handshake.verify(msg.proof);
          if (channel === null) {
            this.log(`refused ${address} for ${hello.board}: wrong proof`);
            return reject(CloseCode.Unauthorized, 'wrong proof');
          }
          refund();
          clearTimeout(authTimer);
          let join: JoinInfo;
          try {
            join = decodeJoinInfo(channel.incoming.open(msg.join));
          } catch (error) {
            return reject(CloseCode.Malformed, error instanceof ValidationError ? error.message : 'auth.join does not open');
          }
          if (this.closing) return reject(CloseCode.ServerShutdown, 'host is shutting down');
          let board: BoardSession;
          try {
            board = this.openBoard(admission.board);
          } catch (error) {
            // One board that cannot be opened is refused; every other board and client goes on.
            this.log(`board ${admission.board}: cannot be opened: ${(error as Error).message}`);
            return reject(CloseCode.BoardUnavailable, 'the host cannot open this board');
          }
          const client = new ReflectorClient(socket, join.viewId, join.user, channel.outgoing, this.options.rates ?? DEFAULT_RATES);
          phase = { name: 'joined', client, board, channel };
          board.join(client, join.resume);
          return;
        }
        case 'joined': {
          const { client, board } = phase;
          switch (msg.t) {
            case 'publish':
              if (!client.events.take(msg.data.length)) return reject(CloseCode.RateLimited, 'too many events');
              return board.events(client, msg.first, msg.data);
            case 'eph':
              if (!client.ephemeral.take()) return reject(CloseCode.RateLimited, 'too many ephemeral messages');
              return board.ephemeral(client, msg.data);
            case 'snap-hash':
              return board.snapshotHash(client, msg.seq, msg.hash);
            case 'snap-now':
              if (!client.events.take()) return reject(CloseCode.RateLimited, 'too many events');
              return board.snapshotNow(client);
            case 'snap-chunk':
              if (!board.snapshotChunk(client, msg)) return reject(CloseCode.TooLarge, 'snapshot upload out of order or too large');
              return;
            default:
              return reject(CloseCode.Malformed, `unexpected ${msg.t}`);
          }
        }
      }
    });
    socket.on('close', () => {
      clearTimeout(authTimer);
      if (phase.name === 'waiting') phase.withdraw();
      if (phase.name === 'joined') phase.board.leave(phase.client);
    });
    socket.on('error', () => {
      /* ws reports protocol errors (e.g. an oversized frame, 1009) and then closes the socket */
    });
  }

  /** Closes every connection, flushes and closes every board. */
  async close(): Promise<void> {
    this.closing = true;
    this.heartbeat.stop();
    this.guesses.stop();
    await Promise.all([...this.boards.values()].map((b) => b.close()));
    this.boards.clear();
    for (const wss of [this.wss, ...this.entrances]) {
      for (const socket of wss.clients) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    }
    this.entrances.clear();
    if (this.ownServer) {
      this.ownServer.closeAllConnections();
      await new Promise<void>((resolve) => this.ownServer!.close(() => resolve()));
    }
  }
}
