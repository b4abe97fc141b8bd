/**
 * Shapes on the clipboard, as text, so they paste into another board, another window or another app
 * instance. What is pasted is untrusted: every record goes through the model's validator again, and
 * the model checks it once more when the create event arrives.
 */
import { sanitizeShape, type ShapeRecord } from '../board/shape';

const MARK = 'lanvas/shapes';

export function encodeClipboard(shapes: readonly ShapeRecord[]): string {
  return JSON.stringify({
    [MARK]: 1,
    shapes: shapes.map((s) => ({
      ...s,
      points: s.points ? { type: s.points instanceof Int8Array ? 'i8' : 'i16', data: Array.from(s.points) } : null,
      pressures: s.pressures ? Array.from(s.pressures) : null,
    })),
  });
}

/** The shapes in clipboard text, or null if it holds none of ours. Invalid records are dropped. */
export function decodeClipboard(text: string): ShapeRecord[] | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const v = value as { [MARK]?: unknown; shapes?: unknown };
  if (typeof value !== 'object' || value === null || v[MARK] !== 1 || !Array.isArray(v.shapes)) return null;
  const out: ShapeRecord[] = [];
  for (const raw of v.shapes.slice(0, 5000) as Record<string, unknown>[]) {
    if (typeof raw !== 'object' || raw === null) continue;
    const pts = raw.points as { type?: unknown; data?: unknown } | null;
    const points = pts && Array.isArray(pts.data) ? (pts.type === 'i8' ? Int8Array.from(pts.data as number[]) : Int16Array.from(pts.data as number[])) : null;
    const pressures = Array.isArray(raw.pressures) ? Uint8Array.from(raw.pressures as number[]) : null;
    const record = sanitizeShape({ ...raw, points, pressures });
    if (record) out.push(record);
  }
  return out;
}

/**
 * Copies with fresh ids, shifted by (dx, dy): for paste and duplicate. A line copied with the shape it is
 * bound to is bound to that shape's copy; one copied without it lets go.
 */
export function cloneShapes(shapes: readonly ShapeRecord[], newId: () => string, dx: number, dy: number): ShapeRecord[] {
  const ids = new Map(shapes.map((s) => [s.id, newId()]));
  const rebind = (id: string) => ids.get(id) ?? '';
  return shapes.map((s) => ({ ...s, id: ids.get(s.id)!, x: s.x + dx, y: s.y + dy, startBind: rebind(s.startBind), endBind: rebind(s.endBind) }));
}
