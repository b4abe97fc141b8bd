/**
 * Where the bound ends of a line or arrow sit. A bound end is aimed at the centre of its shape (from the
 * other end, or from the apex of a curved line) and stops
 * a small gap outside that shape's outline (so a head touches the outline rather than hiding in it);
 * when the shape moves, resizes or turns, the end goes with it. Pure and deterministic: the model runs
 * it on every replica, so everyone's arrow ends at the same place.
 */
import { apexOf } from './curve';
import { boxFromRect, rotate } from './geometry';
import type { ShapeProps } from './shape';

/** World pixels between a bound end and the outline it points at. */
export const BIND_GAP = 4;

type Point = [number, number];
type Ends = Pick<ShapeProps, 'x' | 'y' | 'w' | 'h'>;
type Line = Ends & Pick<ShapeProps, 'bend'>;

export function centreOf(s: ShapeProps): Point {
  const b = boxFromRect(s.x, s.y, s.w, s.h);
  return [(b.minX + b.maxX) / 2, (b.minY + b.maxY) / 2];
}

/**
 * Where the path from (fx, fy) to the centre of `target` meets its outline grown by `gap`; null when
 * (fx, fy) is inside it (there is no crossing on the way in).
 */
export function outlinePoint(target: ShapeProps, fx: number, fy: number, gap: number): Point | null {
  const b = boxFromRect(target.x, target.y, target.w, target.h);
  const [cx, cy] = [(b.minX + b.maxX) / 2, (b.minY + b.maxY) / 2];
  const [lx, ly] = rotate(fx, fy, cx, cy, -target.rotation);
  const [dx, dy] = [lx - cx, ly - cy];
  const [rx, ry] = [(b.maxX - b.minX) / 2 + gap, (b.maxY - b.minY) / 2 + gap];
  // How far out (fx, fy) is, in units of the outline: 1 on it, above 1 outside.
  const reach = target.kind === 'ellipse' ? Math.hypot(dx / rx, dy / ry) : Math.max(Math.abs(dx) / rx, Math.abs(dy) / ry);
  if (!(reach > 1)) return null;
  return rotate(cx + dx / reach, cy + dy / reach, cx, cy, target.rotation);
}

/**
 * The ends of `line` with each bound end placed on its shape (`start`, `end`: the shapes bound to, where
 * they exist); an end bound to nothing, or to a shape that is gone, stays where it is.
 */
export function boundEnds(line: Line, start: ShapeProps | undefined, end: ShapeProps | undefined): Ends {
  const from: Point = start ? centreOf(start) : [line.x, line.y];
  const to: Point = end ? centreOf(end) : [line.x + line.w, line.y + line.h];
  // A curved line arrives from its apex's side, so each end aims from there rather than from the other end.
  const [ax, ay] = line.bend === 0 ? to : apexOf(from[0], from[1], to[0], to[1], line.bend);
  const [bx, by] = line.bend === 0 ? from : [ax, ay];
  const a = start ? (outlinePoint(start, ax, ay, BIND_GAP + start.strokeWidth / 2) ?? from) : from;
  const b = end ? (outlinePoint(end, bx, by, BIND_GAP + end.strokeWidth / 2) ?? to) : to;
  return { x: a[0], y: a[1], w: b[0] - a[0], h: b[1] - a[1] };
}
