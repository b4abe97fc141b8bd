/**
 * After an outage a client resends everything the host never acknowledged. It goes out paced under the
 * event rate, so the host never refuses it, and nothing queued is lost.
 */
import { expect, it } from 'vitest';
import type { SessionStatus } from '../../src/renderer/session/session';
import { LIMITS } from '../../src/shared/protocol';
import { startHost, until } from '../support/host';
import { joinSession } from '../support/join';
import { Board } from '../support/test-model';

it('500 events drawn while the host was down all reach everyone, and the client is never refused', async () => {
  const host = await startHost({ boards: ['b'], policy: { tickMs: 30 } });
  const statuses: SessionStatus[] = [];
  const a = await joinSession(host.url, 'b', 'A', Board, { onStatus: (status) => statuses.push(status) });
  const { port } = host.reflector;
  await host.reflector.close();
  await until(() => a.status !== 'connected', 'the client to see the host gone');
  const queued = 500;
  expect(queued).toBeGreaterThan(LIMITS.eventRate.burst * 2);
  for (let i = 0; i < queued; i++) a.publish('board', 'add', { key: `k${i}`, label: '', by: 'A' });

  const again = await startHost({ dataDir: host.dataDir, port, boards: ['b'], policy: { tickMs: 30 } });
  const b = await joinSession(again.url, 'b', 'B', Board);
  await until(() => a.unacknowledged === 0 && b.model.items.size === queued, 'every queued event at the other replica', 30_000);
  expect(b.model.seen).toHaveLength(queued);
  expect(a.endedBy).toBeNull();
  expect(statuses).not.toContain('closed');
  a.leave();
  b.leave();
  await again.reflector.close();
}, 40_000);
