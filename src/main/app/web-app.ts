/**
 * The desktop app without Electron: the app core and the bridge server on loopback, opened in a
 * browser. `npm start` falls back to it where the Electron binary is missing; the end-to-end tests
 * drive it in Chromium.
 *   node --import tsx src/main/app/web-app.ts [--data DIR] [--port N] [--web DIR] [--discovery-port N] [--snapshot-every N] [--snapshot-seconds N]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { stdoutLog } from '../host/log';
import { closeOnSignals } from '../host/shutdown';
import { SNAPSHOT_OPTIONS, snapshotPolicy } from '../host/snapshot-options';
import { AppCore } from './app-core';
import { startBridgeServer } from './bridge-server';
import { createHandlers } from './handlers';

const ROOT = path.resolve(import.meta.dirname, '../../..');

const log = stdoutLog();

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: path.join(os.homedir(), '.lanvas') },
      port: { type: 'string', default: '0' },
      web: { type: 'string', default: path.join(ROOT, 'out/renderer') },
      'discovery-port': { type: 'string' },
      ...SNAPSHOT_OPTIONS,
    },
  });
  const policy = snapshotPolicy(values, (message) => {
    console.error(`lanvas: ${message}`);
    process.exit(2);
  });
  const webDir = path.resolve(values.web);
  if (!fs.existsSync(path.join(webDir, 'index.html'))) {
    console.error(`lanvas: no renderer build in ${webDir} (run npm run build first)`);
    process.exit(2);
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const core = await AppCore.start({
    dataDir: path.resolve(values.data),
    webDir,
    version: pkg.version,
    platform: `${process.platform} (browser)`,
    discoveryPort: values['discovery-port'] ? Number(values['discovery-port']) : undefined,
    policy,
    log,
  });
  const bridge = await startBridgeServer({ handlers: createHandlers(core, () => null), webDir, port: Number(values.port), log });
  // Before the URL is announced: whoever reads it may stop the process at once.
  closeOnSignals(log, () => Promise.all([bridge.close(), core.close()]));
  log(`lanvas app with boards in ${path.resolve(values.data)}`);
  log(`open ${bridge.url}`);
}

void main();
