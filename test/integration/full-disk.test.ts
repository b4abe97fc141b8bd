/**
 * A full disk, for real: the host's data folder on a small tmpfs that a filler file fills up. The host
 * keeps running, acknowledges nothing it could not write (so nobody sees it), tells everyone it cannot
 * save, leaves no partial temp file behind, and carries on by itself once space returns: every event
 * drawn meanwhile reaches everyone, once, and is there after a restart.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Session } from '../../src/renderer/session/session';
import { startHost, tempDataDir, until } from '../support/host';
import { joinSession } from '../support/join';
import { Board } from '../support/test-model';

const mountPoint = tempDataDir();
const mounted = (() => {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mountPoint], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

afterAll(() => {
  if (mounted) execFileSync('umount', ['-l', mountPoint]);
});

/** Writes a file until the disk refuses more; returns its path. */
function fillDisk(dir: string): string {
  const filler = path.join(dir, 'filler');
  const fd = fs.openSync(filler, 'w');
  const chunk = Buffer.alloc(4096, 7);
  try {
    for (;;) fs.writeSync(fd, chunk);
  } catch (error) {
    expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
  } finally {
    fs.closeSync(fd);
  }
  return filler;
}

function tempFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.tmp'));
}

describe.skipIf(!mounted)('a full disk (skipped where a tmpfs cannot be mounted: that needs root)', () => {
  it('stops acknowledging, says so, keeps running, and recovers by itself with nothing lost', async () => {
    const dataDir = path.join(mountPoint, 'data');
    const host = await startHost({ dataDir, boards: ['full'], policy: { tickMs: 30, snapshotEveryEvents: 40 } });
    const notices: boolean[] = [];
    const a = await joinSession(host.url, 'full', 'A', Board, { onHostStorage: (ok) => notices.push(ok) });
    const b: Session<Board> = await joinSession(host.url, 'full', 'B', Board);
    for (let i = 0; i < 20; i++) a.publish('board', 'add', { key: `before${i}`, label: '', by: 'A' });
    await until(() => b.model.items.size === 20, 'the first events');

    const filler = fillDisk(mountPoint);
    let sent = 0;
    while (a.hostCanSave && sent < 2000) {
      a.publish('board', 'add', { key: `full${sent++}`, label: 'x'.repeat(200), by: 'A' });
      await new Promise((r) => setTimeout(r, 20)); // under the event rate
    }
    await until(() => !a.hostCanSave && !b.hostCanSave, 'both told the host cannot save');
    expect(host.logs.some((l) => l.includes('CANNOT SAVE'))).toBe(true);
    // Nothing that is not on disk was acknowledged: B has exactly what the log holds.
    const saved = host.reflector.board('full')!.board.lastSeq;
    await new Promise((r) => setTimeout(r, 300));
    expect(host.reflector.board('full')!.board.lastSeq).toBe(saved);
    expect(b.model.items.size).toBeLessThan(20 + sent);
    expect(a.unacknowledged).toBeGreaterThan(0);
    expect(a.status).toBe('connected'); // the notices keep the connection alive
    // More drawn while it cannot save, and a failed snapshot leaves no temp file eating the space.
    for (let i = 0; i < 10; i++) a.publish('board', 'add', { key: `more${i}`, label: '', by: 'A' });
    expect(tempFiles(dataDir)).toEqual([]);

    fs.rmSync(filler);
    await until(() => a.hostCanSave && b.hostCanSave, 'both told the host saves again');
    const total = 20 + sent + 10;
    await until(() => b.model.items.size === total && a.unacknowledged === 0, 'every event saved and seen');
    expect(b.model.seen).toHaveLength(total); // each once
    expect(notices).toEqual([false, true]);
    a.leave();
    b.leave();
    await host.reflector.close();

    const again = await startHost({ dataDir, boards: ['full'] });
    const c = await joinSession(again.url, 'full', 'C', Board);
    expect(c.model.items.size).toBe(total);
    c.leave();
    await again.reflector.close();
  });
});
