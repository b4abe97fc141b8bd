// `npm start`: build and start the desktop app. Where the Electron binary could not be installed,
// say so in one line and point to the headless host and a browser, instead of a stack trace.
import { spawnSync, spawn } from 'node:child_process';
import { findElectronBinary } from './electron-binary.mjs';

const electronPath = findElectronBinary();
if (electronPath === null) {
  console.error(
    'Lanvas: the Electron binary is not installed on this machine (its download was skipped or blocked), so the desktop app cannot start here; ' +
      'run the headless host instead with `npm run build && npm run host -- --board my-board=SECRET` and open the link it prints in a browser.',
  );
  process.exit(1);
}

const build = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const app = spawn(electronPath, ['.'], { stdio: 'inherit' });
app.on('exit', (code) => process.exit(code ?? 0));
