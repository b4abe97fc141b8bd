/**
 * What every kind of shape knows about itself (tldraw's ShapeUtil idea): its bounds, its hit test, how it
 * paints onto a canvas 2D context and how it writes itself as SVG. One module per kind implements it, so
 * a new kind is one new file and a line in index.ts. Pure: contexts, text layout and images are handed
 * in; nothing here reads the DOM, the clock or the network.
 */
import type { Canvas2D, Picture } from './canvas-2d';
import type { Box } from '../board/geometry';
import type { ImageAsset } from '../board/image-assets';
import type { ShapeProps } from '../board/shape';
import type { TextLayout } from './text-layout';

export interface PaintEnv {
  layout: TextLayout;
  /** The decoded image of an image shape; null while it decodes (the shape then draws a placeholder). */
  image(hash: string): Picture | null;
  /** Drawing for a screen that shows the board through an inversion (dark mode): photos are pre-inverted. */
  inverted: boolean;
  /** Paint every stroke's full outline however thin (to check the hairline shortcut against; see pen.ts). */
  exact?: boolean;
}

export interface SvgEnv {
  layout: TextLayout;
  /** The board's image by hash (embedded whole, so the file stands alone). */
  image(hash: string): ImageAsset | undefined;
}

export interface ShapeUtil {
  /** Axis-aligned world bounds, including half the stroke. */
  bounds(s: ShapeProps): Box;
  /** Does a pointer at (px, py) with `tolerance` world units touch it? */
  hit(s: ShapeProps, px: number, py: number, tolerance: number): boolean;
  /**
   * Paints it in world units onto `ctx`. Box kinds paint their unrotated box: the caller turns the
   * context about the centre and applies the opacity (see index.ts), for every kind alike.
   */
  paint(ctx: Canvas2D, s: ShapeProps, env: PaintEnv): void;
  /** The SVG elements that draw it, in world units; turned and faded by the caller too. */
  svg(s: ShapeProps, env: SvgEnv): string;
}
