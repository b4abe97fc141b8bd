/** The opaque payload of a user event: what a view published, as [scope, event, data] in msgpack. */
import { Packr } from 'msgpackr';

const packr = new Packr({ useRecords: false, moreTypes: true });

export function encodeViewEvent(scope: string, event: string, data: unknown): Uint8Array {
  return packr.pack([scope, event, data ?? null]);
}

/** Returns null for a payload that is not a well-formed view event; every replica ignores it alike. */
export function decodeViewEvent(bytes: Uint8Array): [string, string, unknown] | null {
  let value: unknown;
  try {
    value = packr.unpack(bytes);
  } catch {
    return null;
  }
  if (!Array.isArray(value) || value.length !== 3 || typeof value[0] !== 'string' || typeof value[1] !== 'string') return null;
  return value as [string, string, unknown];
}
