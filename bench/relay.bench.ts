/**
 * The reflector as a real host process under load from real ws clients, against the bare relay in the
 * same run: event round trip (p50/p99) with 1, 5 and 20 clients, and deliveries per CPU-second of the
 * server process with 20 clients streaming at the per-client event rate limit's pace.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Packr } from 'msgpackr';
import WebSocket from 'ws';
import { randomId } from '../src/shared/bytes';
import { decodeServerFrame, encodeFrame } from '../src/shared/frames';
import { ClientHandshake, type ClientChannel } from '../src/shared/handshake';
import { PROTOCOL_VERSION } from '../src/shared/protocol';
import { encodeViewEvent } from '../src/renderer/engine/view-events';
import { EventBatcher } from '../src/renderer/session/event-batcher';
import { tempDataDir } from '../test/support/host';
import { median, quantile, result, type BenchResult } from './stats';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SECRET = 'bench secret';
const PAYLOAD = encodeViewEvent('board', 'move', { id: 's1234', dx: 3, dy: -2 });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Server {
  child: ChildProcess;
  url: string;
  cpuMs(): number;
}

function spawnServer(args: string[]): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on .*?(ws:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        const cpuMs = () => {
          const fields = fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
          return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 1/100 s
        };
        resolve({ child, url: m[1]!, cpuMs });
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

/** One client of either server: sends (from, cseq) and hears every (from, cseq) relayed back. */
interface BenchClient {
  id: string;
  send(cseq: number): void;
  onEcho: (from: string, cseq: number) => void;
  received: number;
  close(): void;
}

const barePackr = new Packr({ useRecords: false });

async function bareClient(url: string): Promise<BenchClient> {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  await new Promise((r) => ws.once('open', r));
  const client: BenchClient = {
    id: randomId(),
    received: 0,
    onEcho: () => {},
    send: (cseq) => ws.send(barePackr.pack({ from: client.id, cseq, data: PAYLOAD })),
    close: () => ws.close(),
  };
  ws.on('message', (data: Buffer) => {
    const [, , from, cseq] = barePackr.unpack(data) as [number, number, string, number];
    client.received++;
    client.onEcho(from, cseq);
  });
  return client;
}

async function reflectorClient(url: string): Promise<BenchClient> {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  const id = randomId();
  const handshake = new ClientHandshake('bench', SECRET);
  let channel: ClientChannel | null = null;
  await new Promise((r) => ws.once('open', r));
  // Publishes as the app's Session does: an idle client at once, a busy one at most once per 16 ms.
  const outgoing = new EventBatcher((first, data) => ws.send(channel!.outgoing.seal(encodeFrame({ t: 'publish', first, data }))));
  const client: BenchClient = {
    id,
    received: 0,
    onEcho: () => {},
    send: (cseq) => outgoing.push({ cseq, data: PAYLOAD }),
    close: () => ws.close(),
  };
  const welcomed = new Promise<void>((resolve, reject) => {
    ws.once('close', (code, reason) => reject(new Error(`the bench host closed the connection: ${code} ${reason}`)));
    ws.on('message', (data: Buffer) => {
      const msg = channel ? channel.incoming.open(data) : decodeServerFrame(data);
      if (msg.t === 'challenge') {
        const answer = handshake.answer(msg.share, msg.proof);
        if (answer === null) return reject(new Error('the bench host did not prove the secret'));
        const join = answer.channel.outgoing.seal(encodeFrame({ viewId: id, user: { name: 'bench', color: '#000000' } }));
        ws.send(encodeFrame({ t: 'auth', proof: answer.proof, join }));
        channel = answer.channel;
      } else if (msg.t === 'welcome') resolve();
      else if (msg.t === 'events') {
        for (const e of msg.events) {
          if (e[2] !== 0) continue;
          client.received++;
          client.onEcho(e[3], e[4]);
        }
      }
    });
  });
  const { sid, share } = handshake;
  ws.send(encodeFrame({ t: 'hello', v: PROTOCOL_VERSION, board: 'bench', sid, share }));
  await welcomed;
  return client;
}

/** One after another: the host charges concurrent handshakes from one address as possible guesses. */
async function joinInTurn(url: string, n: number): Promise<BenchClient[]> {
  const clients: BenchClient[] = [];
  for (let i = 0; i < n; i++) clients.push(await reflectorClient(url));
  return clients;
}

async function roundTrips(clients: BenchClient[], pings: number, spacingMs: number): Promise<number[]> {
  const sender = clients[0]!;
  const times: number[] = [];
  for (let cseq = 1; cseq <= pings; cseq++) {
    const start = performance.now();
    await new Promise<void>((resolve) => {
      sender.onEcho = (from, seq) => {
        if (from === sender.id && seq === cseq) resolve();
      };
      sender.send(cseq);
    });
    times.push(performance.now() - start);
    await sleep(spacingMs);
  }
  return times.slice(Math.min(20, pings >> 3)); // drop warm-up
}

/** Streaming's event counters go on from run to run: the host drops a repeated one as a resend. */
let cseq = 1_000_000;

async function streaming(server: Server, clients: BenchClient[], seconds: number, perSecond: number): Promise<number> {
  for (const c of clients) c.received = 0;
  const cpuBefore = server.cpuMs();
  // Paced by the clock, not by sleeps (which oversleep under load): each client sends what is due.
  const start = performance.now();
  for (let sent = 0, due = 0; due < seconds * perSecond; sent = due) {
    due = Math.min(seconds * perSecond, Math.floor(((performance.now() - start) * perSecond) / 1000) + 1);
    for (; sent < due; sent++) {
      cseq++;
      for (const c of clients) c.send(cseq);
    }
    await sleep(1000 / perSecond);
  }
  // Every delivery of what was sent is counted, however far behind the clients are: the server's CPU
  // time is read once they have gone quiet.
  const delivered = () => clients.reduce((n, c) => n + c.received, 0);
  for (let before = -1; before !== delivered(); ) {
    before = delivered();
    await sleep(300);
  }
  const cpu = server.cpuMs() - cpuBefore;
  const deliveries = delivered();
  return deliveries / (cpu / 1000);
}

async function compareStreaming(bare: Server, host: Server, bareClients: BenchClient[], hostClients: BenchClient[], rounds: number, seconds: number, perSecond: number): Promise<BenchResult> {
  // Both servers are measured warm: a second of the same load first, so neither's figure holds its JIT.
  await streaming(bare, bareClients, 1, perSecond);
  await streaming(host, hostClients, 1, perSecond);
  // Rounds alternate between the two, so a slow spell of this machine falls on both; medians are quoted.
  const bareRates: number[] = [];
  const hostRates: number[] = [];
  for (let i = 0; i < rounds; i++) {
    bareRates.push(await streaming(bare, bareClients, seconds, perSecond));
    hostRates.push(await streaming(host, hostClients, seconds, perSecond));
  }
  const [bareRate, hostRate] = [median(bareRates), median(hostRates)];
  return result(
    { name: `deliveries per server CPU-second, ${hostClients.length} clients x ${perSecond} ev/s`, value: hostRate, unit: '/s', baselineName: 'bare relay, unbatched', baseline: bareRate, goal: '>= 10x' },
    (r) => r.ratio >= 10,
  );
}

export async function relayBenchmarks(pings: number, streamRounds: number, streamSeconds: number): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const bare = await spawnServer(['bench/bare-relay.ts']);
  const host = await spawnServer(['src/main/host/cli.ts', '--port', '0', '--data', tempDataDir(), '--board', `bench=${SECRET}`, '--snapshot-every', '1000000000']);
  try {
    for (const n of [1, 5, 20]) {
      const bareClients = await Promise.all(Array.from({ length: n }, () => bareClient(bare.url)));
      const hostClients = await joinInTurn(host.url, n);
      const bareTimes = await roundTrips(bareClients, pings, 20);
      const hostTimes = await roundTrips(hostClients, pings, 20);
      for (const [label, q] of [['p50', 0.5], ['p99', 0.99]] as const) {
        results.push(
          result(
            { name: `round trip, ${n} client${n > 1 ? 's' : ''}, ${label}`, value: quantile(hostTimes, q), unit: 'ms', baselineName: 'bare ws relay', baseline: quantile(bareTimes, q), goal: label === 'p99' ? 'p99 <= 2x' : 'info' },
            (r) => (label === 'p99' ? r.ratio <= 2 : true),
          ),
        );
      }
      // Whiteboard pace: 50 events/s per client, just under the reflector's default per-client limit.
      if (n === 20) results.push(await compareStreaming(bare, host, bareClients, hostClients, streamRounds, streamSeconds, 50));
      for (const c of [...bareClients, ...hostClients]) c.close();
      await sleep(200);
    }
    // Streaming: 20 clients as fast as the flood host lets them (500 events/s each, limit raised).
    const flood = await spawnServer(['src/main/host/cli.ts', '--port', '0', '--data', tempDataDir(), '--board', `bench=${SECRET}`, '--snapshot-every', '1000000000', '--event-rate', '1000']);
    const bareClients = await Promise.all(Array.from({ length: 20 }, () => bareClient(bare.url)));
    const floodClients = await joinInTurn(flood.url, 20);
    results.push(await compareStreaming(bare, flood, bareClients, floodClients, streamRounds, streamSeconds, 500));
    for (const c of [...bareClients, ...floodClients]) c.close();
    flood.child.kill();
  } finally {
    bare.child.kill();
    host.child.kill();
  }
  return results;
}
