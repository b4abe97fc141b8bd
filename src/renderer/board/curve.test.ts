import { describe, expect, it } from 'vitest';
import { apexOf, bendThrough, controlOf, cubicControls, midpointOf, pathPoints } from './curve';

const line = { x: 0, y: 0, w: 100, h: 0, bend: 0 };

describe('curves', () => {
  it('a straight line is its two ends, with its middle as apex', () => {
    expect(pathPoints(line)).toEqual([0, 0, 100, 0]);
    expect(midpointOf(line)).toEqual([50, 0]);
    expect(controlOf(line)).toEqual([50, 0]);
  });

  it('bends to the side and passes through its apex half way', () => {
    const bent = { ...line, bend: 30 };
    expect(apexOf(0, 0, 100, 0, 30)).toEqual([50, -30]);
    const pts = pathPoints(bent, 2);
    expect(pts.slice(2, 4)).toEqual([50, -30]);
    expect([pts[0], pts[1], pts[4], pts[5]]).toEqual([0, 0, 100, 0]);
    expect(controlOf(bent)).toEqual([50, -60]);
  });

  it('finds the bend through a point, the inverse of the apex', () => {
    for (const bend of [-40, 0, 25]) {
      const s = { x: 10, y: 20, w: 70, h: -90, bend };
      const [px, py] = midpointOf(s);
      expect(bendThrough(s, px, py)).toBeCloseTo(bend, 9);
    }
  });

  it('gives the cubic with the same ends and tangents', () => {
    const [c1, c2] = cubicControls({ ...line, bend: 30 });
    expect(c1[0]).toBeCloseTo(100 / 3, 9);
    expect(c1[1]).toBeCloseTo(-40, 9);
    expect(c2[0]).toBeCloseTo(200 / 3, 9);
    expect(c2[1]).toBeCloseTo(-40, 9);
  });
});
