/** A token bucket: `perSecond` sustained, `burst` at once. */
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
