/** One authenticated participant as the reflector sees it. */
import type { WebSocket } from 'ws';
import { encodeFrame } from '../../shared/frames';
import { LIMITS, type ServerMsg, type UserInfo } from '../../shared/protocol';
import { RateLimiter } from './rate-limiter';

export interface Rate {
  perSecond: number;
  burst: number;
}

export interface ClientRates {
  event: Rate;
  ephemeral: Rate;
}

export const DEFAULT_RATES: ClientRates = { event: LIMITS.eventRate, ephemeral: LIMITS.ephemeralRate };

export class ReflectorClient {
  readonly events: RateLimiter;
  readonly ephemeral: RateLimiter;
  /** Set when the board let go of this client (replaced or board closing): its close must not stamp an exit. */
  detached = false;

  constructor(
    readonly socket: WebSocket,
    readonly viewId: string,
    readonly user: UserInfo,
    rates: ClientRates = DEFAULT_RATES,
  ) {
    this.events = new RateLimiter(rates.event.perSecond, rates.event.burst);
    this.ephemeral = new RateLimiter(rates.ephemeral.perSecond, rates.ephemeral.burst);
  }

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
