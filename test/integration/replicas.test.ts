/**
 * Many headless replicas over a real reflector on loopback: a random event storm with random delays,
 * a dropped connection mid-storm, a late joiner from a stored snapshot. All must end with the same
 * state hash, and every event a user published must be applied exactly once.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Session } from '../../src/renderer/session/session';
import { writeSnapshot } from '../../src/renderer/engine/snapshot';
import { toHex } from '../../src/shared/bytes';
import { Board } from '../support/test-model';
import { testRandom } from '../support/events';
import { startHost, until } from '../support/host';
import { joinSession } from '../support/join';

type Host = Awaited<ReturnType<typeof startHost>>;
let host: Host | null = null;
const sessions: Session<Board>[] = [];

afterEach(async () => {
  for (const s of sessions.splice(0)) s.leave();
  await host?.reflector.close();
  host = null;
  vi.restoreAllMocks();
});

const statuses = new Map<string, string[]>();

function join(url: string, name: string): Promise<Session<Board>> {
  statuses.set(name, []);
  return joinSession(url, 'storm', name, Board, { onStatus: (status) => statuses.get(name)!.push(status) }).then((s) => (sessions.push(s), s));
}

/** Hashes every replica at one instant, once they all stand at the same event and the same time. */
async function hashesWhenQuiet(all: Session<Board>[]): Promise<string[]> {
  let captured: Promise<{ hash: Uint8Array }>[] = [];
  await until(() => {
    const first = all[0]!.vm!;
    const still = all.every((s) => s.unacknowledged === 0 && s.vm!.seq === first.seq && s.vm!.time === first.time);
    // writeSnapshot without a pause runs to the end at once, so all are captured at the same moment
    if (still) captured = all.map((s) => writeSnapshot(s.vm!));
    return still;
  }, 'replicas to settle', 20_000);
  return Promise.all(captured.map(async (written) => toHex((await written).hash)));
}

describe('replicas over a real reflector', () => {
  it('agree under a random storm, with a dropped connection and a late joiner from a snapshot', async () => {
    host = await startHost({ policy: { snapshotEveryEvents: 200, tickMs: 30 } });
    const names = ['Ada', 'Bo', 'Cy', 'Di', 'Ed'];
    const five = await Promise.all(names.map((n) => join(host!.url, n)));
    const published = new Map<string, string[]>();
    const rnd = testRandom(42);

    const storm = five.map(async (session, i) => {
      const keys: string[] = [];
      published.set(session.viewId, keys);
      for (let n = 0; n < 120; n++) {
        await new Promise((r) => setTimeout(r, Math.floor(rnd() * 12)));
        const roll = rnd();
        if (roll < 0.6 || keys.length < 2) {
          const key = `${names[i]}-${n}`;
          keys.push(key);
          session.publish('board', 'add', { key, label: `#${n}`, by: names[i] });
        } else if (roll < 0.85) {
          session.publish('board', 'link', { a: keys[Math.floor(rnd() * keys.length)], b: keys[Math.floor(rnd() * keys.length)] });
        } else {
          session.publish('board', 'tag', { tag: `t${Math.floor(rnd() * 4)}` });
        }
        // Cy loses the network twice mid-storm; its queued events must still land, once each.
        if (i === 2 && (n === 40 || n === 80)) session.dropConnection();
      }
    });
    await Promise.all(storm);

    const first = await hashesWhenQuiet(five);
    expect(new Set(first).size).toBe(1);

    const board = five[0]!.model;
    for (const [viewId, keys] of published) {
      for (const key of keys) expect(board.seen, `${viewId} published ${key}`).toContain(key);
    }
    expect(new Set(board.seen).size).toBe(board.seen.length);
    expect(five[2]!.status).toBe('connected');
    expect(statuses.get('Cy')!.filter((s) => s === 'reconnecting')).toHaveLength(2);

    // At least one snapshot was agreed and stored during the storm; then a sixth joins from it.
    expect(host.logs.some((l) => l.includes('snapshot stored'))).toBe(true);
    expect(host.logs.some((l) => l.includes('DIVERGENCE'))).toBe(false);
    const stored = host.reflector.board('storm')!.board.snapshot!;
    expect(stored.seq).toBeGreaterThan(0);
    const init = vi.spyOn(Board.prototype, 'init');
    const late = await join(host.url, 'Late');
    expect(init).not.toHaveBeenCalled();
    expect(late.model.initCalls).toBe(1);
    const all = await hashesWhenQuiet([...five, late]);
    expect(new Set(all).size).toBe(1);
    expect(late.model.present.size).toBe(6);
  });

  it('stores nothing when a replica disagrees, and tells every client', async () => {
    host = await startHost({ policy: { snapshotEveryEvents: 1_000_000, tickMs: 30 } });
    const diverged: number[] = [];
    const [a, b] = await Promise.all([join(host.url, 'A'), join(host.url, 'B')]);
    for (const s of [a, b]) (s as unknown as { options: { onDivergence: (m: { seq: number }) => void } }).options.onDivergence = (m) => diverged.push(m.seq);
    a.publish('board', 'add', { key: 'x', label: 'x', by: 'A' });
    await until(() => b.model.items.has('x') && a.model.items.has('x'), 'the event to reach both');
    b.model.items.get('x')!.label = 'tampered'; // simulate a replica gone wrong
    host.reflector.board('storm')!.requestSnapshot();
    await until(() => diverged.length === 2, 'both clients to hear of the divergence');
    expect(host.logs.some((l) => l.includes('DIVERGENCE'))).toBe(true);
    expect(host.reflector.board('storm')!.board.snapshot).toBeNull();
  });
});
