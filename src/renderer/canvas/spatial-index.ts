/**
 * A uniform grid over world space: which shapes might touch a box. Used for viewport culling and to
 * find hit-test candidates under the pointer without scanning every shape.
 */
import type { Box } from '../board/geometry';

const CELL = 1024;
/**
 * A cell's key is one small integer (V8 keeps it unboxed, no number allocated per visit): column and
 * row, offset to be positive, side by side, 15 bits each. Shapes lie within 1e7 of the origin, inside
 * the ±2^14 cells this keeps apart; a box beyond is clamped into the edge cells, which stays correct
 * (every candidate is checked against the box anyway).
 */
const HALF = 2 ** 14;
const SPAN = 2 ** 15;
const cellOf = (v: number) => Math.min(HALF - 1, Math.max(-HALF, Math.floor(v / CELL)));
const cellKey = (x: number, y: number) => (x + HALF) * SPAN + (y + HALF);

export class SpatialIndex {
  /** The ids in each cell (a cell holds tens to hundreds: a list is cheaper to fill than a set). */
  private cells = new Map<number, string[]>();
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
      const cell = this.cells.get(key);
      if (cell === undefined) this.cells.set(key, [id]);
      else cell.push(id);
    });
  }

  /** The box around everything indexed (null: nothing is). */
  extent(): Box | null {
    let out: Box | null = null;
    for (const b of this.boxes.values()) {
      if (out === null) out = { ...b };
      else {
        out.minX = Math.min(out.minX, b.minX);
        out.minY = Math.min(out.minY, b.minY);
        out.maxX = Math.max(out.maxX, b.maxX);
        out.maxY = Math.max(out.maxY, b.maxY);
      }
    }
    return out;
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
      if (cell === undefined) return;
      const at = cell.indexOf(id);
      if (at >= 0) {
        cell[at] = cell[cell.length - 1]!; // order within a cell does not matter
        cell.pop();
      }
      if (cell.length === 0) this.cells.delete(key);
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
    const x0 = cellOf(box.minX);
    const x1 = cellOf(box.maxX);
    const y0 = cellOf(box.minY);
    const y1 = cellOf(box.maxY);
    // A lookup over a huge box (zoomed far out) would visit too many empty cells: scan the filled ones.
    if (lookup && (x1 - x0 + 1) * (y1 - y0 + 1) > this.cells.size) {
      for (const [key, cell] of this.cells) {
        const cx = Math.floor(key / SPAN) - HALF;
        const cy = (key % SPAN) - HALF;
        if (cx >= x0 && cx <= x1 && cy >= y0 && cy <= y1 && cell.length > 0) fn(key);
      }
      return;
    }
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) fn(cellKey(x, y));
  }
}
