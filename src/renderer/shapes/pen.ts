/**
 * A freehand stroke: the filled outline (pen-outline.ts) around its points, thinned by pressure. Where
 * the stroke is narrower than a device pixel (a board zoomed far out), the outline cannot be told from
 * a line along its points as wide as the outline is on average, and that line costs a fraction of it.
 */
import { expand, pointsBox, polylineTouches } from '../board/geometry';
import type { ShapeProps } from '../board/shape';
import { decodePoints, decodeRelative } from '../board/stroke-codec';
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

/** Paints a stroke too thin to show its outline as a line along its points. */
function paintHairline(ctx: Canvas2D, s: ShapeProps): void {
  const pts = decodePoints(s.points!, s.x, s.y);
  ctx.beginPath();
  ctx.moveTo(pts[0]!, pts[1]!);
  for (let i = 2; i + 1 < pts.length; i += 2) ctx.lineTo(pts[i]!, pts[i + 1]!);
  ctx.setLineDash([]);
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.lineWidth = s.strokeWidth * MEAN_OUTLINE_WIDTH;
  ctx.strokeStyle = s.stroke;
  ctx.stroke();
}

export const penUtil: ShapeUtil = {
  bounds: (s) => expand(pointsBox(decodePoints(s.points!, s.x, s.y)), s.strokeWidth / 2),
  hit: (s, px, py, tolerance) => polylineTouches(decodePoints(s.points!, s.x, s.y), px, py, s.strokeWidth / 2 + tolerance),
  paint(ctx, s, env) {
    const t = ctx.getTransform();
    if (!env.exact && s.strokeWidth * Math.hypot(t.a, t.b) < 1) return paintHairline(ctx, s);
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
