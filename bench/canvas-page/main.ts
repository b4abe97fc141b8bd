/**
 * Runs in headless Chromium (see ../canvas.bench.ts), on the board of bench/fixture.ts built through the
 * app's own model, at 10k shapes and at 100k (same mix, same density: a larger board). Every time is
 * taken to the end of drawing: a pixel is read back from the canvas, which makes the browser finish it.
 *   redraw   the view building and drawing every shape after a restore, against a plain canvas 2D draw
 *   pan      one camera step a display frame, with the whole board in view (zoomed to fit) and at 100 %, against
 *            a direct draw of the same views (prepared paths, only what is in view: the best plain code)
 *   open     a snapshot's bytes in hand to everything in view drawn, against reading the snapshot alone
 *   heap     the page's JS heap with the board open, against the model alone
 *   edits    at 100 % on the 100k board, each frame of an edit from the change to the end of drawing:
 *            another person's edit arriving (through the model), a selection of 100 shapes dragged and
 *            let go, a pen stroke drawn; against a direct draw of the same view (what redrawing the
 *            view for each change would cost)
 */
import type { SizeResult } from '../canvas-figures';
import { buildAppBoard } from '../fixture';
import type { BoardModel } from '../../src/renderer/board/board-model';
import { boxFromRect, intersects, type Box } from '../../src/renderer/board/geometry';
import { shapeBounds } from '../../src/renderer/shapes';
import { decodeRelative } from '../../src/renderer/board/stroke-codec';
import { BoardCanvas } from '../../src/renderer/canvas/board-canvas';
import { fitBox, panBy, visibleBox, type Camera } from '../../src/renderer/canvas/camera';
import { penOutline } from '../../src/renderer/shapes/pen-outline';
import { readSnapshot, writeSnapshot } from '../../src/renderer/engine/snapshot';
import type { VirtualMachine } from '../../src/renderer/engine/vm';
import { BOARD_SCOPE, type ShapesChanged } from '../../src/renderer/board/board-model';
import { Line } from '../../src/renderer/canvas/konva';
import { userEvent } from '../../test/support/events';

const W = 1280;
const H = 800;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!;
const container = document.getElementById('stage') as HTMLDivElement;
const heapMiB = () => {
  (globalThis as unknown as { gc?: () => void }).gc?.();
  return (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize / 2 ** 20;
};

/** Zoomed to fit, as the app opens a board (editor.ts's zoomToFit). */
const fitAll = (canvas: BoardCanvas): Camera => fitBox(canvas.index.extent()!, W, H, 0);

/** Makes the browser finish drawing the content layer now (a read back cannot be answered before). */
const finish = (canvas: BoardCanvas) => canvas.content.getNativeCanvasElement().getContext('2d')!.getImageData(0, 0, 1, 1);

/** What the view does after a restore: build every shape and draw them (the stage exists already). */
function viewRedraw(canvas: BoardCanvas, camera: Camera): number {
  const t = performance.now();
  canvas.renderAll();
  canvas.setCamera(camera);
  canvas.stage.draw();
  finish(canvas);
  return performance.now() - t;
}

/** A shape ready for direct drawing: its path, how it is painted, its bounds. */
interface Prepared {
  path: Path2D;
  fill: string | null;
  stroke: string | null;
  width: number;
  box: Box;
}

function prepare(model: BoardModel): Prepared[] {
  return model.ordered().map((s) => {
    const path = new Path2D();
    if (s.kind === 'pen') {
      const outline = penOutline(decodeRelative(s.points!), s.pressures, s.strokeWidth);
      for (let i = 0; i < outline.length; i += 2) path.lineTo(s.x + outline[i]!, s.y + outline[i + 1]!);
      path.closePath();
      return { path, fill: s.stroke, stroke: null, width: 0, box: shapeBounds(s) };
    }
    const b = boxFromRect(s.x, s.y, s.w, s.h);
    path.rect(b.minX, b.minY, b.maxX - b.minX, b.maxY - b.minY);
    return { path, fill: s.fill === 'transparent' ? null : s.fill, stroke: s.stroke, width: s.strokeWidth, box: shapeBounds(s) };
  });
}

/** The best plain code: prepared paths, only those in view, one canvas kept. */
function directDraw(ctx: CanvasRenderingContext2D, shapes: Prepared[], camera: Camera): number {
  const t = performance.now();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, W, H);
  ctx.setTransform(camera.zoom, 0, 0, camera.zoom, -camera.x * camera.zoom, -camera.y * camera.zoom);
  const view = visibleBox(camera, W, H);
  for (const s of shapes) {
    if (!intersects(s.box, view)) continue;
    if (s.fill) {
      ctx.fillStyle = s.fill;
      ctx.fill(s.path);
    }
    if (s.stroke) {
      ctx.lineWidth = s.width;
      ctx.strokeStyle = s.stroke;
      ctx.stroke(s.path);
    }
  }
  ctx.getImageData(0, 0, 1, 1);
  return performance.now() - t;
}

/** The same scene with plain canvas 2D calls from the model, nothing prepared: the redraw baseline. */
function plainRedraw(model: BoardModel, camera: Camera): number {
  const t = performance.now();
  const el = document.createElement('canvas');
  [el.width, el.height] = [W, H];
  const ctx = el.getContext('2d')!;
  ctx.setTransform(camera.zoom, 0, 0, camera.zoom, -camera.x * camera.zoom, -camera.y * camera.zoom);
  for (const s of model.ordered()) {
    if (s.kind === 'pen') {
      const outline = penOutline(decodeRelative(s.points!), s.pressures, s.strokeWidth);
      ctx.beginPath();
      for (let i = 0; i < outline.length; i += 2) ctx.lineTo(s.x + outline[i]!, s.y + outline[i + 1]!);
      ctx.closePath();
      ctx.fillStyle = s.stroke;
      ctx.fill();
    } else {
      const b = boxFromRect(s.x, s.y, s.w, s.h);
      if (s.fill !== 'transparent') {
        ctx.fillStyle = s.fill;
        ctx.fillRect(b.minX, b.minY, b.maxX - b.minX, b.maxY - b.minY);
      }
      ctx.lineWidth = s.strokeWidth;
      ctx.strokeStyle = s.stroke;
      ctx.strokeRect(b.minX, b.minY, b.maxX - b.minX, b.maxY - b.minY);
    }
  }
  ctx.getImageData(0, 0, 1, 1);
  return performance.now() - t;
}

interface PanResult {
  lanvas: number[];
  direct: number[];
}

/** The next display frame, as a pan under a hand gets one (the browser is idle in between). */
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** `frames` camera steps from `start`, one a display frame, each timed to the end of drawing, in the view and in the direct draw. */
async function pan(canvas: BoardCanvas, shapes: Prepared[], start: Camera, frames: number): Promise<PanResult> {
  const plain = document.createElement('canvas');
  [plain.width, plain.height] = [W, H];
  const ctx = plain.getContext('2d')!;
  const lanvas: number[] = [];
  const direct: number[] = [];
  canvas.setCamera(start);
  canvas.stage.draw();
  finish(canvas);
  const cameras: Camera[] = [];
  for (let i = 0, c = start; i < frames; i++) cameras.push((c = panBy(c, i % 2 === 0 ? 45 : -10, 15))); // a screen's width in about 36 frames: new tiles come into view
  for (const camera of cameras) {
    await nextFrame();
    const t = performance.now();
    canvas.setCamera(camera);
    canvas.stage.draw();
    finish(canvas);
    lanvas.push(performance.now() - t);
  }
  // The direct draw of the same views, apart, so it takes no idle time from the view's frames.
  for (const camera of cameras) {
    await nextFrame();
    direct.push(directDraw(ctx, shapes, camera));
  }
  return { lanvas, direct };
}

/** Frame times of an edit, and of the direct draw of the same view. */
interface EditResult {
  remote: number[];
  drag: number[];
  landing: number[];
  stroke: number[];
  direct: number[];
}

/**
 * Runs `frame` once a display frame, `frames` times, timing each with the drawing it brings, as the app
 * draws: Konva's own draws in the next frame (the layers' batchDraw, and any the view asks for itself),
 * each timed to the end of drawing.
 */
async function frameTimes(canvas: BoardCanvas, frames: number, frame: (i: number) => void): Promise<number[]> {
  let drawing = 0;
  const layers = [canvas.content, canvas.overlay];
  const draws = layers.map((layer) => layer.draw);
  layers.forEach((layer, k) => {
    layer.draw = () => {
      const t = performance.now();
      draws[k]!.call(layer);
      finish(canvas);
      drawing += performance.now() - t;
      return layer;
    };
  });
  const out: number[] = [];
  try {
    for (let i = 0; i < frames; i++) {
      await nextFrame();
      const t = performance.now();
      frame(i);
      canvas.stage.batchDraw();
      const work = performance.now() - t;
      drawing = 0;
      await nextFrame(); // the layers' draws, asked for before this wait, run first
      out.push(work + drawing);
    }
  } finally {
    layers.forEach((layer, k) => (layer.draw = draws[k]!));
  }
  return out;
}

/** Editing at 100 % in the middle of the board: what each frame of an edit costs the main thread. */
async function edits(vm: VirtualMachine, canvas: BoardCanvas, shapes: Prepared[], frames: number): Promise<EditResult> {
  const model = vm.root as BoardModel;
  const camera: Camera = { x: -W / 2, y: -H / 2, zoom: 1 };
  canvas.setCamera(camera);
  canvas.settleZoom();
  canvas.stage.draw();
  finish(canvas);
  const inView = [...canvas.index.query(visibleBox(camera, W, H))];
  let seq = vm.seq;
  // Another person moves a shape in view: the event runs through the model, the view applies what changed.
  const remote = await frameTimes(canvas, frames, (i) => {
    const id = inView[i % inView.length]!;
    const shape = model.shapes.get(id)!;
    vm.viewQueue = [];
    seq++;
    vm.processEvent(userEvent(seq, vm.time + 1, 'otherVIEW', BOARD_SCOPE, 'update', { changes: [{ id, props: { x: shape.x + 7, y: shape.y - 5 } }] }));
    for (const e of vm.viewQueue) if (e.event === 'shapes') canvas.apply(e.data as ShapesChanged);
  });
  // A selection of 100 shapes in view dragged for a second, then let go (the model's answer lands them).
  const picked = inView.slice(0, 100);
  canvas.choose(new Set(picked));
  canvas.lift(picked, true);
  const drag = await frameTimes(canvas, frames, (i) => canvas.carry(i * 3, i * 2));
  // The landing: the model's answer, and every frame after it until the view shows it all.
  const landing = await frameTimes(canvas, 1, () => {
    canvas.land(picked);
    vm.viewQueue = [];
    seq++;
    const changes = picked.map((id) => ({ id, props: { x: model.shapes.get(id)!.x + (frames - 1) * 3, y: model.shapes.get(id)!.y + (frames - 1) * 2 } }));
    vm.processEvent(userEvent(seq, vm.time + 1, 'benchVIEW', BOARD_SCOPE, 'update', { changes }));
    for (const e of vm.viewQueue) if (e.event === 'shapes') canvas.apply(e.data as ShapesChanged);
  });
  while (canvas.mending && landing.length < 300) landing.push(...(await frameTimes(canvas, 1, () => {})));
  canvas.choose(new Set());
  // A pen stroke, a point a frame, drawn live as the pen tool draws it.
  const line: InstanceType<typeof Line> = new Line({ closed: true, fill: '#1e1e1e', listening: false, perfectDrawEnabled: false });
  canvas.active.add(line);
  const points: number[] = [];
  const stroke = await frameTimes(canvas, frames, (i) => {
    points.push(100 + i * 6, 50 * Math.sin(i / 5));
    const rel = points.map((v, k) => v - points[k % 2]!);
    line.setAttrs({ x: points[0], y: points[1], points: penOutline(rel, null, 4, false) });
  });
  line.destroy();
  const plain = document.createElement('canvas');
  [plain.width, plain.height] = [W, H];
  const direct: number[] = [];
  for (let i = 0; i < frames; i++) {
    await nextFrame();
    direct.push(directDraw(plain.getContext('2d')!, shapes, camera));
  }
  return { remote, drag, landing, stroke, direct };
}


const summary = (r: PanResult) => ({ median: median(r.lanvas), p95: p95(r.lanvas), directMedian: median(r.direct), directP95: p95(r.direct) });

/** The fixture board's snapshot (the machine that wrote it is gone once this returns: it is not in the heap figure). */
const snapshotOf = async (n: number) => (await writeSnapshot(buildAppBoard(n))).bytes;

async function measure(n: number, runs: number, frames: number): Promise<SizeResult> {
  let bytes: Uint8Array | null = await snapshotOf(n);
  // Open: a snapshot in hand to the view drawn (as a joiner's welcome is, once inflated).
  const openTimes: number[] = [];
  const modelTimes: number[] = [];
  let canvas: BoardCanvas | null = null;
  let model: BoardModel | null = null;
  let vm: VirtualMachine | null = null;
  for (let i = 0; i < Math.max(1, Math.min(runs, 3)); i++) {
    canvas?.destroy();
    canvas = null;
    let t = performance.now();
    readSnapshot(bytes!);
    modelTimes.push(performance.now() - t);
    t = performance.now();
    vm = readSnapshot(bytes!);
    model = vm.root as BoardModel;
    canvas = new BoardCanvas(container, model);
    canvas.setCamera(fitAll(canvas));
    canvas.stage.draw();
    finish(canvas);
    openTimes.push(performance.now() - t);
  }
  // Heap: the board open, against its model alone (nothing else held: no snapshot bytes, no old view).
  bytes = null;
  const withView = heapMiB();
  canvas!.destroy();
  canvas = null;
  const modelOnly = heapMiB();
  canvas = new BoardCanvas(container, model!);
  const shapes = prepare(model!);
  let redraw: SizeResult['redraw'] = null;
  if (n <= 10_000) {
    const camera = fitAll(canvas);
    viewRedraw(canvas, camera);
    plainRedraw(model!, camera); // warm-up
    const view: number[] = [];
    const plain: number[] = [];
    for (let i = 0; i < runs; i++) {
      view.push(viewRedraw(canvas, camera));
      plain.push(plainRedraw(model!, camera));
    }
    redraw = { view: median(view), plain: median(plain) };
  }
  const fit = fitAll(canvas);
  await pan(canvas, shapes, fit, 3); // warm-up
  const atFit = await pan(canvas, shapes, fit, frames);
  const atActual = await pan(canvas, shapes, { x: fit.x + (W / 2) * (1 / fit.zoom - 1), y: fit.y + (H / 2) * (1 / fit.zoom - 1), zoom: 1 }, frames);
  let editFigures: SizeResult['edits'] = null;
  if (n > 10_000) {
    const e = await edits(vm!, canvas, shapes, frames);
    editFigures = { remote: p95(e.remote), drag: p95(e.drag), landing: Math.max(...e.landing), landingFrames: e.landing.length, stroke: p95(e.stroke), direct: median(e.direct) };
  }
  canvas.destroy();
  return { n, edits: editFigures, redraw, open: { lanvas: median(openTimes), model: median(modelTimes) }, heap: { lanvas: withView, model: modelOnly }, fit: summary(atFit), actual: summary(atActual) };
}

Object.assign(window, {
  async runCanvasBench(sizes: { n: number; frames: number }[], runs: number) {
    const out: SizeResult[] = [];
    for (const { n, frames } of sizes) out.push(await measure(n, runs, frames));
    return out;
  },
});
