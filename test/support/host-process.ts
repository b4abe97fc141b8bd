/** The headless host as a real child process (`npm run host`'s program), for crash and end-to-end tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface HostProcess {
  child: ChildProcess;
  port: number;
  output(): string;
  /** SIGTERM, and resolves with the exit code once it is gone. */
  stop(): Promise<number | null>;
}

export function startHostProcess(args: { dataDir: string; port?: number; boards: Record<string, string>; extra?: string[] }): Promise<HostProcess> {
  const boardArgs = Object.entries(args.boards).flatMap(([id, secret]) => ['--board', `${id}=${secret}`]);
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/main/host/cli.ts', '--port', String(args.port ?? 0), '--data', args.dataDir, ...boardArgs, ...(args.extra ?? [])],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${out}`)), 30_000);
    child.stdout!.on('data', () => {
      const m = /listening on ws:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          child,
          port: Number(m[1]),
          output: () => out,
          stop: () => {
            child.kill('SIGTERM');
            return exited;
          },
        });
      }
    });
    void exited.then((code) => reject(new Error(`host exited with ${code}:\n${out}`)));
  });
}
