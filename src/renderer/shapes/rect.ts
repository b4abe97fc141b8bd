/** A rectangle: outline, optional fill, optional words centred in it. */
import { boxFromRect } from '../board/geometry';
import { boxBounds, boxHit, paintWords, solidInside, svgWords } from './box';
import type { ShapeUtil } from './kind';
import { fillPath, n, strokePath, svgFill, svgOutline } from './paint-style';

export const rectUtil: ShapeUtil = {
  bounds: boxBounds,
  hit: (s, px, py, tolerance) => boxHit(s, px, py, tolerance, solidInside(s)),
  paint(ctx, s, env) {
    const b = boxFromRect(s.x, s.y, s.w, s.h);
    ctx.beginPath();
    ctx.rect(b.minX, b.minY, b.maxX - b.minX, b.maxY - b.minY);
    fillPath(ctx, s);
    strokePath(ctx, s);
    paintWords(ctx, s, env);
  },
  svg(s, env) {
    const b = boxFromRect(s.x, s.y, s.w, s.h);
    return `<rect x="${n(b.minX)}" y="${n(b.minY)}" width="${n(b.maxX - b.minX)}" height="${n(b.maxY - b.minY)}" ${svgFill(s)} ${svgOutline(s)}/>${svgWords(s, env)}`;
  },
};
