/** The Electron executable's path, or null when the binary is not installed. */
export function findElectronBinary(): string | null;
/** The Electron executable's path, downloading it first if missing; null when that download fails. */
export function ensureElectronBinary(): string | null;
