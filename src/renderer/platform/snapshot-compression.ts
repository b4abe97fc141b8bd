/** The compression kernel the worker runs: pako for zlib, and the hash check of a received snapshot. */
import { deflate, inflate } from 'pako';
import { bytesEqual } from '../../shared/bytes';
import { sha256 } from '../../shared/hash';
import { SNAPSHOT_HASH_MISMATCH } from '../session/compressor';

export function deflateSnapshot(raw: Uint8Array): Uint8Array {
  return deflate(raw, { level: 6 });
}

/** Inflates zlib bytes and returns them only if their SHA-256 is `hash`. */
export function inflateVerified(bytes: Uint8Array, hash: Uint8Array): Uint8Array {
  const raw = inflate(bytes);
  if (!bytesEqual(sha256(raw), hash)) throw new Error(SNAPSHOT_HASH_MISMATCH);
  return raw;
}
