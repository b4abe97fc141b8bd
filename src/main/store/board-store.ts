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
import { writeFileAtomic } from './atomic-write';
import { EventLog, readRecords } from './event-log';
import { boardDir, parseSeqName, seqName } from './paths';
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
  truncatedBytes: number;
  skippedSnapshots: number[];
}

export class BoardStore {
  constructor(readonly dataDir: string) {
    fs.mkdirSync(path.join(dataDir, 'boards'), { recursive: true });
  }

  exists(boardId: string): boolean {
    return fs.existsSync(path.join(boardDir(this.dataDir, boardId), 'meta.json'));
  }

  /** Every board whose metadata reads, newest change first. */
  list(): BoardMeta[] {
    const out: BoardMeta[] = [];
    for (const name of fs.readdirSync(path.join(this.dataDir, 'boards'))) {
      if (!isBoardId(name)) continue;
      const meta = readMeta(boardDir(this.dataDir, name));
      if (meta) out.push(meta);
    }
    return out.sort((a, b) => b.lastChange - a.lastChange);
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
    let meta = readMeta(dir);
    if (meta === null) {
      const now = Date.now();
      meta = { id: boardId, name, created: now, lastChange: now, events: 0, snapshotSeq: 0 };
      writeMeta(dir, meta);
    }
    return new OpenBoard(dir, meta);
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
  readonly recovery: RecoveryReport = { truncatedBytes: 0, skippedSnapshots: [] };
  private segments: Segment[] = [];
  private log: EventLog;

  constructor(
    private readonly dir: string,
    readonly meta: BoardMeta,
  ) {
    this.segments = this.listSegments();
    const all = this.readLog();
    this.log = this.openTail();
    this.chooseSnapshot(all);
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

  /** Reads all segments; stops at the first damaged record or gap, which ends the usable log. */
  private readLog(): { event: StampedEvent; record: Uint8Array }[] {
    const events: { event: StampedEvent; record: Uint8Array }[] = [];
    let tailValid = 0;
    for (let i = 0; i < this.segments.length; i++) {
      const seg = this.segments[i]!;
      if (!fs.existsSync(seg.file)) continue;
      const { records, validLength, fileLength } = readRecords(seg.file);
      let broken = validLength < fileLength;
      let kept = 0;
      for (const record of records) {
        let event: StampedEvent;
        try {
          event = decodeEvent(record);
        } catch {
          broken = true;
          break;
        }
        const expected = events.length > 0 ? events[events.length - 1]!.event[0] + 1 : event[0];
        if (event[0] !== expected) {
          broken = true;
          break;
        }
        events.push({ event, record });
        kept += 8 + record.length;
      }
      if (broken) {
        // Everything from the damage on is lost; later segments would leave a gap, so they go too.
        this.recovery.truncatedBytes += fileLength - kept;
        for (const later of this.segments.splice(i + 1)) {
          this.recovery.truncatedBytes += fs.statSync(later.file).size;
          fs.rmSync(later.file);
        }
        tailValid = kept;
        break;
      }
      tailValid = kept;
    }
    this.tailValidLength = tailValid;
    return events;
  }

  private tailValidLength = 0;

  private openTail(): EventLog {
    return new EventLog(this.segments[this.segments.length - 1]!.file, this.tailValidLength);
  }

  /** The newest snapshot that verifies and from which the log continues unbroken. */
  private chooseSnapshot(all: { event: StampedEvent; record: Uint8Array }[]): void {
    const snapDir = path.join(this.dir, 'snapshots');
    const seqs = fs
      .readdirSync(snapDir)
      .map((name) => parseSeqName(name, '.snap'))
      .filter((s): s is number => s !== null)
      .sort((a, b) => b - a);
    const firstLogged = all.length > 0 ? all[0]!.event[0] : this.segments[0]!.first;
    const lastLogged = all.length > 0 ? all[all.length - 1]!.event[0] : firstLogged - 1;
    for (const seq of seqs) {
      const snap = decodeSnapshotFile(fs.readFileSync(path.join(snapDir, seqName(seq, '.snap'))));
      const continues = seq >= firstLogged - 1 && seq <= lastLogged;
      if (snap !== null && snap.seq === seq && continues) {
        this.snapshot = snap;
        break;
      }
      this.recovery.skippedSnapshots.push(seq);
    }
    const from = this.snapshot?.seq ?? 0;
    if (this.snapshot === null && firstLogged !== 1) {
      throw new Error(`board ${this.meta.id}: no usable snapshot and the log starts at event ${firstLogged}; it cannot be rebuilt`);
    }
    const after = all.filter(({ event }) => event[0] > from);
    this.tail = after.map(({ record }) => new Uint8Array(record)); // copies: the file's buffer holds older events too
    const last = after.at(-1)?.event;
    this.lastSeq = last?.[0] ?? from;
    this.lastTime = last?.[1] ?? this.snapshot?.time ?? 0;
    for (const [view, cseq] of this.snapshot?.acked ?? []) this.acked.set(view, cseq);
    for (const { event: e } of after) if (e[2] === EventKind.User) this.acked.set(e[3], e[4]);
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
      this.segments.push({ first: next, file: path.join(this.dir, 'log', seqName(next, '.log')) });
      this.log = new EventLog(this.segments[this.segments.length - 1]!.file, 0);
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
