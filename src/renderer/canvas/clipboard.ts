/**
 * Shapes on the clipboard, as text, so they paste into another board, another window or another app
 * instance; the images they show go with them (base64), as another board may not hold them. What is
 * pasted is untrusted: every record goes through the model's validator again, every image through the
 * model's own check (admitImage), and the model checks both once more when their events arrive.
 */
import { fromBase64, toBase64 } from '../../shared/bytes';
import { admitImage, isImageHash, type ImageAsset } from '../board/image-assets';
import { sanitizeShape, type ShapeRecord } from '../board/shape';

const MARK = 'lanvas/shapes';

export interface ClipboardContent {
  shapes: ShapeRecord[];
  /** The images the shapes show, by hash, each checked. */
  images: Map<string, ImageAsset>;
}

export function encodeClipboard(shapes: readonly ShapeRecord[], images: (hash: string) => ImageAsset | undefined = () => undefined): string {
  const shown = new Map<string, string>();
  for (const s of shapes) {
    const image = s.asset === '' || shown.has(s.asset) ? undefined : images(s.asset);
    if (image) shown.set(s.asset, toBase64(image.bytes));
  }
  return JSON.stringify({
    [MARK]: 1,
    images: Object.fromEntries(shown),
    shapes: shapes.map((s) => ({
      ...s,
      points: s.points ? { type: s.points instanceof Int8Array ? 'i8' : 'i16', data: Array.from(s.points) } : null,
      pressures: s.pressures ? Array.from(s.pressures) : null,
    })),
  });
}

/** The shapes (and their images) in clipboard text, or null if it holds none of ours. Invalid records are dropped. */
export function decodeClipboard(text: string): ClipboardContent | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const v = value as { [MARK]?: unknown; shapes?: unknown; images?: unknown };
  if (typeof value !== 'object' || value === null || v[MARK] !== 1 || !Array.isArray(v.shapes)) return null;
  const images = new Map<string, ImageAsset>();
  for (const [hash, data] of typeof v.images === 'object' && v.images !== null ? Object.entries(v.images).slice(0, 100) : []) {
    const bytes = isImageHash(hash) && typeof data === 'string' ? fromBase64(data) : null;
    const image = bytes && admitImage(bytes, hash);
    if (image) images.set(hash, image);
  }
  const out: ShapeRecord[] = [];
  for (const raw of v.shapes.slice(0, 5000) as Record<string, unknown>[]) {
    if (typeof raw !== 'object' || raw === null) continue;
    const pts = raw.points as { type?: unknown; data?: unknown } | null;
    const points = pts && Array.isArray(pts.data) ? (pts.type === 'i8' ? Int8Array.from(pts.data as number[]) : Int16Array.from(pts.data as number[])) : null;
    const pressures = Array.isArray(raw.pressures) ? Uint8Array.from(raw.pressures as number[]) : null;
    const record = sanitizeShape({ ...raw, points, pressures });
    if (record) out.push(record);
  }
  return { shapes: out, images };
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
