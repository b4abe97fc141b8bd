/**
 * The board's content as kept tiles (tiles.ts): one Konva shape that, each time the layer draws, copies
 * the tiles in view onto it, drawing (with `paint`) only those it does not hold yet. Panning copies; an
 * edit paints again the part of each tile it touched; a zoom shows the held tiles scaled until it settles, then draws
 * the view crisp at the new zoom. In idle time it draws the ring of tiles just outside the view, so a
 * pan finds them ready.
 */
import { SceneCanvas } from 'konva/lib/Canvas';
import { expand, type Box } from '../board/geometry';
import { PAINT_SPILL } from '../shapes';
import { visibleBox, type Camera } from './camera';
import { Konva } from './konva';
import { TILE_PX, TileSet, tileBox, tilesTouching, tileZoom, type TileGrid } from './tiles';

/** Tiles kept: about four screens' worth at 1280x800. */
const CAPACITY = 48;
/** A zoom is taken as settled once it has not changed for this long. */
const SETTLE_MS = 150;
/** A tile is drawn ahead only with at least this much idle time left (one takes a few ms). */
const MIN_IDLE_MS = 6;

/** Draws the shapes that touch any of `boxes` (world units, within one tile) onto `target`, whose context maps the tile onto it at `zoom`; each shape once. */
export type PaintTile = (target: SceneCanvas, boxes: readonly Box[], zoom: number) => void;

export class TileView {
  readonly shape: InstanceType<typeof Konva.Shape>;
  private set: TileSet<SceneCanvas> | null = null;
  private settled = true;
  private look = '';
  private pixelRatio = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private idle: number | undefined;
  /** Canvases of tiles let go, drawn on again rather than made anew (making a canvas is most of a tile's cost). */
  private spare: SceneCanvas[] = [];

  constructor(
    /** `look`: how the screen shows the board; when it changes, every tile is drawn again. */
    private readonly view: () => { camera: Camera; width: number; height: number; pixelRatio: number; look: string },
    private readonly paint: PaintTile,
  ) {
    this.shape = new Konva.Shape({ listening: false, perfectDrawEnabled: false, sceneFunc: (ctx) => this.draw(ctx._context) });
  }

  /** The camera zoomed: the held tiles are shown scaled, and drawn anew once the zoom rests. */
  zoomed(): void {
    this.settled = false;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.settled = true;
      this.shape.getLayer()?.batchDraw();
    }, SETTLE_MS);
  }

  /** Takes the zoom as settled now (the next draw is at the current zoom). */
  settle(): void {
    clearTimeout(this.timer);
    this.settled = true;
  }

  /** What was drawn in this world box is no longer right. */
  dirty(box: Box): void {
    this.set?.dirty(this.reach(box));
  }

  /**
   * Paints over the held tiles a shape's bounds touch (a shape nothing above touches and no tile shows
   * yet: painting it last is painting it in order), instead of painting the whole area again.
   */
  compose(box: Box, paint: (target: SceneCanvas) => void): void {
    const set = this.set;
    if (set === null) return;
    const k = set.grid.zoom * this.pixelRatio;
    for (const [tx, ty, tile] of set.touching(this.reach(box))) {
      const b = tileBox(tx, ty, set.grid);
      tile.getContext()._context.setTransform(k, 0, 0, k, -b.minX * k, -b.minY * k);
      paint(tile);
    }
  }

  /** Paint reaches a little past a shape's bounds: a note's shadow, and a pixel of antialiasing. */
  reach(box: Box): Box {
    return expand(box, PAINT_SPILL + 1 / (this.set?.grid.zoom ?? 1));
  }

  clear(): void {
    this.set?.clear();
  }

  private draw(native: CanvasRenderingContext2D): void {
    const { camera, width, height, pixelRatio, look } = this.view();
    const zoom = tileZoom(camera.zoom, this.set?.grid.zoom ?? null, this.settled);
    const view = visibleBox(camera, width, height);
    if (this.set?.grid.zoom !== zoom || look !== this.look || pixelRatio !== this.pixelRatio) {
      this.set?.clear();
      if (pixelRatio !== this.pixelRatio) this.spare = [];
      [this.look, this.pixelRatio] = [look, pixelRatio];
      this.set = new TileSet({ zoom, x: view.minX, y: view.minY }, CAPACITY, (tile) => this.spare.length < CAPACITY && this.spare.push(tile));
    }
    const { grid } = this.set;
    const range = tilesTouching(view, grid);
    const scale = camera.zoom / zoom;
    const size = TILE_PX * scale;
    native.save();
    native.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0);
    native.imageSmoothingEnabled = scale !== 1;
    for (let tx = range.minX; tx <= range.maxX; tx++) {
      for (let ty = range.minY; ty <= range.maxY; ty++) {
        let tile = this.set.get(tx, ty);
        if (tile === undefined) this.set.set(tx, ty, (tile = this.render(tx, ty, grid, pixelRatio)));
        else this.mend(tile, tx, ty, grid, pixelRatio);
        const box = tileBox(tx, ty, grid);
        // At the tiles' own zoom they land on whole pixels, copied as drawn (a half-pixel shift is not seen).
        const x = (box.minX - camera.x) * camera.zoom;
        const y = (box.minY - camera.y) * camera.zoom;
        native.drawImage(tile._canvas, scale === 1 ? Math.round(x) : x, scale === 1 ? Math.round(y) : y, size, size);
      }
    }
    native.restore();
    if (this.settled && this.idle === undefined) this.idle = requestIdleCallback((deadline) => this.prefetch(deadline));
  }

  /** Draws missing tiles of the ring around the view while the browser is idle, a tile at a time. */
  private prefetch(deadline: IdleDeadline): void {
    this.idle = undefined;
    const set = this.set;
    if (set === null || !this.settled) return;
    const { camera, width, height, pixelRatio } = this.view();
    if (set.grid.zoom !== camera.zoom) return;
    const r = tilesTouching(visibleBox(camera, width, height), set.grid);
    for (let tx = r.minX - 1; tx <= r.maxX + 1; tx++) {
      for (let ty = r.minY - 1; ty <= r.maxY + 1; ty++) {
        if (set.has(tx, ty)) continue;
        if (deadline.timeRemaining() < MIN_IDLE_MS) {
          this.idle = requestIdleCallback((d) => this.prefetch(d));
          return;
        }
        set.set(tx, ty, this.render(tx, ty, set.grid, pixelRatio));
      }
    }
  }

  private render(tx: number, ty: number, grid: TileGrid, pixelRatio: number): SceneCanvas {
    const tile = this.spare.pop() ?? new SceneCanvas({ width: TILE_PX, height: TILE_PX, pixelRatio });
    const box = tileBox(tx, ty, grid);
    const k = grid.zoom * pixelRatio;
    const ctx = tile.getContext()._context;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.setTransform(k, 0, 0, k, -box.minX * k, -box.minY * k);
    this.paint(tile, [box], grid.zoom);
    return tile;
  }

  /** Paints again the stale parts of a held tile, on whole pixels of it (so no edge is blended twice). */
  private mend(tile: SceneCanvas, tx: number, ty: number, grid: TileGrid, pixelRatio: number): void {
    const stale = this.set!.staleIn(tx, ty);
    if (stale === null) return;
    this.set!.mended(tx, ty);
    const box = tileBox(tx, ty, grid);
    const k = grid.zoom * pixelRatio;
    const side = TILE_PX * pixelRatio;
    const ctx = tile.getContext()._context;
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.beginPath();
    const parts = stale.map((part) => {
      const x0 = Math.max(0, Math.floor((part.minX - box.minX) * k) - 1);
      const y0 = Math.max(0, Math.floor((part.minY - box.minY) * k) - 1);
      const x1 = Math.min(side, Math.ceil((part.maxX - box.minX) * k) + 1);
      const y1 = Math.min(side, Math.ceil((part.maxY - box.minY) * k) + 1);
      ctx.rect(x0, y0, x1 - x0, y1 - y0);
      ctx.clearRect(x0, y0, x1 - x0, y1 - y0);
      return { minX: box.minX + x0 / k, minY: box.minY + y0 / k, maxX: box.minX + x1 / k, maxY: box.minY + y1 / k };
    });
    ctx.clip();
    ctx.setTransform(k, 0, 0, k, -box.minX * k, -box.minY * k);
    this.paint(tile, parts, grid.zoom);
    ctx.restore();
  }

  destroy(): void {
    clearTimeout(this.timer);
    if (this.idle !== undefined) cancelIdleCallback(this.idle);
    this.clear();
    this.spare = [];
  }
}
