/** An in-process reflector + store on loopback with a fresh data directory, for tests. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Reflector } from '../../src/main/reflector/reflector';
import type { BoardPolicy } from '../../src/main/reflector/board-session';
import type { GuessRates } from '../../src/main/reflector/guess-limiter';
import { BoardStore } from '../../src/main/store/board-store';

export const SECRET = 'correct horse battery staple';

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'lanvas-test-'));
}

export async function startHost(options: { dataDir?: string; port?: number; policy?: Partial<BoardPolicy>; secret?: string; boards?: string[]; guessRates?: Partial<GuessRates> } = {}) {
  const dataDir = options.dataDir ?? tempDataDir();
  const store = new BoardStore(dataDir);
  const secret = options.secret ?? SECRET;
  const logs: string[] = [];
  const reflector = await Reflector.start({ store, resolve: (board) => (options.boards === undefined || options.boards.includes(board) ? { board, password: secret } : undefined), port: options.port, policy: options.policy, guessRates: options.guessRates, log: (l) => logs.push(l) });
  return { reflector, store, dataDir, logs, url: `ws://127.0.0.1:${reflector.port}` };
}

/** Polls until `check` holds; fails with `what` after `ms`. */
export async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
