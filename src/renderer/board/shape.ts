/**
 * What a shape is, and the gate every shape from a view passes through. Views are untrusted (any peer
 * may send anything), so the model accepts only records this file says are well-formed; the check is
 * deterministic, so every replica accepts or refuses alike.
 */
import { isImageHash } from './image-assets';
import type { PointDeltas } from './stroke-codec';

export const SHAPE_KINDS = ['pen', 'line', 'arrow', 'rect', 'ellipse', 'text', 'sticky', 'image'] as const;
export type ShapeKind = (typeof SHAPE_KINDS)[number];
/** Kinds with two ends that can bind to shapes. */
export const isLineKind = (kind: ShapeKind): kind is 'line' | 'arrow' => kind === 'line' || kind === 'arrow';
/** Kinds drawn in a box that turns about its centre; the ones a line's end can bind to. */
export const isBoxKind = (kind: ShapeKind): boolean => kind === 'rect' || kind === 'ellipse' || kind === 'text' || kind === 'sticky' || kind === 'image';

/** How an outline is drawn (lines, arrows, rectangles, ellipses). */
export const DASHES = ['solid', 'dashed', 'dotted'] as const;
export type Dash = (typeof DASHES)[number];

/** How a box's fill colour is laid down: full, or half see-through (what is behind shows). */
export const FILL_STYLES = ['solid', 'semi'] as const;
export type FillStyle = (typeof FILL_STYLES)[number];

/** The typeface of text and notes. */
export const FONTS = ['sans', 'hand', 'serif', 'mono'] as const;
export type Font = (typeof FONTS)[number];

/** Which ends of an arrow carry a head. */
export const HEADS = ['end', 'start', 'both'] as const;
export type Heads = (typeof HEADS)[number];

export interface ShapeProps {
  kind: ShapeKind;
  /** Box shapes: top-left before rotation. Pen, line, arrow: the first point. */
  x: number;
  y: number;
  /** Box shapes: size. Line and arrow: the end point relative to (x, y). Pen: unused (0). */
  w: number;
  h: number;
  /** Degrees clockwise about the box centre (box shapes only). */
  rotation: number;
  stroke: string;
  fill: string;
  /** Rectangles and ellipses. */
  fillStyle: FillStyle;
  strokeWidth: number;
  dash: Dash;
  /** Arrows only. */
  heads: Heads;
  opacity: number;
  fontSize: number;
  /** Text and notes. */
  font: Font;
  text: string;
  /**
   * Lines and arrows: the shape each end is bound to ('' for none). A bound end sits on that shape's
   * outline, aimed at its centre, and follows it (the model moves it, see binding.ts).
   */
  startBind: string;
  endBind: string;
  /** A locked shape stays as it is: the model refuses every change to it but unlocking, and deleting it. */
  locked: boolean;
  /** The group the shape belongs to ('' for none): a click selects the whole group. */
  group: string;
  /** Lines and arrows: how far the middle of the path is bent to the side (0: straight), see curve.ts. */
  bend: number;
  /** Images only: the hash of the image the board holds (image-assets.ts). */
  asset: string;
  /** Pen only: steps from (x, y), see stroke-codec. */
  points: PointDeltas | null;
  /** Pen only: pressure per point, 0-255. */
  pressures: Uint8Array | null;
}

export interface ShapeRecord extends ShapeProps {
  id: string;
}

export type ShapePatch = Partial<Omit<ShapeProps, 'kind'>>;

export const LIMITS = {
  coordinate: 1e7,
  size: 1e6,
  maxPoints: 20_000,
  maxText: 20_000,
  maxShapesPerEvent: 5_000,
};

const ID = /^[A-Za-z0-9_-]{1,80}$/;
const COLOR = /^(#[0-9a-fA-F]{6}|transparent)$/;
const KINDS: ReadonlySet<string> = new Set(SHAPE_KINDS);

export const isShapeId = (v: unknown): v is string => typeof v === 'string' && ID.test(v);

const oneOf = (list: readonly string[]) => (v: unknown) => typeof v === 'string' && list.includes(v);

const num = (v: unknown, lo: number, hi: number): v is number => typeof v === 'number' && Number.isFinite(v) && v >= lo && v <= hi;

/** Each property's check, also used for patches. */
const PROP_CHECKS: { [K in keyof Omit<ShapeProps, 'kind'>]: (v: unknown) => boolean } = {
  x: (v) => num(v, -LIMITS.coordinate, LIMITS.coordinate),
  y: (v) => num(v, -LIMITS.coordinate, LIMITS.coordinate),
  w: (v) => num(v, -LIMITS.size, LIMITS.size),
  h: (v) => num(v, -LIMITS.size, LIMITS.size),
  rotation: (v) => num(v, -360, 360),
  stroke: (v) => typeof v === 'string' && COLOR.test(v),
  fill: (v) => typeof v === 'string' && COLOR.test(v),
  strokeWidth: (v) => num(v, 0, 100),
  fillStyle: oneOf(FILL_STYLES),
  dash: oneOf(DASHES),
  heads: oneOf(HEADS),
  opacity: (v) => num(v, 0, 1),
  fontSize: (v) => num(v, 4, 512),
  font: oneOf(FONTS),
  text: (v) => typeof v === 'string' && v.length <= LIMITS.maxText,
  bend: (v) => num(v, -LIMITS.size, LIMITS.size),
  locked: (v) => typeof v === 'boolean',
  group: (v) => v === '' || isShapeId(v),
  startBind: (v) => v === '' || isShapeId(v),
  endBind: (v) => v === '' || isShapeId(v),
  asset: (v) => v === '' || isImageHash(v),
  points: (v) => v === null || ((v instanceof Int8Array || v instanceof Int16Array) && v.length % 2 === 0 && v.length <= 2 * LIMITS.maxPoints),
  pressures: (v) => v === null || (v instanceof Uint8Array && v.length <= LIMITS.maxPoints),
};
export const PATCHABLE = Object.keys(PROP_CHECKS) as (keyof ShapePatch)[];

export const DEFAULT_PROPS: Omit<ShapeProps, 'kind'> = {
  x: 0,
  y: 0,
  w: 0,
  h: 0,
  rotation: 0,
  stroke: '#1e1e1e',
  fill: 'transparent',
  fillStyle: 'solid',
  strokeWidth: 2,
  dash: 'solid',
  heads: 'end',
  opacity: 1,
  fontSize: 20,
  font: 'sans',
  text: '',
  startBind: '',
  endBind: '',
  bend: 0,
  locked: false,
  group: '',
  asset: '',
  points: null,
  pressures: null,
};

/** A complete, valid record built from untrusted input, or null. Missing properties take defaults. */
export function sanitizeShape(input: unknown): ShapeRecord | null {
  if (typeof input !== 'object' || input === null) return null;
  const v = input as Record<string, unknown>;
  if (!isShapeId(v.id) || typeof v.kind !== 'string' || !KINDS.has(v.kind)) return null;
  const out = { id: v.id, kind: v.kind as ShapeKind, ...DEFAULT_PROPS } as ShapeRecord;
  for (const key of PATCHABLE) {
    if (v[key] === undefined) continue;
    if (!PROP_CHECKS[key](v[key])) return null;
    (out as unknown as Record<string, unknown>)[key] = v[key];
  }
  if (out.kind === 'pen' && (out.points === null || out.points.length < 2)) return null;
  if (out.kind === 'image' && out.asset === '') return null;
  if (out.pressures !== null && (out.points === null || out.pressures.length !== out.points.length / 2)) return null;
  return out;
}

/** The valid part of an untrusted patch: only known properties with valid values; null if none. */
export function sanitizePatch(input: unknown): ShapePatch | null {
  if (typeof input !== 'object' || input === null) return null;
  const v = input as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  let any = false;
  for (const key of PATCHABLE) {
    if (v[key] === undefined) continue;
    if (!PROP_CHECKS[key](v[key])) return null;
    out[key] = v[key];
    any = true;
  }
  return any ? (out as ShapePatch) : null;
}

/** Equality of property values, typed arrays by content (references differ after a restore). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b)) {
    const x = a as unknown as ArrayLike<number>;
    const y = b as unknown as ArrayLike<number>;
    if (a.constructor !== b.constructor || x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
    return true;
  }
  return false;
}
