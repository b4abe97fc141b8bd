import { describe, expect, it } from 'vitest';
import { DEFAULT_PROPS } from '../board/shape';
import { defaultStyle, shownStyle } from './style';

describe('shownStyle', () => {
  const pen = defaultStyle();

  it('is the pen when nothing is selected', () => {
    expect(shownStyle(pen, [])).toEqual(pen);
  });

  it("is the selection's own style, not the pen's", () => {
    const red = { ...DEFAULT_PROPS, stroke: '#e03131', fill: '#ffc9c9', strokeWidth: 8, opacity: 0.6, fontSize: 36 };
    expect(shownStyle(pen, [red])).toEqual({ stroke: '#e03131', fill: '#ffc9c9', fillStyle: 'solid', strokeWidth: 8, dash: 'solid', heads: 'end', opacity: 0.6, fontSize: 36, font: 'sans' });
  });

  it('leaves out what the selected shapes differ in', () => {
    const a = { ...DEFAULT_PROPS, stroke: '#e03131', strokeWidth: 2 };
    const b = { ...DEFAULT_PROPS, stroke: '#1971c2', strokeWidth: 2 };
    const shown = shownStyle(pen, [a, b]);
    expect(shown.stroke).toBeUndefined();
    expect(shown.strokeWidth).toBe(2);
  });
});
