/**
 * Canvas benchmarks in Debian's headless Chromium: builds bench/canvas-page with Vite, serves it, and
 * reads the figures the page measures (see canvas-page/main.ts).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { build } from 'vite';
import { createStaticServer } from '../src/main/host/static-server';
import { result, type BenchResult } from './stats';

const HERE = path.dirname(fileURLToPath(import.meta.url));

interface PageResults {
  redraw: { n: number; konva: number; plain: number; setup: number }[];
  pan: { culled: number; culledP95: number; unculled: number };
}

export async function canvasBenchmarks(runs: number): Promise<BenchResult[]> {
  const outDir = path.join(HERE, 'results', 'canvas-page');
  await build({ root: path.join(HERE, 'canvas-page'), base: './', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const server = createStaticServer(outDir);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({
    executablePath: process.env.LANVAS_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`http://127.0.0.1:${(server.address() as { port: number }).port}/`);
    const r = (await page.evaluate(
      ([counts, n]) => (globalThis as unknown as { runCanvasBench(c: number[], r: number): unknown }).runCanvasBench(counts, n),
      [[1000, 5000, 10_000], runs] as [number[], number],
    )) as PageResults;
    console.log(`canvas: building a whole view (stage, three layers, first build) took ${r.redraw.map((x) => x.setup.toFixed(0)).join(' / ')} ms for ${r.redraw.map((x) => x.n).join(' / ')} shapes`);
    return [
      ...r.redraw.map((x) =>
        result(
          { name: `redraw after restore, ${x.n} shapes, all in view (Konva)`, value: x.konva, unit: 'ms', baselineName: 'plain canvas 2D, same scene', baseline: x.plain, goal: '<= 1.2x' },
          (res) => res.ratio <= 1.2,
        ),
      ),
      result(
        { name: 'pan frame, 10k board, culled (median)', value: r.pan.culled, unit: 'ms', baselineName: 'same pan, no culling', baseline: r.pan.unculled, goal: '< 16.7 ms' },
        (res) => res.value < 16.7,
      ),
      result(
        { name: 'pan frame, 10k board, culled (p95)', value: r.pan.culledP95, unit: 'ms', baselineName: 'same pan, no culling (median)', baseline: r.pan.unculled, goal: '< 16.7 ms' },
        (res) => res.value < 16.7,
      ),
    ];
  } finally {
    await browser.close();
    server.close();
  }
}
