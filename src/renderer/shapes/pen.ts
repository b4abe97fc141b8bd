/** A freehand stroke: the filled outline (pen-outline.ts) around its points, thinned by pressure. */
import { expand, pointsBox, polylineTouches } from '../board/geometry';
import type { ShapeProps } from '../board/shape';
import { decodePoints, decodeRelative } from '../board/stroke-codec';
import type { ShapeUtil } from './kind';
import { n } from './paint-style';
import { penOutline } from './pen-outline';

const outlineOf = (s: ShapeProps) => penOutline(decodeRelative(s.points!), s.pressures, s.strokeWidth);

export const penUtil: ShapeUtil = {
  bounds: (s) => expand(pointsBox(decodePoints(s.points!, s.x, s.y)), s.strokeWidth / 2),
  hit: (s, px, py, tolerance) => polylineTouches(decodePoints(s.points!, s.x, s.y), px, py, s.strokeWidth / 2 + tolerance),
  paint(ctx, s) {
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
