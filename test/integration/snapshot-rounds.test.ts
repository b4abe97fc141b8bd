/**
 * Snapshot rounds that one replica cannot block: the state a majority agrees on is stored (the
 * outvoted replica is told), a replica that never reports is left out after the deadline, and a round
 * that fails is not retried at every tick.
 */
import { afterEach, expect, it } from 'vitest';
import type { Session } from '../../src/renderer/session/session';
import type { BoardPolicy } from '../../src/main/reflector/board-session';
import { SECRET, startHost, until } from '../support/host';
import { joinSession } from '../support/join';
import { RawClient } from '../support/raw-client';
import { Board } from '../support/test-model';

let host: Awaited<ReturnType<typeof startHost>> | null = null;
const sessions: Session<Board>[] = [];
const raws: RawClient[] = [];

afterEach(async () => {
  for (const s of sessions.splice(0)) s.leave();
  for (const r of raws.splice(0)) r.ws.close();
  await host?.reflector.close();
  host = null;
});

async function room(names: string[], policy: Partial<BoardPolicy> = {}) {
  host = await startHost({ policy: { snapshotEveryEvents: 1_000_000, tickMs: 30, ...policy } });
  const divergences = new Map<string, number[]>();
  for (const name of names) {
    divergences.set(name, []);
    sessions.push(await joinSession(host.url, 'rounds', name, Board, { onDivergence: (m) => divergences.get(name)!.push(m.seq) }));
  }
  sessions[0]!.publish('board', 'add', { key: 'x', label: 'x', by: 'A' });
  await until(() => sessions.every((s) => s.model.items.has('x')), 'the event everywhere');
  return { board: host.reflector.board('rounds')!, divergences };
}

it('stores the majority state when one replica disagrees, and tells it', async () => {
  const { board, divergences } = await room(['A', 'B', 'C']);
  sessions[2]!.model.items.get('x')!.label = 'tampered'; // C has gone wrong
  board.requestSnapshot();
  await until(() => board.board.snapshot !== null, 'the snapshot stored');
  await until(() => divergences.get('C')!.length === 1, 'C told it was outvoted');
  expect(host!.logs.some((l) => l.includes(`outvoted: ${sessions[2]!.viewId}`))).toBe(true);
});

it('leaves a replica that never reports its hash out of the round after the deadline', async () => {
  const { board } = await room(['A', 'B'], { snapshotHashTimeoutMs: 400 });
  const silent = new RawClient(host!.url);
  raws.push(silent);
  await silent.authenticate('rounds', SECRET, 'rawSILNT');
  await silent.next('welcome');
  board.requestSnapshot();
  await until(() => board.board.snapshot !== null, 'the snapshot stored without the silent replica', 5000);
});

it('after a round fails, the next waits: rounds do not restart at every tick', async () => {
  const { board } = await room(['A', 'B'], { snapshotEveryEvents: 10 });
  sessions[1]!.model.items.get('x')!.label = 'tampered'; // two replicas, no majority: nothing can be stored
  for (let i = 0; i < 12; i++) sessions[0]!.publish('board', 'add', { key: `k${i}`, label: '', by: 'A' });
  await until(() => host!.logs.some((l) => l.includes('DIVERGENCE')), 'the first round to fail');
  await new Promise((r) => setTimeout(r, 1500)); // 50 ticks with nobody drawing
  expect(host!.logs.filter((l) => l.includes('DIVERGENCE'))).toHaveLength(1);
  expect(board.board.snapshot).toBeNull();
});
