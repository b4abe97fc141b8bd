/**
 * Align and distribute: pure, records in, moves out. Shapes are lined up by the boxes they are seen
 * in (rotation and stroke included), and moved by shifting their anchor point, which moves every kind.
 */
import type { Box } from './geometry';
import { shapeBounds } from '../shapes';
import type { ShapeRecord } from './shape';

export const ALIGNMENTS = ['left', 'center', 'right', 'top', 'middle', 'bottom'] as const;
export type Alignment = (typeof ALIGNMENTS)[number];
export type Distribution = 'horizontal' | 'vertical';

export interface Move {
  id: string;
  props: { x: number; y: number };
}

const moveBy = (s: ShapeRecord, dx: number, dy: number): Move => ({ id: s.id, props: { x: s.x + dx, y: s.y + dy } });

/** Lines the shapes up on an edge or centre of the box they make together; only shapes that move are listed. */
export function align(shapes: readonly ShapeRecord[], to: Alignment): Move[] {
  if (shapes.length < 2) return [];
  const boxes = shapes.map(shapeBounds);
  const all: Box = { minX: Math.min(...boxes.map((b) => b.minX)), minY: Math.min(...boxes.map((b) => b.minY)), maxX: Math.max(...boxes.map((b) => b.maxX)), maxY: Math.max(...boxes.map((b) => b.maxY)) };
  const moves: Move[] = [];
  shapes.forEach((s, i) => {
    const b = boxes[i]!;
    const dx = to === 'left' ? all.minX - b.minX : to === 'right' ? all.maxX - b.maxX : to === 'center' ? (all.minX + all.maxX) / 2 - (b.minX + b.maxX) / 2 : 0;
    const dy = to === 'top' ? all.minY - b.minY : to === 'bottom' ? all.maxY - b.maxY : to === 'middle' ? (all.minY + all.maxY) / 2 - (b.minY + b.maxY) / 2 : 0;
    if (dx !== 0 || dy !== 0) moves.push(moveBy(s, dx, dy));
  });
  return moves;
}

/** Spaces three or more shapes with equal gaps between them; the outermost two stay where they are. */
export function distribute(shapes: readonly ShapeRecord[], along: Distribution): Move[] {
  if (shapes.length < 3) return [];
  const horizontal = along === 'horizontal';
  const items = shapes.map((s) => ({ s, b: shapeBounds(s) })).sort((p, q) => (horizontal ? p.b.minX - q.b.minX : p.b.minY - q.b.minY));
  const size = (b: Box) => (horizontal ? b.maxX - b.minX : b.maxY - b.minY);
  const start = horizontal ? items[0]!.b.minX : items[0]!.b.minY;
  const end = Math.max(...items.map(({ b }) => (horizontal ? b.maxX : b.maxY)));
  const gap = (end - start - items.reduce((sum, { b }) => sum + size(b), 0)) / (items.length - 1);
  const moves: Move[] = [];
  let at = start;
  for (const { s, b } of items) {
    const delta = at - (horizontal ? b.minX : b.minY);
    if (Math.abs(delta) > 1e-9) moves.push(horizontal ? moveBy(s, delta, 0) : moveBy(s, 0, delta));
    at += size(b) + gap;
  }
  return moves;
}
