/**
 * The user's boards as the home screen sees them: list (newest first, by name), create, rename,
 * duplicate, delete to a trash with a way back, thumbnails, and export/import of `.lanvas` files.
 * Plain Node over the board store; boards the reflector holds open are read through it, never opened
 * twice.
 */
import fs from 'node:fs';
import path from 'node:path';
import { boardNameProblem, MAX_BOARD_NAME, tidyBoardName } from '../../shared/board-name';
import { randomBytes } from '../../shared/bytes';
import { isBoardId } from '../../shared/ids';
import type { BoardSummary, ExportedBoard, TrashedBoard } from '../../shared/ipc-contract';
import { writeFileAtomic } from '../store/atomic-write';
import { BoardStore, readMeta, writeMeta, type BoardMeta, type OpenBoard } from '../store/board-store';
import { encodeRecords } from '../store/event-log';
import { boardDir, seqName } from '../store/paths';
import { encodeSnapshotFile } from '../store/snapshot-file';
import { encodeEvent } from '../../shared/frames';
import { boardFileName, encodeBoardFile } from '../../shared/board-file';
import { BoardFileError, decodeBoardFile, isThumbnail } from './board-file';


const TRASH_DAYS = 30;

export class LibraryError extends Error {}

/** A board name as typed: trimmed, control characters out, not empty, not too long. */
export function cleanBoardName(name: unknown): string {
  if (typeof name !== 'string') throw new LibraryError('a board name is text');
  const problem = boardNameProblem(name);
  if (problem !== null) throw new LibraryError(problem);
  return tidyBoardName(name);
}

function newBoardId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let id = 'b-';
  for (const b of randomBytes(10)) id += alphabet[b % 36];
  return id;
}

function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return total;
}

export class BoardLibrary {
  private readonly trashDir: string;

  constructor(
    private readonly store: BoardStore,
    /** The board as the reflector holds it open, if it does. */
    private readonly openBoard: (id: string) => OpenBoard | undefined,
  ) {
    this.trashDir = path.join(store.dataDir, 'trash');
    fs.mkdirSync(this.trashDir, { recursive: true });
    // A copy or import cut short by a crash left only its staging folder: it never became a board.
    const boards = path.join(store.dataDir, 'boards');
    for (const name of fs.readdirSync(boards)) if (/^\.(copy|import)-/.test(name)) fs.rmSync(path.join(boards, name), { recursive: true, force: true });
    this.purgeTrash();
  }

  private dir(id: string): string {
    if (!isBoardId(id) || !this.store.exists(id)) throw new LibraryError('there is no such board');
    return boardDir(this.store.dataDir, id);
  }

  /** Thumbnails as data URLs, kept until the file changes: the home screen lists on every keystroke. */
  private readonly thumbnails = new Map<string, { mtimeMs: number; url: string }>();

  private thumbnail(dir: string): string | null {
    const file = path.join(dir, 'thumbnail.png');
    const mtimeMs = fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs;
    if (mtimeMs === undefined) return null;
    const cached = this.thumbnails.get(file);
    if (cached?.mtimeMs === mtimeMs) return cached.url;
    const url = `data:image/png;base64,${fs.readFileSync(file).toString('base64')}`;
    this.thumbnails.set(file, { mtimeMs, url });
    return url;
  }

  private summary(meta: BoardMeta, dir: string): BoardSummary {
    return {
      id: meta.id,
      name: meta.name,
      created: meta.created,
      lastChange: this.openBoard(meta.id)?.meta.lastChange ?? meta.lastChange,
      bytes: folderBytes(dir),
      thumbnail: this.thumbnail(dir),
    };
  }

  /** Every board, newest change first; with a query, those whose name contains it (any case). */
  list(query = ''): BoardSummary[] {
    const q = query.trim().toLowerCase();
    return this.store
      .list()
      .filter((meta) => q === '' || meta.name.toLowerCase().includes(q))
      .map((meta) => this.summary(meta, boardDir(this.store.dataDir, meta.id)))
      .sort((a, b) => b.lastChange - a.lastChange);
  }

  get(id: string): BoardSummary {
    const dir = this.dir(id);
    return this.summary(readMeta(dir)!, dir);
  }

  create(name: unknown): BoardSummary {
    const meta = this.store.create(newBoardId(), cleanBoardName(name));
    return this.get(meta.id);
  }

  rename(id: string, name: unknown): BoardSummary {
    const clean = cleanBoardName(name);
    const dir = this.dir(id);
    const open = this.openBoard(id);
    if (open) {
      open.meta.name = clean;
      open.writeMeta();
    } else {
      writeMeta(dir, { ...readMeta(dir)!, name: clean });
    }
    return this.get(id);
  }

  /** A copy under a new id: what the board holds now (an open board is flushed first). */
  async duplicate(id: string): Promise<BoardSummary> {
    const source = this.dir(id);
    await this.openBoard(id)?.flush();
    const copyId = newBoardId();
    const staging = path.join(this.store.dataDir, 'boards', `.copy-${copyId}`);
    fs.cpSync(source, staging, { recursive: true, filter: (src) => !src.endsWith('.tmp') });
    const meta = readMeta(staging)!;
    const now = Date.now();
    writeMeta(staging, { ...meta, id: copyId, name: `${meta.name} (copy)`.slice(0, MAX_BOARD_NAME), created: now, lastChange: now });
    fs.renameSync(staging, boardDir(this.store.dataDir, copyId));
    return this.get(copyId);
  }

  /** Moves a board to the trash (kept TRASH_DAYS days). The caller closes it first if it is open. */
  delete(id: string): void {
    if (this.openBoard(id)) throw new LibraryError('close the board before deleting it');
    const dir = this.dir(id);
    const target = path.join(this.trashDir, id);
    fs.rmSync(target, { recursive: true, force: true });
    fs.renameSync(dir, target);
    writeFileAtomic(path.join(target, 'deleted'), String(Date.now()));
  }

  /** Boards in the trash, most recently deleted first. */
  trash(): TrashedBoard[] {
    const out: TrashedBoard[] = [];
    for (const id of fs.readdirSync(this.trashDir)) {
      const dir = path.join(this.trashDir, id);
      const meta = isBoardId(id) ? readMeta(dir) : null;
      if (meta) out.push({ ...this.summary(meta, dir), deleted: Number(fs.readFileSync(path.join(dir, 'deleted'), 'utf8')) || 0 });
    }
    return out.sort((a, b) => b.deleted - a.deleted);
  }

  restore(id: string): BoardSummary {
    const dir = path.join(this.trashDir, id);
    if (!isBoardId(id) || readMeta(dir) === null) throw new LibraryError('there is no such board in the trash');
    if (this.store.exists(id)) throw new LibraryError('a board with this id exists already');
    fs.rmSync(path.join(dir, 'deleted'), { force: true });
    fs.renameSync(dir, boardDir(this.store.dataDir, id));
    return this.get(id);
  }

  private purgeTrash(): void {
    const cutoff = Date.now() - TRASH_DAYS * 86_400_000;
    for (const board of this.trash()) if (board.deleted < cutoff) fs.rmSync(path.join(this.trashDir, board.id), { recursive: true, force: true });
  }

  /** Stores the renderer's thumbnail, if it is a small PNG. */
  saveThumbnail(id: string, png: unknown): void {
    if (!isThumbnail(png)) throw new LibraryError('a thumbnail is a PNG of at most 512 KiB');
    writeFileAtomic(path.join(this.dir(id), 'thumbnail.png'), png);
  }

  /** The board as one `.lanvas` file: its newest snapshot and every event after it. */
  async exportFile(id: string): Promise<ExportedBoard> {
    this.dir(id);
    let board = this.openBoard(id);
    const mine = board === undefined;
    board ??= this.store.open(id);
    try {
      await board.flush();
      const { name, created, lastChange } = board.meta;
      const picture = path.join(this.dir(id), 'thumbnail.png');
      const thumbnail = fs.existsSync(picture) ? new Uint8Array(fs.readFileSync(picture)) : undefined;
      const bytes = encodeBoardFile({ name, created, lastChange, snapshot: board.snapshot, events: board.eventsAfterSnapshot(), ...(thumbnail && { thumbnail }) });
      const fileName = boardFileName(name);
      return { fileName, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
    } finally {
      if (mine) await board.close();
    }
  }

  /** A new board from a `.lanvas` file; a damaged or foreign file throws and writes nothing. */
  async importFile(bytes: unknown): Promise<BoardSummary> {
    if (!(bytes instanceof Uint8Array)) throw new BoardFileError('this is not a Lanvas board file');
    const file = await decodeBoardFile(bytes);
    const id = newBoardId();
    const staging = path.join(this.store.dataDir, 'boards', `.import-${id}`);
    try {
      fs.mkdirSync(path.join(staging, 'snapshots'), { recursive: true });
      fs.mkdirSync(path.join(staging, 'log'), { recursive: true });
      if (file.snapshot) writeFileAtomic(path.join(staging, 'snapshots', seqName(file.snapshot.seq, '.snap')), encodeSnapshotFile(file.snapshot));
      const first = (file.snapshot?.seq ?? 0) + 1;
      writeFileAtomic(path.join(staging, 'log', seqName(first, '.log')), encodeRecords(file.events.map(encodeEvent)));
      const last = file.events.at(-1)?.[0] ?? file.snapshot?.seq ?? 0;
      if (file.thumbnail) writeFileAtomic(path.join(staging, 'thumbnail.png'), file.thumbnail);
      writeMeta(staging, { id, name: cleanBoardName(file.name), created: file.created, lastChange: file.lastChange, events: last, snapshotSeq: file.snapshot?.seq ?? 0 });
      fs.renameSync(staging, boardDir(this.store.dataDir, id));
    } catch (error) {
      fs.rmSync(staging, { recursive: true, force: true });
      throw error;
    }
    return this.get(id);
  }
}
