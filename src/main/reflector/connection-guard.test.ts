import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { guardConnections } from './connection-guard';

let server: http.Server | null = null;
const sockets: net.Socket[] = [];
const upgraded: net.Socket[] = [];

afterEach(async () => {
  for (const s of [...sockets.splice(0), ...upgraded.splice(0)]) s.destroy();
  await new Promise((r) => server?.close(r));
  server = null;
});

async function guarded(limits: { maxPerAddress: number; requestMs: number }): Promise<number> {
  server = http.createServer((_, res) => res.end('ok'));
  // Held open and read, as the WebSocket server does (so a peer's close is seen).
  server.on('upgrade', (_, socket) => {
    upgraded.push(socket as net.Socket);
    socket.on('end', () => socket.end()).resume();
  });
  guardConnections(server, limits);
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return (server.address() as net.AddressInfo).port;
}

function connect(port: number, localAddress = '127.0.0.1', send = ''): Promise<{ socket: net.Socket; closed: Promise<number> }> {
  return new Promise((resolve) => {
    const start = Date.now();
    const socket = net.connect({ port, host: '127.0.0.1', localAddress }, () => {
      if (send) socket.write(send);
      resolve({ socket, closed: new Promise((r) => socket.on('close', () => r(Date.now() - start))) });
    });
    socket.on('error', () => {});
    sockets.push(socket);
  });
}

const UPGRADE = 'GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n';

describe('guardConnections', () => {
  it('cuts a socket that does not finish its request in time, silent or half-way', async () => {
    const port = await guarded({ maxPerAddress: 10, requestMs: 300 });
    const silent = await connect(port);
    const partial = await connect(port, '127.0.0.1', 'GET / HTTP/1.1\r\nHost: x\r\n');
    expect(await silent.closed).toBeLessThan(2000);
    expect(await partial.closed).toBeLessThan(2000);
  });

  it('leaves a finished upgrade alone', async () => {
    const port = await guarded({ maxPerAddress: 10, requestMs: 200 });
    const upgraded = await connect(port, '127.0.0.1', UPGRADE);
    await new Promise((r) => setTimeout(r, 600));
    expect(upgraded.socket.destroyed).toBe(false);
  });

  it('caps the sockets of one address, not of the others', async () => {
    const port = await guarded({ maxPerAddress: 3, requestMs: 5000 });
    const held = await Promise.all([1, 2, 3].map(() => connect(port, '127.0.0.5', UPGRADE)));
    const fourth = await connect(port, '127.0.0.5');
    expect(await fourth.closed).toBeLessThan(2000);
    const other = await connect(port, '127.0.0.6', 'GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    const answer = await new Promise<string>((r) => other.socket.once('data', (d) => r(d.toString())));
    expect(answer).toMatch(/^HTTP\/1.1 200/);
    // Once one closes, the address may connect again.
    held[0]!.socket.destroy();
    await held[0]!.closed;
    await new Promise((r) => setTimeout(r, 50));
    const again = await connect(port, '127.0.0.5', UPGRADE);
    await new Promise((r) => setTimeout(r, 200));
    expect(again.socket.destroyed).toBe(false);
  });
});
