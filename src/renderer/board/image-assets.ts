/**
 * Images on a board are held once, by the SHA-256 of their bytes, and shapes name them by that hash: a
 * hundred copies of a logo cost one logo, in the model, in every snapshot and in every joiner's welcome.
 * An image is too big for one event, so the view sends it in parts (each one event, in order); the model
 * puts them together per sender, checks the hash and the bytes (checkImage), and only then holds it.
 * Pure: the board model keeps the maps, this file says what they hold.
 */
import { toHex } from '../../shared/bytes';
import { sha256 } from '../../shared/hash';
import { checkImage, IMAGE_LIMITS, type ImageInfo } from '../../shared/image-info';

/** An image a board holds, checked: its type and size as its bytes say. */
export interface ImageAsset extends ImageInfo {
  bytes: Uint8Array;
}

/** One part of an image on its way: one model event. */
export interface ImagePart {
  hash: string;
  index: number;
  count: number;
  bytes: Uint8Array;
}

/** An image still arriving from one sender. */
export interface Upload {
  parts: (Uint8Array | null)[];
  received: number;
}

/** Bytes per part: a part, with its event's framing, stays inside one event's limit (64 KiB). */
export const PART_BYTES = 48 * 1024;
export const MAX_PARTS = Math.ceil(IMAGE_LIMITS.maxBytes / PART_BYTES);
/** Images one person may have on their way at once (each waits for its last part). */
export const MAX_UPLOADS_PER_VIEW = 8;

const HASH = /^[0-9a-f]{64}$/;
export const isImageHash = (v: unknown): v is string => typeof v === 'string' && HASH.test(v);

export const imageHash = (bytes: Uint8Array): string => toHex(sha256(bytes));

/** The parts a view sends for an image. */
export function imageParts(bytes: Uint8Array, hash = imageHash(bytes)): ImagePart[] {
  const count = Math.max(1, Math.ceil(bytes.length / PART_BYTES));
  return Array.from({ length: count }, (_, index) => ({ hash, index, count, bytes: bytes.subarray(index * PART_BYTES, (index + 1) * PART_BYTES) }));
}

export function isImagePart(v: unknown): v is ImagePart {
  const p = v as Partial<ImagePart> | null;
  return (
    typeof p === 'object' && p !== null && isImageHash(p.hash) &&
    Number.isInteger(p.count) && p.count! >= 1 && p.count! <= MAX_PARTS &&
    Number.isInteger(p.index) && p.index! >= 0 && p.index! < p.count! &&
    p.bytes instanceof Uint8Array && p.bytes.length >= 1 && p.bytes.length <= PART_BYTES
  );
}

/** The key of one sender's upload of one image: two people sending the same image never mix parts. */
export const uploadKey = (by: string, hash: string) => `${by} ${hash}`;

/**
 * Files a part under its upload; returns the whole image's bytes once its last part is in, else null.
 * A part that contradicts its upload (another count, or an index already in) ends that upload: the
 * sender's view is broken or hostile, and a board keeps nothing half-made from it.
 */
export function receivePart(uploads: Map<string, Upload>, by: string, part: ImagePart): Uint8Array | null {
  const key = uploadKey(by, part.hash);
  let upload = uploads.get(key);
  if (upload === undefined) {
    const open = [...uploads.keys()].filter((k) => k.startsWith(`${by} `)).length;
    if (open >= MAX_UPLOADS_PER_VIEW) return null;
    uploads.set(key, (upload = { parts: new Array<Uint8Array | null>(part.count).fill(null), received: 0 }));
  }
  if (upload.parts.length !== part.count || upload.parts[part.index] !== null || (part.index < part.count - 1 && part.bytes.length !== PART_BYTES)) {
    uploads.delete(key);
    return null;
  }
  upload.parts[part.index] = part.bytes.slice();
  if (++upload.received < part.count) return null;
  uploads.delete(key);
  const whole = new Uint8Array(upload.parts.reduce((n, p) => n + p!.length, 0));
  let at = 0;
  for (const p of upload.parts) {
    whole.set(p!, at);
    at += p!.length;
  }
  return whole;
}

/** The image these bytes are, if they hash to `hash` and are an image a board takes; else null. */
export function admitImage(bytes: Uint8Array, hash: string): ImageAsset | null {
  if (imageHash(bytes) !== hash) return null;
  const info = checkImage(bytes);
  return 'error' in info ? null : { ...info, bytes };
}

/** Drops what a person who left had on its way: it can never be finished. */
export function dropUploadsOf(uploads: Map<string, Upload>, by: string): void {
  for (const key of [...uploads.keys()]) if (key.startsWith(`${by} `)) uploads.delete(key);
}

/** How many bytes of images a board holds. */
export const imageBytes = (images: ReadonlyMap<string, ImageAsset>): number => [...images.values()].reduce((n, a) => n + a.bytes.length, 0);
