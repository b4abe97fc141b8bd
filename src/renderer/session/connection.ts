/**
 * One WebSocket to the reflector, through the handshake: hello, the reflector's challenge (whose proof
 * we check before proving ourselves), auth. After that every validated frame goes to the session.
 */
import { clientProof, serverProof, verifyProof } from '../../shared/auth';
import { randomBytes } from '../../shared/bytes';
import { decodeServerFrame, encodeFrame } from '../../shared/frames';
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
  key: Uint8Array;
  resume?: { epoch: string; seq: number };
}

export interface ConnectionHandlers {
  message(msg: ServerMsg): void;
  closed(code: number, reason: string): void;
}

const OPEN = 1;

export class Connection {
  private socket: WebSocketLike;
  private cnonce = randomBytes(LIMITS.nonceBytes);
  private authenticated = false;
  private done = false;

  constructor(
    url: string,
    factory: WebSocketFactory,
    private readonly params: HandshakeParams,
    private readonly handlers: ConnectionHandlers,
  ) {
    this.socket = factory(url);
    this.socket.binaryType = 'arraybuffer';
    this.socket.addEventListener('open', () => {
      const { board, viewId, user, resume } = params;
      this.send({ t: 'hello', v: PROTOCOL_VERSION, board, viewId, user, cnonce: this.cnonce, ...(resume ? { resume } : {}) });
    });
    this.socket.addEventListener('message', (event) => this.receive(event.data));
    this.socket.addEventListener('close', (event) => this.finish(event.code, event.reason));
    this.socket.addEventListener('error', () => {
      /* a close event follows; it carries the reason */
    });
  }

  get isOpen(): boolean {
    return this.authenticated && !this.done && this.socket.readyState === OPEN;
  }

  send(msg: ClientMsg): void {
    if (this.socket.readyState === OPEN) this.socket.send(encodeFrame(msg));
  }

  close(code: number = CloseCode.Normal, reason = ''): void {
    if (this.socket.readyState <= OPEN) this.socket.close(code, reason);
    this.finish(code, reason);
  }

  private receive(data: unknown): void {
    if (this.done) return;
    let msg: ServerMsg;
    try {
      const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : (data as Uint8Array);
      msg = decodeServerFrame(bytes);
    } catch (error) {
      this.close(CloseCode.Malformed, `bad frame from reflector: ${(error as Error).message}`);
      return;
    }
    if (!this.authenticated) {
      if (msg.t !== 'challenge') {
        this.close(CloseCode.Malformed, 'reflector skipped the challenge');
        return;
      }
      const { key, board } = this.params;
      if (!verifyProof(serverProof(key, board, this.cnonce, msg.snonce), msg.proof)) {
        // The other end does not know the secret: tell it nothing more.
        this.close(CloseCode.Unauthorized, 'reflector failed to prove it knows the board secret');
        return;
      }
      this.send({ t: 'auth', proof: clientProof(key, board, this.cnonce, msg.snonce) });
      this.authenticated = true;
      return;
    }
    this.handlers.message(msg);
  }

  private finish(code: number, reason: string): void {
    if (this.done) return;
    this.done = true;
    this.handlers.closed(code, reason);
  }
}
