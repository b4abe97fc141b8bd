import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LIMITS } from '../../shared/protocol';
import { RateLimiter } from '../../shared/rate-limiter';
import { EventBatcher, eventFrames, type OutgoingEvent } from './event-batcher';

const ev = (cseq: number, bytes = 1): OutgoingEvent => ({ cseq, data: new Uint8Array(bytes) });
const run = (from: number, n: number, bytes = 1) => Array.from({ length: n }, (_, i) => ev(from + i, bytes));

describe('eventFrames', () => {
  it('keeps consecutive events together and splits at a gap in the counters', () => {
    const frames = eventFrames([ev(1), ev(2), ev(3), ev(7), ev(8)]);
    expect(frames.map((f) => f.map((e) => e.cseq))).toEqual([[1, 2, 3], [7, 8]]);
  });

  it('splits at the per-frame count and byte limits', () => {
    expect(eventFrames(run(1, LIMITS.maxEventsPerFrame * 2 + 1)).map((f) => f.length)).toEqual([LIMITS.maxEventsPerFrame, LIMITS.maxEventsPerFrame, 1]);
    const big = eventFrames(run(1, 40, LIMITS.maxEventBytes));
    for (const frame of big) expect(frame.reduce((n, e) => n + e.data.length, 0)).toBeLessThan(LIMITS.maxFrameBytes);
    expect(big.flat().map((e) => e.cseq)).toEqual(run(1, 40).map((e) => e.cseq));
  });
});

describe('EventBatcher', () => {
  let sent: [number, number][];
  let batcher: EventBatcher;
  const tick = () => Promise.resolve();

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    sent = [];
    batcher = new EventBatcher((first, data) => sent.push([first, data.length]), 16);
  });
  afterEach(() => vi.useRealTimers());

  it('sends an idle client’s events once the current task ends, together', async () => {
    for (const e of run(1, 3)) batcher.push(e);
    expect(sent).toEqual([]);
    await tick();
    expect(sent).toEqual([[1, 3]]);
  });

  it('holds a busy client to one frame per interval', async () => {
    batcher.push(ev(1));
    await tick();
    batcher.push(ev(2));
    batcher.push(ev(3));
    await tick();
    expect(sent).toEqual([[1, 1]]);
    vi.advanceTimersByTime(15);
    batcher.push(ev(4));
    expect(sent).toEqual([[1, 1]]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([[1, 1], [2, 3]]);
  });

  it('flush sends at once; clear forgets what is queued', async () => {
    batcher.push(ev(1));
    batcher.flush();
    expect(sent).toEqual([[1, 1]]);
    batcher.push(ev(2));
    batcher.clear();
    vi.advanceTimersByTime(100);
    await tick();
    expect(sent).toEqual([[1, 1]]);
  });

  it('paces a large resend under the reflector\'s event rate, sending all of it', async () => {
    const reflector = new RateLimiter(LIMITS.eventRate.perSecond, LIMITS.eventRate.burst);
    const refused: number[] = [];
    const paced = new EventBatcher((first, data) => {
      sent.push([first, data.length]);
      if (!reflector.take(data.length)) refused.push(first);
    }, 16);
    paced.resend(run(1, 600));
    for (let ms = 0; ms < 15_000 && paced.waiting > 0; ms += 50) {
      vi.advanceTimersByTime(50);
      await tick();
    }
    expect(refused).toEqual([]);
    expect(sent.reduce((n, [, count]) => n + count, 0)).toBe(600);
    expect(sent.map(([first]) => first)).toEqual([...sent.map(([first]) => first)].sort((x, y) => x - y));
  });
});
