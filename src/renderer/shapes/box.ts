/** What the box kinds (rectangle, ellipse, text, note, image) share: bounds, hit test, words in the box. */
import type { Canvas2D } from './canvas-2d';
import { boxFromRect, corners, expand, LINE_HEIGHT, rotate, wordsBox, type Box } from '../board/geometry';
import type { ShapeProps } from '../board/shape';
import { paintLines, svgLines } from './lettering';
import type { PaintEnv, SvgEnv } from './kind';

/** The box turned about its centre, plus half the stroke. */
export function boxBounds(s: ShapeProps): Box {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of corners(s)) [minX, minY, maxX, maxY] = [Math.min(minX, x), Math.min(minY, y), Math.max(maxX, x), Math.max(maxY, y)];
  return expand({ minX, minY, maxX, maxY }, s.strokeWidth / 2);
}

/** (px, py) in the shape's own unturned frame. */
export function unturned(s: ShapeProps, px: number, py: number): [number, number] {
  const b = boxFromRect(s.x, s.y, s.w, s.h);
  return rotate(px, py, (b.minX + b.maxX) / 2, (b.minY + b.maxY) / 2, -s.rotation);
}

/** Does a pointer touch the box: anywhere in it when `filled`, else on its outline only. */
export function boxHit(s: ShapeProps, px: number, py: number, tolerance: number, filled: boolean): boolean {
  const reach = s.strokeWidth / 2 + tolerance;
  const b = boxFromRect(s.x, s.y, s.w, s.h);
  const [lx, ly] = unturned(s, px, py);
  const inside = lx >= b.minX - reach && lx <= b.maxX + reach && ly >= b.minY - reach && ly <= b.maxY + reach;
  if (!inside) return false;
  if (filled) return true;
  const innerX = lx > b.minX + reach && lx < b.maxX - reach;
  const innerY = ly > b.minY + reach && ly < b.maxY - reach;
  return !(innerX && innerY);
}

/** A rectangle or ellipse is hit inside when it has a fill or words. */
export const solidInside = (s: ShapeProps): boolean => s.fill !== 'transparent' || s.text !== '';

/** Where the words written in a rectangle or ellipse go: centred both ways in its words box. */
function wordsPlace(s: ShapeProps, lines: readonly string[]): { x: number; y: number } {
  const box = wordsBox(s);
  return { x: box.x + box.w / 2, y: box.y + (box.h - lines.length * s.fontSize * LINE_HEIGHT) / 2 };
}

export function paintWords(ctx: Canvas2D, s: ShapeProps, env: PaintEnv): void {
  if (s.text === '') return;
  const { lines } = env.layout(s.text, wordsBox(s).w, s.fontSize, s.font);
  const at = wordsPlace(s, lines);
  paintLines(ctx, lines, at.x, at.y, s.fontSize, s.font, s.stroke, 'middle');
}

export function svgWords(s: ShapeProps, env: SvgEnv): string {
  if (s.text === '') return '';
  const { lines } = env.layout(s.text, wordsBox(s).w, s.fontSize, s.font);
  const at = wordsPlace(s, lines);
  return svgLines(lines, at.x, at.y, s.fontSize, s.font, s.stroke, 'middle');
}
