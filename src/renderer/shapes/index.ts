/** Every kind of shape by name, and what the rest of the app asks of a shape whatever its kind. */
import type { Canvas2D } from './canvas-2d';
import { boxFromRect, type Box } from '../board/geometry';
import { isBoxKind, type ShapeKind, type ShapeProps } from '../board/shape';
import { ellipseUtil } from './ellipse';
import { imageUtil } from './image';
import type { PaintEnv, ShapeUtil, SvgEnv } from './kind';
import { arrowUtil, lineUtil } from './line';
import { n } from './paint-style';
import { penUtil } from './pen';
import { rectUtil } from './rect';
import { SHADOW_REACH, stickyUtil } from './sticky';
import { textUtil } from './text';

export const SHAPE_UTILS: Record<ShapeKind, ShapeUtil> = {
  pen: penUtil,
  line: lineUtil,
  arrow: arrowUtil,
  rect: rectUtil,
  ellipse: ellipseUtil,
  text: textUtil,
  sticky: stickyUtil,
  image: imageUtil,
};

/** How far past its bounds a shape's paint may reach, in world units: a note's shadow. */
export const PAINT_SPILL = SHADOW_REACH;

/** Axis-aligned bounds in world space, including half the stroke width. */
export const shapeBounds = (s: ShapeProps): Box => SHAPE_UTILS[s.kind].bounds(s);

/** Does a pointer at (px, py) with `tolerance` world pixels touch the shape? */
export const hitTest = (s: ShapeProps, px: number, py: number, tolerance: number): boolean => SHAPE_UTILS[s.kind].hit(s, px, py, tolerance);

/** The centre a box shape turns about. */
function centre(s: ShapeProps): [number, number] {
  const b = boxFromRect(s.x, s.y, s.w, s.h);
  return [(b.minX + b.maxX) / 2, (b.minY + b.maxY) / 2];
}

/** Paints a shape in world units onto `ctx` (whose transform maps world units to its pixels), faded and turned as it is. */
export function paintShape(ctx: Canvas2D, s: ShapeProps, env: PaintEnv): void {
  ctx.save();
  if (s.opacity !== 1) ctx.globalAlpha *= s.opacity;
  if (s.rotation !== 0 && isBoxKind(s.kind)) {
    const [cx, cy] = centre(s);
    ctx.translate(cx, cy);
    ctx.rotate((s.rotation * Math.PI) / 180);
    ctx.translate(-cx, -cy);
  }
  SHAPE_UTILS[s.kind].paint(ctx, s, env);
  ctx.restore();
}

/** A shape as one SVG group, faded and turned as it is. */
export function shapeSvg(s: ShapeProps, env: SvgEnv): string {
  const opacity = s.opacity < 1 ? ` opacity="${n(s.opacity)}"` : '';
  const [cx, cy] = centre(s);
  const turn = s.rotation !== 0 && isBoxKind(s.kind) ? ` transform="rotate(${n(s.rotation)} ${n(cx)} ${n(cy)})"` : '';
  return `<g${turn}${opacity}>${SHAPE_UTILS[s.kind].svg(s, env)}</g>`;
}
