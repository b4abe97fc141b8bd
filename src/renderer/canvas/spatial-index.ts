/**
 * A uniform grid over world space: which shapes might touch a box. Used for viewport culling and to
 * find hit-test candidates under the pointer without scanning every shape.
 */
import type { Box } from '../board/geometry';

const CELL = 512;
/**
 * A cell's key is one number (no string to build per visit): column and row, offset to be positive,
 * side by side. Shapes lie within 1e7 of the origin, far inside the ±2^20 cells this keeps apart; a box
 * beyond that could only alias a cell, and every candidate is checked against the box anyway.
 */
const SPAN = 2 ** 21;
const OFFSET = 2 ** 20;
const cellKey = (x: number, y: number) => (x + OFFSET) * SPAN + (y + OFFSET);

export class SpatialIndex {
  private cells = new Map<number, Set<string>>();
  private boxes = new Map<string, Box>();

  get size(): number {
    return this.boxes.size;
  }

  boxOf(id: string): Box | undefined {
    return this.boxes.get(id);
  }

  set(id: string, box: Box): void {
    this.delete(id);
    this.boxes.set(id, box);
    this.forCells(box, false, (key) => {
      let cell = this.cells.get(key);
      if (cell === undefined) this.cells.set(key, (cell = new Set()));
      cell.add(id);
    });
  }

  clear(): void {
    this.cells.clear();
    this.boxes.clear();
  }

  delete(id: string): void {
    const box = this.boxes.get(id);
    if (box === undefined) return;
    this.boxes.delete(id);
    this.forCells(box, false, (key) => {
      const cell = this.cells.get(key);
      cell?.delete(id);
      if (cell?.size === 0) this.cells.delete(key);
    });
  }

  /** Ids whose boxes intersect `box`. */
  query(box: Box): Set<string> {
    const out = new Set<string>();
    this.forCells(box, true, (key) => {
      for (const id of this.cells.get(key) ?? []) {
        const b = this.boxes.get(id)!;
        if (b.minX <= box.maxX && b.maxX >= box.minX && b.minY <= box.maxY && b.maxY >= box.minY) out.add(id);
      }
    });
    return out;
  }

  /** Visits the cells `box` covers; a lookup visits only cells that exist. */
  private forCells(box: Box, lookup: boolean, fn: (key: number) => void): void {
    const x0 = Math.floor(box.minX / CELL);
    const x1 = Math.floor(box.maxX / CELL);
    const y0 = Math.floor(box.minY / CELL);
    const y1 = Math.floor(box.maxY / CELL);
    // A lookup over a huge box (zoomed far out) would visit too many empty cells: scan the filled ones.
    if (lookup && (x1 - x0 + 1) * (y1 - y0 + 1) > this.cells.size) {
      for (const [key, cell] of this.cells) {
        const cx = Math.floor(key / SPAN) - OFFSET;
        const cy = (key % SPAN) - OFFSET;
        if (cx >= x0 && cx <= x1 && cy >= y0 && cy <= y1 && cell.size > 0) fn(key);
      }
      return;
    }
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) fn(cellKey(x, y));
  }
}
