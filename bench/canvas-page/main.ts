/**
 * Runs in headless Chromium (see ../canvas.bench.ts). Redraw after restore: the Konva view building and
 * drawing every shape of a board against plain canvas 2D calls drawing the same scene. Pan frame: one
 * camera step plus a synchronous redraw of the 10k board, with viewport culling and without.
 */
import { BoardModel } from '../../src/renderer/board/board-model';
import { boxFromRect, union, shapeBounds } from '../../src/renderer/board/geometry';
import { DEFAULT_PROPS, type ShapeRecord } from '../../src/renderer/board/shape';
import { decodeRelative, encodePoints } from '../../src/renderer/board/stroke-codec';
import { BoardCanvas } from '../../src/renderer/canvas/board-canvas';
import { fitBox, panBy, type Camera } from '../../src/renderer/canvas/camera';
import { penOutline } from '../../src/renderer/canvas/pen-outline';
import { EventKind } from '../../src/shared/protocol';
import { encodeViewEvent } from '../../src/renderer/engine/view-events';
import { VirtualMachine } from '../../src/renderer/engine/vm';

const W = 1280;
const H = 800;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    return (s >>> 8) / 16777216;
  };
}

/** Half rectangles, half 50-point pen strokes, spread over a board of about 30 x 20 screens. */
function records(n: number): ShapeRecord[] {
  const r = rng(n);
  const spanX = 38_000;
  const spanY = 16_000;
  return Array.from({ length: n }, (_, i) => {
    const x = r() * spanX;
    const y = r() * spanY;
    if (i % 2 === 0) return { ...DEFAULT_PROPS, id: `s${i}`, kind: 'rect', x, y, w: 40 + r() * 300, h: 30 + r() * 200, fill: r() < 0.3 ? '#ffec99' : 'transparent' };
    const pts: number[] = [];
    let [px, py, angle] = [x, y, r() * 6.28];
    for (let p = 0; p < 50; p++) {
      angle += (r() - 0.5) * 0.6;
      px += Math.cos(angle) * 5;
      py += Math.sin(angle) * 5;
      pts.push(px, py);
    }
    return { ...DEFAULT_PROPS, id: `s${i}`, kind: 'pen', x: pts[0]!, y: pts[1]!, points: encodePoints(pts, pts[0]!, pts[1]!), strokeWidth: 3 };
  });
}

function board(n: number): BoardModel {
  const vm = VirtualMachine.create('canvas-bench', BoardModel);
  const all = records(n);
  for (let i = 0, seq = 1; i < all.length; i += 5000, seq++) {
    vm.processEvent([seq, seq, EventKind.User, 'benchVIEW', seq, encodeViewEvent('board', 'create', { shapes: all.slice(i, i + 5000) })]);
  }
  return vm.root as BoardModel;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!;
const container = document.getElementById('stage') as HTMLDivElement;

function fitAll(model: BoardModel): Camera {
  return fitBox(union([...model.shapes.values()].map(shapeBounds))!, W, H, 0);
}

/**
 * What the view does after a restore: build a node for every shape and draw them. The stage and its
 * layers already exist (their setup does not depend on the board; it is timed apart, below).
 */
function konvaRedraw(canvas: BoardCanvas, camera: Camera): number {
  const t = performance.now();
  canvas.renderAll();
  canvas.setCamera(camera);
  canvas.stage.draw();
  canvas.content.getNativeCanvasElement().getContext('2d')!.getImageData(0, 0, 1, 1); // as the baseline: the drawing happens now
  return performance.now() - t;
}

/** The same scene with plain canvas 2D calls: what Konva costs on top of drawing itself. */
function plainRedraw(model: BoardModel, camera: Camera): number {
  const t = performance.now();
  const el = document.createElement('canvas');
  el.id = 'plain';
  el.width = W;
  el.height = H;
  document.body.append(el);
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
  ctx.getImageData(0, 0, 1, 1); // make the drawing happen now
  const ms = performance.now() - t;
  el.remove();
  return ms;
}

function panFrames(model: BoardModel, cull: boolean): number[] {
  const canvas = new BoardCanvas(container, model);
  canvas.setCamera({ x: 15_000, y: 7_000, zoom: 1 });
  if (!cull) {
    canvas.showAll();
    canvas.cull = () => canvas.stage.batchDraw(); // everything stays visible
  }
  canvas.stage.draw();
  const frames: number[] = [];
  for (let i = 0; i < 60; i++) {
    const t = performance.now();
    canvas.setCamera(panBy(canvas.camera, 20, 7));
    canvas.stage.draw();
    frames.push(performance.now() - t);
  }
  canvas.destroy();
  return frames;
}

Object.assign(window, {
  runCanvasBench(counts: number[], runs: number) {
    const redraw = counts.map((n) => {
      const model = board(n);
      const camera = fitAll(model);
      const t = performance.now();
      const canvas = new BoardCanvas(container, model);
      const setup = performance.now() - t;
      konvaRedraw(canvas, camera);
      plainRedraw(model, camera); // warm-up
      const konva: number[] = [];
      const plain: number[] = [];
      for (let i = 0; i < runs; i++) {
        konva.push(konvaRedraw(canvas, camera));
        plain.push(plainRedraw(model, camera));
      }
      canvas.destroy();
      return { n, konva: median(konva), plain: median(plain), setup };
    });
    const big = board(10_000);
    panFrames(big, true); // warm-up
    const culled = panFrames(big, true);
    const unculled = panFrames(big, false);
    return { redraw, pan: { culled: median(culled), culledP95: p95(culled), unculled: median(unculled) } };
  },
});
