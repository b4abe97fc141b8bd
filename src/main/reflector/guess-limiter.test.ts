import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GuessLimiter, type GuessRequest } from './guess-limiter';

const RATES = { perAddress: { perMinute: 60, burst: 3 }, perBoard: { perMinute: 60, burst: 2 }, maxWaiting: 3 };

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function limiter() {
  const guesses = new GuessLimiter(RATES, () => Date.now());
  const admitted: string[] = [];
  const refunds = new Map<string, () => void>();
  const ask = (address: string, board = 'b'): GuessRequest =>
    guesses.request(address, board, (refund) => {
      admitted.push(address);
      refunds.set(address, refund);
    });
  return { guesses, admitted, refunds, ask };
}

describe('GuessLimiter', () => {
  it('lets hellos through while the budgets last', () => {
    const { admitted, ask } = limiter();
    ask('10.0.0.1');
    ask('10.0.0.2');
    expect(admitted).toEqual(['10.0.0.1', '10.0.0.2']);
  });

  it('makes hellos wait their turn once the board budget is spent, first come first served', () => {
    const { admitted, ask } = limiter();
    for (const a of ['g1', 'g2', 'g3', 'honest']) expect('refused' in ask(a)).toBe(false);
    expect(admitted).toEqual(['g1', 'g2']);
    vi.advanceTimersByTime(1000);
    expect(admitted).toEqual(['g1', 'g2', 'g3']);
    vi.advanceTimersByTime(1000);
    expect(admitted).toEqual(['g1', 'g2', 'g3', 'honest']);
  });

  it('never charges the board budget for an address that has proven that board', () => {
    const { admitted, refunds, ask } = limiter();
    ask('friend');
    refunds.get('friend')!(); // it proved itself
    ask('g1');
    ask('g2');
    ask('g3'); // the budget is spent: g3 waits
    ask('friend');
    expect(admitted).toEqual(['friend', 'g1', 'g2', 'friend']);
    // ...but only for that board
    ask('friend', 'other');
    expect(admitted.at(-1)).toBe('friend');
  });

  it('refuses a second waiting hello from one address, and past the waiting room', () => {
    const { ask } = limiter();
    ask('g1');
    ask('g2');
    expect('refused' in ask('g3')).toBe(false);
    expect(ask('g3')).toEqual({ refused: expect.stringMatching(/too many attempts at this board/) });
    ask('g4');
    ask('g5');
    expect(ask('g6')).toEqual({ refused: expect.stringMatching(/too many attempts at this board/) });
  });

  it('refuses an address that has spent its own budget, proven or not', () => {
    const { ask } = limiter();
    for (let i = 0; i < 3; i++) ask('g1', `board${i}`);
    expect(ask('g1', 'board9')).toEqual({ refused: expect.stringMatching(/from this address/) });
  });

  it('forgets a withdrawn hello: it is not admitted and its attempt is given back', () => {
    const { admitted, ask } = limiter();
    ask('g1');
    ask('g2');
    const waiting = ask('g3');
    if (!('withdraw' in waiting)) throw new Error('expected to wait');
    waiting.withdraw();
    vi.advanceTimersByTime(5000);
    expect(admitted).toEqual(['g1', 'g2']);
    for (let i = 0; i < 3; i++) expect('refused' in ask('g3', `board${i}`)).toBe(false); // all 3 tokens back
  });
});
