/**
 * The log of a Lanvas server process: one timestamped line per thing it does, on stdout. A server must
 * outlive whatever reads its output (`npm run host | tee host.log`, a closed terminal): once stdout is
 * gone (EPIPE), lines are dropped instead of crashing the process with its sessions in it.
 */
export type Log = (line: string) => void;

export function stdoutLog(stream: NodeJS.WriteStream = process.stdout): Log {
  let open = true;
  stream.on('error', () => {
    open = false;
  });
  return (line) => {
    if (open) stream.write(`${new Date().toISOString()} ${line}\n`);
  };
}
