import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { userEvent } from '../../../test/support/events';
import { tempDataDir } from '../../../test/support/host';
import type { StampedEvent } from '../../shared/protocol';
import { BoardStore, describeRecovery, KEEP_SNAPSHOTS, SET_ASIDE } from './board-store';
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

  /** Three snapshots (100, 200, 300) each followed by 100 events, then 50 more: segments 101, 201, 301. */
  async function threeRounds(store: BoardStore, id: string) {
    const board = store.open(id);
    for (const end of [100, 200, 300]) {
      board.append(events(end - 99, end));
      await board.storeSnapshot(snapshotAt(end));
    }
    board.append(events(301, 350));
    await board.close();
    return boardDir(store.dataDir, id);
  }
  const flipByte = (file: string) => {
    const bytes = fs.readFileSync(file);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x20;
    fs.writeFileSync(file, bytes);
  };
  const logNamed = (dir: string, first: number) => path.join(dir, 'log', `${String(first).padStart(14, '0')}.log`);

  it('a flipped bit in the oldest segment costs nothing while a newer snapshot verifies, at every restart', async () => {
    const store = new BoardStore(tempDataDir());
    const dir = await threeRounds(store, 'oldest');
    const before = logFiles(dir).map((f) => [f, fs.statSync(f).size]);
    flipByte(logNamed(dir, 101));
    for (let start = 0; start < 2; start++) {
      const reopened = store.open('oldest');
      expect([reopened.snapshot!.seq, reopened.lastSeq]).toEqual([300, 350]);
      expect(reopened.eventsAfterSnapshot().map((e) => e[0])).toEqual(events(301, 350).map((e) => e[0]));
      expect(reopened.recovery.setAside).toEqual([]);
      await reopened.close();
      expect(logFiles(dir).map((f) => [f, fs.statSync(f).size])).toEqual(before); // nothing deleted or cut
    }
  });

  it('damage in the second-newest segment loses none of the events after the newest snapshot', async () => {
    const store = new BoardStore(tempDataDir());
    const dir = await threeRounds(store, 'second');
    flipByte(logNamed(dir, 201));
    const reopened = store.open('second');
    expect([reopened.snapshot!.seq, reopened.lastSeq]).toEqual([300, 350]);
    await reopened.close();
  });

  it('sets aside a snapshot beyond the log end, and never reuses it once new events pass it', async () => {
    const store = new BoardStore(tempDataDir());
    const dir = await threeRounds(store, 'stale');
    // A power cut inside the sync window: the snapshot at 300 is on disk, the log after 280 is not.
    fs.rmSync(logNamed(dir, 301));
    const segment = logNamed(dir, 201);
    const keep = fs.readFileSync(segment).length * 0.8; // 201..280 of 201..300, records being equal in size
    fs.truncateSync(segment, keep);
    const reopened = store.open('stale');
    expect([reopened.snapshot!.seq, reopened.lastSeq]).toEqual([200, 280]);
    expect(reopened.recovery.skippedSnapshots).toEqual([300]);
    expect(fs.readdirSync(path.join(dir, SET_ASIDE)).some((f) => f.endsWith('00000000000300.snap'))).toBe(true);
    const fresh = Array.from({ length: 40 }, (_, i) => userEvent(281 + i, (281 + i) * 10, 'viewBBBB', 'board', 'tag', { tag: 'after the cut' }));
    reopened.append(fresh);
    await reopened.close();
    const again = store.open('stale');
    expect([again.snapshot!.seq, again.lastSeq]).toEqual([200, 320]);
    // The events after 280 are the new ones (another view's), not those the cut snapshot held.
    expect(again.eventsAfterSnapshot().slice(80).map((e) => [e[0], e[3]])).toEqual(fresh.map((e) => [e[0], 'viewBBBB']));
    await again.close();
  });

  it('keeps what it cuts: a damaged tail and the segments after a break go to set-aside/', async () => {
    const store = new BoardStore(tempDataDir());
    const dir = await threeRounds(store, 'aside');
    for (const seq of [300, 200]) fs.writeFileSync(path.join(dir, 'snapshots', `${String(seq).padStart(14, '0')}.snap`), 'damaged');
    const damaged = fs.readFileSync(logNamed(dir, 201));
    flipByte(logNamed(dir, 201));
    const reopened = store.open('aside');
    expect(reopened.snapshot!.seq).toBe(100);
    expect(reopened.lastSeq).toBeGreaterThan(200);
    expect(reopened.lastSeq).toBeLessThan(300);
    const aside = fs.readdirSync(path.join(dir, SET_ASIDE));
    expect(aside.filter((f) => f.endsWith('.snap'))).toHaveLength(2);
    expect(aside.filter((f) => f.endsWith('.log'))).toHaveLength(2); // the cut segment's copy, and 301
    const copy = aside.find((f) => f.endsWith('00000000000201.log'))!;
    expect(fs.readFileSync(path.join(dir, SET_ASIDE, copy)).length).toBe(damaged.length);
    await reopened.close();
  });

  it('cleans the temporary files of interrupted writes at open', async () => {
    const store = new BoardStore(tempDataDir());
    const dir = await threeRounds(store, 'tmp');
    fs.writeFileSync(path.join(dir, 'snapshots', '00000000000400.snap.77.tmp'), Buffer.alloc(1000));
    fs.writeFileSync(path.join(dir, 'meta.json.77.tmp'), '{');
    const reopened = store.open('tmp');
    expect(reopened.recovery.removedTemp).toBe(2);
    expect(fs.readdirSync(path.join(dir, 'snapshots')).some((f) => f.endsWith('.tmp'))).toBe(false);
    expect(describeRecovery(reopened.recovery)).toEqual(['removed 2 temporary file(s) of interrupted writes']);
    await reopened.close();
  });

  it('rebuilds a damaged or missing meta.json, lists the board, and says so', async () => {
    const store = new BoardStore(tempDataDir());
    const dir = await threeRounds(store, 'meta');
    for (const damage of ['{"id": 3', '', null]) {
      if (damage === null) fs.rmSync(path.join(dir, 'meta.json'));
      else fs.writeFileSync(path.join(dir, 'meta.json'), damage);
      expect(store.list().map((m) => m.name)).toEqual(['Recovered board']);
      const reopened = store.open('meta');
      expect(reopened.recovery.metaRebuilt).toBe(true);
      expect(describeRecovery(reopened.recovery)[0]).toMatch(/meta\.json was missing or damaged/);
      expect(reopened.lastSeq).toBe(350);
      await reopened.close();
      expect(store.open('meta').recovery.metaRebuilt).toBe(false);
    }
  });

  it('refuses ids that could leave the data directory', () => {
    const store = new BoardStore(tempDataDir());
    for (const id of ['../evil', '..', 'a/b', 'A', '', '.hidden', 'x'.repeat(65), 'a\u0000b']) {
      expect(() => store.open(id), JSON.stringify(id)).toThrow(/invalid board id/);
    }
  });
});
