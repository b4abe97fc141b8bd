/**
 * The headless host as a real process, killed with SIGKILL mid-storm and started again on the same
 * data: the board reopens with every event any client saw, the clients reconnect by themselves and
 * resend what was not acknowledged, and all replicas agree. Also: a clean stop that no idle socket can
 * hold up, and a host that outlives whatever read its output.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Session } from '../../src/renderer/session/session';
import { writeSnapshot } from '../../src/renderer/engine/snapshot';
import { toHex } from '../../src/shared/bytes';
import { Board } from '../support/test-model';
import { SECRET, tempDataDir, until } from '../support/host';
import { joinSession } from '../support/join';
import { startHostProcess, type HostProcess } from '../support/host-process';

const children: ChildProcess[] = [];
const sessions: Session<Board>[] = [];

afterEach(() => {
  for (const s of sessions.splice(0)) s.leave();
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

async function startHost(dataDir: string, port = 0): Promise<HostProcess> {
  const host = await startHostProcess({ dataDir, port, boards: { crash: SECRET }, extra: ['--snapshot-every', '150'] });
  children.push(host.child);
  return host;
}

function join(port: number, name: string): Promise<Session<Board>> {
  return joinSession(`ws://127.0.0.1:${port}`, 'crash', name, Board, { reconnectDelayMs: { min: 50, max: 300 } }).then((s) => (sessions.push(s), s));
}

describe('the host process', () => {
  it('loses nothing acknowledged when killed with SIGKILL mid-storm', async () => {
    const dataDir = tempDataDir();
    const first = await startHost(dataDir);
    const clients = await Promise.all(['Ann', 'Ben', 'Cat'].map((n) => join(first.port, n)));
    const published: string[] = [];
    let stop = false;
    const storm = clients.map(async (session, i) => {
      for (let n = 0; !stop || n < 5; n++) {
        const key = `${i}-${n}`;
        published.push(key);
        session.publish('board', 'add', { key, label: '', by: String(i) });
        await new Promise((r) => setTimeout(r, 3));
        if (n > 2000) break;
      }
    });
    await until(() => clients.every((c) => c.model.seen.length > 300), 'the storm to get going', 30_000);
    first.child.kill('SIGKILL');
    await until(() => clients.every((c) => c.status !== 'connected'), 'clients to notice the host is gone');
    // Everything any client applied was broadcast, hence acknowledged: it must all come back.
    const acknowledged = new Set(clients.flatMap((c) => c.model.seen));
    stop = true;
    await Promise.all(storm);

    const second = await startHost(dataDir, first.port);
    await until(() => clients.every((c) => c.status === 'connected' && c.unacknowledged === 0), 'clients to reconnect and resend', 30_000);
    const late = await join(second.port, 'Late');
    for (const key of acknowledged) expect(late.model.items.has(key), `acknowledged ${key}`).toBe(true);
    // The clients resent what the dead host never acknowledged, so in the end nothing at all is lost.
    await until(() => late.model.seen.length === published.length, 'every published event', 30_000);
    expect(new Set(late.model.seen)).toEqual(new Set(published));

    const all = [...clients, late];
    let captured: Promise<{ hash: Uint8Array }>[] = [];
    await until(() => {
      const ok = all.every((s) => s.vm!.seq === late.vm!.seq && s.vm!.time === late.vm!.time);
      if (ok) captured = all.map((s) => writeSnapshot(s.vm!));
      return ok;
    }, 'replicas to settle');
    const hashes = await Promise.all(captured.map(async (written) => toHex((await written).hash)));
    expect(new Set(hashes).size).toBe(1);

    // A clean stop flushes and says so.
    expect(await second.stop()).toBe(0);
    expect(second.output()).toMatch(/SIGTERM: flushing and closing[\s\S]*stopped/);

    // Damage what a crash or a bad disk can leave: a corrupt newest snapshot and a torn log tail.
    const dir = path.join(dataDir, 'boards', 'crash');
    const snapshots = fs.readdirSync(path.join(dir, 'snapshots')).sort();
    expect(snapshots.length).toBeGreaterThan(1);
    const newest = path.join(dir, 'snapshots', snapshots.at(-1)!);
    const bytes = fs.readFileSync(newest);
    bytes[bytes.length - 10]! ^= 0xff;
    fs.writeFileSync(newest, bytes);
    const logs = fs.readdirSync(path.join(dir, 'log')).sort();
    fs.appendFileSync(path.join(dir, 'log', logs.at(-1)!), Buffer.from([0x40, 0, 0, 0, 0xde, 0xad]));
    const third = await startHost(dataDir, first.port);
    const check = await join(third.port, 'Check');
    expect(new Set(check.model.seen)).toEqual(new Set(published));
    expect(third.output()).toMatch(/did not use snapshot\(s\) at \d+ [\s\S]*the log breaks: 6 byte\(s\) after it[\s\S]*kept in the board's folder for inspection: set-aside\//);
  });

  it('stops on SIGTERM while a browser holds an idle connection open', async () => {
    const host = await startHost(tempDataDir());
    // What a browser's preconnect or keep-alive leaves: a socket with no request in flight.
    const idle = net.connect(host.port, '127.0.0.1');
    await new Promise((resolve) => idle.once('connect', resolve));
    idle.on('error', () => {}); // the host may reset it as it goes: all that matters is that it goes
    const closed = new Promise((resolve) => idle.once('close', resolve));
    expect(await host.stop(), host.output()).toBe(0);
    await closed;
  }, 20_000); // the server's own headers timeout, which would end the wait otherwise, is 60 s

  it('keeps serving when whatever read its output goes away', async () => {
    const host = await startHost(tempDataDir());
    host.child.stdout!.destroy(); // as when `npm run host | tee log` loses its tee
    const first = await join(host.port, 'Ann'); // opening the board and the join are both logged
    first.publish('board', 'add', { key: 'a', label: '', by: 'Ann' });
    const second = await join(host.port, 'Ben');
    await until(() => second.model.items.has('a'), 'the second client to see the first one\'s event');
    expect(host.child.exitCode).toBe(null);
    expect(await host.stop()).toBe(0);
  });
});
