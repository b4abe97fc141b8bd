/**
 * Reading a `.lanvas` file (the format and its writer are in src/shared/board-file.ts). Decoding checks
 * everything (magic, checksum, every field, the snapshot's own hash, an unbroken run of events), so a
 * damaged or foreign file is refused with a reason and changes nothing.
 */
import { crc32 } from 'node:zlib';
import { bytesEqual } from '../../shared/bytes';
import { BOARD_FILE_FORMAT, BOARD_FILE_HEADER, BOARD_FILE_MAGIC, boardFilePackr, MAX_BOARD_FILE_BYTES, type BoardFile } from '../../shared/board-file';
import { isStampedEvent } from '../../shared/frames';
import { checkImage } from '../../shared/image-info';
import { LIMITS } from '../../shared/protocol';
import { isInt, isObj, isStr } from '../../shared/validate';
import { inflateDigest } from '../store/inflate-digest';
import { isStoredSnapshot } from '../store/snapshot-file';

export class BoardFileError extends Error {}

/** Thumbnails are small PNGs; anything bigger is not one of ours. */
export const MAX_THUMBNAIL_BYTES = 512 * 1024;

export function isThumbnail(png: unknown): png is Uint8Array {
  if (!(png instanceof Uint8Array) || png.length > MAX_THUMBNAIL_BYTES) return false;
  const info = checkImage(png);
  return !('error' in info) && info.type === 'image/png';
}

export async function decodeBoardFile(bytes: Uint8Array): Promise<BoardFile> {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (data.length > MAX_BOARD_FILE_BYTES) throw new BoardFileError('the file is too large to be a Lanvas board');
  if (data.length < BOARD_FILE_HEADER || !data.subarray(0, BOARD_FILE_MAGIC.length).equals(BOARD_FILE_MAGIC)) throw new BoardFileError('this is not a Lanvas board file');
  const body = data.subarray(BOARD_FILE_HEADER);
  if (crc32(body) !== data.readUInt32LE(BOARD_FILE_MAGIC.length)) throw new BoardFileError('the file is damaged (its checksum does not match)');
  let v: unknown;
  try {
    v = boardFilePackr.unpack(body);
  } catch {
    throw new BoardFileError('the file is damaged (its contents do not decode)');
  }
  if (!isObj(v) || v.format !== BOARD_FILE_FORMAT) throw new BoardFileError('the file comes from another version of Lanvas');
  if (!isStr(v.name, 200) || !isInt(v.created) || !isInt(v.lastChange)) throw new BoardFileError('the file is damaged (bad board details)');
  const snapshot = v.snapshot;
  if (snapshot !== null) {
    if (!isStoredSnapshot(snapshot)) throw new BoardFileError('the file is damaged (bad snapshot)');
    let digest: Uint8Array;
    try {
      digest = (await inflateDigest(snapshot.bytes, LIMITS.maxSnapshotRawBytes)).sha256;
    } catch {
      throw new BoardFileError('the file is damaged (its snapshot does not inflate, or inflates past the largest board)');
    }
    if (!bytesEqual(digest, snapshot.hash)) throw new BoardFileError('the file is damaged (its snapshot does not match its hash)');
  }
  const events = v.events;
  if (!Array.isArray(events) || !events.every(isStampedEvent)) throw new BoardFileError('the file is damaged (bad events)');
  let expected = snapshot === null ? 1 : snapshot.seq + 1;
  for (const e of events) {
    if (e[0] !== expected++) throw new BoardFileError('the file is damaged (its events have a gap)');
  }
  // A picture that is not a small PNG is left out: the board is still the board.
  return { name: v.name, created: v.created, lastChange: v.lastChange, snapshot, events, ...(isThumbnail(v.thumbnail) && { thumbnail: v.thumbnail }) };
}
