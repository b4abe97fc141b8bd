import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { userEvent } from '../../../test/support/events';
import { tempDataDir } from '../../../test/support/host';
import type { StampedEvent } from '../../shared/protocol';
import { BoardStore, KEEP_SNAPSHOTS } from './board-store';
import { boardDir } from './paths';
import type { StoredSnapshot } from './snapshot-file';

const events = (from: number, to: number): StampedEvent[] =>
  Array.from({ length: to - from + 1 }, (_, i) => userEvent(from + i, (from + i) * 10, 'viewAAAA', 'board', 'tag', { tag: `t${from + i}` }));

const snapshotAt = (seq: number): StoredSnapshot => ({
  seq,
  time: seq * 10,
  hash: new Uint8Array(32).fill(seq % 256),
  bytes: new Uint8Array([1, 2, 3, seq % 256]),
  acked: [['viewAAAA', seq]],
});

function logFiles(dir: string): string[] {
  return fs.readdirSync(path.join(dir, 'log')).map((f) => path.join(dir, 'log', f)).sort();
}

describe('the board store', () => {
  it('reopens a board with every appended event and a fresh one empty', async () => {
    const store = new BoardStore(tempDataDir());
    const board = store.open('b1', 'First board');
    expect(board.lastSeq).toBe(0);
    board.append(events(1, 50));
    await board.close();
    const again = store.open('b1');
    expect(again.eventsAfterSnapshot().map((e) => e[0])).toEqual(events(1, 50).map((e) => e[0]));
    expect(again.acked.get('viewAAAA')).toBe(50);
    expect(store.list().map((m) => [m.id, m.name, m.events])).toEqual([['b1', 'First board', 50]]);
    await again.close();
  });

  it('cuts a torn log tail and goes on appending after it', async () => {
    const store = new BoardStore(tempDataDir());
    const board = store.open('torn');
    board.append(events(1, 20));
    await board.close();
    const [file] = logFiles(boardDir(store.dataDir, 'torn'));
    const full = fs.statSync(file!).size;
    fs.truncateSync(file!, full - 5); // the last record lost its end, as in a crash mid-write
    const reopened = store.open('torn');
    expect(reopened.lastSeq).toBe(19);
    expect(reopened.recovery.truncatedBytes).toBeGreaterThan(0);
    reopened.append(events(20, 25));
    await reopened.close();
    expect(store.open('torn').eventsAfterSnapshot().map((e) => e[0])).toEqual(events(1, 25).map((e) => e[0]));
  });

  it('stops at a damaged record in the middle and never leaves a gap', async () => {
    const store = new BoardStore(tempDataDir());
    const board = store.open('flip');
    board.append(events(1, 30));
    await board.close();
    const [file] = logFiles(boardDir(store.dataDir, 'flip'));
    const bytes = fs.readFileSync(file!);
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    fs.writeFileSync(file!, bytes);
    const reopened = store.open('flip');
    const seqs = reopened.eventsAfterSnapshot().map((e) => e[0]);
    expect(seqs.length).toBeLessThan(30);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    await reopened.close();
  });

  it('falls back to the previous snapshot plus the log when the newest is corrupt', async () => {
    const store = new BoardStore(tempDataDir());
    const board = store.open('fallback');
    board.append(events(1, 100));
    await board.storeSnapshot(snapshotAt(40));
    board.append(events(101, 150));
    await board.storeSnapshot(snapshotAt(120));
    board.append(events(151, 160));
    await board.close();
    const newest = path.join(boardDir(store.dataDir, 'fallback'), 'snapshots', '00000000000120.snap');
    const bytes = fs.readFileSync(newest);
    bytes[bytes.length - 1]! ^= 0x55;
    fs.writeFileSync(newest, bytes);
    const reopened = store.open('fallback');
    expect(reopened.recovery.skippedSnapshots).toEqual([120]);
    expect(reopened.snapshot!.seq).toBe(40);
    expect(reopened.eventsAfterSnapshot()[0]![0]).toBe(41);
    expect(reopened.lastSeq).toBe(160);
    await reopened.close();
  });

  it('keeps the last few snapshots and only the log they need', async () => {
    const store = new BoardStore(tempDataDir());
    const board = store.open('compact');
    let seq = 0;
    for (let round = 1; round <= 6; round++) {
      board.append(events(seq + 1, seq + 100));
      seq += 100;
      await board.storeSnapshot(snapshotAt(seq - 10));
    }
    await board.close();
    const dir = boardDir(store.dataDir, 'compact');
    expect(fs.readdirSync(path.join(dir, 'snapshots'))).toHaveLength(KEEP_SNAPSHOTS);
    const reopened = store.open('compact');
    expect(reopened.snapshot!.seq).toBe(590);
    expect(reopened.lastSeq).toBe(600);
    // The oldest kept snapshot (390) must still be restorable from the log that is left.
    const firstLogged = Number(path.basename(logFiles(dir)[0]!, '.log'));
    expect(firstLogged).toBeLessThanOrEqual(391);
    expect(firstLogged).toBeGreaterThan(100);
    await reopened.close();
  });

  it('refuses ids that could leave the data directory', () => {
    const store = new BoardStore(tempDataDir());
    for (const id of ['../evil', '..', 'a/b', 'A', '', '.hidden', 'x'.repeat(65), 'a\u0000b']) {
      expect(() => store.open(id), JSON.stringify(id)).toThrow(/invalid board id/);
    }
  });
});
