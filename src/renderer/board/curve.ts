/**
 * The path of a line or arrow: straight, or bent into a curve through a point `bend` world pixels to the
 * side of the middle of its ends (positive to the left going from start to end, on screen, y down). The
 * curve is the quadratic through the ends and that point; canvas, SVG, hit testing and bounds all use it.
 */
import type { ShapeProps } from './shape';

export type Point = [number, number];
type LineProps = Pick<ShapeProps, 'x' | 'y' | 'w' | 'h' | 'bend'>;

/** The point `bend` to the side of the middle of (ax, ay)-(bx, by). */
export function apexOf(ax: number, ay: number, bx: number, by: number, bend: number): Point {
  const len = Math.hypot(bx - ax, by - ay) || 1;
  return [(ax + bx) / 2 + (bend * (by - ay)) / len, (ay + by) / 2 - (bend * (bx - ax)) / len];
}

/** The bend that puts the curve through (px, py): its distance to the side of the ends' middle. */
export function bendThrough(s: Pick<ShapeProps, 'x' | 'y' | 'w' | 'h'>, px: number, py: number): number {
  const len = Math.hypot(s.w, s.h) || 1;
  return ((px - (s.x + s.w / 2)) * s.h - (py - (s.y + s.h / 2)) * s.w) / len;
}

/** The quadratic's control point (the ends are the line's own); for a straight line, the middle. */
export function controlOf(s: LineProps): Point {
  const [ax, ay, bx, by] = [s.x, s.y, s.x + s.w, s.y + s.h];
  const [px, py] = apexOf(ax, ay, bx, by, s.bend);
  return [2 * px - (ax + bx) / 2, 2 * py - (ay + by) / 2];
}

/** Where the path passes half way (the curve's apex): where a label sits and the bend handle is. */
export function midpointOf(s: LineProps): Point {
  return apexOf(s.x, s.y, s.x + s.w, s.y + s.h, s.bend);
}

/** The path as world points: the two ends if straight, else `segments` + 1 points along the curve. */
export function pathPoints(s: LineProps, segments = 24): number[] {
  const [ax, ay, bx, by] = [s.x, s.y, s.x + s.w, s.y + s.h];
  if (s.bend === 0) return [ax, ay, bx, by];
  const [cx, cy] = controlOf(s);
  const out: number[] = [];
  for (let i = 0; i <= segments; i++) {
    const t = i / segments;
    const [u, v, w] = [(1 - t) * (1 - t), 2 * t * (1 - t), t * t];
    out.push(u * ax + v * cx + w * bx, u * ay + v * cy + w * by);
  }
  return out;
}

/** The same curve as one cubic Bézier's two inner control points (what canvas and Konva draw). */
export function cubicControls(s: LineProps): [Point, Point] {
  const [cx, cy] = controlOf(s);
  const [ax, ay, bx, by] = [s.x, s.y, s.x + s.w, s.y + s.h];
  return [
    [ax + (2 / 3) * (cx - ax), ay + (2 / 3) * (cy - ay)],
    [bx + (2 / 3) * (cx - bx), by + (2 / 3) * (cy - by)],
  ];
}
