/**
 * Snapshot pause: the longest stretch taking a snapshot blocks the thread the model runs on, measured
 * by a timer probe on that thread, against msgpackr packing the whole graph in one go.
 * Snapshot size: compressed bytes per shape against the same board as JSON + deflate, for the bench's
 * lean model and for the app's own board model.
 */
import { Packr } from 'msgpackr';
import { promisify } from 'node:util';
import { deflate } from 'node:zlib';
import type { BoardModel } from '../src/renderer/board/board-model';
import { writeSnapshot } from '../src/renderer/engine/snapshot';
import { takeSnapshot } from '../src/renderer/session/sliced-snapshot';
import { zlibCompressor } from '../test/support/node-platform';
import { buildAppBoard, buildBoard, shapeSpecs, type BenchBoard } from './fixture';
import { median, result, timeIt, type BenchResult } from './stats';

const deflateAsync = promisify(deflate);

/** Runs `work` while a 0 ms timer chain measures the longest gap between its turns on this thread. */
async function longestStall(work: () => Promise<unknown>): Promise<number> {
  let longest = 0;
  let last = performance.now();
  let running = true;
  const probe = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (running) setTimeout(probe, 0);
  };
  setTimeout(probe, 0);
  await work();
  running = false;
  await new Promise((r) => setTimeout(r, 5));
  return longest;
}

export async function snapshotBenchmarks(shapes: number, runs: number): Promise<BenchResult[]> {
  const vm = buildBoard(shapes);
  const stalls: number[] = [];
  const packTimes: number[] = [];
  // msgpackr over the same model fields, all at once: what a snapshot costs without slicing.
  const packr = new Packr({ useRecords: false, moreTypes: true });
  const board = vm.root as BenchBoard;
  const plain = [...board.shapes.values()].map((s) => ({ ...s }));
  // The first snapshot of a process also pays for compiling the writer (see BENCHMARKS.md); this
  // figure is the steady state, so one warm-up run is not counted.
  const cold = await longestStall(async () => zlibCompressor.deflate((await takeSnapshot(vm)).bytes));
  console.log(`snapshot pause: first (cold) snapshot of the process stalled ${cold.toFixed(1)} ms`);
  for (let i = 0; i < runs; i++) {
    stalls.push(await longestStall(async () => zlibCompressor.deflate((await takeSnapshot(vm)).bytes)));
    packTimes.push(await timeIt(() => packr.pack(plain)));
  }

  const { bytes: raw } = await writeSnapshot(vm);
  const compressed = await zlibCompressor.deflate(raw);
  // The baseline: the same shapes as Excalidraw-style JSON, points as [x, y] pairs from the origin.
  const json = JSON.stringify(
    shapeSpecs(shapes).map((s) => {
      const pts: [number, number][] = [];
      if (s.points) for (let p = 0, x = 0, y = 0; p < s.points.length; p += 2) pts.push([(x += s.points[p]!), (y += s.points[p + 1]!)]);
      return { id: s.id, type: s.kind === 'rect' ? 'rectangle' : 'freedraw', x: s.x, y: s.y, width: s.w, height: s.h, angle: 0, strokeColor: s.stroke, backgroundColor: s.fill, strokeWidth: s.strokeWidth, opacity: 100, points: s.points ? pts : undefined };
    }),
  );
  const jsonDeflated = await deflateAsync(json, { level: 6 });
  // The app's own board model holds every property a shape can have: what a real board stores.
  const appBoard = buildAppBoard(shapes);
  if ((appBoard.root as BoardModel).shapes.size !== shapes) throw new Error('the app board refused some shapes');
  const appCompressed = await zlibCompressor.deflate((await writeSnapshot(appBoard)).bytes);

  return [
    result(
      { name: `snapshot pause, ${shapes} shapes (longest stall)`, value: median(stalls), unit: 'ms', baselineName: 'msgpackr pack, whole graph', baseline: median(packTimes), goal: '<= 16 ms' },
      (r) => r.value <= 16,
    ),
    result(
      { name: 'snapshot bytes per shape (compressed)', value: compressed.length / shapes, unit: 'B', baselineName: 'JSON + deflate', baseline: jsonDeflated.length / shapes, goal: '<= 0.65x' },
      (r) => r.ratio <= 0.65,
    ),
    result(
      { name: "snapshot bytes per shape, the app's board model", value: appCompressed.length / shapes, unit: 'B', baselineName: 'JSON + deflate', baseline: jsonDeflated.length / shapes, goal: '<= 0.65x' },
      (r) => r.ratio <= 0.65,
    ),
  ];
}
