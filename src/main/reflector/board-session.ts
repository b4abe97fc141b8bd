/**
 * One board being served: it stamps every event with the next sequence number and the reflector's
 * monotonic time, writes it to the board's log, then broadcasts it (broadcast is the acknowledgement).
 * It also drives ticks, snapshots (ask one replica, compare every replica's hash, store only on
 * agreement) and the ephemeral relay. What every participant gets is sealed once, with the board's
 * broadcast key, which changes whenever somebody leaves.
 */
import { bytesEqual, concatBytes, randomBytes, randomId, toHex } from '../../shared/bytes';
import { Envelope, FrameCipher, inEnvelope } from '../../shared/frame-cipher';
import { encodeEvent, encodeFrame, encodeWithEvents } from '../../shared/frames';
import { BATCH_MS, CloseCode, EventKind, LIMITS, type JoinInfo, type ServerMsg, type SnapChunkMsg, type StampedEvent, type WelcomeMsg } from '../../shared/protocol';
import type { OpenBoard } from '../store/board-store';
import { inflateDigest } from '../store/inflate-digest';
import type { ReflectorClient } from './client';
import { nativeAead } from './native-aead';

export interface BoardPolicy {
  /** Ask for a snapshot after this many events... */
  snapshotEveryEvents: number;
  /** ...or after this much time with at least one event. */
  snapshotEveryMs: number;
  /** Give up on a snapshot round not finished by then. */
  snapshotTimeoutMs: number;
  /** Replicas that have not reported their hash by then are left out of the round's vote. */
  snapshotHashTimeoutMs: number;
  /** Time advances by ticks when no events flow. */
  tickMs: number;
  /**
   * A busy board sends at most one events frame per this many ms (events in between ride together, so
   * fan-out is paid per batch, not per event); an idle one sends at once, so a lone event never waits.
   * One display frame: nobody sees the difference, and the relay does a fraction of the work.
   */
  batchMs: number;
}

export const DEFAULT_POLICY: BoardPolicy = {
  snapshotEveryEvents: 1000,
  snapshotEveryMs: 30_000,
  snapshotTimeoutMs: 20_000,
  snapshotHashTimeoutMs: 10_000,
  tickMs: 100,
  batchMs: BATCH_MS,
};

interface SnapshotRound {
  seq: number;
  time: number;
  uploader: string;
  /** Who must report a hash: the views connected when it was asked for. */
  expected: Set<string>;
  hashes: Map<string, Uint8Array>;
  /** What the upload's first chunk announced; every later chunk must say the same. */
  announced: Pick<SnapChunkMsg, 'hash' | 'count' | 'size'> | null;
  chunks: Uint8Array[];
  chunkBytes: number;
  upload: Upload | null;
  acked: [string, number][];
  timer: ReturnType<typeof setTimeout>;
  /** Past the hash deadline: the round is decided by those who reported. */
  hashesDue: boolean;
  hashTimer: ReturnType<typeof setTimeout>;
  settled: boolean;
}

interface Upload {
  hash: Uint8Array;
  /** Announced length once inflated. */
  size: number;
  bytes: Uint8Array;
}

/** Most chunks a snapshot of the largest allowed size takes. */
const MAX_CHUNKS = Math.ceil(LIMITS.maxSnapshotBytes / LIMITS.snapshotChunkBytes);

/** A failed round doubles the wait before the next one, up to this many times the usual. */
const MAX_BACKOFF = 16;

export type Logger = (line: string) => void;

/** What an event waiting to be saved holds in memory, roughly: its payload, or a small record. */
const waitingBytes = (event: StampedEvent) => (event[2] === EventKind.User ? (event[5] as Uint8Array).length : 64);

export class BoardSession {
  /** Changes every time the board is opened: clients of an earlier incarnation rebuild from the store. */
  readonly epoch = randomId(9);
  readonly clients = new Map<string, ReflectorClient>();
  private seq: number;
  private readonly timeBase: number;
  private readonly clockStart = performance.now();
  private lastTime: number;
  private outbox: StampedEvent[] = [];
  private flushScheduled = false;
  private lastFlush = -Infinity;
  private lastSentTime = 0;
  private tickTimer: ReturnType<typeof setInterval>;
  private lastSnapshotTime: number;
  private round: SnapshotRound | null = null;
  /** Where the last round was asked for, and how much longer than usual to wait after failures. */
  private lastRoundSeq = 0;
  private backoff = 1;
  /** Views that were outvoted or failed to upload: not chosen to upload while others are there. */
  private readonly suspects = new Set<string>();
  private closed = false;
  /** Set while the log cannot be written (a full disk): stamped events wait in the outbox, unsent. */
  private storageFailure: { retry: ReturnType<typeof setInterval>; bytes: number } | null = null;
  private broadcastKey = randomBytes(LIMITS.keyBytes);
  private broadcastCipher = new FrameCipher(this.broadcastKey, nativeAead);

  constructor(
    readonly board: OpenBoard,
    private readonly policy: BoardPolicy,
    private readonly log: Logger,
  ) {
    this.seq = board.lastSeq;
    this.timeBase = this.lastTime = board.lastTime;
    this.lastSnapshotTime = board.snapshot?.time ?? 0;
    // Whoever the model thinks is present was connected to an earlier incarnation: they are gone.
    this.stamp(EventKind.Presence, '', 0, []);
    this.tickTimer = setInterval(() => this.tick(), policy.tickMs);
    this.tickTimer.unref?.();
  }

  get id(): string {
    return this.board.meta.id;
  }

  /** Reflector time in whole ms, never behind anything already stamped. */
  private now(): number {
    const t = Math.floor(this.timeBase + performance.now() - this.clockStart);
    if (t > this.lastTime) this.lastTime = t;
    return this.lastTime;
  }

  private stamp(kind: EventKind, viewId: string, cseq: number, data: StampedEvent[5]): StampedEvent {
    const event: StampedEvent = [++this.seq, this.now(), kind, viewId, cseq, data];
    this.outbox.push(event);
    if (this.storageFailure) this.storageFailure.bytes += waitingBytes(event);
    else if (!this.flushScheduled) {
      this.flushScheduled = true;
      const wait = this.lastFlush + this.policy.batchMs - performance.now();
      if (wait <= 0) setImmediate(() => this.flush());
      else setTimeout(() => this.flush(), wait);
    }
    return event;
  }

  /**
   * Writes the batch to the log, then sends it to everyone in one frame. When the write fails (a full
   * disk), nothing is sent: the batch waits, everyone is told the host cannot save, and the write is
   * retried until it works.
   */
  flush(): void {
    this.flushScheduled = false;
    if (this.outbox.length === 0) return;
    this.lastFlush = performance.now();
    const batch = this.outbox;
    const encoded = batch.map(encodeEvent);
    try {
      this.board.append(batch, encoded);
    } catch (error) {
      this.cannotSave(error as Error);
      return;
    }
    this.outbox = [];
    if (this.storageFailure) this.canSaveAgain();
    this.broadcastFrame(encodeWithEvents({ t: 'events' }, encoded));
    this.lastSentTime = batch[batch.length - 1]![1];
    this.maybeSnapshot();
  }

  private cannotSave(error: Error): void {
    if (this.storageFailure) return;
    this.log(`board ${this.id}: CANNOT SAVE: ${error.message}; ${this.outbox.length} event(s) wait, nothing is acknowledged until the log can be written`);
    const bytes = this.outbox.reduce((sum, e) => sum + waitingBytes(e), 0);
    this.storageFailure = { retry: setInterval(() => this.flush(), LIMITS.storageRetryMs), bytes };
    this.storageFailure.retry.unref?.();
    this.broadcast({ t: 'storage', ok: false });
  }

  private canSaveAgain(): void {
    clearInterval(this.storageFailure!.retry);
    this.storageFailure = null;
    this.log(`board ${this.id}: saving again`);
    this.broadcast({ t: 'storage', ok: true });
  }

  private tick(): void {
    // While nothing can be saved, time stands still for everyone; the notice keeps the connections alive.
    if (this.storageFailure) {
      if (this.clients.size > 0) this.broadcast({ t: 'storage', ok: false });
      return;
    }
    // Events waiting in the outbox carry earlier times. A tick sent ahead of them would let replicas run
    // futures due before those events; a replica rebuilt from the log (which holds no ticks) would run
    // them after, and diverge. The pending flush moves time on instead.
    if (this.clients.size === 0 || this.outbox.length > 0) return;
    const time = this.now();
    if (time - this.lastSentTime < this.policy.tickMs) return;
    this.lastSentTime = time;
    this.broadcast({ t: 'tick', time });
    this.maybeSnapshot();
  }

  /** Encoded and sealed once, however many participants there are. */
  private broadcast(msg: ServerMsg): void {
    this.broadcastFrame(encodeFrame(msg));
  }

  private broadcastFrame(frame: Uint8Array): void {
    if (this.clients.size === 0) return;
    const sealed = inEnvelope(Envelope.Broadcast, this.broadcastCipher.seal(frame));
    for (const client of this.clients.values()) client.sendSealed(sealed);
  }

  /**
   * Someone left: from now on broadcasts are sealed with a key they never saw, so what they might still
   * overhear on the network stays closed to them. Each remaining participant gets it over its own key.
   */
  private rekey(): void {
    this.broadcastKey = randomBytes(LIMITS.keyBytes);
    this.broadcastCipher = new FrameCipher(this.broadcastKey, nativeAead);
    for (const client of this.clients.values()) client.send({ t: 'rekey', key: this.broadcastKey });
  }

  // ---- participants ----

  join(client: ReflectorClient, resume: JoinInfo['resume']): void {
    const previous = this.clients.get(client.viewId);
    if (previous) {
      previous.detached = true;
      this.clients.delete(client.viewId);
      previous.close(CloseCode.Replaced, 'replaced by a newer connection of the same view');
      this.rekey();
      this.stamp(EventKind.Exit, previous.viewId, 0, null);
    }
    this.flush(); // the welcome must hold everything stamped so far (all of it that is saved)
    // What is stamped but not yet saved counts too: the client will resend it, and it must not go in twice.
    client.lastCseq = this.board.acked.get(client.viewId) ?? 0;
    for (const e of this.outbox) if (e[2] === EventKind.User && e[3] === client.viewId) client.lastCseq = Math.max(client.lastCseq, e[4]);
    client.sendFrame(this.welcome(client.viewId, resume));
    this.clients.set(client.viewId, client);
    this.stamp(EventKind.Join, client.viewId, 0, client.user);
    this.log(`board ${this.id}: ${client.user.name} (${client.viewId}) joined; ${this.clients.size} connected`);
  }

  /** The welcome frame: packed here because the events go in as the log's encodings. */
  private welcome(viewId: string, resume: JoinInfo['resume']): Uint8Array {
    const { board } = this;
    const firstInMemory = board.snapshot?.seq ?? 0;
    const canResume = resume !== undefined && resume.epoch === this.epoch && resume.seq >= firstInMemory && resume.seq <= this.seq;
    const from = canResume ? resume.seq : firstInMemory;
    const welcome: Omit<WelcomeMsg, 'events'> = {
      t: 'welcome',
      board: this.id,
      epoch: this.epoch,
      // Events still waiting to be saved come later, in an events frame: the welcome's time must not pass theirs.
      time: this.outbox.length > 0 ? board.lastTime : this.now(),
      resumed: canResume,
      snapshot: canResume || board.snapshot === null ? null : { seq: board.snapshot.seq, time: board.snapshot.time, hash: board.snapshot.hash, bytes: board.snapshot.bytes },
      ackedClientSeq: board.acked.get(viewId) ?? 0,
      broadcast: { key: this.broadcastKey, next: this.broadcastCipher.next },
    };
    return encodeWithEvents(welcome, board.encodedEventsAfter(from));
  }

  leave(client: ReflectorClient): void {
    if (client.detached || this.clients.get(client.viewId) !== client) return;
    this.clients.delete(client.viewId);
    this.round?.expected.delete(client.viewId);
    if (this.closed) return;
    this.rekey();
    this.stamp(EventKind.Exit, client.viewId, 0, null);
    this.log(`board ${this.id}: ${client.user.name} (${client.viewId}) left; ${this.clients.size} connected`);
    if (this.round?.uploader === client.viewId && this.round.upload === null) this.abandonRound('the uploader left');
    else if (this.round) this.settleRound();
  }

  /** Disconnects one participant (its exit is stamped as it closes); false if it is not connected. */
  kick(viewId: string, code: number, reason: string): boolean {
    const client = this.clients.get(viewId);
    client?.close(code, reason);
    return client !== undefined;
  }

  /** Events `first`, `first + 1`, ... of one view, in the order it published them. */
  events(client: ReflectorClient, first: number, data: readonly Uint8Array[]): void {
    if (this.storageFailure && this.storageFailure.bytes > LIMITS.maxUnsavedBytes) {
      // Not stamped: the client keeps these as unacknowledged and resends them when it is back.
      client.close(CloseCode.BoardUnavailable, 'the host cannot save now');
      return;
    }
    for (let i = 0; i < data.length; i++) {
      const cseq = first + i;
      // A resend of something already sequenced (after a reconnect) is dropped, not applied twice.
      if (cseq <= client.lastCseq) continue;
      client.lastCseq = cseq;
      this.stamp(EventKind.User, client.viewId, cseq, data[i]!);
    }
  }

  ephemeral(client: ReflectorClient, data: Uint8Array): void {
    this.broadcast({ t: 'eph', from: client.viewId, data }); // the sender's own session ignores it
  }

  // ---- snapshots ----

  private maybeSnapshot(): void {
    if (this.round !== null || this.clients.size === 0 || this.closed) return;
    // Counted from the last round asked for, stored or not, and slower after failures: a round that keeps
    // failing must not make every replica serialise its board at every tick.
    const since = this.seq - Math.max(this.board.snapshot?.seq ?? 0, this.lastRoundSeq);
    const due = since >= this.policy.snapshotEveryEvents * this.backoff || (since > 1 && this.now() - this.lastSnapshotTime >= this.policy.snapshotEveryMs * this.backoff);
    if (due) this.requestSnapshot();
  }

  /** A client wants the board stored as it is now: a round if anything happened since the last one. */
  snapshotNow(client: ReflectorClient): void {
    if (this.seq > (this.board.snapshot?.seq ?? 0)) this.requestSnapshot();
    else client.send({ t: 'snap-stored', seq: this.seq });
  }

  /** Stamps a snapshot marker: every replica hashes its state after it; one uploads it. */
  requestSnapshot(): void {
    if (this.round !== null || this.clients.size === 0 || this.seq === (this.board.snapshot?.seq ?? 0)) return;
    const views = [...this.clients.keys()];
    const uploader = views.find((v) => !this.suspects.has(v)) ?? views[0]!;
    const event = this.stamp(EventKind.Snapshot, '', 0, uploader);
    this.round = {
      seq: event[0],
      time: event[1],
      uploader,
      expected: new Set(this.clients.keys()),
      hashes: new Map(),
      announced: null,
      chunks: [],
      chunkBytes: 0,
      upload: null,
      acked: [...this.board.acked],
      timer: setTimeout(() => this.abandonRound('timed out'), this.policy.snapshotTimeoutMs),
      hashesDue: false,
      hashTimer: setTimeout(() => {
        if (this.round?.seq !== event[0]) return;
        this.round.hashesDue = true;
        this.settleRound();
      }, this.policy.snapshotHashTimeoutMs),
      settled: false,
    };
    this.lastRoundSeq = event[0];
    this.lastSnapshotTime = event[1];
  }

  snapshotHash(client: ReflectorClient, seq: number, hash: Uint8Array): void {
    const round = this.round;
    if (round === null || round.seq !== seq || !round.expected.has(client.viewId)) return;
    round.hashes.set(client.viewId, hash);
    this.settleRound();
  }

  /** Returns false when the upload breaks the rules, so the caller closes that connection. */
  snapshotChunk(client: ReflectorClient, msg: SnapChunkMsg): boolean {
    const round = this.round;
    if (round === null || round.seq !== msg.seq || round.uploader !== client.viewId || round.upload !== null) return true;
    if (msg.index !== round.chunks.length) return false;
    if (msg.index === 0) {
      if (msg.count > MAX_CHUNKS || msg.size > LIMITS.maxSnapshotRawBytes) return false;
      round.announced = { hash: msg.hash, count: msg.count, size: msg.size };
    }
    const announced = round.announced!;
    if (msg.count !== announced.count || msg.size !== announced.size || !bytesEqual(msg.hash, announced.hash)) return false;
    round.chunkBytes += msg.bytes.length;
    if (round.chunkBytes > LIMITS.maxSnapshotBytes) return false;
    round.chunks.push(msg.bytes);
    if (round.chunks.length === msg.count) {
      round.upload = { hash: msg.hash, size: msg.size, bytes: concatBytes(round.chunks) };
      round.chunks = [];
      this.settleRound();
    }
    return true;
  }

  /**
   * Decides a round once every replica asked has reported its hash (or the deadline has passed) and the
   * upload is in: the state a strict majority of the reporters agree on is stored, if the upload is that
   * state. The minority is told (a divergence), and one replica cannot block the others' snapshots by
   * lying or by staying silent; without a majority nothing is stored.
   */
  private settleRound(): void {
    const round = this.round;
    if (round === null || round.settled || round.upload === null) return;
    if (!round.hashesDue && [...round.expected].some((view) => !round.hashes.has(view))) return; // still waiting
    round.settled = true;
    const upload = round.upload;
    const byHash = new Map<string, string[]>();
    for (const [view, hash] of round.hashes) byHash.set(toHex(hash), [...(byHash.get(toHex(hash)) ?? []), view]);
    const [majorityHash, majority] = [...byHash].find(([, views]) => views.length * 2 > round.hashes.size) ?? [null, [] as string[]];
    if (byHash.size > 1 || majorityHash === null) {
      const hashes: Record<string, string> = {};
      for (const [view, hash] of round.hashes) hashes[view] = toHex(hash);
      hashes[`${round.uploader}:upload`] = toHex(upload.hash);
      const outvoted = [...round.hashes.keys()].filter((view) => !majority.includes(view));
      for (const view of outvoted) this.suspects.add(view);
      this.log(`board ${this.id}: DIVERGENCE at event ${round.seq}: ${majorityHash === null ? 'no majority' : `outvoted: ${outvoted.join(', ')}`} ${JSON.stringify(hashes)}`);
      this.broadcast({ t: 'divergence', seq: round.seq, hashes });
    }
    if (majorityHash === null) return this.endRound(false);
    if (toHex(upload.hash) !== majorityHash) {
      this.suspects.add(round.uploader);
      this.log(`board ${this.id}: snapshot at event ${round.seq} not stored: the upload is not the majority's state`);
      return this.endRound(false);
    }
    void this.verifyAndStore(round, upload);
  }

  /**
   * Inflates the upload in bounded steps (never past its announced size) to check it is the state it
   * claims; one that is not is logged and not stored, and its sender is not asked to upload again while
   * someone else can. The replicas agreed, so nobody diverged.
   */
  private async verifyAndStore(round: SnapshotRound, upload: Upload): Promise<void> {
    try {
      const { sha256, size } = await inflateDigest(upload.bytes, upload.size);
      if (size !== upload.size) throw new Error(`it inflates to ${size} bytes, not the ${upload.size} announced`);
      if (!bytesEqual(sha256, upload.hash)) throw new Error('its bytes do not match its hash');
    } catch (error) {
      this.suspects.add(round.uploader);
      this.log(`board ${this.id}: snapshot upload at event ${round.seq} from ${round.uploader} refused: ${(error as Error).message}`);
      return this.endRound(false);
    }
    if (this.closed) return;
    try {
      await this.board.storeSnapshot({ seq: round.seq, time: round.time, hash: upload.hash, bytes: upload.bytes, acked: round.acked });
    } catch (error) {
      this.log(`board ${this.id}: snapshot at event ${round.seq} not stored: ${(error as Error).message}`);
      return this.endRound(false);
    }
    this.log(`board ${this.id}: snapshot stored at event ${round.seq} (${upload.bytes.length} bytes)`);
    this.broadcast({ t: 'snap-stored', seq: round.seq });
    this.endRound(true);
  }

  private abandonRound(why: string): void {
    if (this.round === null || this.round.settled) return;
    this.log(`board ${this.id}: snapshot at event ${this.round.seq} abandoned: ${why}`);
    if (this.round.upload === null) this.suspects.add(this.round.uploader);
    this.endRound(false);
  }

  private endRound(stored: boolean): void {
    if (this.round) {
      clearTimeout(this.round.timer);
      clearTimeout(this.round.hashTimer);
    }
    this.backoff = stored ? 1 : Math.min(MAX_BACKOFF, this.backoff * 2);
    this.round = null;
    this.roundEnded?.();
    this.roundEnded = null;
  }

  /**
   * Flushes and closes: if anyone is still connected and anything happened since the last snapshot,
   * one last snapshot round runs first (so the board reopens from it, not from a long replay); then
   * every client is told the host is going away. Nothing acknowledged is lost either way.
   */
  async close(finalSnapshotMs = 3000): Promise<void> {
    if (this.closed || this.closing) return this.closing ?? undefined;
    this.closing = this.closeAfterFinalSnapshot(finalSnapshotMs);
    return this.closing;
  }

  private closing: Promise<void> | null = null;
  private roundEnded: (() => void) | null = null;

  private async closeAfterFinalSnapshot(finalSnapshotMs: number): Promise<void> {
    if (this.round === null) this.requestSnapshot(); // no-op without clients
    if (this.round !== null && finalSnapshotMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, finalSnapshotMs);
        this.roundEnded = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    this.flush();
    this.closed = true;
    clearInterval(this.tickTimer);
    if (this.storageFailure) {
      clearInterval(this.storageFailure.retry);
      this.log(`board ${this.id}: closed with ${this.outbox.length} event(s) never saved or acknowledged (their senders still hold them)`);
    }
    this.endRound(false);
    for (const client of this.clients.values()) {
      client.detached = true;
      client.close(CloseCode.ServerShutdown, 'host is shutting down');
    }
    this.clients.clear();
    await this.board.close();
  }
}
