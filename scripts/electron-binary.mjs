// Where the Electron binary is, or null when it was never downloaded. Requiring the `electron`
// package instead would try to download it on the spot, which fails noisily without network.
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
