/** An ellipse filling its box: outline, optional fill, optional words in the largest rectangle it holds. */
import { boxFromRect, segmentDistance } from '../board/geometry';
import { boxBounds, paintWords, solidInside, svgWords, unturned } from './box';
import type { ShapeUtil } from './kind';
import { fillPath, n, strokePath, svgFill, svgOutline } from './paint-style';

export const ellipseUtil: ShapeUtil = {
  bounds: boxBounds,
  hit(s, px, py, tolerance) {
    const reach = s.strokeWidth / 2 + tolerance;
    const b = boxFromRect(s.x, s.y, s.w, s.h);
    const [lx, ly] = unturned(s, px, py);
    const [rx, ry] = [(b.maxX - b.minX) / 2, (b.maxY - b.minY) / 2];
    if (rx === 0 || ry === 0) return segmentDistance(lx, ly, b.minX, b.minY, b.maxX, b.maxY) <= reach;
    // Normalised radius; the outline band is approximated by scaling the reach by the smaller radius.
    const d = Math.hypot((lx - b.minX - rx) / rx, (ly - b.minY - ry) / ry);
    const band = reach / Math.min(rx, ry);
    return solidInside(s) ? d <= 1 + band : Math.abs(d - 1) <= band;
  },
  paint(ctx, s, env) {
    const b = boxFromRect(s.x, s.y, s.w, s.h);
    const [rx, ry] = [(b.maxX - b.minX) / 2, (b.maxY - b.minY) / 2];
    ctx.beginPath();
    ctx.ellipse(b.minX + rx, b.minY + ry, rx, ry, 0, 0, 2 * Math.PI);
    fillPath(ctx, s);
    strokePath(ctx, s);
    paintWords(ctx, s, env);
  },
  svg(s, env) {
    const b = boxFromRect(s.x, s.y, s.w, s.h);
    const [rx, ry] = [(b.maxX - b.minX) / 2, (b.maxY - b.minY) / 2];
    return `<ellipse cx="${n(b.minX + rx)}" cy="${n(b.minY + ry)}" rx="${n(rx)}" ry="${n(ry)}" ${svgFill(s)} ${svgOutline(s)}/>${svgWords(s, env)}`;
  },
};
