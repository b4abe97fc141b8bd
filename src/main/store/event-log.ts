/**
 * One append-only log segment: records of [u32 length][u32 crc32][payload], little-endian.
 * Appends are handed to the operating system at once (a killed process loses nothing written) and
 * fsynced in batches at most FSYNC_INTERVAL_MS apart (a power cut loses at most that window).
 */
import fs from 'node:fs';
import { crc32 } from 'node:zlib';

export const FSYNC_INTERVAL_MS = 100;
/** Bytes before each record's payload: its length and its checksum. */
export const RECORD_HEADER = 8;
/** A length beyond this is garbage, not a record (events are at most 64 KiB). */
const MAX_RECORD = 1 << 20;

export interface ReadResult {
  records: Uint8Array[];
  /** Bytes of valid records; anything after is a torn or damaged tail. */
  validLength: number;
  fileLength: number;
}

export function readRecords(file: string): ReadResult {
  const data = fs.readFileSync(file);
  const records: Uint8Array[] = [];
  let offset = 0;
  while (offset + RECORD_HEADER <= data.length) {
    const length = data.readUInt32LE(offset);
    const sum = data.readUInt32LE(offset + 4);
    const end = offset + RECORD_HEADER + length;
    if (length > MAX_RECORD || end > data.length) break;
    const payload = data.subarray(offset + RECORD_HEADER, end);
    if (crc32(payload) !== sum) break;
    records.push(payload);
    offset = end;
  }
  return { records, validLength: offset, fileLength: data.length };
}

export function encodeRecords(payloads: readonly Uint8Array[]): Buffer {
  let size = 0;
  for (const p of payloads) size += RECORD_HEADER + p.length;
  const out = Buffer.allocUnsafe(size);
  let offset = 0;
  for (const p of payloads) {
    out.writeUInt32LE(p.length, offset);
    out.writeUInt32LE(crc32(p), offset + 4);
    out.set(p, offset + RECORD_HEADER);
    offset += RECORD_HEADER + p.length;
  }
  return out;
}

export class EventLog {
  private fd: number;
  private syncTimer: ReturnType<typeof setTimeout> | null = null;
  private syncing: Promise<void> = Promise.resolve();

  /** Opens for appending; a damaged tail beyond `validLength` is cut off first. */
  constructor(
    readonly file: string,
    validLength: number,
  ) {
    this.fd = fs.openSync(file, fs.existsSync(file) ? 'r+' : 'w+');
    fs.ftruncateSync(this.fd, validLength);
    this.position = validLength;
  }

  private position: number;

  append(payloads: readonly Uint8Array[]): void {
    const bytes = encodeRecords(payloads);
    let written = 0;
    while (written < bytes.length) written += fs.writeSync(this.fd, bytes, written, bytes.length - written, this.position + written);
    this.position += bytes.length;
    this.syncTimer ??= setTimeout(() => {
      this.syncTimer = null;
      // A failed background sync is tried again by the next; an explicit sync (flush, close) reports its own.
      this.sync().catch(() => {});
    }, FSYNC_INTERVAL_MS);
  }

  /** Forces what was appended to stable storage. */
  sync(): Promise<void> {
    // Each sync is a fresh attempt: one that failed before does not fail every later one.
    this.syncing = this.syncing.catch(() => {}).then(
      () => new Promise<void>((resolve, reject) => fs.fsync(this.fd, (err) => (err ? reject(err) : resolve()))),
    );
    return this.syncing;
  }

  async close(): Promise<void> {
    if (this.syncTimer) clearTimeout(this.syncTimer);
    this.syncTimer = null;
    await this.sync();
    fs.closeSync(this.fd);
  }
}
