import { describe, expect, it } from 'vitest';
import { contains, heightForWords, intersects, segmentDistance, union, wordsBox, WORDS_PADDING } from './geometry';
import { DEFAULT_PROPS, type ShapeProps } from './shape';

const shape = (p: Partial<ShapeProps> & Pick<ShapeProps, 'kind'>): ShapeProps => ({ ...DEFAULT_PROPS, ...p });

describe('segments', () => {
  it('segment distance clamps to the ends', () => {
    expect(segmentDistance(-3, 4, 0, 0, 10, 0)).toBe(5);
    expect(segmentDistance(5, 2, 0, 0, 10, 0)).toBe(2);
  });
});

describe('boxes', () => {
  it('intersect, contain and unite', () => {
    const a = { minX: 0, minY: 0, maxX: 10, maxY: 10 };
    const b = { minX: 5, minY: 5, maxX: 20, maxY: 20 };
    expect(intersects(a, b)).toBe(true);
    expect(intersects(a, { minX: 11, minY: 0, maxX: 12, maxY: 1 })).toBe(false);
    expect(contains(b, { minX: 6, minY: 6, maxX: 7, maxY: 7 })).toBe(true);
    expect(union([a, b])).toEqual({ minX: 0, minY: 0, maxX: 20, maxY: 20 });
    expect(union([])).toBeNull();
  });
});

describe('words in shapes', () => {
  it('wrap inside the padding of a rectangle, and inside the largest rectangle an ellipse holds', () => {
    expect(wordsBox(shape({ kind: 'rect', x: 0, y: 0, w: 200, h: 100 }))).toEqual({ x: WORDS_PADDING, y: WORDS_PADDING, w: 200 - 2 * WORDS_PADDING, h: 100 - 2 * WORDS_PADDING });
    const e = wordsBox(shape({ kind: 'ellipse', x: 0, y: 0, w: 200, h: 100 }));
    expect(e.w).toBeCloseTo(200 * Math.SQRT1_2 - 2 * WORDS_PADDING, 9);
    expect(e.x + e.w / 2).toBeCloseTo(100, 9); // centred
  });

  it('grow a shape to hold them, never shrink it', () => {
    const r = shape({ kind: 'rect', x: 0, y: 0, w: 200, h: 100 });
    expect(heightForWords(r, 20)).toBe(100);
    expect(heightForWords(r, 150)).toBe(150 + 2 * WORDS_PADDING);
    expect(heightForWords({ ...r, kind: 'ellipse' }, 150)).toBeCloseTo((150 + 2 * WORDS_PADDING) / Math.SQRT1_2, 9);
  });

});
