/** A text box: words wrapped at its width, left-aligned from its top (the model keeps its height fitted). */
import { boxFromRect } from '../board/geometry';
import { boxBounds, boxHit } from './box';
import type { ShapeUtil } from './kind';
import { paintLines, svgLines } from './lettering';

export const textUtil: ShapeUtil = {
  bounds: boxBounds,
  hit: (s, px, py, tolerance) => boxHit(s, px, py, tolerance, true),
  paint(ctx, s, env) {
    const b = boxFromRect(s.x, s.y, s.w, s.h);
    paintLines(ctx, env.layout(s.text, b.maxX - b.minX, s.fontSize, s.font).lines, b.minX, b.minY, s.fontSize, s.font, s.stroke);
  },
  svg(s, env) {
    const b = boxFromRect(s.x, s.y, s.w, s.h);
    return svgLines(env.layout(s.text, b.maxX - b.minX, s.fontSize, s.font).lines, b.minX, b.minY, s.fontSize, s.font, s.stroke);
  },
};
