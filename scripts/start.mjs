// `npm start`: build and start the desktop app, fetching Electron's binary first if it is missing.
// Where that download fails, say so in one line and start the same app in the browser instead (the
// back end on loopback, the window a browser tab), rather than fail with a stack trace.
import { spawnSync, spawn } from 'node:child_process';
import { ensureElectronBinary } from './electron-binary.mjs';

const build = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const electronPath = ensureElectronBinary();
const child =
  electronPath === null
    ? (console.error('Lanvas: the Electron binary could not be downloaded here; starting the app for your browser instead: open the link below.'),
      spawn(process.execPath, ['--import', 'tsx', 'src/main/app/web-app.ts', ...process.argv.slice(2)], { stdio: 'inherit' }))
    : spawn(electronPath, ['.'], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
