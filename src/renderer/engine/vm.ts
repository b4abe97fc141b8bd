/**
 * The virtual machine: one replica of a board's model graph, driven only by the events the reflector
 * sequenced. Given the same snapshot and the same events, every replica computes the same state.
 */
import { EventKind, type StampedEvent, type UserInfo } from '../../shared/protocol';
import { runIn, type ModelHost } from './context';
import { FutureQueue, type FutureMessage } from './future-queue';
import { Model } from './model';
import { nextRandom, seedRandom, type RandomState } from './random';
import { decodeViewEvent } from './view-events';

/** Scope of the events the session itself publishes to models. */
export const SESSION_SCOPE = 'session';
export interface ViewJoinData extends UserInfo {
  viewId: string;
}

/** A model-published event waiting for the views, which get it only after the model is done. */
export interface ViewEvent {
  scope: string;
  event: string;
  data: unknown;
}

type Subscriber = [modelId: string, method: string];

/** Everything a VM is besides its models: the part of a snapshot that is not model fields. */
export interface MachineState {
  boardId: string;
  rootId: string;
  nextId: number;
  time: number;
  seq: number;
  futureOrder: number;
  rng: RandomState;
  futures: FutureMessage[];
  subscriptions: [string, Subscriber[]][];
  views: [string, UserInfo][];
}

export type ErrorReporter = (error: unknown, where: string) => void;

export class VirtualMachine implements ModelHost {
  readonly models = new Map<string, Model>();
  readonly boardId: string;
  rootId = '';
  nextId = 1;
  time = 0;
  /** Sequence number of the last event this machine processed. */
  seq = 0;
  private futureOrder = 0;
  private rng: RandomState;
  private futures = new FutureQueue();
  private subscriptions = new Map<string, Subscriber[]>();
  /** Views present in the session, in join order. */
  readonly views = new Map<string, UserInfo>();
  /** The view whose user event is being handled ('' otherwise); not state, it lives for one event. */
  private currentSender = '';
  /** Filled while processing; the session drains it to the views afterwards. */
  viewQueue: ViewEvent[] = [];
  onError: ErrorReporter = (error, where) => console.error(`model error in ${where}:`, error);

  private constructor(boardId: string) {
    this.boardId = boardId;
    this.rng = seedRandom(boardId);
  }

  /** A board's first moment: creates the root model, calling its init() once in the board's life. */
  static create(boardId: string, Root: typeof Model, options?: unknown): VirtualMachine {
    const vm = new VirtualMachine(boardId);
    vm.rootId = runIn(vm, () => Root.create(options)).id;
    vm.viewQueue = [];
    return vm;
  }

  /** Rebuilds a machine from its state; models are attached by the snapshot reader. */
  static restore(state: MachineState): VirtualMachine {
    const vm = new VirtualMachine(state.boardId);
    vm.rootId = state.rootId;
    vm.nextId = state.nextId;
    vm.time = state.time;
    vm.seq = state.seq;
    vm.futureOrder = state.futureOrder;
    vm.rng = state.rng;
    vm.futures = FutureQueue.from(state.futures);
    vm.subscriptions = new Map(state.subscriptions);
    for (const [id, user] of state.views) vm.views.set(id, user);
    return vm;
  }

  state(): MachineState {
    return {
      boardId: this.boardId,
      rootId: this.rootId,
      nextId: this.nextId,
      time: this.time,
      seq: this.seq,
      futureOrder: this.futureOrder,
      rng: [...this.rng] as RandomState,
      futures: this.futures.sorted(),
      subscriptions: [...this.subscriptions],
      views: [...this.views],
    };
  }

  get root(): Model {
    return this.models.get(this.rootId)!;
  }

  /** Runs every future message due by `time`, in (time, scheduling) order, then sets the clock. */
  advanceTo(time: number): void {
    runIn(this, () => {
      for (let msg = this.futures.popDue(time); msg; msg = this.futures.popDue(time)) {
        this.time = msg.time;
        this.invoke(msg.target, msg.method, msg.args, 'future message');
      }
    });
    if (time > this.time) this.time = time;
  }

  processEvent(event: StampedEvent): void {
    const [seq, time, kind, viewId, , data] = event;
    this.advanceTo(time);
    this.seq = seq;
    runIn(this, () => {
      switch (kind) {
        case EventKind.User: {
          const decoded = decodeViewEvent(data as Uint8Array);
          if (decoded === null) break;
          this.currentSender = viewId;
          try {
            this.publish(decoded[0], decoded[1], decoded[2]);
          } finally {
            this.currentSender = '';
          }
          break;
        }
        case EventKind.Join:
          if (!this.views.has(viewId)) {
            const user = data as UserInfo;
            this.views.set(viewId, user);
            this.publish(SESSION_SCOPE, 'view-join', { viewId, name: user.name, color: user.color } satisfies ViewJoinData);
          }
          break;
        case EventKind.Exit:
          this.exitView(viewId);
          break;
        case EventKind.Presence: {
          const connected = new Set(data as string[]);
          for (const id of [...this.views.keys()]) if (!connected.has(id)) this.exitView(id);
          break;
        }
        case EventKind.Snapshot:
          break; // a marker: the session snapshots the state after it
      }
    });
  }

  private exitView(viewId: string): void {
    if (this.views.delete(viewId)) this.publish(SESSION_SCOPE, 'view-exit', { viewId });
  }

  private invoke(modelId: string, method: string, args: unknown[], where: string): void {
    const model = this.models.get(modelId);
    if (model === undefined) return; // destroyed since: its messages lapse
    const fn = (model as unknown as Record<string, unknown>)[method];
    if (typeof fn !== 'function') {
      this.onError(new Error(`${model.constructor.name} has no method '${method}'`), where);
      return;
    }
    try {
      fn.apply(model, args);
    } catch (error) {
      // Every replica throws alike, so carrying on keeps them in step; one bad event must not end the session.
      this.onError(error, `${model.constructor.name}.${method}`);
    }
  }

  // ---- ModelHost: what model code reaches through host() ----

  adopt(model: Model): string {
    const id = `M${this.nextId++}`;
    this.models.set(id, model);
    return id;
  }

  now(): number {
    return this.time;
  }

  random(): number {
    return nextRandom(this.rng);
  }

  lookup(id: string): Model | undefined {
    return this.models.get(id);
  }

  sender(): string {
    return this.currentSender;
  }

  publish(scope: string, event: string, data: unknown): void {
    // Queued before the handlers run, so views see events in the order they were published.
    this.viewQueue.push({ scope, event, data });
    const subscribers = this.subscriptions.get(`${scope}:${event}`);
    if (subscribers !== undefined) {
      for (const [id, method] of [...subscribers]) this.invoke(id, method, [data], `${scope}:${event}`);
    }
  }

  subscribe(model: Model, scope: string, event: string, method: string): void {
    const topic = `${scope}:${event}`;
    let list = this.subscriptions.get(topic);
    if (list === undefined) this.subscriptions.set(topic, (list = []));
    if (!list.some(([id, m]) => id === model.id && m === method)) list.push([model.id, method]);
  }

  unsubscribe(model: Model, scope: string, event: string, method?: string): void {
    const topic = `${scope}:${event}`;
    const list = this.subscriptions.get(topic);
    if (list === undefined) return;
    const kept = list.filter(([id, m]) => id !== model.id || (method !== undefined && m !== method));
    if (kept.length === 0) this.subscriptions.delete(topic);
    else this.subscriptions.set(topic, kept);
  }

  schedule(model: Model, ms: number, method: string, args: unknown[]): void {
    if (!(ms >= 0) || !Number.isFinite(ms)) throw new Error(`future(${ms}): the delay must be a finite number >= 0`);
    this.futures.push({ time: this.time + ms, order: ++this.futureOrder, target: model.id, method, args });
  }

  destroy(model: Model): void {
    if (!this.models.delete(model.id)) return;
    for (const [topic, list] of [...this.subscriptions]) {
      const kept = list.filter(([id]) => id !== model.id);
      if (kept.length === 0) this.subscriptions.delete(topic);
      else if (kept.length !== list.length) this.subscriptions.set(topic, kept);
    }
  }
}
