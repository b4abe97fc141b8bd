/**
 * The `.lanvas` file: one board in one file, to export and import. "LANVAS\0\1", a u32 (little-endian)
 * CRC-32 of the body, then a msgpack body { format, name, created, lastChange, snapshot, events, thumbnail }
 * holding the newest snapshot and every event after it: exactly what a joiner is sent, so the file restores
 * the board as it was; and its library picture (a small PNG, optional), so an imported board shows it at once. Writing lives here, so a browser page can keep a copy too; reading, which checks
 * everything, is the host's (src/main/library/board-file.ts).
 */
import { Packr } from 'msgpackr';
import { crc32 } from './crc32';
import { LIMITS, type SnapshotRecord, type StampedEvent } from './protocol';

export const BOARD_FILE_MAGIC = new Uint8Array([0x4c, 0x41, 0x4e, 0x56, 0x41, 0x53, 0x00, 0x01]); // "LANVAS\0\1"
export const BOARD_FILE_HEADER = BOARD_FILE_MAGIC.length + 4;
export const BOARD_FILE_FORMAT = 1;
/** Larger files are refused before they are read. */
export const MAX_BOARD_FILE_BYTES = LIMITS.maxSnapshotBytes + 64 * 1024 * 1024;
export const boardFilePackr = new Packr({ useRecords: false, moreTypes: false, mapsAsObjects: true });

export interface BoardFileSnapshot extends SnapshotRecord {
  /** Each view's highest acknowledged client sequence at the snapshot. */
  acked: [string, number][];
}

export interface BoardFile {
  name: string;
  created: number;
  lastChange: number;
  snapshot: BoardFileSnapshot | null;
  events: StampedEvent[];
  /** The board's picture in the library, a PNG (files written before it existed have none). */
  thumbnail?: Uint8Array;
}

/**
 * A file name for a board of this name: what no file system refuses (no path separators, no `:*?"<>|`,
 * no control characters, no leading dot), so "Plan (v2)" stays "Plan (v2).lanvas".
 */
export function boardFileName(name: string): string {
  const safe = name.replace(/[^\p{L}\p{N} ._()[\]{}!,;'&+=#@~-]+/gu, '_').replace(/^[. ]+/, '').slice(0, 60).trim();
  return `${safe || 'board'}.lanvas`;
}

export function encodeBoardFile(file: BoardFile): Uint8Array {
  const body = boardFilePackr.pack({ format: BOARD_FILE_FORMAT, ...file });
  const out = new Uint8Array(BOARD_FILE_HEADER + body.length);
  out.set(BOARD_FILE_MAGIC);
  new DataView(out.buffer).setUint32(BOARD_FILE_MAGIC.length, crc32(body), true);
  out.set(body, BOARD_FILE_HEADER);
  return out;
}
