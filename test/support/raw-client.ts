/** A hand-driven protocol client, for feeding the reflector exactly the bytes a test is about. */
import WebSocket from 'ws';
import { randomBytes } from '../../src/shared/bytes';
import { decodeServerFrame, encodeFrame } from '../../src/shared/frames';
import { ClientHandshake, type ClientChannel } from '../../src/shared/handshake';
import { PROTOCOL_VERSION, type ClientMsg, type ServerMsg } from '../../src/shared/protocol';

export class RawClient {
  readonly ws: WebSocket;
  readonly received: ServerMsg[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private handshake: ClientHandshake | null = null;
  /** Set once authenticated: frames are sealed both ways from then on. */
  channel: ClientChannel | null = null;

  /** `localAddress`: the source address to connect from (127.0.0.x), as if from another host. */
  constructor(url: string, localAddress?: string) {
    this.ws = new WebSocket(url, { localAddress });
    this.ws.on('message', (data: Buffer) => {
      try {
        this.received.push(this.channel ? this.channel.incoming.open(data) : decodeServerFrame(data));
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
    const frame = encodeFrame(msg);
    this.ws.send(this.channel ? this.channel.outgoing.seal(frame) : frame);
  }

  /** Sends bytes as they are: not sealed, even after the handshake. */
  sendBytes(bytes: Uint8Array | string): void {
    this.ws.send(bytes);
  }

  /** Who this client says it is, sealed in its auth. */
  private viewId = 'rawVIEW1';

  hello(board: string, password: string, viewId = 'rawVIEW1'): void {
    this.handshake = new ClientHandshake(board, password);
    this.viewId = viewId;
    const { sid, share } = this.handshake;
    this.send({ t: 'hello', v: PROTOCOL_VERSION, board, sid, share });
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

  /**
   * Runs the whole handshake with `password`. With the wrong one the reflector's proof does not check
   * out and there is nothing right to answer, so the client proves with garbage, as would `badProof`.
   * Returns whether the reflector's proof checked out.
   */
  async authenticate(board: string, password: string, viewId = 'rawVIEW1', badProof = false): Promise<boolean> {
    await this.opened();
    this.hello(board, password, viewId);
    const challenge = (await this.next('challenge')) as Extract<ServerMsg, { t: 'challenge' }>;
    const answer = this.handshake!.answer(challenge.share, challenge.proof);
    if (answer === null || badProof) {
      this.send({ t: 'auth', proof: randomBytes(32), join: randomBytes(64) });
      return answer !== null;
    }
    const join = answer.channel.outgoing.seal(encodeFrame({ viewId: this.viewId, user: { name: 'raw client', color: '#000000' } }));
    this.send({ t: 'auth', proof: answer.proof, join });
    this.channel = answer.channel;
    return true;
  }
}
