/**
 * A stored snapshot: "LVSN", u32 crc32 of the body, then the msgpack body
 * { seq, time, hash, bytes, acked } where acked is each view's highest applied client sequence.
 */
import { Packr } from 'msgpackr';
import { crc32 } from 'node:zlib';
import { isSnapshotRecord } from '../../shared/frames';
import type { SnapshotRecord } from '../../shared/protocol';
import { isInt, isStr } from '../../shared/validate';

const MAGIC = Buffer.from('LVSN');
const packr = new Packr({ useRecords: false, moreTypes: false });

export interface StoredSnapshot extends SnapshotRecord {
  acked: [string, number][];
}

export function encodeSnapshotFile(snapshot: StoredSnapshot): Buffer {
  const body = packr.pack({ seq: snapshot.seq, time: snapshot.time, hash: snapshot.hash, bytes: snapshot.bytes, acked: snapshot.acked });
  const header = Buffer.alloc(8);
  MAGIC.copy(header, 0);
  header.writeUInt32LE(crc32(body), 4);
  return Buffer.concat([header, body]);
}

/** Returns the snapshot, or null if the file is damaged in any way. */
export function decodeSnapshotFile(data: Buffer): StoredSnapshot | null {
  if (data.length < 8 || !data.subarray(0, 4).equals(MAGIC)) return null;
  const body = data.subarray(8);
  if (crc32(body) !== data.readUInt32LE(4)) return null;
  try {
    const value: unknown = packr.unpack(body);
    return isStoredSnapshot(value) ? value : null;
  } catch {
    return null;
  }
}

export function isStoredSnapshot(value: unknown): value is StoredSnapshot {
  if (!isSnapshotRecord(value)) return false;
  const { acked } = value as { acked?: unknown };
  return Array.isArray(acked) && acked.every((a) => Array.isArray(a) && isStr(a[0], 64) && isInt(a[1]));
}
