/**
 * The viewport onto the infinite board: the world point at the screen's top-left, and the zoom.
 * screen = (world - camera) * zoom. Pure, so pan and zoom arithmetic is tested without a canvas.
 */
import type { Box } from '../board/geometry';

export interface Camera {
  x: number;
  y: number;
  zoom: number;
}

export const MIN_ZOOM = 0.05;
export const MAX_ZOOM = 8;

export const clampZoom = (z: number): number => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, z));

export const screenToWorld = (c: Camera, sx: number, sy: number): [number, number] => [c.x + sx / c.zoom, c.y + sy / c.zoom];

export const worldToScreen = (c: Camera, wx: number, wy: number): [number, number] => [(wx - c.x) * c.zoom, (wy - c.y) * c.zoom];

/** Zooms by `factor`, keeping the world point under (sx, sy) where it is on screen. */
export function zoomAt(c: Camera, sx: number, sy: number, factor: number): Camera {
  const zoom = clampZoom(c.zoom * factor);
  const [wx, wy] = screenToWorld(c, sx, sy);
  return { x: wx - sx / zoom, y: wy - sy / zoom, zoom };
}

export const panBy = (c: Camera, dxScreen: number, dyScreen: number): Camera => ({ x: c.x - dxScreen / c.zoom, y: c.y - dyScreen / c.zoom, zoom: c.zoom });

export function visibleBox(c: Camera, width: number, height: number): Box {
  return { minX: c.x, minY: c.y, maxX: c.x + width / c.zoom, maxY: c.y + height / c.zoom };
}

/** The camera that shows `box` whole and centred, with `padding` screen pixels around it. */
export function fitBox(box: Box, width: number, height: number, padding = 48): Camera {
  const bw = Math.max(1, box.maxX - box.minX);
  const bh = Math.max(1, box.maxY - box.minY);
  const zoom = clampZoom(Math.min((width - 2 * padding) / bw, (height - 2 * padding) / bh, 1));
  return { x: (box.minX + box.maxX) / 2 - width / 2 / zoom, y: (box.minY + box.maxY) / 2 - height / 2 / zoom, zoom };
}
