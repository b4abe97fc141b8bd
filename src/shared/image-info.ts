/**
 * What an image file really is, read from its bytes (never from its name or a claimed type): PNG, JPEG,
 * WebP or SVG, and its size in pixels. Pure and deterministic, so the board model runs the same check
 * on every replica that the view ran before sending it.
 */

export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/svg+xml'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

export const IMAGE_LIMITS = {
  /** Largest image file a board takes. */
  maxBytes: 4 * 1024 * 1024,
  /** Longest side, in pixels; an SVG bigger than this is shown at this size (it scales without loss). */
  maxSide: 8192,
  /** Most pixels a bitmap may decode to (what it costs every peer's memory). */
  maxPixels: 32_000_000,
  /** All the images one board may hold: each one is in its snapshot, for every joiner. */
  maxBoardBytes: 64 * 1024 * 1024,
};

export interface ImageInfo {
  type: ImageType;
  width: number;
  height: number;
}

export type ImageCheck = ImageInfo | { error: string };

const MB = (n: number) => `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MB`;

/** Reads an image's type and size, or says in a person's words why it cannot go on a board. */
export function checkImage(bytes: Uint8Array): ImageCheck {
  if (bytes.length > IMAGE_LIMITS.maxBytes) return { error: `This image is ${MB(bytes.length)}; a board takes images up to ${MB(IMAGE_LIMITS.maxBytes)}.` };
  const info = png(bytes) ?? jpeg(bytes) ?? webp(bytes) ?? svg(bytes);
  if (info === null) return { error: 'This is not an image a board can show: use PNG, JPEG, WebP or SVG.' };
  if ('error' in info) return info;
  if (info.width < 1 || info.height < 1) return { error: 'This image has no size (it may be damaged).' };
  if (info.type !== 'image/svg+xml' && (Math.max(info.width, info.height) > IMAGE_LIMITS.maxSide || info.width * info.height > IMAGE_LIMITS.maxPixels)) {
    return { error: `This image is ${info.width}×${info.height} pixels; a board takes up to ${IMAGE_LIMITS.maxSide} on a side and ${IMAGE_LIMITS.maxPixels / 1e6} million in all.` };
  }
  return info;
}

const u16be = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!;
const u32be = (b: Uint8Array, i: number) => b[i]! * 0x1000000 + ((b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!);
const u24le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16);
const startsWith = (b: Uint8Array, at: number, ascii: string) => b.length >= at + ascii.length && [...ascii].every((c, i) => b[at + i] === c.charCodeAt(0));

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** PNG: the signature, then the IHDR chunk first, holding width and height. */
function png(b: Uint8Array): ImageInfo | null {
  if (b.length < 24 || !PNG_SIGNATURE.every((v, i) => b[i] === v) || !startsWith(b, 12, 'IHDR')) return null;
  return { type: 'image/png', width: u32be(b, 16), height: u32be(b, 20) };
}

/** JPEG: walks the segments to the first start-of-frame, which holds the size. */
function jpeg(b: Uint8Array): ImageInfo | { error: string } | null {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8 || b[2] !== 0xff) return null;
  let i = 2;
  while (i + 3 < b.length) {
    if (b[i] !== 0xff) return { error: 'This JPEG is damaged (its segments do not line up).' };
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2; // markers without a length
      continue;
    }
    const length = u16be(b, i + 2);
    if (length < 2) return { error: 'This JPEG is damaged (a segment has no length).' };
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) {
      if (i + 9 > b.length) break;
      return { type: 'image/jpeg', width: u16be(b, i + 7), height: u16be(b, i + 5) };
    }
    if (marker === 0xd9 || marker === 0xda) break; // end, or the scan began before any frame header
    i += 2 + length;
  }
  return { error: 'This JPEG is damaged (it says nothing of its size).' };
}

/** WebP: a RIFF container whose first chunk (VP8X, VP8L or VP8) holds the size. */
function webp(b: Uint8Array): ImageInfo | { error: string } | null {
  if (!startsWith(b, 0, 'RIFF') || !startsWith(b, 8, 'WEBP')) return null;
  const damaged = { error: 'This WebP image is damaged (it says nothing of its size).' };
  if (startsWith(b, 12, 'VP8X') && b.length >= 30) return { type: 'image/webp', width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  if (startsWith(b, 12, 'VP8L') && b.length >= 25 && b[20] === 0x2f) {
    const bits = b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24);
    return { type: 'image/webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (startsWith(b, 12, 'VP8 ') && b.length >= 30 && b[23] === 0x9d && b[24] === 0x01 && b[25] === 0x2a) {
    return { type: 'image/webp', width: (b[26]! | (b[27]! << 8)) & 0x3fff, height: (b[28]! | (b[29]! << 8)) & 0x3fff };
  }
  return damaged;
}

/** The default size browsers give an SVG that states none. */
const SVG_DEFAULT = { width: 300, height: 150 };
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * SVG: UTF-8 text whose root element is <svg>, sized by its width and height (in px, or unitless), else
 * its viewBox. A DOCTYPE is refused: its entities can make a tiny file expand without end.
 */
function svg(b: Uint8Array): ImageInfo | { error: string } | null {
  let text: string;
  try {
    text = utf8.decode(b);
  } catch {
    return null; // not UTF-8 text
  }
  // Past the prolog: a byte-order mark, white space, an XML declaration, comments.
  const prolog = /^\uFEFF?\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*/.exec(text)![0];
  const rest = text.slice(prolog.length);
  if (/^<!DOCTYPE/i.test(rest)) return { error: 'This SVG declares a DOCTYPE, which a board does not take (its entities can hide a huge file).' };
  const root = /^<svg(?=[\s>/])([^>]*)>/.exec(rest);
  if (root === null) return null;
  if (/<!ENTITY/i.test(text)) return { error: 'This SVG declares entities, which a board does not take.' };
  const attrs = root[1]!;
  const attr = (name: string) => new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(attrs)?.slice(2).find((v) => v !== undefined);
  const length = (v: string | undefined) => {
    const m = v === undefined ? null : /^\s*([0-9]*\.?[0-9]+)\s*(px)?\s*$/.exec(v);
    return m ? Number(m[1]) : null;
  };
  const box = attr('viewBox')?.trim().split(/[\s,]+/).map(Number);
  const viewBox = box && box.length === 4 && box.every(Number.isFinite) && box[2]! > 0 && box[3]! > 0 ? { width: box[2]!, height: box[3]! } : null;
  let width = length(attr('width'));
  let height = length(attr('height'));
  if (width === null && height === null) ({ width, height } = viewBox ?? SVG_DEFAULT);
  else if (width === null) width = viewBox ? (height! * viewBox.width) / viewBox.height : SVG_DEFAULT.width;
  else if (height === null) height = viewBox ? (width * viewBox.height) / viewBox.width : SVG_DEFAULT.height;
  // Vector: one too big is shown smaller, with nothing lost.
  const scale = Math.min(1, IMAGE_LIMITS.maxSide / Math.max(width!, height!));
  return { type: 'image/svg+xml', width: Math.max(1, Math.round(width! * scale)), height: Math.max(1, Math.round(height! * scale)) };
}
