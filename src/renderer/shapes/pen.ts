/**
 * A freehand stroke: the filled outline (pen-outline.ts) around its points, thinned by pressure. Where
 * the stroke is narrower than a device pixel (a board zoomed far out), the outline cannot be told from
 * a line along its points as wide as the outline is on average, and that line costs a fraction of it.
 */
import { expand, pointsBox, polylineTouches } from '../board/geometry';
import type { ShapeProps } from '../board/shape';
import { decodePoints, decodeRelative, POINT_UNIT } from '../board/stroke-codec';
import type { Canvas2D } from './canvas-2d';
import type { ShapeUtil } from './kind';
import { n } from './paint-style';
import { penOutline } from './pen-outline';

/** Outlines computed lately, by the points they were computed from: tiles, exports and a moving stroke paint one stroke again and again. */
const KEPT_OUTLINES = 4096;
const outlines = new Map<ShapeProps['points'], { width: number; pressures: ShapeProps['pressures']; outline: number[] }>();

function outlineOf(s: ShapeProps): number[] {
  const kept = outlines.get(s.points);
  if (kept !== undefined && kept.width === s.strokeWidth && kept.pressures === s.pressures) return kept.outline;
  const outline = penOutline(decodeRelative(s.points!), s.pressures, s.strokeWidth);
  if (outlines.size >= KEPT_OUTLINES) outlines.delete(outlines.keys().next().value!);
  outlines.set(s.points, { width: s.strokeWidth, pressures: s.pressures, outline });
  return outline;
}

/** How wide the outline is on average, as a share of the stroke's width (perfect-freehand thins it). */
export const MEAN_OUTLINE_WIDTH = 0.75;

/** A hairline's points closer than this (device pixels) to the last one drawn are skipped: no one can see them. */
const HAIRLINE_STEP_PX = 0.5;

/**
 * Paints a stroke too thin to show its outline as a line along its points, only those half a device
 * pixel or more apart (a board zoomed far out has thousands of strokes of 50 points a few pixels long).
 * Its joins are bevelled: round ones cost the rasterizer more and look the same below a pixel.
 */
function paintHairline(ctx: Canvas2D, s: ShapeProps, scale: number): void {
  const d = s.points!;
  const step = (HAIRLINE_STEP_PX / scale / POINT_UNIT) ** 2; // in the deltas' units, squared
  let x = d[0]!;
  let y = d[1]!;
  let lx = x; // the last point drawn
  let ly = y;
  ctx.beginPath();
  ctx.moveTo(s.x + x * POINT_UNIT, s.y + y * POINT_UNIT);
  for (let i = 2; i + 1 < d.length; i += 2) {
    x += d[i]!;
    y += d[i + 1]!;
    if ((x - lx) ** 2 + (y - ly) ** 2 < step && i + 3 < d.length) continue;
    ctx.lineTo(s.x + x * POINT_UNIT, s.y + y * POINT_UNIT);
    lx = x;
    ly = y;
  }
  ctx.setLineDash([]);
  ctx.lineCap = 'round';
  ctx.lineJoin = 'bevel';
  ctx.lineWidth = s.strokeWidth * MEAN_OUTLINE_WIDTH;
  ctx.strokeStyle = s.stroke;
  ctx.stroke();
}

export const penUtil: ShapeUtil = {
  bounds: (s) => expand(pointsBox(decodePoints(s.points!, s.x, s.y)), s.strokeWidth / 2),
  hit: (s, px, py, tolerance) => polylineTouches(decodePoints(s.points!, s.x, s.y), px, py, s.strokeWidth / 2 + tolerance),
  paint(ctx, s, env) {
    const t = ctx.getTransform();
    const scale = Math.hypot(t.a, t.b);
    if (!env.exact && s.strokeWidth * scale < 1) return paintHairline(ctx, s, scale);
    const outline = outlineOf(s);
    ctx.beginPath();
    for (let i = 0; i + 1 < outline.length; i += 2) ctx.lineTo(s.x + outline[i]!, s.y + outline[i + 1]!);
    ctx.closePath();
    ctx.fillStyle = s.stroke;
    ctx.fill();
  },
  svg(s) {
    const outline = outlineOf(s);
    const pts: string[] = [];
    for (let i = 0; i + 1 < outline.length; i += 2) pts.push(`${n(outline[i]! + s.x)},${n(outline[i + 1]! + s.y)}`);
    return `<polygon points="${pts.join(' ')}" fill="${s.stroke}"/>`;
  },
};
