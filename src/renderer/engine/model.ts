/**
 * The base class of replicated state. Everything a model does must be deterministic: time comes from
 * now(), randomness from random(), delays from future(ms); never the clock, Math.random, the DOM or I/O.
 */
import { host } from './context';

const classNames = new Map<unknown, string>();
const classesByName = new Map<string, typeof Model>();

export class Model {
  declare readonly id: string;

  /** Use Model.create(): the constructor only gives the model its id, so restore can build shells with it. */
  constructor() {
    (this as { id: string }).id = host().adopt(this);
  }

  /** Creates a model inside the current session and calls init() once: the only time in its life. */
  static create<T extends Model>(this: new () => T, options?: unknown): T {
    if (!classNames.has(this)) {
      throw new Error(`Model class ${this.name} is not registered: call ${this.name}.register('${this.name}') once at load`);
    }
    const model = new this();
    model.init(options);
    return model;
  }

  /**
   * Fields a snapshot leaves out while they hold these values, which keeps the many models at their
   * defaults small; each must be the value the field's initialiser gives (restore runs initialisers,
   * never init()), which is also what a board saved before the field existed reads it as.
   * Fresh values on each call: a Map given here belongs to one model.
   */
  static addedFields(): Record<string, unknown> {
    return {};
  }

  /** Registers the class under a stable name so snapshots can restore its instances. */
  static register(name: string): void {
    const existing = classesByName.get(name);
    if (existing !== undefined && existing !== this) throw new Error(`Model class name '${name}' is registered twice`);
    classesByName.set(name, this);
    classNames.set(this, name);
  }

  /** Runs once when the model is created, never when it is restored from a snapshot. */
  init(_options?: unknown): void {}

  publish(scope: string, event: string, data?: unknown): void {
    host().publish(scope, event, data);
  }

  /** Handlers are named, not passed as functions, so subscriptions are plain data in snapshots. */
  subscribe(scope: string, event: string, method: keyof this & string): void {
    host().subscribe(this, scope, event, method);
  }

  unsubscribe(scope: string, event: string, method?: keyof this & string): void {
    host().unsubscribe(this, scope, event, method);
  }

  /**
   * `this.future(500).tick(n)` calls tick(n) 500 ms of session time from now, on every replica alike.
   * The result is typed as the model so calls are checked; it only records the call (returns nothing).
   */
  future(ms: number): this {
    const machine = host();
    return new Proxy({} as this, {
      get: (_target, method) => {
        if (typeof method !== 'string') throw new Error('future() takes a method name');
        return (...args: unknown[]) => machine.schedule(this, ms, method, args);
      },
    });
  }

  /** Session time in milliseconds, as stamped by the reflector. */
  now(): number {
    return host().now();
  }

  /** A float in [0, 1) from the session's seeded generator. */
  random(): number {
    return host().random();
  }

  /**
   * The view whose event is being handled: stamped by the reflector, so it cannot be forged in a
   * payload. Empty while a future message or a session event runs.
   */
  sender(): string {
    return host().sender();
  }

  /** The board this model lives in. */
  get sessionId(): string {
    return host().boardId;
  }

  /** Looks up another model of the same session by id. */
  getModel<T extends Model = Model>(id: string): T | undefined {
    return host().lookup(id) as T | undefined;
  }

  destroy(): void {
    host().destroy(this);
  }
}

export function modelClassName(model: Model): string {
  const name = classNames.get(model.constructor);
  if (name === undefined) throw new Error(`Model class ${model.constructor.name} is not registered`);
  return name;
}

export function modelClass(name: string): typeof Model {
  const cls = classesByName.get(name);
  if (cls === undefined) throw new Error(`snapshot names an unknown model class '${name}'`);
  return cls;
}
