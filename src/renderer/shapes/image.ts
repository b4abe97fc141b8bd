/**
 * An image the board holds (image-assets.ts), stretched to its box. In dark mode the screen shows the
 * board through a CSS inversion (hues kept), which would turn a photo into its negative: for the screen
 * it is painted pre-inverted, so the two cancel out; for an export, as it is.
 */
import { boxFromRect } from '../board/geometry';
import { toBase64 } from '../../shared/bytes';
import { boxBounds, boxHit } from './box';
import type { ShapeUtil } from './kind';
import { n } from './paint-style';

/** Where an image is still decoding, or cannot be: a grey card its size, so the layout never jumps. */
export const IMAGE_PLACEHOLDER = { fill: '#e9ecef', stroke: '#adb5bd' };
const PLACEHOLDER_DASH = [6, 4];

export const imageUtil: ShapeUtil = {
  bounds: boxBounds,
  hit: (s, px, py, tolerance) => boxHit(s, px, py, tolerance, true),
  paint(ctx, s, env) {
    const b = boxFromRect(s.x, s.y, s.w, s.h);
    const [w, h] = [b.maxX - b.minX, b.maxY - b.minY];
    const image = env.image(s.asset);
    if (image === null) {
      ctx.beginPath();
      ctx.rect(b.minX, b.minY, w, h);
      ctx.fillStyle = IMAGE_PLACEHOLDER.fill;
      ctx.fill();
      ctx.setLineDash(PLACEHOLDER_DASH);
      ctx.lineWidth = 1;
      ctx.strokeStyle = IMAGE_PLACEHOLDER.stroke;
      ctx.stroke();
      return;
    }
    if (env.inverted) ctx.filter = 'invert(1) hue-rotate(180deg)';
    ctx.drawImage(image, b.minX, b.minY, w, h);
    if (env.inverted) ctx.filter = 'none';
  },
  svg(s, env) {
    const b = boxFromRect(s.x, s.y, s.w, s.h);
    const image = env.image(s.asset);
    const frame = `x="${n(b.minX)}" y="${n(b.minY)}" width="${n(b.maxX - b.minX)}" height="${n(b.maxY - b.minY)}"`;
    return image ? `<image ${frame} preserveAspectRatio="none" href="data:${image.type};base64,${toBase64(image.bytes)}"/>` : `<rect ${frame} fill="${IMAGE_PLACEHOLDER.fill}"/>`;
  },
};
