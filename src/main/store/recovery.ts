/**
 * Which snapshot and which log records a board opens from, decided from what the files hold: pure, so
 * every kind of damage can be tried in a test. The rules, in order:
 * - a snapshot that does not verify, or lies beyond the log's end (a power cut inside the sync window),
 *   is never used;
 * - the newest snapshot from which the log continues is used, whatever is damaged before it (damage in
 *   a segment only older snapshots need costs at most those fallbacks);
 * - the log is followed from there until it breaks; what comes after a break (the damaged segment's
 *   rest, later segments) and every snapshot newer than the one used would describe a history that the
 *   next events no longer follow, so they are set aside (never deleted, never reused).
 */

/** One log segment as read: `events` valid records in sequence from `first`, then maybe damage. */
export interface SegmentScan {
  first: number;
  events: number;
  damaged: boolean;
}

export interface RecoveryPlan {
  /** The snapshot to open from (its seq), or null to replay from the first event. */
  snapshot: number | null;
  /** The events kept after the snapshot: from `from` to `to` (none when `to` < `from`). */
  from: number;
  to: number;
  /** The segment appends go to (cut at its last valid record when `cutTail`), or -1 for a new one starting at `from`. */
  tail: number;
  cutTail: boolean;
  /** Segments (indices) and snapshots (seqs) to set aside. */
  asideSegments: number[];
  asideSnapshots: number[];
}

export class UnrecoverableBoardError extends Error {}

/**
 * `segments` sorted by `first`; `snapshots` the stored snapshots' seqs, newest first; `verifies` reads
 * one (called only for candidates, newest first, so a healthy board reads one snapshot).
 */
export function planRecovery(segments: readonly SegmentScan[], snapshots: readonly number[], verifies: (seq: number) => boolean): RecoveryPlan {
  // The log's end: the last valid event of any segment (a segment that exists but is empty says the log reached first - 1).
  const logEnd = Math.max(0, ...segments.map((s) => s.first - 1 + s.events));
  const rejected: number[] = [];
  const plan = (snapshot: number | null, walk: Walk): RecoveryPlan => {
    const from = (snapshot ?? 0) + 1;
    const asideSegments = walk.tail === -1 ? [] : segments.map((_, i) => i).filter((i) => i > walk.tail);
    return { snapshot, from, to: walk.next - 1, tail: walk.tail, cutTail: walk.cut, asideSegments, asideSnapshots: rejected };
  };
  for (const seq of snapshots) {
    const walk = seq <= logEnd ? follow(segments, seq + 1, logEnd) : null;
    if (walk !== null && verifies(seq)) return plan(seq, walk);
    rejected.push(seq);
  }
  const walk = follow(segments, 1, logEnd);
  if (walk === null) throw new UnrecoverableBoardError('no usable snapshot, and the log does not hold the board from its first event');
  return plan(null, walk);
}

interface Walk {
  /** One past the last event kept. */
  next: number;
  /** The segment that holds the end (-1: none, a new one starts at `next`). */
  tail: number;
  /** The tail segment is damaged after its valid records. */
  cut: boolean;
}

/** Follows the log from event `from` to where it ends; null when it does not hold `from` though it went past it. */
function follow(segments: readonly SegmentScan[], from: number, logEnd: number): Walk | null {
  let next = from;
  let tail = -1;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const end = segment.first + segment.events;
    if (segment.first > next) break;
    if (end < next) continue;
    tail = i;
    next = end;
    // Damage ends the log unless the next segment carries on exactly where the valid records stop.
    if (segment.damaged && segments[i + 1]?.first !== end) return { next, tail, cut: true };
  }
  // No segment holds event `from`: fine only when the log never got that far.
  if (tail === -1) return logEnd < from ? { next: from, tail: -1, cut: false } : null;
  return { next, tail, cut: false };
}
