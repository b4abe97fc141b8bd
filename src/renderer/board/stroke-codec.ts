/**
 * Freehand points, stored compactly: (dx, dy) steps from the previous point in units of POINT_UNIT
 * world pixels, in an Int8Array when every step fits and an Int16Array otherwise. Positions are
 * quantised once, from the running quantised position, so long strokes do not drift.
 */
export const POINT_UNIT = 0.5;
const INT16_MAX = 32767;

export type PointDeltas = Int8Array | Int16Array;

/** Encodes absolute points [x0, y0, x1, y1, ...] relative to (originX, originY). */
export function encodePoints(points: ArrayLike<number>, originX: number, originY: number): PointDeltas {
  const steps = new Int32Array(points.length - (points.length % 2));
  let qx = 0;
  let qy = 0;
  let fitsInt8 = true;
  for (let i = 0; i < steps.length; i += 2) {
    const tx = Math.round((points[i]! - originX) / POINT_UNIT);
    const ty = Math.round((points[i + 1]! - originY) / POINT_UNIT);
    const dx = Math.max(-INT16_MAX, Math.min(INT16_MAX, tx - qx));
    const dy = Math.max(-INT16_MAX, Math.min(INT16_MAX, ty - qy));
    steps[i] = dx;
    steps[i + 1] = dy;
    qx += dx;
    qy += dy;
    if (dx < -128 || dx > 127 || dy < -128 || dy > 127) fitsInt8 = false;
  }
  return fitsInt8 ? Int8Array.from(steps) : Int16Array.from(steps);
}

/** Absolute points [x0, y0, ...] of encoded deltas. */
export function decodePoints(deltas: PointDeltas, originX: number, originY: number): number[] {
  const out = new Array<number>(deltas.length);
  let x = 0;
  let y = 0;
  for (let i = 0; i + 1 < deltas.length; i += 2) {
    x += deltas[i]!;
    y += deltas[i + 1]!;
    out[i] = originX + x * POINT_UNIT;
    out[i + 1] = originY + y * POINT_UNIT;
  }
  return out;
}

/** Points relative to the origin (what a drawing node positioned at the origin wants). */
export function decodeRelative(deltas: PointDeltas): number[] {
  return decodePoints(deltas, 0, 0);
}
