/**
 * A board (or a selection) as a standalone SVG document, each shape written by its kind (src/renderer/shapes).
 * Pure: records in, text out; where text breaks into lines is the caller's `layout` (the canvas's own,
 * so the SVG and the PNG break alike).
 */
import type { ImageAsset } from '../board/image-assets';
import { union } from '../board/geometry';
import type { ShapeRecord } from '../board/shape';
import { shapeBounds, shapeSvg } from '../shapes';
import { n } from '../shapes/paint-style';
import type { TextLayout } from '../shapes/text-layout';

/** The board's images by hash, for image shapes (embedded whole, so the file stands alone). */
export type ImageSource = (hash: string) => ImageAsset | undefined;

export function shapesToSvg(shapes: readonly ShapeRecord[], layout: TextLayout, images: ImageSource = () => undefined, background = '#ffffff', padding = 16): string {
  const box = union(shapes.map(shapeBounds)) ?? { minX: 0, minY: 0, maxX: 1, maxY: 1 };
  const x = box.minX - padding;
  const y = box.minY - padding;
  const w = box.maxX - box.minX + 2 * padding;
  const h = box.maxY - box.minY + 2 * padding;
  const bg = background === 'transparent' ? '' : `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" fill="${background}"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${n(x)} ${n(y)} ${n(w)} ${n(h)}" width="${n(w)}" height="${n(h)}">${bg}${shapes.map((s) => shapeSvg(s, { layout, image: images })).join('')}</svg>\n`;
}
