/**
 * The filled outline of a freehand stroke (perfect-freehand), from points relative to the stroke's
 * origin and optional pressures. Drawn as one closed polygon: cheaper than a path, and it is the same
 * polygon for the live preview, the stored stroke and the SVG export.
 */
import { getStroke } from 'perfect-freehand';

export function penOutline(points: ArrayLike<number>, pressures: ArrayLike<number> | null, size: number, last = true): number[] {
  const input: number[][] = [];
  for (let i = 0; i + 1 < points.length; i += 2) {
    input.push(pressures ? [points[i]!, points[i + 1]!, pressures[i / 2]! / 255] : [points[i]!, points[i + 1]!]);
  }
  const outline = getStroke(input, {
    size: Math.max(1, size),
    thinning: pressures ? 0.6 : 0.5,
    smoothing: 0.5,
    streamline: 0.4,
    simulatePressure: pressures === null,
    last,
  });
  return outline.flat();
}
