/**
 * A board whose files cannot be recovered is refused, with its close code and a log line, at every
 * attempt; the host and every client of its other boards go on.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { encodeRecords } from '../../src/main/store/event-log';
import { boardDir } from '../../src/main/store/paths';
import type { Session } from '../../src/renderer/session/session';
import { encodeEvent } from '../../src/shared/frames';
import { CloseCode } from '../../src/shared/protocol';
import { userEvent } from '../support/events';
import { SECRET, startHost, tempDataDir, until } from '../support/host';
import { joinSession } from '../support/join';
import { RawClient } from '../support/raw-client';
import { Board } from '../support/test-model';

let host: Awaited<ReturnType<typeof startHost>>;
let healthy: Session<Board>;

beforeAll(async () => {
  // "broken": a log that starts at event 101 and no snapshot to start it from.
  const dataDir = tempDataDir();
  const dir = boardDir(dataDir, 'broken');
  fs.mkdirSync(path.join(dir, 'log'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'snapshots'));
  const later = Array.from({ length: 10 }, (_, i) => userEvent(101 + i, 1000 + i, 'viewAAAA', 'board', 'add', { key: `k${i}`, label: '', by: 'A' }));
  fs.writeFileSync(path.join(dir, 'log', '00000000000101.log'), encodeRecords(later.map(encodeEvent)));
  host = await startHost({ dataDir, boards: ['good', 'broken'], policy: { tickMs: 30 } });
  healthy = await joinSession(host.url, 'good', 'Healthy', Board);
});

afterAll(async () => {
  healthy.leave();
  await host.reflector.close();
});

it('refuses the board that cannot be opened, every time, and the healthy board goes on', async () => {
  for (let attempt = 1; attempt <= 3; attempt++) {
    const client = new RawClient(host.url);
    await client.authenticate('broken', SECRET, `rawVIEW${attempt}`);
    const closed = await client.closed;
    expect(closed).toMatchObject({ code: CloseCode.BoardUnavailable, reason: 'the host cannot open this board' });
    healthy.publish('board', 'add', { key: `ok${attempt}`, label: '', by: 'H' });
    await until(() => healthy.model.items.has(`ok${attempt}`), `the healthy board's event ${attempt}`);
    expect(healthy.status).toBe('connected');
  }
  expect(host.logs.filter((l) => l.startsWith('board broken: cannot be opened: no usable snapshot'))).toHaveLength(3);
  // Nothing of the broken board was touched.
  expect(fs.readdirSync(path.join(boardDir(host.dataDir, 'broken'), 'log'))).toEqual(['00000000000101.log']);
});
