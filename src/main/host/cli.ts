/**
 * The headless host: a reflector and a board store from the command line, for a team server and tests.
 *   npm run host -- --port 8787 --data ./.lanvas-data --board demo=some-secret
 * Stops cleanly on SIGINT/SIGTERM: every board's log is flushed and closed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { randomId } from '../../shared/bytes';
import { isBoardId } from '../../shared/ids';
import { LIMITS } from '../../shared/protocol';
import { Reflector } from '../reflector/reflector';
import { BoardStore } from '../store/board-store';
import { linkAddresses } from '../lan/addresses';
import { BoardShare } from '../lan/board-share';
import { DISCOVERY_PORT, DiscoveryResponder } from '../lan/discovery';
import { closeOnSignals } from './shutdown';
import { SNAPSHOT_OPTIONS, snapshotPolicy } from './snapshot-options';
import { createStaticServer } from './static-server';
import { stdoutLog } from './log';

const USAGE = `usage: npm run host -- [--port 8787] [--host 127.0.0.1] [--data DIR]
                        [--board ID=SECRET ...] [--secret SECRET] [--snapshot-every N] [--snapshot-seconds N] [--event-rate N] [--web DIR]
                        [--share ID ...] [--discovery-port N]
  --board ID=SECRET   serve board ID to those who know SECRET (repeatable)
  --secret SECRET     serve any board id with this secret (default: only the --board ones;
                      with neither, a random secret is made and printed)
  --snapshot-every N  ask for a snapshot after N events (default 1000)
  --snapshot-seconds N  ... or after N seconds with any event in them (default 30)
  --event-rate N      events per second each client may send (bursts of 4N; default 60)
  --web DIR           serve the web client from DIR (default: out/renderer, after npm run build)
  --share ID          also share board ID on the LAN: every interface, an invite code, discovery (repeatable)
  --discovery-port N  UDP port for LAN discovery (default ${DISCOVERY_PORT})`;

function fail(message: string): never {
  console.error(`lanvas host: ${message}\n${USAGE}`);
  process.exit(2);
}

const log = stdoutLog();

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        port: { type: 'string', default: '8787' },
        host: { type: 'string', default: '127.0.0.1' },
        data: { type: 'string', default: '.lanvas-data' },
        board: { type: 'string', multiple: true, default: [] },
        secret: { type: 'string' },
        ...SNAPSHOT_OPTIONS,
        web: { type: 'string' },
        'event-rate': { type: 'string' },
        share: { type: 'string', multiple: true, default: [] },
        'discovery-port': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    fail((error as Error).message);
  }
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(args.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`bad --port ${args.port}`);
  const boards = new Map<string, string>();
  for (const spec of args.board) {
    const eq = spec.indexOf('=');
    const id = spec.slice(0, eq);
    if (eq < 1 || !isBoardId(id) || spec.length === eq + 1) fail(`bad --board ${spec}: want ID=SECRET with ID in a-z 0-9 _ -`);
    boards.set(id, spec.slice(eq + 1));
  }
  let anySecret = args.secret;
  if (boards.size === 0 && anySecret === undefined) {
    anySecret = randomId(12);
    log(`no --board or --secret given: any board id is served with the secret ${anySecret}`);
  }
  const policy = snapshotPolicy(args, fail);

  const eventRate = args['event-rate'] === undefined ? undefined : Number(args['event-rate']);
  if (eventRate !== undefined && !(Number.isInteger(eventRate) && eventRate > 0)) fail('bad --event-rate');

  const dataDir = path.resolve(args.data);
  const store = new BoardStore(dataDir);
  const webDir = path.resolve(args.web ?? path.join(import.meta.dirname, '../../../out/renderer'));
  const serveWeb = fs.existsSync(path.join(webDir, 'index.html'));
  if (args.web !== undefined && !serveWeb) fail(`--web ${args.web} holds no index.html (run npm run build first)`);
  const server = createStaticServer(serveWeb ? webDir : null);
  const reflector = await Reflector.start({
    store,
    server,
    resolve: (board) => {
      const password = boards.get(board) ?? anySecret;
      return password === undefined ? undefined : { board, password };
    },
    policy,
    rates: eventRate ? { event: { perSecond: eventRate, burst: 4 * eventRate }, ephemeral: LIMITS.ephemeralRate } : undefined,
    log,
  });
  const shares: BoardShare[] = [];
  let responder: DiscoveryResponder | null = null;
  // Before anything is announced: whoever reads "listening" may stop the process at once.
  closeOnSignals(log, async () => {
    responder?.close();
    await Promise.all(shares.map((share) => share.stop()));
    await reflector.close();
    // A browser may hold a keep-alive or preconnected socket that would otherwise keep close() waiting.
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, args.host, resolve));
  const address = server.address() as { port: number };
  const hosts = linkAddresses(args.host);
  log(`lanvas host listening on port ${address.port} at ${hosts.map((h) => `ws://${h}:${address.port}`).join(', ')} with data in ${dataDir}`);
  if (serveWeb) {
    const [id, secret] = boards.size > 0 ? [...boards][0]! : ['my-board', anySecret!];
    for (const h of hosts) log(`web client: http://${h}:${address.port}/#board=${id}&secret=${encodeURIComponent(secret)}`);
  } else {
    log('no web client to serve (run npm run build, or pass --web DIR)');
  }

  if (args.share.length > 0) {
    const discoveryPort = args['discovery-port'] === undefined ? DISCOVERY_PORT : Number(args['discovery-port']);
    if (!Number.isInteger(discoveryPort) || discoveryPort <= 0 || discoveryPort > 65535) fail(`bad --discovery-port ${args['discovery-port']}`);
    responder = await DiscoveryResponder.start({ port: discoveryPort, log });
    for (const id of args.share) {
      if (!isBoardId(id)) fail(`bad --share ${id}`);
      const share = await BoardShare.start({ reflector, board: id, name: id, webDir: serveWeb ? webDir : null });
      shares.push(share);
      const { code, session, port: lanPort, addresses } = share.info;
      responder.publish({ session, name: id, port: lanPort });
      log(`board ${id} shared on the LAN: invite code ${code} on port ${lanPort} (${addresses.join(', ') || 'no LAN address'})`);
    }
  }
}

void main();
