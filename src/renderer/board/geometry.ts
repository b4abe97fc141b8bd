/**
 * Pure geometry in world coordinates: boxes and their relations, turned boxes, where words go. Each
 * kind's bounds and hit test are its own (src/renderer/shapes), built from these.
 */
import { midpointOf } from './curve';
import { isLineKind, type ShapeProps } from './shape';

export interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export const boxFromRect = (x: number, y: number, w: number, h: number): Box => ({
  minX: Math.min(x, x + w),
  minY: Math.min(y, y + h),
  maxX: Math.max(x, x + w),
  maxY: Math.max(y, y + h),
});

export const intersects = (a: Box, b: Box): boolean => a.minX <= b.maxX && a.maxX >= b.minX && a.minY <= b.maxY && a.maxY >= b.minY;

export const contains = (outer: Box, inner: Box): boolean =>
  inner.minX >= outer.minX && inner.maxX <= outer.maxX && inner.minY >= outer.minY && inner.maxY <= outer.maxY;

/** Where two boxes overlap (empty, min past max, if they do not). */
export const intersection = (a: Box, b: Box): Box => ({ minX: Math.max(a.minX, b.minX), minY: Math.max(a.minY, b.minY), maxX: Math.min(a.maxX, b.maxX), maxY: Math.min(a.maxY, b.maxY) });

export const area = (b: Box): number => Math.max(0, b.maxX - b.minX) * Math.max(0, b.maxY - b.minY);

export function union(boxes: Iterable<Box>): Box | null {
  let out: Box | null = null;
  for (const b of boxes) {
    out = out === null ? { ...b } : { minX: Math.min(out.minX, b.minX), minY: Math.min(out.minY, b.minY), maxX: Math.max(out.maxX, b.maxX), maxY: Math.max(out.maxY, b.maxY) };
  }
  return out;
}

export const expand = (b: Box, by: number): Box => ({ minX: b.minX - by, minY: b.minY - by, maxX: b.maxX + by, maxY: b.maxY + by });

/** Rotates (px, py) by `deg` degrees clockwise about (cx, cy). */
export function rotate(px: number, py: number, cx: number, cy: number, deg: number): [number, number] {
  if (deg === 0) return [px, py];
  const r = (deg * Math.PI) / 180;
  const cos = Math.cos(r);
  const sin = Math.sin(r);
  const dx = px - cx;
  const dy = py - cy;
  return [cx + dx * cos - dy * sin, cy + dx * sin + dy * cos];
}

/** The world-space corners of a (possibly rotated) box shape. */
export function corners(s: ShapeProps): [number, number][] {
  const b = boxFromRect(s.x, s.y, s.w, s.h);
  const cx = (b.minX + b.maxX) / 2;
  const cy = (b.minY + b.maxY) / 2;
  return [
    [b.minX, b.minY],
    [b.maxX, b.minY],
    [b.maxX, b.maxY],
    [b.minX, b.maxY],
  ].map(([x, y]) => rotate(x!, y!, cx, cy, s.rotation));
}

/** The box around flat (x, y) pairs. */
export function pointsBox(pts: ArrayLike<number>): Box {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i + 1 < pts.length; i += 2) {
    minX = Math.min(minX, pts[i]!);
    maxX = Math.max(maxX, pts[i]!);
    minY = Math.min(minY, pts[i + 1]!);
    maxY = Math.max(maxY, pts[i + 1]!);
  }
  return { minX, minY, maxX, maxY };
}

/** Space between a rectangle's or ellipse's outline and the words written in it. */
export const WORDS_PADDING = 8;

/**
 * The box, before rotation, that words written in a rectangle or ellipse wrap in and are centred in:
 * inside the padding, and for an ellipse inside the largest rectangle it holds.
 */
export function wordsBox(s: ShapeProps): { x: number; y: number; w: number; h: number } {
  const b = boxFromRect(s.x, s.y, s.w, s.h);
  const scale = s.kind === 'ellipse' ? Math.SQRT1_2 : 1;
  const w = Math.max(1, (b.maxX - b.minX) * scale - 2 * WORDS_PADDING);
  const h = Math.max(1, (b.maxY - b.minY) * scale - 2 * WORDS_PADDING);
  return { x: (b.minX + b.maxX - w) / 2, y: (b.minY + b.maxY - h) / 2, w, h };
}

/** How tall a rectangle or ellipse must be to hold words `textHeight` tall in its words box. */
export function heightForWords(s: ShapeProps, textHeight: number): number {
  const scale = s.kind === 'ellipse' ? Math.SQRT1_2 : 1;
  return Math.max(Math.abs(s.h), (textHeight + 2 * WORDS_PADDING) / scale);
}

/** Line spacing of words on shapes, in font sizes: the model's measured heights are made with it. */
export const LINE_HEIGHT = 1.25;

/** The widest a line's label runs before it wraps, in world pixels. */
export const LABEL_WIDTH = 240;

/**
 * Roughly where a line's label stands (null without one), erring wide: what bounds and hit testing use,
 * where the drawing's own text metrics are not at hand. Glyphs are taken as 0.7 of the font size wide.
 */
export function labelBox(s: ShapeProps): Box | null {
  if (s.text === '' || !isLineKind(s.kind)) return null;
  let rows = 0;
  let widest = 0;
  for (const line of s.text.split('\n')) {
    const width = line.length * 0.7 * s.fontSize;
    rows += Math.max(1, Math.ceil(width / LABEL_WIDTH));
    widest = Math.max(widest, Math.min(width, LABEL_WIDTH));
  }
  const [mx, my] = midpointOf(s);
  const [hw, hh] = [widest / 2 + 4, (rows * LINE_HEIGHT * s.fontSize) / 2 + 2];
  return { minX: mx - hw, minY: my - hh, maxX: mx + hw, maxY: my + hh };
}

/** Is (px, py) within `margin` of a box shape's (possibly rotated) box, inside included? */
export function boxContains(s: ShapeProps, px: number, py: number, margin: number): boolean {
  const b = boxFromRect(s.x, s.y, s.w, s.h);
  const [lx, ly] = rotate(px, py, (b.minX + b.maxX) / 2, (b.minY + b.maxY) / 2, -s.rotation);
  return lx >= b.minX - margin && lx <= b.maxX + margin && ly >= b.minY - margin && ly <= b.maxY + margin;
}

/** Distance from (px, py) to the segment (ax, ay)-(bx, by). */
export function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Is (px, py) within `reach` of the polyline through flat (x, y) pairs (a single point included)? */
export function polylineTouches(pts: ArrayLike<number>, px: number, py: number, reach: number): boolean {
  if (pts.length === 2) return Math.hypot(px - pts[0]!, py - pts[1]!) <= reach;
  for (let i = 0; i + 3 < pts.length; i += 2) {
    if (segmentDistance(px, py, pts[i]!, pts[i + 1]!, pts[i + 2]!, pts[i + 3]!) <= reach) return true;
  }
  return false;
}
