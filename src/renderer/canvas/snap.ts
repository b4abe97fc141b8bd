/**
 * Snapping a moved selection into line: its left, centre or right (top, middle or bottom) comes to the
 * same line of another shape when it passes within reach, or its corner onto the grid when the grid is
 * on; the guides say what it lined up with. Pure: boxes in, a nudge and guides out.
 */
import type { Box } from '../board/geometry';

/** A guide line: vertical (`axis` 'x', at x = `at`) or horizontal, drawn from `from` to `to` along the other axis. */
export interface Guide {
  axis: 'x' | 'y';
  at: number;
  from: number;
  to: number;
}

export interface Snap {
  dx: number;
  dy: number;
  guides: Guide[];
}

/** How close, in screen pixels, a line must pass to snap. */
export const SNAP_REACH_PX = 6;

const lines = (min: number, max: number) => [min, (min + max) / 2, max];
const EPSILON = 1e-6;

/** The grid line nearest `v`. */
export const onGrid = (v: number, grid: number): number => Math.round(v / grid) * grid;

/** The nudge on one axis: the nearest line match within reach (shapes first, then the grid), or 0. */
function nudge(own: number[], targets: number[], gridLine: number | null, reach: number): number {
  let best: number | null = null;
  for (const m of own) {
    for (const t of targets) {
      const d = t - m;
      if (Math.abs(d) <= reach && (best === null || Math.abs(d) < Math.abs(best) - EPSILON)) best = d;
    }
  }
  if (best === null && gridLine !== null) best = gridLine - own[0]!;
  return best ?? 0;
}

/**
 * Where `moving` should be nudged to line up with `others` (their edges and centres), within `reach`
 * world units, and onto the grid of `grid` units (0: no grid) where no shape is in reach.
 */
export function snapBox(moving: Box, others: readonly Box[], reach: number, grid = 0): Snap {
  const xs = others.flatMap((b) => lines(b.minX, b.maxX));
  const ys = others.flatMap((b) => lines(b.minY, b.maxY));
  const dx = nudge(lines(moving.minX, moving.maxX), xs, grid > 0 ? onGrid(moving.minX, grid) : null, reach);
  const dy = nudge(lines(moving.minY, moving.maxY), ys, grid > 0 ? onGrid(moving.minY, grid) : null, reach);
  const at = { minX: moving.minX + dx, maxX: moving.maxX + dx, minY: moving.minY + dy, maxY: moving.maxY + dy };
  const guides: Guide[] = [];
  // A guide for each line that now matches another shape's, spanning both shapes.
  for (const b of others) {
    for (const x of lines(b.minX, b.maxX)) {
      if (lines(at.minX, at.maxX).some((m) => Math.abs(m - x) < EPSILON)) guides.push({ axis: 'x', at: x, from: Math.min(at.minY, b.minY), to: Math.max(at.maxY, b.maxY) });
    }
    for (const y of lines(b.minY, b.maxY)) {
      if (lines(at.minY, at.maxY).some((m) => Math.abs(m - y) < EPSILON)) guides.push({ axis: 'y', at: y, from: Math.min(at.minX, b.minX), to: Math.max(at.maxX, b.maxX) });
    }
  }
  return { dx, dy, guides: mergeGuides(guides) };
}

/** One guide per line, spanning all it joins. */
function mergeGuides(guides: Guide[]): Guide[] {
  const merged = new Map<string, Guide>();
  for (const g of guides) {
    const key = `${g.axis}${Math.round(g.at * 1000)}`;
    const seen = merged.get(key);
    if (seen) [seen.from, seen.to] = [Math.min(seen.from, g.from), Math.max(seen.to, g.to)];
    else merged.set(key, { ...g });
  }
  return [...merged.values()];
}
