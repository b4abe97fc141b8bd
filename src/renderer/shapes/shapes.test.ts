import { describe, expect, it } from 'vitest';
import { DEFAULT_PROPS, type ShapeProps } from '../board/shape';
import { encodePoints } from '../board/stroke-codec';
import { hitTest, shapeBounds } from '.';

const shape = (p: Partial<ShapeProps> & Pick<ShapeProps, 'kind'>): ShapeProps => ({ ...DEFAULT_PROPS, ...p });

describe('bounds', () => {
  it('of a box include half the stroke and follow rotation', () => {
    expect(shapeBounds(shape({ kind: 'rect', x: 10, y: 20, w: 100, h: 50, strokeWidth: 4 }))).toEqual({ minX: 8, minY: 18, maxX: 112, maxY: 72 });
    const b = shapeBounds(shape({ kind: 'rect', x: 0, y: 0, w: 100, h: 100, strokeWidth: 0, rotation: 45 }));
    expect(b.maxX - b.minX).toBeCloseTo(100 * Math.SQRT2, 6);
  });

  it('of negative sizes and lines are normalised', () => {
    expect(shapeBounds(shape({ kind: 'line', x: 50, y: 50, w: -30, h: 20, strokeWidth: 0 }))).toEqual({ minX: 20, minY: 50, maxX: 50, maxY: 70 });
  });

  it('of a pen stroke follow its points', () => {
    const points = encodePoints([100, 100, 130, 90, 160, 140], 100, 100);
    expect(shapeBounds(shape({ kind: 'pen', x: 100, y: 100, points, strokeWidth: 2 }))).toEqual({ minX: 99, minY: 89, maxX: 161, maxY: 141 });
  });
});

describe('hit testing', () => {
  it('an outlined rect is hit on its edge, not inside; a filled one inside too', () => {
    const outline = shape({ kind: 'rect', x: 0, y: 0, w: 100, h: 100 });
    expect(hitTest(outline, 0, 50, 2)).toBe(true);
    expect(hitTest(outline, 50, 50, 2)).toBe(false);
    expect(hitTest(outline, 120, 50, 2)).toBe(false);
    expect(hitTest({ ...outline, fill: '#ffec99' }, 50, 50, 2)).toBe(true);
  });

  it('a rotated box is tested in its own frame', () => {
    const sticky = shape({ kind: 'sticky', x: 0, y: 0, w: 100, h: 20, rotation: 90 });
    expect(hitTest(sticky, 50, 0, 0)).toBe(true); // centre column after a quarter turn
    expect(hitTest(sticky, 5, 10, 0)).toBe(false);
  });

  it('an ellipse outline, a line and a pen stroke by distance', () => {
    expect(hitTest(shape({ kind: 'ellipse', x: 0, y: 0, w: 100, h: 50 }), 100, 25, 2)).toBe(true);
    expect(hitTest(shape({ kind: 'ellipse', x: 0, y: 0, w: 100, h: 50 }), 50, 25, 2)).toBe(false);
    expect(hitTest(shape({ kind: 'line', x: 0, y: 0, w: 100, h: 0 }), 50, 2, 2)).toBe(true);
    expect(hitTest(shape({ kind: 'line', x: 0, y: 0, w: 100, h: 0 }), 50, 9, 2)).toBe(false);
    const pen = shape({ kind: 'pen', x: 0, y: 0, points: encodePoints([0, 0, 50, 50, 100, 0], 0, 0) });
    expect(hitTest(pen, 50, 49, 1)).toBe(true);
    expect(hitTest(pen, 50, 20, 1)).toBe(false);
  });

});

describe('words', () => {
  it('make an unfilled shape hit on its words, and a line hit on its label', () => {
    const r = shape({ kind: 'rect', x: 0, y: 0, w: 200, h: 100, text: 'hello' });
    expect(hitTest(r, 100, 50, 2)).toBe(true);
    const line = shape({ kind: 'line', x: 0, y: 0, w: 200, h: 0, text: 'label', fontSize: 20 });
    expect(hitTest(line, 100, 10, 1)).toBe(true);
    expect(hitTest({ ...line, text: '' }, 100, 10, 1)).toBe(false);
    expect(shapeBounds(line).minY).toBeLessThan(-10); // the label counts in the bounds
  });
});
