/**
 * A Session joins one board on a reflector and keeps a replica of its model in step:
 * restore (snapshot) or init, replay the events since, start the view, then follow the live stream.
 * It reconnects by itself after a dropped connection and resends the local user's events that the
 * reflector had not yet acknowledged, so none is lost and none is applied twice.
 */
import { randomId } from '../../shared/bytes';
import { CloseCode, EventKind, FATAL_CLOSE_CODES, LIMITS, type ClientMsg, type DivergenceMsg, type ServerMsg, type StampedEvent, type UserInfo, type WelcomeMsg } from '../../shared/protocol';
import type { Model } from '../engine/model';
import { readSnapshot } from '../engine/snapshot';
import { encodeViewEvent } from '../engine/view-events';
import { VirtualMachine } from '../engine/vm';
import type { Compressor } from './compressor';
import { Connection, type WebSocketFactory } from './connection';
import { EventBatcher, type OutgoingEvent } from './event-batcher';
import { SnapshotAbandoned, takeSnapshot } from './sliced-snapshot';
import { View, type EphemeralHandler, type Handler, type ViewHost } from './view';

export type SessionStatus = 'connecting' | 'connected' | 'reconnecting' | 'closed';

/** Why a session could not be joined: the close code (see CloseCode) and the reason given with it. */
export class SessionRefusedError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
  ) {
    super(`reflector refused the session: ${reason || code} (${code})`);
  }
}

export interface SessionOptions<M extends Model> {
  url: string;
  board: string;
  secret: string;
  user: UserInfo;
  /** The root model class; its init() runs only when the board is brand new. */
  model: typeof Model & (new () => M);
  modelOptions?: unknown;
  view?: new (model: M, session: ViewHost) => View<M>;
  webSocket: WebSocketFactory;
  compressor: Compressor;
  viewId?: string;
  reconnectDelayMs?: { min: number; max: number };
  onStatus?: (status: SessionStatus, detail?: string) => void;
  onDivergence?: (msg: DivergenceMsg) => void;
  /** A snapshot of the board was verified and stored by the host (e.g. time to refresh a thumbnail). */
  onSnapshotStored?: (seq: number) => void;
  /** The host cannot write the board now (false), or can again (true): meanwhile nothing is acknowledged. */
  onHostStorage?: (ok: boolean) => void;
  /**
   * The host turned this join away for now (many attempts at this board or from this address); the
   * session tries again in `retryInMs` by itself.
   */
  onTurnedAway?: (reason: string, retryInMs: number) => void;
}

/** A join turned away for now waits at least this long before it tries again, and at most the max. */
export const TURNED_AWAY_RETRY_MS = { min: 3000, max: 30_000 };

export class Session<M extends Model = Model> implements ViewHost {
  readonly viewId: string;
  /** Who this person is; every later connection says it when it joins (see setUser). */
  user: UserInfo;
  vm: VirtualMachine | null = null;
  view: View<M> | null = null;
  status: SessionStatus = 'connecting';
  /** Why the host ended the session for good (a close code after which reconnecting cannot help). */
  endedBy: { code: number; reason: string } | null = null;
  /** False while the host says it cannot save (a full disk): what is drawn waits, unacknowledged. */
  hostCanSave = true;
  /** Stamped when a welcome arrives: which reflector incarnation this replica follows. */
  private epoch = '';
  private connection: Connection | null = null;
  private clientSeq = 0;
  private pending: OutgoingEvent[] = [];
  /** Events go out only over a connection past its welcome; anything unsent stays in `pending` for the next. */
  private readonly outgoing = new EventBatcher((first, data) => {
    if (this.connection?.isOpen && this.status === 'connected') this.connection.send({ t: 'publish', first, data });
  });
  private inbox: ServerMsg[] = [];
  private pumping = false;
  private left = false;
  private retryDelay: number;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private frameHandle: { cancel(): void } | null = null;
  private viewHandlers = new Map<string, Set<Handler>>();
  private ephemeralHandlers = new Set<EphemeralHandler>();
  private ready: { resolve(s: Session<M>): void; reject(e: Error): void } | null = null;

  private constructor(private readonly options: SessionOptions<M>) {
    this.viewId = options.viewId ?? randomId();
    this.user = options.user;
    this.retryDelay = options.reconnectDelayMs?.min ?? 250;
  }

  /** Resolves once the model is ready and the view has drawn it; rejects if the reflector refuses us. */
  static join<M extends Model>(options: SessionOptions<M>): Promise<Session<M>> {
    const session = new Session(options);
    return new Promise((resolve, reject) => {
      session.ready = { resolve, reject };
      session.connect();
    });
  }

  get model(): M {
    if (this.vm === null) throw new Error('the session has not joined yet');
    return this.vm.root as M;
  }

  /** Events this user published that the reflector has not yet echoed back. */
  get unacknowledged(): number {
    return this.pending.length;
  }

  // ---- ViewHost ----

  publish(scope: string, event: string, data?: unknown): void {
    if (this.left) return;
    const pending = { cseq: ++this.clientSeq, data: encodeViewEvent(scope, event, data) };
    if (pending.data.length > LIMITS.maxEventBytes) throw new Error(`event ${scope}:${event} is ${pending.data.length} bytes; the limit is ${LIMITS.maxEventBytes}`);
    this.pending.push(pending);
    if (this.connection?.isOpen && this.status === 'connected') this.outgoing.push(pending);
  }

  publishEphemeral(data: Uint8Array): void {
    if (this.status === 'connected') this.sendAfterEvents({ t: 'eph', data });
  }

  /** Sends a message other than events, after the events published before it: order is kept across types. */
  private sendAfterEvents(msg: ClientMsg): void {
    this.outgoing.flush();
    this.connection?.send(msg);
  }

  addViewHandler(topic: string, handler: Handler): void {
    let set = this.viewHandlers.get(topic);
    if (set === undefined) this.viewHandlers.set(topic, (set = new Set()));
    set.add(handler);
  }

  removeViewHandler(topic: string, handler: Handler): void {
    this.viewHandlers.get(topic)?.delete(handler);
  }

  addEphemeralHandler(handler: EphemeralHandler): void {
    this.ephemeralHandlers.add(handler);
  }

  removeEphemeralHandler(handler: EphemeralHandler): void {
    this.ephemeralHandlers.delete(handler);
  }

  private snapshotWaiters: ((stored: boolean) => void)[] = [];

  /**
   * Asks the host to store a snapshot now, so the board reopens from it (a window closing its board
   * does this). Resolves true once one is stored, false if none could be in time.
   */
  storeSnapshot(timeoutMs = 5000): Promise<boolean> {
    if (this.status !== 'connected' || !this.connection?.isOpen) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.snapshotWaiters.push((stored) => {
        clearTimeout(timer);
        resolve(stored);
      });
      this.sendAfterEvents({ t: 'snap-now' });
    });
  }

  /** Leaves for good: closes the connection and takes the view down (also after the host ended it). */
  leave(): void {
    this.stopFrames();
    this.view?.detach();
    this.view = null;
    if (this.left) return;
    this.left = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.outgoing.flush(); // what was published goes out before the goodbye
    this.connection?.close(1000, 'left');
    this.setStatus('closed', 'left');
  }

  /** A new name or colour for this person: every later join (a reconnect) says it. */
  setUser(user: UserInfo): void {
    this.user = user;
  }

  /** Drops the connection as a network failure would (tests use it); the session reconnects by itself. */
  dropConnection(): void {
    this.connection?.close(4000, 'dropped');
  }

  // ---- connection lifecycle ----

  private connect(): void {
    const vm = this.vm;
    const resume = vm !== null && this.epoch !== '' ? { epoch: this.epoch, seq: vm.seq } : undefined;
    const connection: Connection = new Connection(
      this.options.url,
      this.options.webSocket,
      { board: this.options.board, viewId: this.viewId, user: this.user, password: this.options.secret, resume },
      {
        message: (msg) => {
          if (this.connection !== connection) return;
          this.inbox.push(msg);
          void this.pump();
        },
        closed: (code, reason) => {
          if (this.connection === connection) this.connectionClosed(code, reason);
        },
      },
    );
    this.connection = connection;
  }

  private connectionClosed(code: number, reason: string): void {
    this.connection = null;
    this.outgoing.clear();
    this.hostCanSave = true; // the next connection hears it again if the host still cannot save
    if (this.left) return;
    if (FATAL_CLOSE_CODES.has(code)) {
      this.left = true;
      this.endedBy = { code, reason };
      this.setStatus('closed', reason || `closed with code ${code}`);
      this.ready?.reject(new SessionRefusedError(code, reason));
      this.ready = null;
      return;
    }
    this.setStatus(this.vm === null ? 'connecting' : 'reconnecting', reason);
    // 4429 is never the end. Over the event rate once joined (our pace and the reflector's clock
    // disagreed), nothing queued is dropped: the next connection starts with a full bucket and what is
    // unacknowledged goes again, paced. Turned away before joining (guessers crowd the board), the join
    // waits longer and tries again, and the person is told.
    const turnedAway = code === CloseCode.RateLimited && this.vm === null;
    if (turnedAway) this.retryDelay = Math.max(this.retryDelay, TURNED_AWAY_RETRY_MS.min);
    const max = turnedAway ? TURNED_AWAY_RETRY_MS.max : (this.options.reconnectDelayMs?.max ?? 5000);
    // jitter keeps a room full of clients from reconnecting in lockstep after the host comes back
    const delay = this.retryDelay * (0.75 + Math.random() * 0.5);
    this.retryDelay = Math.min(max, this.retryDelay * 2);
    if (turnedAway) this.options.onTurnedAway?.(reason, delay);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.left) this.connect();
    }, delay);
  }

  private setStatus(status: SessionStatus, detail?: string): void {
    this.status = status;
    this.options.onStatus?.(status, detail);
  }

  // ---- the stream ----

  /** Applies messages strictly in order; waits while a snapshot is written, so the model holds still. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.inbox.length > 0 && !this.left) {
        const msg = this.inbox.shift()!;
        try {
          await this.apply(msg);
        } catch (error) {
          // A stream we cannot follow (gap, damaged snapshot): start over on a fresh connection.
          console.error('session: cannot apply message from reflector:', error);
          this.epoch = '';
          this.inbox = [];
          this.connection?.close(4000, (error as Error).message.slice(0, 100));
        }
      }
    } finally {
      this.pumping = false;
    }
  }

  private async apply(msg: ServerMsg): Promise<void> {
    switch (msg.t) {
      case 'welcome':
        await this.welcome(msg);
        break;
      case 'events':
        for (const event of msg.events) await this.live(event);
        this.deliver();
        break;
      case 'tick':
        this.vm?.advanceTo(msg.time);
        this.deliver();
        break;
      case 'eph':
        if (msg.from === this.viewId) break; // a board broadcast reaches its sender too
        for (const handler of this.ephemeralHandlers) handler(msg.from, msg.data);
        break;
      case 'divergence':
        this.options.onDivergence?.(msg);
        break;
      case 'snap-stored':
        this.options.onSnapshotStored?.(msg.seq);
        for (const waiter of this.snapshotWaiters.splice(0)) waiter(true);
        break;
      case 'storage':
        if (msg.ok !== this.hostCanSave) {
          this.hostCanSave = msg.ok;
          this.options.onHostStorage?.(msg.ok);
        }
        break;
      case 'challenge':
        break;
    }
  }

  private async welcome(msg: WelcomeMsg): Promise<void> {
    let vm = this.vm;
    const rebuild = vm === null || !msg.resumed;
    if (rebuild) {
      if (msg.snapshot !== null) {
        vm = readSnapshot(await this.options.compressor.inflateVerified(msg.snapshot.bytes, msg.snapshot.hash));
      } else {
        vm = VirtualMachine.create(msg.board, this.options.model, this.options.modelOptions);
      }
    }
    vm = vm!;
    for (const event of msg.events) if (event[0] > vm.seq) this.step(vm, event);
    vm.advanceTo(msg.time);
    if (rebuild) {
      // The new view draws the model as it is; events from the catch-up are not for it.
      vm.viewQueue = [];
      this.stopFrames();
      this.view?.detach();
      this.view = null;
      this.vm = vm;
    }
    this.epoch = msg.epoch;
    this.retryDelay = this.options.reconnectDelayMs?.min ?? 250;
    this.pending = this.pending.filter((p) => p.cseq > msg.ackedClientSeq);
    this.setStatus('connected');
    this.outgoing.resend(this.pending);
    if (this.view === null && this.options.view) {
      this.view = new this.options.view(vm.root as M, this);
      this.startFrames();
    }
    this.deliver();
    this.ready?.resolve(this);
    this.ready = null;
  }

  private step(vm: VirtualMachine, event: StampedEvent): void {
    if (event[0] !== vm.seq + 1) throw new Error(`event stream gap: expected ${vm.seq + 1}, got ${event[0]}`);
    vm.processEvent(event);
    if (event[3] === this.viewId && event[2] === EventKind.User) {
      const index = this.pending.findIndex((p) => p.cseq === event[4]);
      if (index >= 0) this.pending.splice(0, index + 1);
    }
  }

  private async live(event: StampedEvent): Promise<void> {
    const vm = this.vm;
    if (vm === null || event[0] <= vm.seq) return;
    this.step(vm, event);
    if (event[2] === EventKind.Snapshot) await this.snapshot(vm, event[0], event[5] === this.viewId);
  }

  /** Writes the snapshot in slices, reports its hash, and uploads it if this view was chosen. */
  private async snapshot(vm: VirtualMachine, seq: number, upload: boolean): Promise<void> {
    let written;
    try {
      // A session that leaves meanwhile stops writing: nobody will take the snapshot from it.
      written = await takeSnapshot(vm, () => this.left);
    } catch (error) {
      if (error instanceof SnapshotAbandoned) return;
      throw error;
    }
    const { bytes: raw, hash } = written;
    const connection = this.connection;
    if (connection === null) return;
    connection.send({ t: 'snap-hash', seq, hash });
    if (!upload) return;
    void this.options.compressor.deflate(raw).then((bytes) => {
      const chunk = LIMITS.snapshotChunkBytes;
      const count = Math.max(1, Math.ceil(bytes.length / chunk));
      for (let index = 0; index < count; index++) {
        connection.send({ t: 'snap-chunk', seq, hash, index, count, size: raw.length, bytes: bytes.subarray(index * chunk, (index + 1) * chunk) });
      }
    });
  }

  /** Hands model events to the view, after the model has finished handling them. */
  private deliver(): void {
    const vm = this.vm;
    if (vm === null || vm.viewQueue.length === 0) return;
    const queue = vm.viewQueue;
    vm.viewQueue = [];
    if (this.view === null) return;
    for (const { scope, event, data } of queue) {
      const handlers = this.viewHandlers.get(`${scope}:${event}`);
      if (handlers) for (const handler of [...handlers]) handler(data);
    }
  }

  private startFrames(): void {
    const view = this.view;
    if (view === null || view.update === View.prototype.update) return;
    const raf = (globalThis as { requestAnimationFrame?: (fn: (time: number) => void) => number }).requestAnimationFrame;
    let stopped = false;
    const frame = (time: number) => {
      if (stopped) return;
      view.update(time);
      schedule();
    };
    const schedule = raf ? () => raf(frame) : () => setTimeout(() => frame(performance.now()), 16);
    schedule();
    this.frameHandle = { cancel: () => (stopped = true) };
  }

  private stopFrames(): void {
    this.frameHandle?.cancel();
    this.frameHandle = null;
  }
}
