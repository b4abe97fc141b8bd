import type { Dash, FillStyle, Font, Heads, ShapeProps } from '../board/shape';

/** The pen this person holds: what new shapes look like. Local, remembered per page. */
export interface Style {
  stroke: string;
  fill: string;
  fillStyle: FillStyle;
  strokeWidth: number;
  dash: Dash;
  heads: Heads;
  opacity: number;
  fontSize: number;
  font: Font;
}

export const PALETTE = ['#1e1e1e', '#e03131', '#2f9e44', '#1971c2', '#f08c00', '#9c36b5'];
export const FILLS = ['transparent', '#ffc9c9', '#b2f2bb', '#a5d8ff', '#ffec99', '#eebefa'];
export const WIDTHS = [2, 4, 8];
export const OPACITIES = [1, 0.6, 0.3];
export const FONT_SIZES: [label: string, size: number][] = [
  ['S', 16],
  ['M', 24],
  ['L', 36],
];

export const defaultStyle = (): Style => ({ stroke: PALETTE[0]!, fill: 'transparent', fillStyle: 'solid', strokeWidth: 4, dash: 'solid', heads: 'end', opacity: 1, fontSize: 24, font: 'sans' });

export const STYLE_KEYS = ['stroke', 'fill', 'fillStyle', 'strokeWidth', 'dash', 'heads', 'opacity', 'fontSize', 'font'] as const;

/**
 * What the style panel shows: with nothing selected, the pen; with a selection, each property the
 * selected shapes share, and nothing for a property they differ in (so no button claims a mixed value).
 */
export function shownStyle(pen: Style, selected: readonly Pick<ShapeProps, keyof Style>[]): Partial<Style> {
  if (selected.length === 0) return { ...pen };
  const shown: Partial<Style> = {};
  for (const key of STYLE_KEYS) {
    const first = selected[0]![key];
    if (selected.every((s) => s[key] === first)) (shown as Record<string, unknown>)[key] = first;
  }
  return shown;
}
