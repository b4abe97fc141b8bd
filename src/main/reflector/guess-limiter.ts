/**
 * Slows down password guessing. Every handshake is an attempt charged both to the address it comes
 * from and to the board or code it names; a client that proves itself gets its attempt back, so only
 * failures (wrong proofs, and clients that walk away after seeing the reflector's proof, which is how a
 * guess would be tested) use up the budget. A PAKE allows one guess per attempt, so these buckets bound
 * the guessing rate of an attacker on the LAN, however many addresses it uses, to the per-board rate.
 */
import { RateLimiter } from '../../shared/rate-limiter';

export interface GuessRates {
  perAddress: { perMinute: number; burst: number };
  perBoard: { perMinute: number; burst: number };
}

export const DEFAULT_GUESS_RATES: GuessRates = {
  perAddress: { perMinute: 10, burst: 10 },
  perBoard: { perMinute: 30, burst: 60 },
};

export class GuessLimiter {
  private readonly buckets = new Map<string, RateLimiter>();

  constructor(
    private readonly rates: GuessRates = DEFAULT_GUESS_RATES,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  private bucket(key: string): RateLimiter {
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      if (this.buckets.size >= 10_000) this.forgetIdle();
      const { perMinute, burst } = key.startsWith('addr:') ? this.rates.perAddress : this.rates.perBoard;
      bucket = new RateLimiter(perMinute / 60, burst, this.clock);
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  /** Charges one attempt; null when either budget is spent, else a refund for a successful proof. */
  attempt(address: string, board: string): (() => void) | null {
    const a = this.bucket(`addr:${address}`);
    const b = this.bucket(`board:${board}`);
    if (!a.take()) return null;
    if (!b.take()) {
      a.give();
      return null;
    }
    return () => {
      a.give();
      b.give();
    };
  }

  private forgetIdle(): void {
    for (const [key, bucket] of this.buckets) if (bucket.full) this.buckets.delete(key);
  }
}
