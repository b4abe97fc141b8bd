/**
 * The machine model code is running in. Models reach their session through this rather than holding a
 * reference, so a model's own fields are only its state (and snapshots stay small and plain).
 */
import type { Model } from './model';

export interface ModelHost {
  adopt(model: Model): string;
  now(): number;
  random(): number;
  publish(scope: string, event: string, data: unknown): void;
  subscribe(model: Model, scope: string, event: string, method: string): void;
  unsubscribe(model: Model, scope: string, event: string, method?: string): void;
  schedule(model: Model, ms: number, method: string, args: unknown[]): void;
  destroy(model: Model): void;
  lookup(id: string): Model | undefined;
  sender(): string;
  readonly boardId: string;
}

let current: ModelHost | null = null;

export function host(): ModelHost {
  if (current === null) {
    throw new Error('Model code ran outside its session: create models with Model.create() inside a handler, init() or a future message');
  }
  return current;
}

export function runIn<T>(machine: ModelHost, fn: () => T): T {
  const previous = current;
  current = machine;
  try {
    return fn();
  } finally {
    current = previous;
  }
}
