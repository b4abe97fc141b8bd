// `npm start`: build and start the desktop app. Where the Electron binary could not be installed, say
// so in one line and start the same app in the browser instead (the back end on loopback, the window a
// browser tab), rather than fail with a stack trace.
import { spawnSync, spawn } from 'node:child_process';
import { findElectronBinary } from './electron-binary.mjs';

const build = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const electronPath = findElectronBinary();
const child =
  electronPath === null
    ? (console.error('Lanvas: the Electron binary is not installed here (its download was skipped or blocked); starting the app for your browser instead: open the link below.'),
      spawn(process.execPath, ['--import', 'tsx', 'src/main/app/web-app.ts', ...process.argv.slice(2)], { stdio: 'inherit' }))
    : spawn(electronPath, ['.'], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
