import { describe, expect, it } from 'vitest';
import { testRandom } from '../../../test/support/events';
import { SpatialIndex } from './spatial-index';

describe('the spatial index', () => {
  it('finds exactly the boxes a brute-force scan finds', () => {
    const rnd = testRandom(3);
    const index = new SpatialIndex();
    const boxes = new Map<string, { minX: number; minY: number; maxX: number; maxY: number }>();
    for (let i = 0; i < 2000; i++) {
      const x = (rnd() - 0.5) * 20_000;
      const y = (rnd() - 0.5) * 20_000;
      const b = { minX: x, minY: y, maxX: x + rnd() * 900, maxY: y + rnd() * 900 };
      boxes.set(`s${i}`, b);
      index.set(`s${i}`, b);
    }
    for (let i = 0; i < 500; i += 3) {
      index.delete(`s${i}`);
      boxes.delete(`s${i}`);
    }
    for (let q = 0; q < 50; q++) {
      const x = (rnd() - 0.5) * 20_000;
      const y = (rnd() - 0.5) * 20_000;
      const size = q % 10 === 0 ? 100_000 : rnd() * 3000;
      const query = { minX: x, minY: y, maxX: x + size, maxY: y + size };
      const expected = [...boxes].filter(([, b]) => b.minX <= query.maxX && b.maxX >= query.minX && b.minY <= query.maxY && b.maxY >= query.minY).map(([id]) => id);
      expect([...index.query(query)].sort()).toEqual(expected.sort());
    }
    expect(index.size).toBe(boxes.size);
  });

  it('moves a box when it is set again', () => {
    const index = new SpatialIndex();
    index.set('a', { minX: 0, minY: 0, maxX: 10, maxY: 10 });
    index.set('a', { minX: 5000, minY: 5000, maxX: 5010, maxY: 5010 });
    expect(index.query({ minX: 0, minY: 0, maxX: 100, maxY: 100 }).size).toBe(0);
    expect([...index.query({ minX: 4990, minY: 4990, maxX: 5020, maxY: 5020 })]).toEqual(['a']);
  });

  it('knows the box around everything it holds, as shapes come and go', () => {
    const index = new SpatialIndex();
    expect(index.extent()).toBeNull();
    index.set('a', { minX: 0, minY: 0, maxX: 10, maxY: 10 });
    index.set('b', { minX: -50, minY: 20, maxX: -40, maxY: 300 });
    expect(index.extent()).toEqual({ minX: -50, minY: 0, maxX: 10, maxY: 300 });
    index.delete('b');
    expect(index.extent()).toEqual({ minX: 0, minY: 0, maxX: 10, maxY: 10 });
    expect(index.boxOf('a')).toEqual({ minX: 0, minY: 0, maxX: 10, maxY: 10 }); // the extent is a copy
  });

  it('keeps shapes at the edges of the board apart, and forgets everything on clear', () => {
    const index = new SpatialIndex();
    const edge = 1e7;
    const at = (x: number, y: number) => ({ minX: x, minY: y, maxX: x + 10, maxY: y + 10 });
    const corners = { a: at(-edge, -edge), b: at(edge, -edge), c: at(-edge, edge), d: at(edge, edge) };
    for (const [id, box] of Object.entries(corners)) index.set(id, box);
    for (const [id, box] of Object.entries(corners)) expect([...index.query(box)]).toEqual([id]);
    expect([...index.query({ minX: -2 * edge, minY: -2 * edge, maxX: 2 * edge, maxY: 2 * edge })].sort()).toEqual(['a', 'b', 'c', 'd']);
    index.clear();
    expect(index.size).toBe(0);
    expect(index.query(corners.a).size).toBe(0);
  });
});
