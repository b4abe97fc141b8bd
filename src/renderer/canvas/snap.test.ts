import { describe, expect, it } from 'vitest';
import { onGrid, snapBox } from './snap';

const box = (minX: number, minY: number, w: number, h: number) => ({ minX, minY, maxX: minX + w, maxY: minY + h });

describe('snapBox', () => {
  it('brings an edge or centre within reach onto the nearest line of another shape, with a guide spanning both', () => {
    const other = box(0, 0, 100, 100);
    // Left edge 3 from the other's right edge: snaps across; top 2 below its top (so its bottom meets the middle too).
    expect(snapBox(box(103, 2, 50, 50), [other], 6)).toEqual({
      dx: -3,
      dy: -2,
      guides: [
        { axis: 'x', at: 100, from: 0, to: 100 },
        { axis: 'y', at: 0, from: 0, to: 150 },
        { axis: 'y', at: 50, from: 0, to: 150 },
      ],
    });
    // Centre to centre: a 20-wide box centred 4 off the other's centre.
    expect(snapBox(box(44, 300, 20, 20), [other], 6)).toMatchObject({ dx: -4, dy: 0, guides: [{ axis: 'x', at: 50 }] });
  });

  it('takes the nearest of several matches, and stays put when nothing is in reach', () => {
    const others = [box(0, 0, 100, 10), box(0, 50, 97, 10)];
    expect(snapBox(box(98, 100, 10, 10), others, 6).dx).toBe(-1); // 97 is nearer than 100
    expect(snapBox(box(500, 500, 10, 10), others, 6)).toEqual({ dx: 0, dy: 0, guides: [] });
  });

  it('puts the corner on the grid where no shape is in reach, and prefers a shape that is', () => {
    expect(snapBox(box(33, 58, 10, 10), [], 6, 20)).toEqual({ dx: 7, dy: 2, guides: [] });
    const other = box(0, 0, 31, 31);
    expect(snapBox(box(33, 58, 10, 10), [other], 6, 20)).toMatchObject({ dx: -2, dy: 2 });
    expect(onGrid(-31, 20)).toBe(-40);
  });

  it('joins the guides of shapes on one line into one', () => {
    const snap = snapBox(box(200, 2, 10, 10), [box(0, 0, 10, 10), box(100, 0, 10, 10)], 6);
    expect(snap.guides).toEqual([0, 5, 10].map((at) => ({ axis: 'y', at, from: 0, to: 210 })));
  });
});
