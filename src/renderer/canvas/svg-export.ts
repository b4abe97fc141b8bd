/**
 * A board (or a selection) as a standalone SVG document. Pure: records in, text out; where text breaks
 * into lines is the caller's `layout` (the canvas's own, so the SVG and the PNG break alike).
 */
import { toBase64 } from '../../shared/bytes';
import { controlOf, midpointOf } from '../board/curve';
import type { ImageAsset } from '../board/image-assets';
import { boxFromRect, LABEL_WIDTH, LINE_HEIGHT, shapeBounds, union, wordsBox } from '../board/geometry';
import type { Font, ShapeRecord } from '../board/shape';
import { decodeRelative } from '../board/stroke-codec';
import { penOutline } from './pen-outline';
import { dashArray, fontFamily, IMAGE_PLACEHOLDER, LABEL_BACKGROUND, SEMI_FILL_ALPHA, STICKY_FILL, STICKY_PADDING, type TextLines } from './shape-node';

/** The lines `text` shows in a box `width` wide (cut to fit `maxHeight` when given). */
export type TextLayout = (text: string, width: number, fontSize: number, font: Font, maxHeight?: number) => TextLines;
/** The board's images by hash, for image shapes (embedded whole, so the file stands alone). */
export type ImageSource = (hash: string) => ImageAsset | undefined;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const n = (v: number) => (Math.round(v * 100) / 100).toString();

/** One tspan per line, each centred in its line box as the canvas draws it (text baseline "middle"). */
function textLines(lines: readonly string[], x: number, y: number, fontSize: number, font: Font, color: string, anchor: 'start' | 'middle' = 'start'): string {
  const step = fontSize * LINE_HEIGHT;
  const tspans = lines.map((line, i) => `<tspan x="${n(x)}" y="${n(y + (i + 0.5) * step)}">${esc(line)}</tspan>`).join('');
  const align = anchor === 'start' ? '' : ` text-anchor="${anchor}"`;
  return `<text font-family="${esc(fontFamily(font))}" font-size="${n(fontSize)}" fill="${color}" dominant-baseline="central"${align} xml:space="preserve">${tspans}</text>`;
}

/** The head of an arrow from (fx, fy) pointing at (tx, ty), sized as the canvas sizes it. */
function arrowHead(fx: number, fy: number, tx: number, ty: number, s: ShapeRecord): string {
  const len = Math.hypot(tx - fx, ty - fy) || 1;
  const [ux, uy] = [(tx - fx) / len, (ty - fy) / len];
  const head = 4 + 3 * s.strokeWidth;
  const left = `${n(tx - ux * head - (uy * head) / 2)},${n(ty - uy * head + (ux * head) / 2)}`;
  const right = `${n(tx - ux * head + (uy * head) / 2)},${n(ty - uy * head - (ux * head) / 2)}`;
  return `<polygon points="${n(tx)},${n(ty)} ${left} ${right}" fill="${s.stroke}"/>`;
}

/** A line's words centred on the middle of its path, on a patch of the board's colour (as the canvas draws them). */
function lineLabel(s: ShapeRecord, layout: TextLayout): string {
  if (s.text === '') return '';
  const { lines, width } = layout(s.text, LABEL_WIDTH, s.fontSize, s.font);
  const [mx, my] = midpointOf(s);
  const height = lines.length * s.fontSize * LINE_HEIGHT;
  const [x, y] = [mx - width / 2, my - height / 2];
  const patch = `<rect x="${n(x - 4)}" y="${n(y - 2)}" width="${n(width + 8)}" height="${n(height + 4)}" fill="${LABEL_BACKGROUND}"/>`;
  return `${patch}${textLines(lines, mx, y, s.fontSize, s.font, s.stroke, 'middle')}`;
}

/** Words written in a rectangle or ellipse, centred both ways in its words box (as the canvas draws them). */
function shapeWords(s: ShapeRecord, layout: TextLayout): string {
  if (s.text === '') return '';
  const box = wordsBox(s);
  const { lines } = layout(s.text, box.w, s.fontSize, s.font);
  const height = lines.length * s.fontSize * LINE_HEIGHT;
  return textLines(lines, box.x + box.w / 2, box.y + (box.h - height) / 2, s.fontSize, s.font, s.stroke, 'middle');
}

function shapeSvg(s: ShapeRecord, layout: TextLayout, images: ImageSource): string {
  const opacity = s.opacity < 1 ? ` opacity="${n(s.opacity)}"` : '';
  const fill = s.fill === 'transparent' ? 'none' : s.fill;
  const fillOpacity = s.fill !== 'transparent' && s.fillStyle === 'semi' ? ` fill-opacity="${SEMI_FILL_ALPHA}"` : '';
  const b = boxFromRect(s.x, s.y, s.w, s.h);
  const w = b.maxX - b.minX;
  const h = b.maxY - b.minY;
  const pattern = dashArray(s);
  const dash = pattern === null ? '' : ` stroke-dasharray="${pattern.map(n).join(' ')}" stroke-linecap="round"`;
  const turn = s.rotation ? ` transform="rotate(${n(s.rotation)} ${n(b.minX + w / 2)} ${n(b.minY + h / 2)})"` : '';
  switch (s.kind) {
    case 'pen': {
      const outline = penOutline(decodeRelative(s.points!), s.pressures, s.strokeWidth);
      const pts = [];
      for (let i = 0; i + 1 < outline.length; i += 2) pts.push(`${n(outline[i]! + s.x)},${n(outline[i + 1]! + s.y)}`);
      return `<polygon points="${pts.join(' ')}" fill="${s.stroke}"${opacity}/>`;
    }
    case 'line':
    case 'arrow': {
      const [ex, ey] = [s.x + s.w, s.y + s.h];
      // The head points along the path's end: from the curve's control point, or the other end if straight.
      const [cx, cy] = controlOf(s);
      const heads = s.kind === 'line' ? [] : [s.heads !== 'start' && arrowHead(cx, cy, ex, ey, s), (s.heads === 'start' || s.heads === 'both') && arrowHead(cx, cy, s.x, s.y, s)];
      const d = s.bend === 0 ? `M${n(s.x)} ${n(s.y)}L${n(ex)} ${n(ey)}` : `M${n(s.x)} ${n(s.y)}Q${n(cx)} ${n(cy)} ${n(ex)} ${n(ey)}`;
      const path = `<path d="${d}" fill="none" stroke="${s.stroke}" stroke-width="${n(s.strokeWidth)}"${dash || ' stroke-linecap="round"'}/>`;
      return `<g${opacity}>${path}${heads.filter(Boolean).join('')}${lineLabel(s, layout)}</g>`;
    }
    case 'rect':
      return `<g${turn}${opacity}><rect x="${n(b.minX)}" y="${n(b.minY)}" width="${n(w)}" height="${n(h)}" fill="${fill}"${fillOpacity} stroke="${s.stroke}" stroke-width="${n(s.strokeWidth)}"${dash}/>${shapeWords(s, layout)}</g>`;
    case 'ellipse':
      return `<g${turn}${opacity}><ellipse cx="${n(b.minX + w / 2)}" cy="${n(b.minY + h / 2)}" rx="${n(w / 2)}" ry="${n(h / 2)}" fill="${fill}"${fillOpacity} stroke="${s.stroke}" stroke-width="${n(s.strokeWidth)}"${dash}/>${shapeWords(s, layout)}</g>`;
    case 'text':
      return `<g${turn}${opacity}>${textLines(layout(s.text, w, s.fontSize, s.font).lines, b.minX, b.minY, s.fontSize, s.font, s.stroke)}</g>`;
    case 'sticky':
      return `<g${turn}${opacity}><rect x="${n(b.minX)}" y="${n(b.minY)}" width="${n(w)}" height="${n(h)}" rx="3" fill="${s.fill === 'transparent' ? STICKY_FILL : s.fill}"/>${textLines(layout(s.text, Math.max(0, w - 2 * STICKY_PADDING), s.fontSize, s.font, Math.max(0, h - 2 * STICKY_PADDING)).lines, b.minX + STICKY_PADDING, b.minY + STICKY_PADDING, s.fontSize, s.font, s.stroke)}</g>`;
    case 'image': {
      const image = images(s.asset);
      const frame = `x="${n(b.minX)}" y="${n(b.minY)}" width="${n(w)}" height="${n(h)}"`;
      const body = image ? `<image ${frame} preserveAspectRatio="none" href="data:${image.type};base64,${toBase64(image.bytes)}"/>` : `<rect ${frame} fill="${IMAGE_PLACEHOLDER.fill}"/>`;
      return `<g${turn}${opacity}>${body}</g>`;
    }
  }
}

export function shapesToSvg(shapes: readonly ShapeRecord[], layout: TextLayout, images: ImageSource = () => undefined, background = '#ffffff', padding = 16): string {
  const box = union(shapes.map(shapeBounds)) ?? { minX: 0, minY: 0, maxX: 1, maxY: 1 };
  const x = box.minX - padding;
  const y = box.minY - padding;
  const w = box.maxX - box.minX + 2 * padding;
  const h = box.maxY - box.minY + 2 * padding;
  const bg = background === 'transparent' ? '' : `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" fill="${background}"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${n(x)} ${n(y)} ${n(w)} ${n(h)}" width="${n(w)}" height="${n(h)}">${bg}${shapes.map((s) => shapeSvg(s, layout, images)).join('')}</svg>\n`;
}
