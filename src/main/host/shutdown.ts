/** Stopping a Lanvas server process cleanly on SIGINT or SIGTERM: flush and close once, then exit. */
export function closeOnSignals(log: (line: string) => void, close: () => Promise<unknown>): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: flushing and closing`);
    close().then(
      () => {
        log('stopped');
        process.exit(0);
      },
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
