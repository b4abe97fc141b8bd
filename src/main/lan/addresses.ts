/** Which addresses a link may name: a listener on every interface is reached at each LAN address, never at 0.0.0.0. */
import os from 'node:os';

/** IPv4 addresses of this machine's non-loopback interfaces. */
export function lanAddresses(): string[] {
  const out: string[] = [];
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) out.push(a.address);
  }
  return out;
}

const WILDCARDS = new Set(['0.0.0.0', '::', '']);

/** The addresses to print links for, given the one a server listens on: LAN ones first, then loopback. */
export function linkAddresses(listenHost: string, lan: string[] = lanAddresses()): string[] {
  return WILDCARDS.has(listenHost) ? [...lan, '127.0.0.1'] : [listenHost];
}
