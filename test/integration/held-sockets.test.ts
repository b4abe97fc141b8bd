/**
 * Sockets that never finish their HTTP request cannot crowd people out: one address holds at most a
 * few dozen at once, each is cut within seconds, and a joiner from another address gets in meanwhile.
 */
import net from 'node:net';
import { afterEach, expect, it } from 'vitest';
import type { Session } from '../../src/renderer/session/session';
import { CONNECTION_LIMITS } from '../../src/main/reflector/connection-guard';
import { startHost } from '../support/host';
import { joinSession } from '../support/join';
import { wsFrom } from '../support/node-platform';
import { Board } from '../support/test-model';

let host: Awaited<ReturnType<typeof startHost>> | null = null;
const sockets: net.Socket[] = [];
const sessions: Session<Board>[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  for (const s of sessions.splice(0)) s.leave();
  await host?.reflector.close();
  host = null;
});

it('caps the half-open sockets of an address, cuts them in seconds, and lets others in', async () => {
  host = await startHost({ boards: ['room'] });
  const port = host.reflector.port;
  const closedAt: number[] = [];
  const start = Date.now();
  await Promise.all(
    Array.from({ length: 160 }, (_, i) => new Promise<void>((resolve) => {
      // Half say nothing at all, half stop in the middle of their request.
      const socket = net.connect({ port, host: '127.0.0.1', localAddress: '127.0.0.30' }, () => {
        if (i % 2) socket.write('GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n');
        resolve();
      });
      socket.on('error', () => {});
      socket.on('close', () => closedAt.push(Date.now() - start));
      sockets.push(socket);
    })),
  );
  await new Promise((r) => setTimeout(r, 300));
  // All but the cap were turned away at once...
  expect(closedAt.length).toBeGreaterThanOrEqual(160 - CONNECTION_LIMITS.maxPerAddress);
  // ...and someone on another machine joins meanwhile.
  sessions.push(await joinSession(host.url, 'room', 'Ana', Board, { webSocket: wsFrom('127.0.0.2') }));
  // The rest are cut once their time to finish the request is up.
  const end = Date.now() + CONNECTION_LIMITS.requestMs + 3000;
  while (closedAt.length < 160 && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  expect(closedAt).toHaveLength(160);
  expect(Math.max(...closedAt)).toBeLessThan(CONNECTION_LIMITS.requestMs + 2000);
  expect(sessions[0]!.status).toBe('connected');
});
