/** How outlines and fills are laid down, the same on canvas and in SVG. */
import type { Canvas2D } from './canvas-2d';
import type { ShapeProps } from '../board/shape';

/** A semi fill lets what is behind show through: the fill's own alpha, the outline untouched. */
export const SEMI_FILL_ALPHA = 0.5;

/** The dash pattern of an outline, in the units of its width (null: solid). Dots are round caps on zero-length dashes. */
export function dashArray(s: Pick<ShapeProps, 'dash' | 'strokeWidth'>): number[] | null {
  const w = Math.max(1, s.strokeWidth);
  if (s.dash === 'dashed') return [4 * w, 3 * w];
  if (s.dash === 'dotted') return [0, 2.5 * w];
  return null;
}

const NO_DASH: number[] = [];

/** Sets the context up to stroke the shape's outline; `cap` for a solid outline (a dashed one has round caps). */
export function outlineStyle(ctx: Canvas2D, s: ShapeProps, cap: Canvas2D['lineCap'] = 'butt', join: Canvas2D['lineJoin'] = 'miter'): void {
  const dash = dashArray(s);
  ctx.setLineDash(dash ?? NO_DASH);
  ctx.lineCap = dash === null ? cap : 'round';
  ctx.lineJoin = join;
  ctx.lineWidth = s.strokeWidth;
  ctx.strokeStyle = s.stroke;
}

/** Fills the current path with the shape's fill, if it has one. */
export function fillPath(ctx: Canvas2D, s: ShapeProps): void {
  if (s.fill === 'transparent') return;
  ctx.fillStyle = s.fill;
  if (s.fillStyle === 'semi') {
    const alpha = ctx.globalAlpha;
    ctx.globalAlpha = alpha * SEMI_FILL_ALPHA;
    ctx.fill();
    ctx.globalAlpha = alpha;
  } else ctx.fill();
}

/** Strokes the current path with the shape's outline (a zero width draws nothing). */
export function strokePath(ctx: Canvas2D, s: ShapeProps, cap?: Canvas2D['lineCap'], join?: Canvas2D['lineJoin']): void {
  if (s.strokeWidth <= 0) return;
  outlineStyle(ctx, s, cap, join);
  ctx.stroke();
}

/** An SVG number: two decimals at most. */
export const n = (v: number): string => (Math.round(v * 100) / 100).toString();

/** Text made safe inside an SVG element or attribute. */
export const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The SVG attributes of a shape's fill. */
export const svgFill = (s: ShapeProps): string =>
  s.fill === 'transparent' ? 'fill="none"' : `fill="${s.fill}"${s.fillStyle === 'semi' ? ` fill-opacity="${SEMI_FILL_ALPHA}"` : ''}`;

/** The SVG attributes of a shape's outline; `cap` for a solid one. */
export function svgOutline(s: ShapeProps, cap = ''): string {
  const dash = dashArray(s);
  const ends = dash === null ? (cap ? ` stroke-linecap="${cap}"` : '') : ` stroke-dasharray="${dash.map(n).join(' ')}" stroke-linecap="round"`;
  return s.strokeWidth <= 0 ? 'stroke="none"' : `stroke="${s.stroke}" stroke-width="${n(s.strokeWidth)}"${ends}`;
}
