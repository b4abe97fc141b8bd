/**
 * Canvas benchmarks in Debian's headless Chromium: builds bench/canvas-page with Vite, serves it, and
 * reads the figures the page measures (see canvas-page/main.ts): the fixture board at 10k and 100k shapes.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { build } from 'vite';
import { createStaticServer } from '../src/main/host/static-server';
import type { SizeResult } from './canvas-figures';
import { result, type BenchResult } from './stats';

const HERE = path.dirname(fileURLToPath(import.meta.url));

const k = (n: number) => `${n / 1000}k`;

export async function canvasBenchmarks(runs: number, sizes = [10_000, 100_000]): Promise<BenchResult[]> {
  const outDir = path.join(HERE, 'results', 'canvas-page');
  await build({ root: path.join(HERE, 'canvas-page'), base: './', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const server = createStaticServer(outDir);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({
    executablePath: process.env.LANVAS_CHROMIUM ?? '/usr/bin/chromium',
    // A precise heap figure, and a collection before reading it.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--enable-precise-memory-info', '--js-flags=--expose-gc'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`http://127.0.0.1:${(server.address() as { port: number }).port}/`);
    const plan = sizes.map((n) => ({ n, frames: n > 10_000 ? 40 : 60 }));
    const all = (await page.evaluate(
      ([p, r]) => (globalThis as unknown as { runCanvasBench(s: unknown, r: number): unknown }).runCanvasBench(p, r),
      [plan, runs] as const,
    )) as SizeResult[];
    const out: BenchResult[] = [];
    for (const r of all) {
      const big = r.n > 10_000;
      if (r.redraw) {
        out.push(result({ name: `redraw after restore, fixture ${k(r.n)}, all in view (the view)`, value: r.redraw.view, unit: 'ms', baselineName: 'plain canvas 2D, same scene', baseline: r.redraw.plain, goal: '<= 1.2x' }, (x) => x.ratio <= 1.2));
      }
      const fitGoal = big ? 33 : 16.7;
      out.push(
        result({ name: `pan frame, fixture ${k(r.n)}, whole board in view (p95, to drawn)`, value: r.fit.p95, unit: 'ms', baselineName: 'direct draw of the same views (p95)', baseline: r.fit.directP95, goal: `<= ${fitGoal} ms` }, (x) => x.value <= fitGoal),
        result({ name: `pan frame, fixture ${k(r.n)}, whole board in view (median)`, value: r.fit.median, unit: 'ms', baselineName: 'direct draw (median)', baseline: r.fit.directMedian, goal: 'a figure to read' }, () => true),
        result({ name: `pan frame, fixture ${k(r.n)}, at 100 % (p95, to drawn)`, value: r.actual.p95, unit: 'ms', baselineName: 'direct draw of the same views (p95)', baseline: r.actual.directP95, goal: '<= 16.7 ms' }, (x) => x.value <= 16.7),
        result({ name: `open, fixture ${k(r.n)}: snapshot in hand to all in view drawn`, value: r.open.lanvas, unit: 'ms', baselineName: 'reading the snapshot alone', baseline: r.open.model, goal: big ? '<= 1500 ms' : '<= 300 ms' }, (x) => x.value <= (big ? 1500 : 300)),
      );
      if (r.edits) {
        const e = r.edits;
        const direct = { unit: 'ms', baselineName: 'direct draw of the view (median)', baseline: e.direct, goal: '<= 8 ms' };
        const within = (x: BenchResult) => x.value <= 8;
        out.push(
          result({ name: `edit frame, fixture ${k(r.n)} at 100 %: another person's edit arriving (p95)`, value: e.remote, ...direct }, within),
          result({ name: `edit frame, fixture ${k(r.n)} at 100 %: 100 shapes dragged (p95)`, value: e.drag, ...direct }, within),
          result({ name: `edit frame, fixture ${k(r.n)} at 100 %: 100 shapes let go, worst frame until drawn (${e.landingFrames} frames)`, value: e.landing, ...direct }, within),
          result({ name: `edit frame, fixture ${k(r.n)} at 100 %: a pen stroke drawn (p95)`, value: e.stroke, ...direct }, within),
        );
      }
      if (big) out.push(result({ name: `JS heap, fixture ${k(r.n)} open`, value: r.heap.lanvas, unit: 'MiB', baselineName: 'the model alone', baseline: r.heap.model, goal: '<= 150 MiB' }, (x) => x.value <= 150));
    }
    return out;
  } finally {
    await browser.close();
    server.close();
  }
}
