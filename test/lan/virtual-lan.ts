/**
 * Separate hosts on one machine: a network namespace per host, each with one veth cable into a bridge
 * that lives in its own "switch" namespace, all on 10.77.0.0/24. Needs root and `ip` (iproute2).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const ip = (...args: string[]): string => execFileSync('ip', args, { encoding: 'utf8' });

/** Why this machine cannot build a virtual LAN, or null when it can. */
export function virtualLanUnavailable(): string | null {
  if (process.platform !== 'linux') return 'network namespaces are Linux only';
  if (process.getuid?.() !== 0) return 'building network namespaces needs root (CI runs as root)';
  try {
    ip('netns', 'list');
  } catch {
    return 'iproute2 (`ip netns`) is not available';
  }
  try {
    execFileSync('nft', ['--version']);
  } catch {
    return 'nftables (`nft`) is not installed: .ci/run installs it';
  }
  return null;
}

export interface LanHost {
  ns: string;
  address: string;
}

export class VirtualLan {
  readonly hosts: LanHost[] = [];
  private readonly children = new Set<ChildProcess>();
  private readonly switchNs: string;

  constructor(private readonly tag = `lv${process.pid % 100000}`) {
    this.switchNs = `${tag}-sw`;
    ip('netns', 'add', this.switchNs);
    ip('-n', this.switchNs, 'link', 'add', 'br0', 'type', 'bridge');
    ip('-n', this.switchNs, 'link', 'set', 'br0', 'up');
  }

  /** Adds a host with one interface, eth0, at 10.77.0.<n>. */
  addHost(n: number): LanHost {
    const ns = `${this.tag}-h${n}`;
    const address = `10.77.0.${n}`;
    const [inside, outside] = [`${this.tag}a${n}`, `${this.tag}b${n}`];
    ip('netns', 'add', ns);
    ip('link', 'add', inside, 'type', 'veth', 'peer', 'name', outside);
    ip('link', 'set', inside, 'netns', ns);
    ip('link', 'set', outside, 'netns', this.switchNs);
    ip('-n', this.switchNs, 'link', 'set', outside, 'master', 'br0', 'up');
    ip('-n', ns, 'link', 'set', inside, 'name', 'eth0');
    ip('-n', ns, 'addr', 'add', `${address}/24`, 'brd', '+', 'dev', 'eth0');
    ip('-n', ns, 'link', 'set', 'eth0', 'up');
    ip('-n', ns, 'link', 'set', 'lo', 'up');
    const host = { ns, address };
    this.hosts.push(host);
    return host;
  }

  /**
   * Makes the switch drop every multicast frame from this host's port, as Wi-Fi access points and
   * managed switches often do (nftables' bridge family, in the switch's namespace).
   */
  blockMulticast(host: LanHost): void {
    this.nft('add table bridge lanvas');
    this.nft('add chain bridge lanvas forward { type filter hook forward priority 0; }');
    this.nft(`add rule bridge lanvas forward iifname "${this.switchPort(host)}" ip daddr 224.0.0.0/4 drop`);
  }

  /**
   * Cuts a host off the switch as a dead Wi-Fi link would: its interface stays up and nothing is
   * closed, but no frame crosses either way until `restore`.
   */
  cut(host: LanHost): void {
    const table = `cut${host.address.split('.').at(-1)}`;
    const port = this.switchPort(host);
    this.nft(`add table bridge ${table}`);
    this.nft(`add chain bridge ${table} forward { type filter hook forward priority -10; }`);
    this.nft(`add rule bridge ${table} forward iifname "${port}" drop`);
    this.nft(`add rule bridge ${table} forward oifname "${port}" drop`);
  }

  restore(host: LanHost): void {
    this.nft(`delete table bridge cut${host.address.split('.').at(-1)}`);
  }

  private switchPort(host: LanHost): string {
    return `${this.tag}b${host.address.split('.').at(-1)}`;
  }

  private nft(rule: string): void {
    execFileSync('ip', ['netns', 'exec', this.switchNs, 'nft', rule]);
  }

  /** Runs a TypeScript program of this repository inside a host's namespace. */
  run(host: LanHost, script: string, args: string[]): ChildProcess {
    const child = spawn('ip', ['netns', 'exec', host.ns, process.execPath, '--import', 'tsx', script, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    this.children.add(child);
    child.once('exit', () => this.children.delete(child));
    return child;
  }

  destroy(): void {
    for (const child of this.children) child.kill('SIGKILL');
    for (const host of this.hosts) ip('netns', 'del', host.ns);
    ip('netns', 'del', this.switchNs);
  }
}

/** Collects a child's output; resolves `match` with the first capture of `pattern` once it appears. */
export function watchOutput(child: ChildProcess): { text(): string; match(pattern: RegExp, ms?: number): Promise<string>; exited: Promise<number | null> } {
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return {
    text: () => out,
    exited,
    match: (pattern, ms = 30_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${pattern} in:\n${out}`)), ms);
        const check = () => {
          const m = pattern.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(m[1] ?? m[0]);
          }
        };
        child.stdout!.on('data', check);
        child.stderr!.on('data', check);
        check();
      }),
  };
}
