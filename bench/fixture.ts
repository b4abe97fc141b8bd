/**
 * A board shaped like a real whiteboard: half rectangles, half 50-point freehand strokes whose points
 * are quantised deltas in an Int16Array. Built through events, as a session would build it.
 */
import { BOARD_SCOPE, BoardModel } from '../src/renderer/board/board-model';
import { LIMITS } from '../src/renderer/board/shape';
import { Model } from '../src/renderer/engine/model';
import { VirtualMachine } from '../src/renderer/engine/vm';
import type { StampedEvent } from '../src/shared/protocol';
import { testRandom, userEvent } from '../test/support/events';

export interface ShapeSpec {
  id: string;
  kind: 'rect' | 'stroke';
  x: number;
  y: number;
  w: number;
  h: number;
  stroke: string;
  fill: string;
  strokeWidth: number;
  /** Stroke points as (dx, dy) deltas from the previous point in whole pixels: Int8 when they fit. */
  points: Int8Array | Int16Array | null;
}

export class BenchShape extends Model {
  kind: 'rect' | 'stroke' = 'rect';
  x = 0;
  y = 0;
  w = 0;
  h = 0;
  rotation = 0;
  stroke = '#1e1e1e';
  fill = 'transparent';
  strokeWidth = 2;
  opacity = 1;
  points: Int8Array | Int16Array | null = null;

  override init(spec: ShapeSpec): void {
    this.kind = spec.kind;
    this.x = spec.x;
    this.y = spec.y;
    this.w = spec.w;
    this.h = spec.h;
    this.stroke = spec.stroke;
    this.fill = spec.fill;
    this.strokeWidth = spec.strokeWidth;
    this.points = spec.points;
  }
}
BenchShape.register('BenchShape');

export class BenchBoard extends Model {
  shapes = new Map<string, BenchShape>();

  override init(): void {
    this.subscribe('board', 'add', 'onAdd');
    this.subscribe('board', 'move', 'onMove');
  }

  onAdd(spec: ShapeSpec): void {
    this.shapes.set(spec.id, BenchShape.create(spec));
  }

  onMove(data: { id: string; dx: number; dy: number }): void {
    const shape = this.shapes.get(data.id);
    if (!shape) return;
    shape.x += data.dx;
    shape.y += data.dy;
  }
}
BenchBoard.register('BenchBoard');

const PALETTE = ['#1e1e1e', '#e03131', '#2f9e44', '#1971c2', '#f08c00'];

/** Shapes spread over a square this many units from the centre at 10k shapes; more shapes, more board, same density. */
const HALF_SPAN_10K = 5000;

export function shapeSpecs(count: number, seed = 7): ShapeSpec[] {
  const rnd = testRandom(seed);
  const half = Math.round(HALF_SPAN_10K * Math.sqrt(count / 10_000));
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo));
  return Array.from({ length: count }, (_, i) => {
    const stroke = PALETTE[int(0, PALETTE.length)]!;
    if (i % 2 === 0) {
      return { id: `s${i}`, kind: 'rect', x: int(-half, half), y: int(-half, half), w: int(20, 400), h: int(20, 300), stroke, fill: rnd() < 0.3 ? '#ffec99' : 'transparent', strokeWidth: 2, points: null };
    }
    // A pen stroke: direction and speed drift smoothly from sample to sample, as a hand moves.
    const points = new Int8Array(100);
    let angle = rnd() * 2 * Math.PI;
    let speed = 2 + rnd() * 6;
    for (let p = 0; p < 100; p += 2) {
      angle += (rnd() - 0.5) * 0.6;
      speed = Math.min(12, Math.max(1, speed + (rnd() - 0.5) * 1.5));
      points[p] = Math.round(Math.cos(angle) * speed);
      points[p + 1] = Math.round(Math.sin(angle) * speed);
    }
    return { id: `s${i}`, kind: 'stroke', x: int(-half, half), y: int(-half, half), w: 0, h: 0, stroke, fill: 'transparent', strokeWidth: int(1, 6), points };
  });
}

export const addEvents = (specs: ShapeSpec[], firstSeq = 1): StampedEvent[] =>
  specs.map((spec, i) => userEvent(firstSeq + i, firstSeq + i, 'benchVIEW', 'board', 'add', spec));

export function moveEvents(count: number, shapes: number, firstSeq: number, seed = 11): StampedEvent[] {
  const rnd = testRandom(seed);
  return Array.from({ length: count }, (_, i) =>
    userEvent(firstSeq + i, firstSeq + i, 'benchVIEW', 'board', 'move', { id: `s${Math.floor(rnd() * shapes)}`, dx: 3, dy: -2 }),
  );
}

export function buildBoard(count: number): VirtualMachine {
  const vm = VirtualMachine.create('bench', BenchBoard);
  for (const event of addEvents(shapeSpecs(count))) vm.processEvent(event);
  return vm;
}

/** The same board in the app's own model (BoardModel, every property a shape has), built through its create events. */
export function buildAppBoard(count: number): VirtualMachine {
  const vm = VirtualMachine.create('bench-app', BoardModel);
  const shapes = shapeSpecs(count).map((s) =>
    s.kind === 'rect'
      ? { id: s.id, kind: 'rect', x: s.x, y: s.y, w: s.w, h: s.h, stroke: s.stroke, fill: s.fill, strokeWidth: s.strokeWidth }
      : { id: s.id, kind: 'pen', x: s.x, y: s.y, stroke: s.stroke, strokeWidth: s.strokeWidth, points: s.points },
  );
  for (let i = 0; i * LIMITS.maxShapesPerEvent < shapes.length; i++) {
    const batch = shapes.slice(i * LIMITS.maxShapesPerEvent, (i + 1) * LIMITS.maxShapesPerEvent);
    vm.processEvent(userEvent(i + 1, i + 1, 'benchVIEW', BOARD_SCOPE, 'create', { shapes: batch }));
  }
  return vm;
}
