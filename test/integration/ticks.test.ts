/**
 * Time only moves forward past events already sent. Ticks are not logged, so a tick sent ahead of
 * batched events stamped earlier would let live replicas run futures before those events while a
 * replica rebuilt from the log runs them after: they would diverge.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { encodeViewEvent } from '../../src/renderer/engine/view-events';
import { SECRET, startHost, until } from '../support/host';
import { RawClient } from '../support/raw-client';

let close: (() => Promise<void>) | null = null;
afterEach(async () => {
  await close?.();
  close = null;
});

describe('ticks', () => {
  it('never overtake events waiting in a batch', async () => {
    const host = await startHost({ policy: { batchMs: 200, tickMs: 10 } });
    close = () => host.reflector.close();
    const c = new RawClient(host.url);
    await c.authenticate('t', SECRET, 'tickVIEW');
    await c.next('welcome');
    const data = encodeViewEvent('board', 'tag', { tag: 'x' });
    for (let cseq = 1; cseq <= 6; cseq++) {
      c.send({ t: 'publish', first: cseq, data: [data] });
      await new Promise((r) => setTimeout(r, 40)); // ticks are due meanwhile; the batch is not
    }
    const userEvents = () => c.received.flatMap((m) => (m.t === 'events' ? m.events.filter((e) => e[2] === 0) : []));
    await until(() => userEvents().length === 6, 'every event');
    let time = 0;
    for (const m of c.received) {
      if (m.t === 'tick') time = Math.max(time, m.time);
      if (m.t === 'events') for (const e of m.events) expect(e[1], `event ${e[0]} arrived after a tick to ${time}`).toBeGreaterThanOrEqual(time);
    }
    c.ws.close();
  });
});
