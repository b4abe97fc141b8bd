/**
 * The `.lanvas` file: one board in one file, to export and import. "LANVAS\0\1", a u32 CRC-32 of the
 * body, then a msgpack body { format, name, created, lastChange, snapshot, events } holding the newest
 * snapshot and every event after it: exactly what a joiner is sent, so the file restores the board
 * as it was. Decoding checks everything (magic, checksum, every field, the snapshot's own hash, an
 * unbroken run of events), so a damaged or foreign file is refused with a reason and changes nothing.
 */
import { Packr } from 'msgpackr';
import { createHash } from 'node:crypto';
import { inflateSync, crc32 } from 'node:zlib';
import { isStampedEvent } from '../../shared/frames';
import { LIMITS, type StampedEvent } from '../../shared/protocol';
import { isInt, isObj, isStr } from '../../shared/validate';
import { isStoredSnapshot, type StoredSnapshot } from '../store/snapshot-file';

const MAGIC = Buffer.from('LANVAS\0\x01', 'latin1');
const HEADER = MAGIC.length + 4;
export const BOARD_FILE_FORMAT = 1;
/** Larger files are refused before they are read. */
export const MAX_BOARD_FILE_BYTES = LIMITS.maxSnapshotBytes + 64 * 1024 * 1024;
const packr = new Packr({ useRecords: false, moreTypes: false, mapsAsObjects: true });

export interface BoardFile {
  name: string;
  created: number;
  lastChange: number;
  snapshot: StoredSnapshot | null;
  events: StampedEvent[];
}

export class BoardFileError extends Error {}

export function encodeBoardFile(file: BoardFile): Buffer {
  const body = packr.pack({ format: BOARD_FILE_FORMAT, ...file });
  const header = Buffer.alloc(HEADER);
  MAGIC.copy(header);
  header.writeUInt32LE(crc32(body), MAGIC.length);
  return Buffer.concat([header, body]);
}

export function decodeBoardFile(bytes: Uint8Array): BoardFile {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (data.length > MAX_BOARD_FILE_BYTES) throw new BoardFileError('the file is too large to be a Lanvas board');
  if (data.length < HEADER || !data.subarray(0, MAGIC.length).equals(MAGIC)) throw new BoardFileError('this is not a Lanvas board file');
  const body = data.subarray(HEADER);
  if (crc32(body) !== data.readUInt32LE(MAGIC.length)) throw new BoardFileError('the file is damaged (its checksum does not match)');
  let v: unknown;
  try {
    v = packr.unpack(body);
  } catch {
    throw new BoardFileError('the file is damaged (its contents do not decode)');
  }
  if (!isObj(v) || v.format !== BOARD_FILE_FORMAT) throw new BoardFileError('the file comes from another version of Lanvas');
  if (!isStr(v.name, 200) || !isInt(v.created) || !isInt(v.lastChange)) throw new BoardFileError('the file is damaged (bad board details)');
  const snapshot = v.snapshot;
  if (snapshot !== null) {
    if (!isStoredSnapshot(snapshot)) throw new BoardFileError('the file is damaged (bad snapshot)');
    let raw: Buffer;
    try {
      raw = inflateSync(snapshot.bytes, { maxOutputLength: LIMITS.maxSnapshotBytes * 4 });
    } catch {
      throw new BoardFileError('the file is damaged (its snapshot does not inflate)');
    }
    if (!createHash('sha256').update(raw).digest().equals(Buffer.from(snapshot.hash))) throw new BoardFileError('the file is damaged (its snapshot does not match its hash)');
  }
  const events = v.events;
  if (!Array.isArray(events) || !events.every(isStampedEvent)) throw new BoardFileError('the file is damaged (bad events)');
  let expected = snapshot === null ? 1 : snapshot.seq + 1;
  for (const e of events) {
    if (e[0] !== expected++) throw new BoardFileError('the file is damaged (its events have a gap)');
  }
  return { name: v.name, created: v.created, lastChange: v.lastChange, snapshot, events };
}
