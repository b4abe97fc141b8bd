/**
 * Lines of words drawn on canvas and written as SVG from one layout: each line centred in its line box
 * (baseline "middle"), left-aligned at x or centred on it.
 */
import type { Canvas2D } from './canvas-2d';
import { LINE_HEIGHT } from '../board/geometry';
import type { Font } from '../board/shape';
import { cssFont, fontFamily } from './text-layout';
import { esc, n } from './paint-style';

export type Align = 'start' | 'middle';

export function paintLines(ctx: Canvas2D, lines: readonly string[], x: number, y: number, fontSize: number, font: Font, color: string, align: Align = 'start'): void {
  ctx.font = cssFont(fontSize, font);
  ctx.fillStyle = color;
  ctx.textBaseline = 'middle';
  ctx.textAlign = align === 'start' ? 'left' : 'center';
  const step = fontSize * LINE_HEIGHT;
  for (let i = 0; i < lines.length; i++) if (lines[i] !== '') ctx.fillText(lines[i]!, x, y + (i + 0.5) * step);
}

export function svgLines(lines: readonly string[], x: number, y: number, fontSize: number, font: Font, color: string, align: Align = 'start'): string {
  const step = fontSize * LINE_HEIGHT;
  const tspans = lines.map((line, i) => `<tspan x="${n(x)}" y="${n(y + (i + 0.5) * step)}">${esc(line)}</tspan>`).join('');
  const anchor = align === 'start' ? '' : ` text-anchor="${align}"`;
  return `<text font-family="${esc(fontFamily(font))}" font-size="${n(fontSize)}" fill="${color}" dominant-baseline="central"${anchor} xml:space="preserve">${tspans}</text>`;
}
