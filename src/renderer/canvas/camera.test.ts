import { describe, expect, it } from 'vitest';
import { fitBox, MAX_ZOOM, panBy, screenToWorld, visibleBox, worldToScreen, zoomAt } from './camera';

describe('the camera', () => {
  it('maps screen and world both ways', () => {
    const c = { x: 100, y: -50, zoom: 2 };
    expect(screenToWorld(c, 20, 40)).toEqual([110, -30]);
    expect(worldToScreen(c, 110, -30)).toEqual([20, 40]);
  });

  it('zooms about the pointer: the world point under it stays put', () => {
    const c = { x: 10, y: 20, zoom: 1 };
    const before = screenToWorld(c, 300, 200);
    const z = zoomAt(c, 300, 200, 1.7);
    expect(z.zoom).toBeCloseTo(1.7);
    const after = screenToWorld(z, 300, 200);
    expect(after[0]).toBeCloseTo(before[0]);
    expect(after[1]).toBeCloseTo(before[1]);
    expect(zoomAt(c, 0, 0, 1000).zoom).toBe(MAX_ZOOM);
  });

  it('pans by screen pixels whatever the zoom', () => {
    expect(panBy({ x: 0, y: 0, zoom: 4 }, 40, -80)).toEqual({ x: -10, y: 20, zoom: 4 });
  });

  it('fits a box, centred, never zooming past 1', () => {
    const c = fitBox({ minX: 0, minY: 0, maxX: 1000, maxY: 500 }, 1100, 600, 50);
    expect(c.zoom).toBeCloseTo(1);
    const v = visibleBox(c, 1100, 600);
    expect((v.minX + v.maxX) / 2).toBeCloseTo(500);
    expect((v.minY + v.maxY) / 2).toBeCloseTo(250);
    expect(fitBox({ minX: 0, minY: 0, maxX: 10_000, maxY: 100 }, 1000, 500, 0).zoom).toBeCloseTo(0.1);
  });
});
