/**
 * Lines and arrows: a straight or curved path (curve.ts) between two ends that may be bound to shapes,
 * an arrow with a head at either end or both, and an optional label centred on the path's middle, on a
 * patch of the board's own colour that cuts the line beneath it.
 */
import type { Canvas2D } from './canvas-2d';
import { controlOf, cubicControls, midpointOf, pathPoints } from '../board/curve';
import { expand, labelBox, LINE_HEIGHT, LABEL_WIDTH, pointsBox, polylineTouches, union, type Box } from '../board/geometry';
import type { ShapeProps } from '../board/shape';
import type { PaintEnv, ShapeUtil, SvgEnv } from './kind';
import { paintLines, svgLines } from './lettering';
import { n, strokePath, svgOutline } from './paint-style';

/** What a label on a line stands on: the board's own white, so the line stops either side of its words. */
export const LABEL_BACKGROUND = '#ffffff';

/** The label's lines and the patch under them (null without words). */
function label(s: ShapeProps, env: PaintEnv | SvgEnv): { lines: string[]; mx: number; top: number; patch: Box } | null {
  if (s.text === '') return null;
  const { lines, width } = env.layout(s.text, LABEL_WIDTH, s.fontSize, s.font);
  const [mx, my] = midpointOf(s);
  const height = lines.length * s.fontSize * LINE_HEIGHT;
  const top = my - height / 2;
  return { lines, mx, top, patch: { minX: mx - width / 2 - 4, minY: top - 2, maxX: mx + width / 2 + 4, maxY: top + height + 2 } };
}

function paintPath(ctx: Canvas2D, s: ShapeProps): void {
  ctx.beginPath();
  ctx.moveTo(s.x, s.y);
  if (s.bend === 0) ctx.lineTo(s.x + s.w, s.y + s.h);
  else {
    const [[ax, ay], [bx, by]] = cubicControls(s);
    ctx.bezierCurveTo(ax, ay, bx, by, s.x + s.w, s.y + s.h);
  }
  strokePath(ctx, s, 'round', 'round');
}

function paintLabel(ctx: Canvas2D, s: ShapeProps, env: PaintEnv): void {
  const l = label(s, env);
  if (l === null) return;
  ctx.fillStyle = LABEL_BACKGROUND;
  ctx.fillRect(l.patch.minX, l.patch.minY, l.patch.maxX - l.patch.minX, l.patch.maxY - l.patch.minY);
  paintLines(ctx, l.lines, l.mx, l.top, s.fontSize, s.font, s.stroke, 'middle');
}

function svgLabel(s: ShapeProps, env: SvgEnv): string {
  const l = label(s, env);
  if (l === null) return '';
  const p = l.patch;
  return `<rect x="${n(p.minX)}" y="${n(p.minY)}" width="${n(p.maxX - p.minX)}" height="${n(p.maxY - p.minY)}" fill="${LABEL_BACKGROUND}"/>${svgLines(l.lines, l.mx, l.top, s.fontSize, s.font, s.stroke, 'middle')}`;
}

const svgPath = (s: ShapeProps): string => {
  const [cx, cy] = controlOf(s);
  const [ex, ey] = [s.x + s.w, s.y + s.h];
  const d = s.bend === 0 ? `M${n(s.x)} ${n(s.y)}L${n(ex)} ${n(ey)}` : `M${n(s.x)} ${n(s.y)}Q${n(cx)} ${n(cy)} ${n(ex)} ${n(ey)}`;
  return `<path d="${d}" fill="none" ${svgOutline(s, 'round')} stroke-linejoin="round"/>`;
};

const lineBounds = (s: ShapeProps, reach: number): Box => {
  const path = expand(pointsBox(pathPoints(s)), reach);
  const box = labelBox(s);
  return box ? union([path, box])! : path;
};

function lineHit(s: ShapeProps, px: number, py: number, tolerance: number): boolean {
  const box = labelBox(s);
  return polylineTouches(pathPoints(s), px, py, s.strokeWidth / 2 + tolerance) || (box !== null && px >= box.minX && px <= box.maxX && py >= box.minY && py <= box.maxY);
}

export const lineUtil: ShapeUtil = {
  bounds: (s) => lineBounds(s, s.strokeWidth / 2),
  hit: lineHit,
  paint(ctx, s, env) {
    paintPath(ctx, s);
    paintLabel(ctx, s, env);
  },
  svg: (s, env) => `${svgPath(s)}${svgLabel(s, env)}`,
};

/** How long and wide an arrow's head is for its stroke. */
const headSize = (s: ShapeProps) => 4 + 3 * s.strokeWidth;

/** The heads' triangles, each [tip, left, right]: pointing along the path's ends (from the curve's control point, or the other end if straight). */
type Point = [number, number];
function heads(s: ShapeProps): [Point, Point, Point][] {
  const [cx, cy] = controlOf(s);
  const out: [Point, Point, Point][] = [];
  const head = (tx: number, ty: number) => {
    const len = Math.hypot(tx - cx, ty - cy) || 1;
    const [ux, uy] = [(tx - cx) / len, (ty - cy) / len];
    const size = headSize(s);
    out.push([
      [tx, ty],
      [tx - ux * size - (uy * size) / 2, ty - uy * size + (ux * size) / 2],
      [tx - ux * size + (uy * size) / 2, ty - uy * size - (ux * size) / 2],
    ]);
  };
  if (s.heads !== 'start') head(s.x + s.w, s.y + s.h);
  if (s.heads !== 'end') head(s.x, s.y);
  return out;
}

export const arrowUtil: ShapeUtil = {
  // A head reaches a little beyond the line.
  bounds: (s) => lineBounds(s, s.strokeWidth / 2 + 4 * s.strokeWidth),
  hit: lineHit,
  paint(ctx, s, env) {
    paintPath(ctx, s);
    ctx.setLineDash([]);
    for (const [[tx, ty], [lx, ly], [rx, ry]] of heads(s)) {
      ctx.beginPath();
      ctx.moveTo(tx, ty);
      ctx.lineTo(lx, ly);
      ctx.lineTo(rx, ry);
      ctx.closePath();
      ctx.fillStyle = s.stroke;
      ctx.fill();
      if (s.strokeWidth > 0) ctx.stroke();
    }
    paintLabel(ctx, s, env);
  },
  svg(s, env) {
    const width = s.strokeWidth > 0 ? ` stroke="${s.stroke}" stroke-width="${n(s.strokeWidth)}" stroke-linejoin="round"` : '';
    const tips = heads(s).map((pts) => `<polygon points="${pts.map(([x, y]) => `${n(x)},${n(y)}`).join(' ')}" fill="${s.stroke}"${width}/>`);
    return `${svgPath(s)}${tips.join('')}${svgLabel(s, env)}`;
  },
};
