// Where the Electron binary is, or null when it was never downloaded (requiring the `electron`
// package instead would try to download it on the spot, and throw when that fails), and fetching it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export function findElectronBinary() {
  let dir;
  try {
    dir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = path.join(dir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const relative = fs.readFileSync(pathFile, 'utf8');
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(dir, 'dist');
  const binary = path.join(dist, relative);
  return fs.existsSync(binary) ? binary : null;
}

/**
 * The Electron binary, fetched first when it is missing: since Electron 42 nothing downloads it at
 * install time (the package's own `install-electron` does, or its first require). Null when that
 * download fails (offline, blocked), with its output shown.
 */
export function ensureElectronBinary() {
  const found = findElectronBinary();
  if (found !== null) return found;
  let installer;
  try {
    installer = path.join(path.dirname(createRequire(import.meta.url).resolve('electron/package.json')), 'install.js');
  } catch {
    return null;
  }
  console.error('Lanvas: fetching the Electron binary (once)...');
  const run = spawnSync(process.execPath, [installer], { stdio: 'inherit', timeout: 180_000 });
  return run.status === 0 ? findElectronBinary() : null;
}
