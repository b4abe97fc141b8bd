/**
 * Bringing images onto a board (paste, drop, the Image button): each file is read, checked as the model
 * will check it, sent once (its parts, unless the board holds it already), and placed as an image shape
 * at its own proportions, small enough to see whole. What cannot go on the board is said, not dropped.
 */
import type { BoardModel } from '../board/board-model';
import { imageBytes, imageHash, imageParts } from '../board/image-assets';
import { DEFAULT_PROPS, type ShapeRecord } from '../board/shape';
import { checkImage, IMAGE_LIMITS, type ImageInfo } from '../../shared/image-info';
import type { BoardActions } from './actions';

/** At most this share of the visible board, on first placing. */
const FIT_SHARE = 0.6;
/** Several images at once are placed stepping down and right, so none hides another. */
const CASCADE = 24;

export interface ImageFile {
  name: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface PlacedImage {
  bytes: Uint8Array;
  hash: string;
  info: ImageInfo;
}

/** The world box for an image centred on (cx, cy): its own size, shrunk to fit a `view` w × h. */
export function imageBox(info: Pick<ImageInfo, 'width' | 'height'>, cx: number, cy: number, viewW: number, viewH: number): { x: number; y: number; w: number; h: number } {
  const scale = Math.min(1, (FIT_SHARE * viewW) / info.width, (FIT_SHARE * viewH) / info.height);
  const [w, h] = [info.width * scale, info.height * scale];
  return { x: cx - w / 2, y: cy - h / 2, w, h };
}

/** Reads and checks one file: the image, or a sentence saying why it cannot go on this board. */
export async function readImage(file: ImageFile, model: BoardModel): Promise<PlacedImage | { error: string }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const info = checkImage(bytes);
  const name = file.name ? `“${file.name}”: ` : '';
  if ('error' in info) return { error: `${name}${info.error}` };
  const hash = imageHash(bytes);
  if (!model.images.has(hash) && imageBytes(model.images) + bytes.length > IMAGE_LIMITS.maxBoardBytes) {
    return { error: `${name}this board already holds ${IMAGE_LIMITS.maxBoardBytes / (1024 * 1024)} MB of images, all it may (every joiner receives them).` };
  }
  return { bytes, hash, info };
}

/** Sends an image's parts, unless the board holds it already (shapes then name it by its hash). */
export function sendImage(model: BoardModel, actions: BoardActions, bytes: Uint8Array, hash: string): void {
  if (!model.images.has(hash)) for (const part of imageParts(bytes, hash)) actions.imagePart(part);
}

/**
 * Sends what the board lacks of these images, then one shape each; returns the shapes. An image the
 * board holds already is not sent again: the shapes name it by its hash. (One sent twice before it
 * arrives costs the bytes twice, no more: the model keeps the first and ignores the second.)
 */
export function placeImages(images: readonly PlacedImage[], model: BoardModel, actions: BoardActions, at: { x: number; y: number }, view: { w: number; h: number }): ShapeRecord[] {
  const shapes = images.map(({ bytes, hash, info }, i) => {
    sendImage(model, actions, bytes, hash);
    const box = imageBox(info, at.x + i * CASCADE, at.y + i * CASCADE, view.w, view.h);
    return { ...DEFAULT_PROPS, id: actions.newId(), kind: 'image' as const, ...box, asset: hash, strokeWidth: 0 };
  });
  actions.create(shapes);
  return shapes;
}
