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

/**
 * The shapes in a cell (tens to hundreds: lists are cheaper to fill than a set), each box beside its id
 * as four numbers (minX, minY, maxX, maxY), so a query tests boxes without a lookup per shape.
 */
interface Cell {
  ids: string[];
  boxes: number[];
}

export class SpatialIndex {
  private cells = new Map<number, Cell>();
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
      if (cell === undefined) this.cells.set(key, { ids: [id], boxes: [box.minX, box.minY, box.maxX, box.maxY] });
      else {
        cell.ids.push(id);
        cell.boxes.push(box.minX, box.minY, box.maxX, box.maxY);
      }
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
      const { ids, boxes } = cell;
      const at = ids.indexOf(id);
      if (at >= 0) {
        // Order within a cell does not matter: the last takes its place.
        const last = ids.length - 1;
        ids[at] = ids[last]!;
        for (let k = 0; k < 4; k++) boxes[at * 4 + k] = boxes[last * 4 + k]!;
        ids.pop();
        boxes.length = last * 4;
      }
      if (ids.length === 0) this.cells.delete(key);
    });
  }

  /** Ids whose boxes intersect `box`. */
  query(box: Box): Set<string> {
    const out = new Set<string>();
    const { minX, minY, maxX, maxY } = box;
    this.forCells(box, true, (key) => {
      const cell = this.cells.get(key);
      if (cell === undefined) return;
      const { ids, boxes: b } = cell;
      for (let i = 0, k = 0; i < ids.length; i++, k += 4) {
        if (b[k]! <= maxX && b[k + 2]! >= minX && b[k + 1]! <= maxY && b[k + 3]! >= minY) out.add(ids[i]!);
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
        if (cx >= x0 && cx <= x1 && cy >= y0 && cy <= y1 && cell.ids.length > 0) fn(key);
      }
      return;
    }
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) fn(cellKey(x, y));
  }
}
