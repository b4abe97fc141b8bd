/**
 * The board drawn once and kept: the content is cut into square tiles of TILE_PX screen pixels at one
 * zoom, each drawn when first seen and then only copied, so panning costs a few image copies however
 * many shapes are in view. An edit marks stale only the parts of each tile its shapes touch (before and
 * after), each kept apart (a hundred shapes moved across a tile leave a hundred small parts, not one
 * box over all of them), which are painted again there and nowhere else; a tile mostly stale is drawn
 * whole again, a quarter at a time if need be (its old picture is shown until then). A new zoom starts a new set once the zoom has settled, the old set shown scaled until then.
 * Each set's grid starts at the view's corner when it is made, so the first view needs the fewest tiles
 * (six at 1280x800, not up to twelve): each tile costs a canvas and paints the shapes on its borders twice.
 * Pure bookkeeping: what a tile holds is the caller's (a canvas in the view, anything in the tests).
 */
import { area, contains, intersection, intersects, union, type Box } from '../board/geometry';

/** Side of a tile on screen, in CSS pixels. */
export const TILE_PX = 512;

export interface TileRange {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** Where tiles lie: drawn at `zoom`, tile (0, 0)'s corner at world (x, y). */
export interface TileGrid {
  zoom: number;
  x: number;
  y: number;
}

/** World units a tile covers at `zoom`. */
export const tileWorld = (zoom: number): number => TILE_PX / zoom;

/** The tiles (by column and row) a world box touches; an edge on a tile's border touches both sides. */
export function tilesTouching(box: Box, grid: TileGrid): TileRange {
  const w = tileWorld(grid.zoom);
  const col = (x: number) => Math.floor((x - grid.x) / w);
  const row = (y: number) => Math.floor((y - grid.y) / w);
  return { minX: col(box.minX), minY: row(box.minY), maxX: col(box.maxX), maxY: row(box.maxY) };
}

/** The world box of a tile. */
export function tileBox(tx: number, ty: number, grid: TileGrid): Box {
  const w = tileWorld(grid.zoom);
  return { minX: grid.x + tx * w, minY: grid.y + ty * w, maxX: grid.x + (tx + 1) * w, maxY: grid.y + (ty + 1) * w };
}

const key = (tx: number, ty: number) => `${tx},${ty}`;

/** A tile stale over more than this share of its area is stale all over: drawn whole again rather than mended around parts. */
export const MEND_LIMIT = 0.5;
/** Past this many stale parts a tile's are taken as one box around them all. */
export const MAX_STALE_PARTS = 64;


interface Held<T> {
  tile: T;
  /** The world boxes in it that no longer show what is there (null: all of it is right). */
  stale: Box[] | null;
}

/** The tiles of one grid, most recently used last, at most `capacity` of them. */
export class TileSet<T> {
  private readonly tiles = new Map<string, Held<T>>();

  constructor(
    readonly grid: TileGrid,
    private readonly capacity: number,
    /** Told of each tile let go (its canvas can be reused or freed). */
    private readonly release: (tile: T) => void = () => {},
  ) {}

  get size(): number {
    return this.tiles.size;
  }

  get(tx: number, ty: number): T | undefined {
    const k = key(tx, ty);
    const held = this.tiles.get(k);
    if (held !== undefined) {
      this.tiles.delete(k); // most recently used goes last
      this.tiles.set(k, held);
    }
    return held?.tile;
  }

  /** The parts of a held tile to paint again before it is shown (null: none). */
  staleIn(tx: number, ty: number): readonly Box[] | null {
    return this.tiles.get(key(tx, ty))?.stale ?? null;
  }

  /** These stale parts of a held tile (as staleIn gave them; by default all) have been painted again. */
  mended(tx: number, ty: number, parts?: readonly Box[]): void {
    const held = this.tiles.get(key(tx, ty));
    if (!held) return;
    const left = parts === undefined ? [] : (held.stale ?? []).filter((b) => !parts.includes(b));
    held.stale = left.length > 0 ? left : null;
  }

  /** Whether a held tile is stale anywhere in a world box. */
  staleAt(box: Box): boolean {
    let stale = false;
    this.eachTouching(box, (_k, _tx, _ty, held) => (stale ||= held.stale?.some((part) => intersects(part, box)) ?? false));
    return stale;
  }

  set(tx: number, ty: number, tile: T): void {
    const k = key(tx, ty);
    const old = this.tiles.get(k);
    if (old !== undefined) this.release(old.tile);
    this.tiles.delete(k);
    this.tiles.set(k, { tile, stale: null });
    while (this.tiles.size > this.capacity) {
      const [oldest, t] = this.tiles.entries().next().value!;
      this.tiles.delete(oldest);
      this.release(t.tile);
    }
  }

  has(tx: number, ty: number): boolean {
    return this.tiles.has(key(tx, ty));
  }

  /** What was drawn in a world box is no longer right: the tiles it touches are stale there. */
  dirty(box: Box): void {
    this.eachTouching(box, (_k, tx, ty, held) => this.spoil(tx, ty, held, box));
  }

  /** The held tiles a world box touches, with their columns and rows. */
  touching(box: Box): [tx: number, ty: number, tile: T][] {
    const out: [number, number, T][] = [];
    this.eachTouching(box, (_k, tx, ty, held) => out.push([tx, ty, held.tile]));
    return out;
  }

  private eachTouching(box: Box, fn: (k: string, tx: number, ty: number, held: Held<T>) => void): void {
    const r = tilesTouching(box, this.grid);
    if ((r.maxX - r.minX + 1) * (r.maxY - r.minY + 1) > this.tiles.size) {
      // A box wider than the tiles held: test each tile rather than each position.
      for (const [k, held] of this.tiles) {
        const [tx, ty] = k.split(',').map(Number) as [number, number];
        if (tx >= r.minX && tx <= r.maxX && ty >= r.minY && ty <= r.maxY) fn(k, tx, ty, held);
      }
      return;
    }
    for (let tx = r.minX; tx <= r.maxX; tx++) {
      for (let ty = r.minY; ty <= r.maxY; ty++) {
        const k = key(tx, ty);
        const held = this.tiles.get(k);
        if (held !== undefined) fn(k, tx, ty, held);
      }
    }
  }

  clear(): void {
    for (const held of this.tiles.values()) this.release(held.tile);
    this.tiles.clear();
  }

  /** Marks the part of a tile `box` covers stale, or all of it (in quarters, to be painted apart) if little would be left right. */
  private spoil(tx: number, ty: number, held: Held<T>, box: Box): void {
    const whole = tileBox(tx, ty, this.grid);
    const part = intersection(whole, box);
    let stale = held.stale === null ? [part] : held.stale.some((b) => contains(b, part)) ? held.stale : [...held.stale, part];
    if (stale.length > MAX_STALE_PARTS) stale = [union(stale)!];
    // Parts may overlap: their summed area is at least what is stale, so a tile is never mended past the limit.
    held.stale = stale.reduce((sum, b) => sum + area(b), 0) <= MEND_LIMIT * area(whole) ? stale : quarters(whole);
  }
}

/**
 * The stale parts of a tile to paint this frame within `budget` (world area): the first in any case,
 * then those that fit; the rest wait for the next frames.
 */
export function partsWithin(stale: readonly Box[], budget: number): Box[] {
  const out: Box[] = [];
  let spent = 0;
  for (const part of stale) {
    if (out.length > 0 && spent + area(part) > budget) break;
    out.push(part);
    spent += area(part);
  }
  return out;
}

function quarters(b: Box): Box[] {
  const x = (b.minX + b.maxX) / 2;
  const y = (b.minY + b.maxY) / 2;
  return [
    { minX: b.minX, minY: b.minY, maxX: x, maxY: y },
    { minX: x, minY: b.minY, maxX: b.maxX, maxY: y },
    { minX: b.minX, minY: y, maxX: x, maxY: b.maxY },
    { minX: x, minY: y, maxX: b.maxX, maxY: b.maxY },
  ];
}

/** Past this factor a set drawn at another zoom looks too soft (or too coarse) to show, even for a moment. */
export const MAX_TILE_SCALE = 2;

/**
 * The zoom tiles are drawn at: the current zoom once it has settled (a crisp picture when the zoom
 * stops); while it is changing, the set already held, shown scaled, unless that is off by more than
 * MAX_TILE_SCALE either way.
 */
export function tileZoom(current: number, held: number | null, settled: boolean): number {
  if (settled || held === null) return current;
  const scale = current / held;
  return scale > MAX_TILE_SCALE || scale < 1 / MAX_TILE_SCALE ? current : held;
}
