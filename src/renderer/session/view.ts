/**
 * A View reads the model and never writes it: it publishes events, which reach the model only after
 * the reflector has sequenced them. Model events reach a view after the model has handled them.
 * A view's constructor must draw whatever the model already holds (it may come from a snapshot).
 */
import type { Model } from '../engine/model';
import type { UserInfo } from '../../shared/protocol';

export type Handler = (data: unknown) => void;
export type EphemeralHandler = (from: string, data: Uint8Array) => void;

/** What a view may ask of its session. */
export interface ViewHost {
  readonly viewId: string;
  readonly user: UserInfo;
  setUser(user: UserInfo): void;
  publish(scope: string, event: string, data?: unknown): void;
  publishEphemeral(data: Uint8Array): void;
  addViewHandler(topic: string, handler: Handler): void;
  removeViewHandler(topic: string, handler: Handler): void;
  addEphemeralHandler(handler: EphemeralHandler): void;
  removeEphemeralHandler(handler: EphemeralHandler): void;
}

export class View<M extends Model = Model> {
  // #private, so a subclass's own fields can never collide with the view's bookkeeping.
  #handlers: [string, Handler][] = [];
  #ephemeral: EphemeralHandler[] = [];

  constructor(
    readonly model: M,
    protected readonly session: ViewHost,
  ) {}

  get viewId(): string {
    return this.session.viewId;
  }

  subscribe(scope: string, event: string, handler: Handler): void {
    const topic = `${scope}:${event}`;
    this.#handlers.push([topic, handler]);
    this.session.addViewHandler(topic, handler);
  }

  publish(scope: string, event: string, data?: unknown): void {
    this.session.publish(scope, event, data);
  }

  /** Relayed to the other views now, never logged and never part of the model (cursors, strokes in progress). */
  publishEphemeral(data: Uint8Array): void {
    this.session.publishEphemeral(data);
  }

  subscribeEphemeral(handler: EphemeralHandler): void {
    this.#ephemeral.push(handler);
    this.session.addEphemeralHandler(handler);
  }

  /** Called once per frame while the session runs. */
  update(_time: number): void {}

  /** Called when the view is taken down (session left, or model replaced from a snapshot). */
  detach(): void {
    for (const [topic, handler] of this.#handlers) this.session.removeViewHandler(topic, handler);
    for (const handler of this.#ephemeral) this.session.removeEphemeralHandler(handler);
    this.#handlers = [];
    this.#ephemeral = [];
  }
}
