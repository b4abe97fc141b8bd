/**
 * Where words break into lines: one kernel for the canvas, the SVG export and the heights the model
 * stores, so all three break alike. Words wrap at spaces and after hyphens; a word longer than the
 * width is cut; a height limit cuts the last line with "…". Widths come from the caller's `measure`.
 */
import { LINE_HEIGHT } from '../board/geometry';
import type { Font } from '../board/shape';

/** Each font as the system has it: nothing is fetched, so each falls back to its generic family. */
const FONT_FAMILIES: Record<Font, string> = {
  sans: 'system-ui, -apple-system, "Segoe UI", sans-serif',
  hand: '"Comic Sans MS", "Segoe Print", "Bradley Hand", "Chalkboard SE", cursive',
  serif: 'Georgia, "Times New Roman", serif',
  mono: 'ui-monospace, "SF Mono", Menlo, Consolas, monospace',
};

/** The CSS font family of a shape's font. */
export const fontFamily = (font: Font): string => FONT_FAMILIES[font];

/** The CSS font shorthand a canvas draws a shape's words in. */
export const cssFont = (fontSize: number, font: Font): string => `${fontSize}px ${FONT_FAMILIES[font]}`;

/** How wide `text` is in the CSS font `font`. */
export type MeasureWidth = (text: string, font: string) => number;

/** Text broken into the lines it shows, and how wide the widest of them is. */
export interface TextLines {
  lines: string[];
  width: number;
}

/** The lines `text` shows in a box `width` wide (cut to fit `maxHeight` when given). */
export type TextLayout = (text: string, width: number, fontSize: number, font: Font, maxHeight?: number) => TextLines;

const ELLIPSIS = '…';

/** The longest prefix of `text` (at least one character) that fits in `width`. */
function fittingLength(text: string, width: number, fits: (s: string) => boolean): number {
  let [lo, hi] = [1, text.length];
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(text.slice(0, mid))) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Breaks one paragraph (no newlines) into lines at most `width` wide. */
function wrapParagraph(paragraph: string, width: number, fits: (s: string) => boolean, out: string[]): void {
  let rest = paragraph;
  while (rest.length > 0 && !fits(rest)) {
    const n = fittingLength(rest, width, fits);
    // Break at the last space that fits (dropped) or after the last hyphen; a lone long word is cut.
    const space = rest.lastIndexOf(' ', n);
    const hyphen = rest.lastIndexOf('-', n - 1);
    let cut = n;
    if (space > 0 && space >= hyphen) cut = space;
    else if (hyphen >= 0 && hyphen + 1 < rest.length) cut = hyphen + 1;
    out.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  out.push(rest);
}

/** Lays `text` out in a box `width` wide, in lines `fontSize * LINE_HEIGHT` apart. */
export function layoutLines(measure: MeasureWidth, text: string, width: number, fontSize: number, font: Font, maxHeight?: number): TextLines {
  const css = cssFont(fontSize, font);
  const fits = (s: string) => measure(s, css) <= width;
  let lines: string[] = [];
  for (const paragraph of text.split('\n')) wrapParagraph(paragraph, width, fits, lines);
  if (maxHeight !== undefined) {
    const room = Math.max(1, Math.floor(maxHeight / (fontSize * LINE_HEIGHT) + 1e-9));
    if (lines.length > room) {
      lines = lines.slice(0, room);
      let last = lines[room - 1]!;
      while (last.length > 0 && !fits(last + ELLIPSIS)) last = last.slice(0, -1);
      lines[room - 1] = last.trimEnd() + ELLIPSIS;
    }
  }
  let widest = 0;
  for (const line of lines) widest = Math.max(widest, measure(line, css));
  return { lines, width: widest };
}

/** How tall words stand when laid out: the model stores it, so bounds stay exact. */
export const linesHeight = (lines: TextLines, fontSize: number): number => Math.max(1, lines.lines.length) * fontSize * LINE_HEIGHT;
