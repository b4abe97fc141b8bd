/** A hand-driven protocol client, for feeding the reflector exactly the bytes a test is about. */
import WebSocket from 'ws';
import { clientProof, deriveBoardKey } from '../../src/shared/auth';
import { randomBytes } from '../../src/shared/bytes';
import { decodeServerFrame, encodeFrame } from '../../src/shared/frames';
import { PROTOCOL_VERSION, type ClientMsg, type ServerMsg } from '../../src/shared/protocol';

export class RawClient {
  readonly ws: WebSocket;
  readonly received: ServerMsg[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly cnonce = randomBytes(16);

  constructor(url: string) {
    this.ws = new WebSocket(url);
    this.ws.on('message', (data: Buffer) => {
      try {
        this.received.push(decodeServerFrame(data));
      } catch {
        /* the tests look at what decodes */
      }
    });
    this.closed = new Promise((resolve) => this.ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    this.ws.on('error', () => {});
  }

  opened(): Promise<void> {
    return new Promise((resolve) => (this.ws.readyState === WebSocket.OPEN ? resolve() : this.ws.once('open', () => resolve())));
  }

  send(msg: ClientMsg): void {
    this.ws.send(encodeFrame(msg));
  }

  sendBytes(bytes: Uint8Array | string): void {
    this.ws.send(bytes);
  }

  hello(board: string, viewId = 'rawVIEW1'): void {
    this.send({ t: 'hello', v: PROTOCOL_VERSION, board, viewId, cnonce: this.cnonce, user: { name: 'raw', color: '#000000' } });
  }

  async next(type: ServerMsg['t'], ms = 5000): Promise<ServerMsg> {
    const end = Date.now() + ms;
    for (;;) {
      const found = this.received.find((m) => m.t === type);
      if (found) return found;
      if (Date.now() > end) throw new Error(`no ${type} arrived`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** Runs the whole handshake with `secret`, optionally proving with garbage instead. */
  async authenticate(board: string, secret: string, viewId = 'rawVIEW1', badProof = false): Promise<void> {
    await this.opened();
    this.hello(board, viewId);
    const challenge = (await this.next('challenge')) as Extract<ServerMsg, { t: 'challenge' }>;
    const proof = badProof ? randomBytes(32) : clientProof(deriveBoardKey(secret, board), board, this.cnonce, challenge.snonce);
    this.send({ t: 'auth', proof });
  }
}
