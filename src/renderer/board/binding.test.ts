import { describe, expect, it } from 'vitest';
import { BIND_GAP, boundEnds, outlinePoint } from './binding';
import { DEFAULT_PROPS, type ShapeProps } from './shape';

const shape = (p: Partial<ShapeProps> & Pick<ShapeProps, 'kind'>): ShapeProps => ({ ...DEFAULT_PROPS, strokeWidth: 0, ...p });
const box = shape({ kind: 'rect', x: 100, y: 100, w: 100, h: 50 }); // centre (150, 125)

describe('outlinePoint', () => {
  it('meets a box where the path to its centre crosses the outline, the gap outside it', () => {
    const [x, y] = outlinePoint(box, 0, 125, 4)!;
    expect([x, y]).toEqual([96, 125]);
    const [cx, cy] = outlinePoint(box, 150, 0, 0)!;
    expect([cx, cy]).toEqual([150, 100]);
  });

  it('meets an ellipse on its curve', () => {
    const e = shape({ kind: 'ellipse', x: 0, y: 0, w: 200, h: 100 });
    const [x, y] = outlinePoint(e, 300, 150, 0)!;
    expect(((x - 100) / 100) ** 2 + ((y - 50) / 50) ** 2).toBeCloseTo(1, 9);
    expect(x).toBeGreaterThan(100);
    expect(y).toBeGreaterThan(50);
  });

  it('turns with a rotated box', () => {
    const turned = { ...box, rotation: 90 }; // now 50 wide and 100 tall about the same centre
    const [x, y] = outlinePoint(turned, 0, 125, 0)!;
    expect(x).toBeCloseTo(125, 9);
    expect(y).toBeCloseTo(125, 9);
  });

  it('has no crossing from inside', () => {
    expect(outlinePoint(box, 150, 125, 4)).toBeNull();
    expect(outlinePoint(box, 190, 140, 4)).toBeNull();
  });
});

describe('boundEnds', () => {
  const line = { x: 0, y: 0, w: 10, h: 10, bend: 0 };

  it('leaves an end bound to nothing where it is', () => {
    expect(boundEnds(line, undefined, undefined)).toEqual({ x: 0, y: 0, w: 10, h: 10 });
  });

  it('puts a bound end on its shape, aimed from the other end', () => {
    const ends = boundEnds({ x: 0, y: 125, w: 10, h: 0, bend: 0 }, undefined, box);
    expect(ends).toEqual({ x: 0, y: 125, w: 100 - BIND_GAP, h: 0 });
  });

  it('aims both ends at the centres when both are bound, and follows a moved shape', () => {
    const left = shape({ kind: 'rect', x: -100, y: 100, w: 50, h: 50 }); // centre (-75, 125)
    expect(boundEnds(line, left, box)).toEqual({ x: -50 + BIND_GAP, y: 125, w: 100 - BIND_GAP - (-50 + BIND_GAP), h: 0 });
    const moved = { ...box, y: 300 };
    const ends = boundEnds(line, left, moved);
    expect(ends.y + ends.h).toBeGreaterThan(300 - BIND_GAP - 1);
  });

  it('includes half the shape outline in the gap', () => {
    const thick = { ...box, strokeWidth: 10 };
    expect(boundEnds({ x: 0, y: 125, w: 1, h: 0, bend: 0 }, undefined, thick).w).toBe(100 - 5 - BIND_GAP);
  });
});
