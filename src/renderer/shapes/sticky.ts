/** A sticky note: a coloured card with a soft shadow, its words inside a padding, cut with "…" if they overflow. */
import { boxFromRect } from '../board/geometry';
import type { ShapeProps } from '../board/shape';
import { boxBounds, boxHit } from './box';
import type { PaintEnv, ShapeUtil, SvgEnv } from './kind';
import { paintLines, svgLines } from './lettering';
import { n } from './paint-style';

export const STICKY_FILL = '#ffec99';
export const STICKY_PADDING = 12;
const CORNER = 3;
/** How far the card's shadow reaches past it, in world units (its blur and drop scale with the zoom). */
export const SHADOW_REACH = 10;

const cardFill = (s: ShapeProps) => (s.fill === 'transparent' ? STICKY_FILL : s.fill);

function noteLines(s: ShapeProps, env: PaintEnv | SvgEnv) {
  const b = boxFromRect(s.x, s.y, s.w, s.h);
  const [w, h] = [b.maxX - b.minX, b.maxY - b.minY];
  const { lines } = env.layout(s.text, Math.max(0, w - 2 * STICKY_PADDING), s.fontSize, s.font, Math.max(0, h - 2 * STICKY_PADDING));
  return { b, w, h, lines };
}

export const stickyUtil: ShapeUtil = {
  bounds: boxBounds,
  hit: (s, px, py, tolerance) => boxHit(s, px, py, tolerance, true),
  paint(ctx, s, env) {
    const { b, w, h, lines } = noteLines(s, env);
    // A shadow is in device pixels, whatever the transform: sized by the context's scale.
    const t = ctx.getTransform();
    const k = Math.hypot(t.a, t.b);
    ctx.save();
    ctx.shadowColor = 'rgba(0, 0, 0, 0.15)';
    ctx.shadowBlur = 6 * k;
    ctx.shadowOffsetY = 2 * k;
    ctx.beginPath();
    ctx.roundRect(b.minX, b.minY, w, h, Math.min(CORNER, w / 2, h / 2));
    ctx.fillStyle = cardFill(s);
    ctx.fill();
    ctx.restore();
    paintLines(ctx, lines, b.minX + STICKY_PADDING, b.minY + STICKY_PADDING, s.fontSize, s.font, s.stroke);
  },
  svg(s, env) {
    const { b, w, h, lines } = noteLines(s, env);
    return `<rect x="${n(b.minX)}" y="${n(b.minY)}" width="${n(w)}" height="${n(h)}" rx="${CORNER}" fill="${cardFill(s)}"/>${svgLines(lines, b.minX + STICKY_PADDING, b.minY + STICKY_PADDING, s.fontSize, s.font, s.stroke)}`;
  },
};
