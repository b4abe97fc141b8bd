/** One authenticated participant as the reflector sees it. */
import type { WebSocket } from 'ws';
import { encodeFrame } from '../../shared/frames';
import { LIMITS, type ServerMsg, type UserInfo } from '../../shared/protocol';
import { RateLimiter } from './rate-limiter';

export class ReflectorClient {
  readonly events = new RateLimiter(LIMITS.eventRate.perSecond, LIMITS.eventRate.burst);
  readonly ephemeral = new RateLimiter(LIMITS.ephemeralRate.perSecond, LIMITS.ephemeralRate.burst);
  /** Set when the board let go of this client (replaced or board closing): its close must not stamp an exit. */
  detached = false;

  constructor(
    readonly socket: WebSocket,
    readonly viewId: string,
    readonly user: UserInfo,
  ) {}

  send(msg: ServerMsg): void {
    this.sendRaw(encodeFrame(msg));
  }

  /** Sends bytes already encoded once for many clients. */
  sendRaw(bytes: Uint8Array): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(bytes);
  }

  close(code: number, reason: string): void {
    this.socket.close(code, reason);
  }
}
