/**
 * Slows down password guessing without locking honest people out. Every handshake tests one guess (a
 * PAKE allows no more), so every hello is charged to the address it comes from and to the board or code
 * it names; a client that proves itself gets its attempt back, and its address is remembered as having
 * proven that board: it is never charged to the board's budget again. When the board's budget is spent,
 * hellos wait their turn (first come, one per address) instead of being refused, so a crowd of guessers
 * slows everyone down but cannot keep an honest joiner out. The rates bound online guessing: at the
 * default 5 guesses a second per board, a 40-bit code lasts thousands of years on average.
 */
import { RateLimiter } from '../../shared/rate-limiter';

export interface GuessRates {
  perAddress: { perMinute: number; burst: number };
  perBoard: { perMinute: number; burst: number };
  /** Most hellos that wait for one board's budget at a time; past that they are refused. */
  maxWaiting: number;
}

export const DEFAULT_GUESS_RATES: GuessRates = {
  perAddress: { perMinute: 10, burst: 10 },
  perBoard: { perMinute: 300, burst: 60 },
  maxWaiting: 32,
};

/** Called when a hello may go on to the challenge; `refund` once the client has proven itself. */
export type Admit = (refund: () => void) => void;

export type GuessRequest = { refused: string } | { withdraw: () => void };

interface Waiter {
  address: string;
  /** Admits it, charged to the board's budget (the caller has taken the token). */
  go: () => void;
}

/** How many (board, address) pairs that proved themselves are remembered; the oldest go first. */
const MAX_PROVEN = 4096;
const MAX_BUCKETS = 10_000;

export class GuessLimiter {
  private readonly buckets = new Map<string, RateLimiter>();
  private readonly proven = new Set<string>();
  private readonly waiting = new Map<string, Waiter[]>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly rates: GuessRates = DEFAULT_GUESS_RATES,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /**
   * Asks to test one guess at `board` from `address`. `admit` runs now or when the board's budget
   * allows, unless the request is refused at once or withdrawn (the connection went away) first.
   */
  request(address: string, board: string, admit: Admit): GuessRequest {
    const a = this.bucket(`addr:${address}`, this.rates.perAddress);
    if (!a.take()) return { refused: 'too many wrong attempts from this address: wait a minute and try again' };
    const pair = `${board}\n${address}`;
    if (this.proven.has(pair)) {
      admit(() => a.give());
      return { withdraw: () => {} };
    }
    const b = this.bucket(`board:${board}`, this.rates.perBoard);
    const queue = this.waiting.get(board) ?? [];
    const refund = () => {
      a.give();
      b.give();
      this.remember(pair);
    };
    if (queue.length === 0 && b.take()) {
      admit(refund);
      return { withdraw: () => {} };
    }
    if (queue.some((w) => w.address === address) || queue.length >= this.rates.maxWaiting) {
      a.give();
      return { refused: 'too many attempts at this board right now: trying again shortly' };
    }
    const waiter: Waiter = { address, go: () => admit(refund) };
    queue.push(waiter);
    this.waiting.set(board, queue);
    this.schedule(board, b);
    return {
      withdraw: () => {
        const at = queue.indexOf(waiter);
        if (at < 0) return;
        queue.splice(at, 1);
        a.give(); // it never tested its guess
      },
    };
  }

  /** Stops the timers of waiting hellos (the reflector is closing). */
  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.waiting.clear();
  }

  private schedule(board: string, bucket: RateLimiter): void {
    if (this.timers.has(board)) return;
    const timer = setTimeout(() => {
      this.timers.delete(board);
      const queue = this.waiting.get(board) ?? [];
      while (queue.length > 0 && bucket.take()) queue.shift()!.go();
      if (queue.length > 0) this.schedule(board, bucket);
      else this.waiting.delete(board);
    }, Math.ceil(bucket.msUntil(1)));
    timer.unref?.();
    this.timers.set(board, timer);
  }

  private bucket(key: string, rate: { perMinute: number; burst: number }): RateLimiter {
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      if (this.buckets.size >= MAX_BUCKETS) this.forgetIdle();
      bucket = new RateLimiter(rate.perMinute / 60, rate.burst, this.clock);
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  private remember(pair: string): void {
    this.proven.delete(pair);
    this.proven.add(pair);
    if (this.proven.size > MAX_PROVEN) this.proven.delete(this.proven.values().next().value!);
  }

  private forgetIdle(): void {
    for (const [key, bucket] of this.buckets) if (bucket.full) this.buckets.delete(key);
  }
}
