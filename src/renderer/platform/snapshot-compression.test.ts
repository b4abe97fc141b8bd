import { describe, expect, it } from 'vitest';
import { sha256 } from '../../shared/hash';
import { SNAPSHOT_HASH_MISMATCH } from '../session/compressor';
import { deflateSnapshot, inflateVerified } from './snapshot-compression';

describe('snapshot compression', () => {
  const raw = new TextEncoder().encode('a snapshot '.repeat(1000));

  it('gives back the bytes whose hash matches', () => {
    expect(inflateVerified(deflateSnapshot(raw), sha256(raw))).toEqual(raw);
  });

  it('refuses bytes that do not match their hash', () => {
    const other = sha256(new TextEncoder().encode('another snapshot'));
    expect(() => inflateVerified(deflateSnapshot(raw), other)).toThrow(SNAPSHOT_HASH_MISMATCH);
  });

  it('refuses bytes that are not zlib', () => {
    expect(() => inflateVerified(raw, sha256(raw))).toThrow();
  });
});
