/** Where a board lives on disk. Ids are checked against a closed alphabet and the result against the root. */
import path from 'node:path';
import { isBoardId } from '../../shared/ids';

export function boardDir(dataDir: string, boardId: string): string {
  if (!isBoardId(boardId)) throw new Error(`invalid board id: ${JSON.stringify(boardId)}`);
  const root = path.resolve(dataDir, 'boards');
  const dir = path.resolve(root, boardId);
  if (path.dirname(dir) !== root) throw new Error(`board id escapes the data directory: ${boardId}`);
  return dir;
}

const SEQ_DIGITS = 14;
export const seqName = (seq: number, ext: string): string => `${String(seq).padStart(SEQ_DIGITS, '0')}${ext}`;

/** Parses a name made by seqName, or returns null for anything else in the folder. */
export function parseSeqName(name: string, ext: string): number | null {
  const match = new RegExp(`^(\\d{${SEQ_DIGITS}})${ext.replace('.', '\\.')}$`).exec(name);
  return match ? Number(match[1]) : null;
}
