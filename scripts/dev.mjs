// `npm run dev`: the desktop app with hot reload. Fetches Electron's binary first when it is missing
// (electron-vite would otherwise fail with "Electron uninstall").
import { spawn } from 'node:child_process';
import { ensureElectronBinary } from './electron-binary.mjs';

if (ensureElectronBinary() === null) {
  console.error('Lanvas: the Electron binary could not be downloaded, so the desktop app cannot run here; `npm start` opens it in your browser instead.');
  process.exit(1);
}
const child = spawn('npx', ['electron-vite', 'dev', ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
