/**
 * The board drawn once and kept: the content is cut into square tiles of TILE_PX screen pixels at one
 * zoom, each drawn when first seen and then only copied, so panning costs a few image copies however
 * many shapes are in view. An edit marks stale only the parts of each tile its shapes touch (before and
 * after), each kept apart (a hundred shapes moved across a tile leave a hundred small parts, not one
 * box over all of them), which are painted again there and nowhere else; a tile mostly stale is thrown
 * away and drawn whole. A new zoom starts a new set once the zoom has settled, the old set shown scaled until then.
 * Each set's grid starts at the view's corner when it is made, so the first view needs the fewest tiles
 * (six at 1280x800, not up to twelve): each tile costs a canvas and paints the shapes on its borders twice.
 * Pure bookkeeping: what a tile holds is the caller's (a canvas in the view, anything in the tests).
 */
import { contains, union, type Box } from '../board/geometry';

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

/** A tile stale over more than this share of its area is drawn whole again rather than mended. */
export const MEND_LIMIT = 0.5;
/** Past this many stale parts a tile's are taken as one box around them all. */
export const MAX_STALE_PARTS = 64;

const intersection = (a: Box, b: Box): Box => ({ minX: Math.max(a.minX, b.minX), minY: Math.max(a.minY, b.minY), maxX: Math.min(a.maxX, b.maxX), maxY: Math.min(a.maxY, b.maxY) });
const area = (b: Box) => Math.max(0, b.maxX - b.minX) * Math.max(0, b.maxY - b.minY);

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

  /** A held tile's stale part has been painted again. */
  mended(tx: number, ty: number): void {
    const held = this.tiles.get(key(tx, ty));
    if (held) held.stale = null;
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
    this.eachTouching(box, (k, tx, ty, held) => this.spoil(k, tx, ty, held, box));
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

  /** Marks the part of a tile `box` covers stale, or throws the tile away if little of it would be left right. */
  private spoil(k: string, tx: number, ty: number, held: Held<T>, box: Box): void {
    const whole = tileBox(tx, ty, this.grid);
    const part = intersection(whole, box);
    let stale = held.stale === null ? [part] : held.stale.some((b) => contains(b, part)) ? held.stale : [...held.stale, part];
    if (stale.length > MAX_STALE_PARTS) stale = [union(stale)!];
    // Parts may overlap: their summed area is at least what is stale, so a tile is never mended past the limit.
    if (stale.reduce((sum, b) => sum + area(b), 0) <= MEND_LIMIT * area(whole)) {
      held.stale = stale;
      return;
    }
    this.tiles.delete(k);
    this.release(held.tile);
  }
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
