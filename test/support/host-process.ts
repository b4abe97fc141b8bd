/**
 * Lanvas programs as real child processes: the headless host (`npm run host`) and the desktop app's
 * back end for a browser (`npm run app:web`), for crash and end-to-end tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Program {
  child: ChildProcess;
  /** The first capture of the ready pattern (a port, a URL). */
  ready: string;
  output(): string;
  /** SIGTERM, and resolves with the exit code once it is gone. */
  stop(): Promise<number | null>;
}

/**
 * Starts a TypeScript program of this repository and resolves once its output matches `ready`; with
 * `netns`, inside that network namespace (a separate host of a virtual LAN).
 */
export function startProgram(script: string, args: string[], ready: RegExp, netns?: string): Promise<Program> {
  const command = [process.execPath, '--import', 'tsx', script, ...args];
  const child = netns ? spawn('ip', ['netns', 'exec', netns, ...command], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] }) : spawn(command[0]!, command.slice(1), { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start:\n${out}`)), 30_000);
    child.stdout!.on('data', () => {
      const m = ready.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          child,
          ready: m[1]!,
          output: () => out,
          stop: () => {
            child.kill('SIGTERM');
            return exited;
          },
        });
      }
    });
    void exited.then((code) => reject(new Error(`${script} exited with ${code}:\n${out}`)));
  });
}

export interface HostProcess extends Program {
  port: number;
}

export async function startHostProcess(args: { dataDir: string; port?: number; boards: Record<string, string>; extra?: string[]; netns?: string }): Promise<HostProcess> {
  const boardArgs = Object.entries(args.boards).flatMap(([id, secret]) => ['--board', `${id}=${secret}`]);
  const program = await startProgram('src/main/host/cli.ts', ['--port', String(args.port ?? 0), '--data', args.dataDir, ...boardArgs, ...(args.extra ?? [])], /listening on port (\d+)/, args.netns);
  return { ...program, port: Number(program.ready) };
}

export interface AppProcess extends Program {
  /** The page to open: the app in a browser tab. */
  url: string;
}

/** The desktop app's back end for a browser, with its boards in `dataDir`. */
export async function startAppProcess(args: { dataDir: string; discoveryPort: number; extra?: string[]; netns?: string }): Promise<AppProcess> {
  const program = await startProgram('src/main/app/web-app.ts', ['--data', args.dataDir, '--discovery-port', String(args.discoveryPort), ...(args.extra ?? [])], /open (http:\/\/127\.0\.0\.1:\d+\/#bridge=\S+)/, args.netns);
  return { ...program, url: program.ready };
}
