import { describe, expect, it } from 'vitest';
import { planRecovery, UnrecoverableBoardError, type SegmentScan } from './recovery';

const seg = (first: number, events: number, damaged = false): SegmentScan => ({ first, events, damaged });
/** Stored snapshots, newest first; `300!` is one that does not verify. */
function plan(segments: SegmentScan[], ...stored: (number | `${number}!`)[]) {
  const seqs = stored.map((s) => (typeof s === 'number' ? s : Number(s.slice(0, -1))));
  return planRecovery(segments, seqs, (seq) => stored.includes(seq));
}

describe('recovery planning', () => {
  it('opens from the newest snapshot when only the oldest segment is damaged, and touches nothing', () => {
    const result = plan([seg(1, 40, true), seg(101, 100), seg(201, 100), seg(301, 50)], 300, 200, 100);
    expect(result).toEqual({ snapshot: 300, from: 301, to: 350, tail: 3, cutTail: false, asideSegments: [], asideSnapshots: [] });
  });

  it('opens from the newest snapshot whatever is damaged in the segments before it', () => {
    expect(plan([seg(101, 100), seg(201, 30, true), seg(301, 50)], 300, 200, 100)).toMatchObject({ snapshot: 300, to: 350, asideSegments: [] });
  });

  it('with the newest snapshot damaged too, follows the log to its break and sets the rest aside', () => {
    const result = plan([seg(101, 100), seg(201, 30, true), seg(301, 50)], '300!', 200, 100);
    expect(result).toEqual({ snapshot: 200, from: 201, to: 230, tail: 1, cutTail: true, asideSegments: [2], asideSnapshots: [300] });
  });

  it('sets aside a snapshot beyond the log end, and uses one the log reached', () => {
    expect(plan([seg(201, 80)], 300, 200)).toMatchObject({ snapshot: 200, to: 280, asideSnapshots: [300] });
    // The segment started after the snapshot exists: the log reached it, so it is the board's state.
    expect(plan([seg(201, 80), seg(301, 0)], 300, 200)).toMatchObject({ snapshot: 300, to: 300, tail: 1, asideSnapshots: [] });
  });

  it('sets aside a newer snapshot the log cannot continue from, so it is never taken after new events pass it', () => {
    const result = plan([seg(201, 49, true), seg(301, 10)], 280, 200);
    expect(result).toEqual({ snapshot: 200, from: 201, to: 249, tail: 0, cutTail: true, asideSegments: [1], asideSnapshots: [280] });
  });

  it('replays from the first event without a snapshot, up to the first damage', () => {
    expect(plan([seg(1, 10, true), seg(101, 5)])).toEqual({ snapshot: null, from: 1, to: 10, tail: 0, cutTail: true, asideSegments: [1], asideSnapshots: [] });
    expect(plan([seg(1, 19, true)])).toMatchObject({ to: 19, cutTail: true, asideSegments: [] });
  });

  it('follows a snapshot taken behind the newest event into the segment that holds it', () => {
    expect(plan([seg(1, 100), seg(101, 50)], 40)).toMatchObject({ snapshot: 40, from: 41, to: 150, tail: 1 });
  });

  it('carries on over damage that the next segment continues after', () => {
    expect(plan([seg(1, 100, true), seg(101, 50)])).toMatchObject({ to: 150, tail: 1, cutTail: false, asideSegments: [] });
  });

  it('opens an empty board, and an imported one whose log starts after its snapshot', () => {
    expect(plan([seg(1, 0)])).toMatchObject({ snapshot: null, to: 0, tail: 0 });
    expect(plan([seg(501, 0)], 500)).toMatchObject({ snapshot: 500, to: 500, tail: 0 });
  });

  it('says so when nothing can rebuild the board', () => {
    expect(() => plan([seg(101, 10)])).toThrow(UnrecoverableBoardError);
    expect(() => plan([seg(101, 10)], '100!')).toThrow(UnrecoverableBoardError);
  });
});
