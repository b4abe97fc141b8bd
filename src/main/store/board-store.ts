/**
 * The boards on the host's disk, one folder each:
 *   meta.json                 name, created, last change, counts (rewritten atomically)
 *   snapshots/<seq>.snap      the latest KEEP_SNAPSHOTS snapshots (atomic writes)
 *   log/<first seq>.log       append-only event log segments; a new one starts at each stored snapshot
 * Opening takes the newest snapshot that verifies and has an unbroken log after it, then every valid
 * record after it; a torn log tail and a damaged newest snapshot are recovered from, not fatal.
 */
import fs from 'node:fs';
import path from 'node:path';
import { decodeEvent, encodeEvent } from '../../shared/frames';
import { isBoardId } from '../../shared/ids';
import { EventKind, type StampedEvent } from '../../shared/protocol';
import { fsyncDir, writeFileAtomic } from './atomic-write';
import { EventLog, readRecords, RECORD_HEADER } from './event-log';
import { boardDir, parseSeqName, seqName } from './paths';
import { planRecovery, type SegmentScan } from './recovery';
import { decodeSnapshotFile, encodeSnapshotFile, type StoredSnapshot } from './snapshot-file';

export const KEEP_SNAPSHOTS = 3;

export interface BoardMeta {
  id: string;
  name: string;
  created: number;
  lastChange: number;
  /** Sequence number of the newest event. */
  events: number;
  /** Sequence number the newest stored snapshot was taken at (0: none). */
  snapshotSeq: number;
}

/** What recovery found and did, for the host's log and for tests. */
export interface RecoveryReport {
  /** Log bytes the board no longer follows (a damaged tail, segments after a break): all kept in set-aside/. */
  truncatedBytes: number;
  /** Snapshots not used: damaged, beyond the log's end, or newer than where the log could be followed. */
  skippedSnapshots: number[];
  /** Files moved or copied into set-aside/, relative to the board's folder. */
  setAside: string[];
  /** Leftover temporary files of interrupted atomic writes, removed. */
  removedTemp: number;
  /** meta.json was missing or damaged and was written anew. */
  metaRebuilt: boolean;
}

/** The host's log lines for what recovery did; none for a board that opened cleanly. */
export function describeRecovery(report: RecoveryReport): string[] {
  const lines: string[] = [];
  if (report.metaRebuilt) lines.push('meta.json was missing or damaged: written anew as "Recovered board" (its name is lost; its content is not)');
  if (report.removedTemp > 0) lines.push(`removed ${report.removedTemp} temporary file(s) of interrupted writes`);
  if (report.skippedSnapshots.length > 0) lines.push(`did not use snapshot(s) at ${report.skippedSnapshots.join(', ')} (damaged, beyond the log's end, or past where the log breaks)`);
  if (report.truncatedBytes > 0) lines.push(`the log breaks: ${report.truncatedBytes} byte(s) after it are no longer followed`);
  if (report.setAside.length > 0) lines.push(`kept in the board's folder for inspection: ${report.setAside.join(', ')}`);
  return lines;
}

/** Where recovery puts what a board no longer follows. */
export const SET_ASIDE = 'set-aside';

/** Removes `*.tmp` files that interrupted atomic writes left in the board's folder and its snapshots. */
function removeTempFiles(dir: string): number {
  let removed = 0;
  for (const folder of [dir, path.join(dir, 'snapshots')]) {
    for (const name of fs.readdirSync(folder)) {
      if (!name.endsWith('.tmp')) continue;
      fs.rmSync(path.join(folder, name), { force: true });
      removed++;
    }
  }
  return removed;
}

/** Reads one segment's valid records; a record out of sequence counts as damage, like a bad checksum. */
function readSegment(segment: Segment): ReadSegment {
  if (!fs.existsSync(segment.file)) return { first: segment.first, events: 0, damaged: false, records: [], validBytes: 0, fileBytes: 0 };
  const { records, validLength, fileLength } = readRecords(segment.file);
  const kept: ReadSegment['records'] = [];
  let validBytes = 0;
  for (const record of records) {
    let event: StampedEvent;
    try {
      event = decodeEvent(record);
    } catch {
      break;
    }
    if (event[0] !== segment.first + kept.length) break;
    kept.push({ event, record });
    validBytes += RECORD_HEADER + record.length;
  }
  return { first: segment.first, events: kept.length, damaged: validBytes < fileLength || validLength < fileLength, records: kept, validBytes, fileBytes: fileLength };
}

export class BoardStore {
  constructor(readonly dataDir: string) {
    fs.mkdirSync(path.join(dataDir, 'boards'), { recursive: true });
  }

  exists(boardId: string): boolean {
    return fs.existsSync(path.join(boardDir(this.dataDir, boardId), 'meta.json'));
  }

  /** Every board, newest change first (one whose metadata was lost is listed as rebuilt). */
  list(): BoardMeta[] {
    const out: BoardMeta[] = [];
    for (const name of fs.readdirSync(path.join(this.dataDir, 'boards'))) {
      if (!isBoardId(name)) continue;
      const meta = this.readOrRebuildMeta(boardDir(this.dataDir, name), name);
      if (meta) out.push(meta);
    }
    return out.sort((a, b) => b.lastChange - a.lastChange);
  }

  /** Boards whose meta.json this store rebuilt, until their next open reports it. */
  private readonly rebuilt = new Set<string>();

  /**
   * The board's metadata; when it is missing, empty or damaged but the board has a log or snapshots, a
   * new one is written (the name is lost: it becomes "Recovered board") and the next open reports it.
   */
  private readOrRebuildMeta(dir: string, boardId: string): BoardMeta | null {
    const meta = readMeta(dir);
    if (meta !== null) return meta;
    const has = (sub: string) => fs.existsSync(path.join(dir, sub)) && fs.readdirSync(path.join(dir, sub)).length > 0;
    if (!has('log') && !has('snapshots')) return null;
    const now = Date.now();
    const rebuilt: BoardMeta = { id: boardId, name: 'Recovered board', created: now, lastChange: now, events: 0, snapshotSeq: 0 };
    writeMeta(dir, rebuilt);
    this.rebuilt.add(boardId);
    return rebuilt;
  }

  /** Creates an empty board (its folder and metadata), not opened. */
  create(boardId: string, name: string): BoardMeta {
    const dir = boardDir(this.dataDir, boardId);
    if (fs.existsSync(dir)) throw new Error(`board ${boardId} exists already`);
    for (const sub of ['snapshots', 'log']) fs.mkdirSync(path.join(dir, sub), { recursive: true });
    const now = Date.now();
    const meta: BoardMeta = { id: boardId, name, created: now, lastChange: now, events: 0, snapshotSeq: 0 };
    writeMeta(dir, meta);
    return meta;
  }

  /** A board's metadata, or null when there is no such board (or it does not read). */
  meta(boardId: string): BoardMeta | null {
    return readMeta(boardDir(this.dataDir, boardId));
  }

  /** Opens a board, creating it if it does not exist. One process may hold a board open at a time. */
  open(boardId: string, name = boardId): OpenBoard {
    const dir = boardDir(this.dataDir, boardId);
    for (const sub of ['snapshots', 'log']) fs.mkdirSync(path.join(dir, sub), { recursive: true });
    let meta = this.readOrRebuildMeta(dir, boardId);
    if (meta === null) {
      const now = Date.now();
      meta = { id: boardId, name, created: now, lastChange: now, events: 0, snapshotSeq: 0 };
      writeMeta(dir, meta);
    }
    return new OpenBoard(dir, meta, this.rebuilt.delete(boardId));
  }
}

export function writeMeta(dir: string, meta: BoardMeta): void {
  writeFileAtomic(path.join(dir, 'meta.json'), JSON.stringify(meta, null, 2));
}

export function readMeta(dir: string): BoardMeta | null {
  try {
    const meta = JSON.parse(fs.readFileSync(path.join(dir, 'meta.json'), 'utf8')) as BoardMeta;
    return typeof meta.id === 'string' && typeof meta.name === 'string' ? meta : null;
  } catch {
    return null;
  }
}

interface Segment {
  first: number;
  file: string;
}

/** A segment as read at open: its valid records decoded, in sequence from its first. */
interface ReadSegment extends SegmentScan {
  records: { event: StampedEvent; record: Uint8Array }[];
  validBytes: number;
  fileBytes: number;
}

export class OpenBoard {
  snapshot: StoredSnapshot | null = null;
  /**
   * Every event after the snapshot, in order, as its log record holds it: one small object each for the
   * garbage collector to trace, where a decoded event is four, and ready to send as they are.
   */
  private tail: Uint8Array[] = [];
  lastSeq = 0;
  lastTime = 0;
  /** Per view, the highest client sequence in the board (snapshot's plus the log's). */
  readonly acked = new Map<string, number>();
  readonly recovery: RecoveryReport;
  private segments: Segment[] = [];
  private log: EventLog;

  constructor(
    private readonly dir: string,
    readonly meta: BoardMeta,
    metaRebuilt = false,
  ) {
    this.recovery = { truncatedBytes: 0, skippedSnapshots: [], setAside: [], removedTemp: removeTempFiles(dir), metaRebuilt };
    this.segments = this.listSegments();
    const read = this.segments.map((segment) => readSegment(segment));
    const snapDir = path.join(dir, 'snapshots');
    const snapshotFile = (seq: number) => path.join(snapDir, seqName(seq, '.snap'));
    const stored = fs
      .readdirSync(snapDir)
      .map((name) => parseSeqName(name, '.snap'))
      .filter((s): s is number => s !== null)
      .sort((a, b) => b - a);
    // Reads a candidate; the last one read that verifies is the one the plan opens from.
    const verifies = (seq: number) => {
      const snap = decodeSnapshotFile(fs.readFileSync(snapshotFile(seq)));
      this.snapshot = snap !== null && snap.seq === seq ? snap : null;
      return this.snapshot !== null;
    };
    const plan = planRecovery(read, stored, verifies);

    // What the board no longer follows is moved aside, for a person to inspect; nothing is deleted.
    for (const seq of plan.asideSnapshots) this.setAside(snapshotFile(seq));
    for (const index of plan.asideSegments.reverse()) {
      this.recovery.truncatedBytes += read[index]!.fileBytes;
      this.setAside(this.segments[index]!.file);
    }
    this.recovery.skippedSnapshots = plan.asideSnapshots;
    let validLength = 0;
    if (plan.tail === -1) {
      this.segments = this.segments.filter((segment) => fs.existsSync(segment.file) && segment.first < plan.from);
      this.segments.push({ first: plan.from, file: path.join(dir, 'log', seqName(plan.from, '.log')) });
    } else {
      this.segments = this.segments.slice(0, plan.tail + 1);
      const tail = read[plan.tail]!;
      validLength = tail.validBytes;
      if (plan.cutTail) {
        this.recovery.truncatedBytes += tail.fileBytes - tail.validBytes;
        this.setAside(this.segments[plan.tail]!.file, true);
      }
    }
    this.log = new EventLog(this.segments.at(-1)!.file, validLength);

    const after = read.flatMap((segment) => segment.records).filter(({ event }) => event[0] >= plan.from && event[0] <= plan.to);
    this.tail = after.map(({ record }) => new Uint8Array(record)); // copies: the file's buffer holds older events too
    const last = after.at(-1)?.event;
    this.lastSeq = last?.[0] ?? plan.from - 1;
    this.lastTime = last?.[1] ?? this.snapshot?.time ?? 0;
    for (const [view, cseq] of this.snapshot?.acked ?? []) this.acked.set(view, cseq);
    for (const { event: e } of after) if (e[2] === EventKind.User) this.acked.set(e[3], e[4]);
  }

  /** The encodings of the events after `seq`, which is the snapshot's or later. */
  encodedEventsAfter(seq: number): Uint8Array[] {
    return this.tail.slice(this.tail.length - (this.lastSeq - seq));
  }

  /** The events after the snapshot, decoded: for export and inspection, not for every join. */
  eventsAfterSnapshot(): StampedEvent[] {
    return this.tail.map(decodeEvent);
  }

  private listSegments(): Segment[] {
    const logDir = path.join(this.dir, 'log');
    const segments: Segment[] = [];
    for (const name of fs.readdirSync(logDir)) {
      const first = parseSeqName(name, '.log');
      if (first !== null) segments.push({ first, file: path.join(logDir, name) });
    }
    segments.sort((a, b) => a.first - b.first);
    if (segments.length === 0) segments.push({ first: 1, file: path.join(logDir, seqName(1, '.log')) });
    return segments;
  }

  /** Moves a file into `set-aside/` (or copies it there, when it stays in use cut short). */
  private setAside(file: string, copy = false): void {
    const asideDir = path.join(this.dir, SET_ASIDE);
    fs.mkdirSync(asideDir, { recursive: true });
    const target = path.join(asideDir, `${Date.now()}-${path.basename(path.dirname(file))}-${path.basename(file)}`);
    if (copy) fs.copyFileSync(file, target);
    else fs.renameSync(file, target);
    fsyncDir(asideDir);
    this.recovery.setAside.push(path.relative(this.dir, target));
  }

  /**
   * Hands the events (the next in sequence) to the operating system; call before broadcasting them.
   * `encoded`: their encodings, when the caller has them already.
   */
  append(events: readonly StampedEvent[], encoded: readonly Uint8Array[] = events.map(encodeEvent)): void {
    if (events.length === 0) return;
    this.log.append(encoded);
    for (const e of encoded) this.tail.push(e);
    const last = events[events.length - 1]!;
    this.lastSeq = last[0];
    this.lastTime = last[1];
    if (events.some((e) => e[2] === EventKind.User)) this.meta.lastChange = Date.now();
    for (const e of events) if (e[2] === EventKind.User) this.acked.set(e[3], e[4]);
  }

  /** Stores a verified snapshot atomically, starts a new log segment and drops what no kept snapshot needs. */
  async storeSnapshot(snapshot: StoredSnapshot): Promise<void> {
    const snapDir = path.join(this.dir, 'snapshots');
    writeFileAtomic(path.join(snapDir, seqName(snapshot.seq, '.snap')), encodeSnapshotFile(snapshot));
    this.snapshot = snapshot;
    this.tail = this.encodedEventsAfter(snapshot.seq);

    // New segment from the next event on, so older segments can be dropped whole. The new log takes
    // appends at once; the old one is synced and closed behind it.
    const next = this.lastSeq + 1;
    const previous = this.log;
    if (next !== this.segments[this.segments.length - 1]!.first) {
      const file = path.join(this.dir, 'log', seqName(next, '.log'));
      this.log = new EventLog(file, 0); // first: if it cannot be made, the board goes on in the old segment
      this.segments.push({ first: next, file });
      await previous.close();
    }

    const kept = fs
      .readdirSync(snapDir)
      .map((name) => parseSeqName(name, '.snap'))
      .filter((s): s is number => s !== null)
      .sort((a, b) => b - a);
    for (const old of kept.slice(KEEP_SNAPSHOTS)) fs.rmSync(path.join(snapDir, seqName(old, '.snap')));
    const oldestKept = kept.slice(0, KEEP_SNAPSHOTS).at(-1) ?? snapshot.seq;
    // A segment whose events all precede the oldest kept snapshot is needed by none of them.
    while (this.segments.length > 1 && this.segments[1]!.first - 1 <= oldestKept) {
      fs.rmSync(this.segments.shift()!.file, { force: true });
    }
    this.writeMeta();
  }

  writeMeta(): void {
    this.meta.events = this.lastSeq;
    this.meta.snapshotSeq = this.snapshot?.seq ?? 0;
    writeMeta(this.dir, this.meta);
  }

  /** Forces the log to stable storage. */
  flush(): Promise<void> {
    return this.log.sync();
  }

  async close(): Promise<void> {
    await this.log.close();
    this.writeMeta();
  }
}
