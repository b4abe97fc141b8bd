import { describe, expect, it } from 'vitest';
import { layoutLines, linesHeight, type MeasureWidth } from './text-layout';

/** Every character 10 units wide: the breaks are then easy to see. */
const measure: MeasureWidth = (text) => text.length * 10;
const lay = (text: string, width: number, maxHeight?: number) => layoutLines(measure, text, width, 20, 'sans', maxHeight);

describe('text layout', () => {
  it('keeps a line that fits, and breaks at newlines', () => {
    expect(lay('hello', 100)).toEqual({ lines: ['hello'], width: 50 });
    expect(lay('one\n\ntwo', 100).lines).toEqual(['one', '', 'two']);
  });

  it('wraps at the last space that fits, dropping it, and after a hyphen', () => {
    expect(lay('the quick brown fox', 100).lines).toEqual(['the quick', 'brown fox']);
    expect(lay('well-known words', 80).lines).toEqual(['well-', 'known', 'words']);
  });

  it('cuts a word longer than the width', () => {
    expect(lay('abcdefghijkl', 50).lines).toEqual(['abcde', 'fghij', 'kl']);
  });

  it('cuts what passes the height with an ellipsis that fits', () => {
    // 20 px type at 1.25 line height: 25 units a line, so 60 holds two lines.
    const out = lay('aaaa bbbb cccc dddd', 40, 60);
    expect(out.lines).toEqual(['aaaa', 'bbb…']);
    expect(out.width).toBe(40);
  });

  it('measures height in lines, one at least', () => {
    expect(linesHeight(lay('', 100), 20)).toBe(25);
    expect(linesHeight(lay('a\nb\nc', 100), 20)).toBe(75);
  });
});
