/** Tiny validators for untrusted values decoded from the network, the disk or IPC. */

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);

export const isInt = (v: unknown, min = 0, max = Number.MAX_SAFE_INTEGER): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

export const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export const isStr = (v: unknown, maxLength: number): v is string => typeof v === 'string' && v.length <= maxLength;

export const isBytes = (v: unknown, maxLength: number, exactLength?: number): v is Uint8Array =>
  v instanceof Uint8Array && v.length <= maxLength && (exactLength === undefined || v.length === exactLength);

/** Thrown for input that breaks the contract; the message says what was wrong, for the close reason or the log. */
export class ValidationError extends Error {
  override name = 'ValidationError';
}

export function check(condition: boolean, what: string): asserts condition {
  if (!condition) throw new ValidationError(what);
}
