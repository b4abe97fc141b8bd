/**
 * A token bucket: `perSecond` sustained, `burst` at once. The reflector holds each client to one; a
 * client paces what it sends by its own, a little slower, so it never runs into the reflector's.
 */
export class RateLimiter {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.last = clock();
  }

  private refill(): void {
    const now = this.clock();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
  }

  /** Takes `n` tokens; false (and nothing taken) means the caller is over its rate. */
  take(n = 1): boolean {
    this.refill();
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }

  /** Whole tokens there are now. */
  available(): number {
    this.refill();
    return Math.floor(this.tokens);
  }

  /** Milliseconds until `n` tokens (at most the burst) are there. */
  msUntil(n: number): number {
    this.refill();
    return Math.max(0, ((Math.min(n, this.burst) - this.tokens) / this.perSecond) * 1000);
  }

  /** Gives a token back (the thing it paid for turned out not to count). */
  give(): void {
    this.tokens = Math.min(this.burst, this.tokens + 1);
  }

  /** True when the bucket has refilled completely, i.e. it remembers nothing worth keeping. */
  get full(): boolean {
    this.refill();
    return this.tokens >= this.burst;
  }
}
