/**
 * `npm run bench`: every benchmark, each figure beside a baseline measured in the same run.
 * `--quick` runs fewer repetitions (a smoke run); record figures in BENCHMARKS.md from a full run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { canvasBenchmarks } from './canvas.bench';
import { joinBenchmark } from './join.bench';
import { relayBenchmarks } from './relay.bench';
import { snapshotBenchmarks } from './snapshot.bench';
import { printResults, type BenchResult } from './stats';

const quick = process.argv.includes('--quick');
const SHAPES = 10_000;

async function main(): Promise<void> {
  const machine = `${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
  console.log(`Lanvas benchmarks on ${machine}${quick ? ' (quick)' : ''}\n`);
  const results: BenchResult[] = [];
  results.push(...(await snapshotBenchmarks(SHAPES, quick ? 3 : 7)));
  results.push(await joinBenchmark(SHAPES, 10_000, quick ? 3 : 7));
  results.push(...(await relayBenchmarks(quick ? 100 : 400, quick ? 1 : 3, quick ? 2 : 4)));
  results.push(...(await canvasBenchmarks(quick ? 3 : 15))); // the noisiest figures: more runs for a steadier median
  console.log('');
  printResults(results);
  const dir = path.join(import.meta.dirname, 'results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'latest.json'), JSON.stringify({ machine, date: new Date().toISOString(), quick, results }, null, 2));
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
