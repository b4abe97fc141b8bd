/**
 * One WebSocket to the reflector, through the handshake: hello with our PAKE share, the reflector's
 * challenge (whose proof we check before proving ourselves), auth. After that every frame is sealed both
 * ways, and every frame that opens and validates goes to the session. A host that goes silent (the
 * reflector sends something every tick) closes the connection, so a cut network is noticed in seconds.
 */
import { decodeServerFrame, encodeFrame } from '../../shared/frames';
import { ClientHandshake, type ClientChannel } from '../../shared/handshake';
import { CloseCode, LIMITS, PROTOCOL_VERSION, type ClientMsg, type ServerMsg, type UserInfo } from '../../shared/protocol';

/** The part of the WebSocket API we use: the browser's, and the `ws` package's in Node. */
export interface WebSocketLike {
  binaryType: string;
  readonly readyState: number;
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open', fn: () => void): void;
  addEventListener(type: 'message', fn: (event: { data: unknown }) => void): void;
  addEventListener(type: 'close', fn: (event: { code: number; reason: string }) => void): void;
  addEventListener(type: 'error', fn: (event: unknown) => void): void;
}
export type WebSocketFactory = (url: string) => WebSocketLike;

export interface HandshakeParams {
  board: string;
  viewId: string;
  user: UserInfo;
  /** The board secret or the invite code's password part: never sent, only agreed on. */
  password: string;
  resume?: { epoch: string; seq: number };
}

export interface ConnectionHandlers {
  message(msg: ServerMsg): void;
  closed(code: number, reason: string): void;
}

const OPEN = 1;

/** The close code (never sent: the path is gone) when the host has been silent too long. */
const SILENT_CLOSE = 4000;
/** How often silence is checked. */
const CHECK_EVERY_MS = 1000;

export class Connection {
  private socket: WebSocketLike;
  private readonly handshake: ClientHandshake;
  private channel: ClientChannel | null = null;
  private done = false;
  private welcomed = false;
  private lastHeard = performance.now();
  private lastCheck = performance.now();
  private readonly watchdog: ReturnType<typeof setInterval>;

  constructor(
    url: string,
    factory: WebSocketFactory,
    private readonly params: HandshakeParams,
    private readonly handlers: ConnectionHandlers,
  ) {
    this.handshake = new ClientHandshake(params.board, params.password);
    this.socket = factory(url);
    this.socket.binaryType = 'arraybuffer';
    this.socket.addEventListener('open', () => {
      const { sid, share } = this.handshake;
      this.send({ t: 'hello', v: PROTOCOL_VERSION, board: params.board, sid, share });
    });
    this.socket.addEventListener('message', (event) => this.receive(event.data));
    this.socket.addEventListener('close', (event) => this.finish(event.code, event.reason));
    this.socket.addEventListener('error', () => {
      /* a close event follows; it carries the reason */
    });
    this.watchdog = setInterval(() => this.checkLiveness(), CHECK_EVERY_MS);
  }

  private checkLiveness(): void {
    const now = performance.now();
    // A late check means this thread was busy or throttled (a hidden tab): frames may be waiting
    // behind it, so silence cannot be judged from this gap.
    if (now - this.lastCheck > 2 * CHECK_EVERY_MS + 250) this.lastHeard = now;
    this.lastCheck = now;
    const allowed = this.channel !== null && !this.welcomed ? LIMITS.welcomeSilenceMs : LIMITS.silenceMs;
    if (now - this.lastHeard > allowed) this.close(SILENT_CLOSE, `no word from the host for ${Math.round(allowed / 1000)} s`);
  }

  get isOpen(): boolean {
    return this.channel !== null && !this.done && this.socket.readyState === OPEN;
  }

  send(msg: ClientMsg): void {
    if (this.socket.readyState !== OPEN) return;
    const frame = encodeFrame(msg);
    this.socket.send(this.channel ? this.channel.outgoing.seal(frame) : frame);
  }

  close(code: number = CloseCode.Normal, reason = ''): void {
    if (this.socket.readyState <= OPEN) this.socket.close(code, reason);
    this.finish(code, reason);
  }

  private receive(data: unknown): void {
    if (this.done) return;
    this.lastHeard = performance.now();
    let msg: ServerMsg;
    try {
      const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : (data as Uint8Array);
      msg = this.channel ? this.channel.incoming.open(bytes) : decodeServerFrame(bytes);
    } catch (error) {
      this.close(CloseCode.Malformed, `bad frame from reflector: ${(error as Error).message}`);
      return;
    }
    if (this.channel === null) {
      if (msg.t !== 'challenge') {
        this.close(CloseCode.Malformed, 'reflector skipped the challenge');
        return;
      }
      const answer = this.handshake.answer(msg.share, msg.proof);
      if (answer === null) {
        // The other end does not hold the same password (a wrong code, or not the host): tell it nothing more.
        this.close(CloseCode.Unauthorized, 'wrong code or secret: the host could not prove it holds the same one');
        return;
      }
      const { viewId, user, resume } = this.params;
      const join = answer.channel.outgoing.seal(encodeFrame({ viewId, user, ...(resume ? { resume } : {}) }));
      this.send({ t: 'auth', proof: answer.proof, join });
      this.channel = answer.channel;
      return;
    }
    if (msg.t === 'rekey') return; // the channel took the new key as it opened the frame
    if (msg.t === 'welcome') this.welcomed = true;
    this.handlers.message(msg);
  }

  private finish(code: number, reason: string): void {
    if (this.done) return;
    this.done = true;
    clearInterval(this.watchdog);
    this.handlers.closed(code, reason);
  }
}
