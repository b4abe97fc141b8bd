import { describe, expect, it } from 'vitest';
import { align, distribute } from './arrange';
import { shapeBounds } from '../shapes';
import { DEFAULT_PROPS, type ShapeRecord } from './shape';

const rect = (id: string, x: number, y: number, w: number, h: number): ShapeRecord => ({ ...DEFAULT_PROPS, id, kind: 'rect', x, y, w, h, strokeWidth: 0 });
const apply = (shapes: ShapeRecord[], moves: { id: string; props: { x: number; y: number } }[]) => shapes.map((s) => ({ ...s, ...moves.find((m) => m.id === s.id)?.props }));

describe('align', () => {
  const shapes = [rect('a', 0, 0, 10, 10), rect('b', 50, 20, 30, 5), rect('c', 20, 100, 20, 20)];

  it('lines up left, right and centre edges of the shared box', () => {
    expect(apply(shapes, align(shapes, 'left')).map((s) => shapeBounds(s).minX)).toEqual([0, 0, 0]);
    expect(apply(shapes, align(shapes, 'right')).map((s) => shapeBounds(s).maxX)).toEqual([80, 80, 80]);
    expect(apply(shapes, align(shapes, 'middle')).map((s) => { const b = shapeBounds(s); return (b.minY + b.maxY) / 2; })).toEqual([60, 60, 60]);
  });

  it('lists only shapes that move, and nothing for one shape', () => {
    expect(align(shapes, 'left').map((m) => m.id)).toEqual(['b', 'c']);
    expect(align([shapes[0]!], 'left')).toEqual([]);
  });

  it('moves a line or a pen stroke by its anchor like any shape', () => {
    const line: ShapeRecord = { ...DEFAULT_PROPS, id: 'l', kind: 'line', x: 40, y: 40, w: -20, h: 10, strokeWidth: 0 };
    const moved = apply([shapes[0]!, line], align([shapes[0]!, line], 'left'));
    expect(shapeBounds(moved[1]!).minX).toBe(0);
  });
});

describe('distribute', () => {
  it('makes the gaps equal, keeping the outermost shapes in place', () => {
    const shapes = [rect('a', 0, 0, 10, 10), rect('b', 15, 0, 10, 10), rect('c', 90, 0, 10, 10)];
    const out = apply(shapes, distribute(shapes, 'horizontal')).map((s) => shapeBounds(s).minX);
    expect(out).toEqual([0, 45, 90]);
    expect(distribute(shapes.slice(0, 2), 'horizontal')).toEqual([]);
  });
});
