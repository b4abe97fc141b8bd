/**
 * Text measured by the browser's canvas, for the layout kernel (shapes/text-layout.ts). Layouts are
 * kept: a tile drawing a note lays its words out once, not once per tile.
 */
import { STICKY_PADDING } from '../shapes/sticky';
import { layoutLines, linesHeight, type TextLayout, type TextLines } from '../shapes/text-layout';
import type { Font } from '../board/shape';

const measurer = new OffscreenCanvas(1, 1).getContext('2d')!;
const KEPT = 4096;
const layouts = new Map<string, TextLines>();

function measureWidth(text: string, font: string): number {
  if (measurer.font !== font) measurer.font = font;
  return measurer.measureText(text).width;
}

export const layoutText: TextLayout = (text, width, fontSize, font, maxHeight) => {
  const key = `${font}|${fontSize}|${width}|${maxHeight}|${text}`;
  let out = layouts.get(key);
  if (out === undefined) {
    if (layouts.size >= KEPT) layouts.clear();
    layouts.set(key, (out = layoutLines(measureWidth, text, width, fontSize, font, maxHeight)));
  }
  return out;
};

/** How tall a text shape's words stand at its width: the model stores it so bounds stay exact. */
export const measureTextHeight = (text: string, width: number, fontSize: number, font: Font): number => linesHeight(layoutText(text, width, fontSize, font), fontSize);

/** A note's height for its words: grown to show them all (never cut with "…"), never shrunk below `h`. */
export function noteHeight(text: string, w: number, h: number, fontSize: number, font: Font): number {
  return Math.max(Math.abs(h), measureTextHeight(text, Math.max(1, Math.abs(w) - 2 * STICKY_PADDING), fontSize, font) + 2 * STICKY_PADDING);
}
