/** One authenticated participant as the reflector sees it, behind its sealed channel. */
import type { WebSocket } from 'ws';
import { Envelope, inEnvelope, type FrameCipher } from '../../shared/frame-cipher';
import { encodeFrame } from '../../shared/frames';
import { LIMITS, type ServerMsg, type UserInfo } from '../../shared/protocol';
import { closeSocket } from './close-socket';
import { RateLimiter } from '../../shared/rate-limiter';

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
  /** This view's last event counter the board has stamped: anything at or below it is a resend. */
  lastCseq = 0;

  constructor(
    readonly socket: WebSocket,
    readonly viewId: string,
    readonly user: UserInfo,
    private readonly outgoing: FrameCipher,
    rates: ClientRates = DEFAULT_RATES,
  ) {
    this.events = new RateLimiter(rates.event.perSecond, rates.event.burst);
    this.ephemeral = new RateLimiter(rates.ephemeral.perSecond, rates.ephemeral.burst);
  }

  /** Sends what is for this participant alone, sealed with its connection's key. */
  send(msg: ServerMsg): void {
    this.sendFrame(encodeFrame(msg));
  }

  /** Sends a frame already encoded, for this participant alone. */
  sendFrame(frame: Uint8Array): void {
    this.sendSealed(inEnvelope(Envelope.Direct, this.outgoing.seal(frame)));
  }

  /** Sends a frame already sealed: a board broadcast, sealed once for every participant. */
  sendSealed(bytes: Uint8Array): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(bytes);
  }

  close(code: number, reason: string): void {
    closeSocket(this.socket, code, reason);
  }
}
