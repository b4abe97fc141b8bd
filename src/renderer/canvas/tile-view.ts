/**
 * The board's content as kept tiles (tiles.ts): one Konva shape that, each time the layer draws, copies
 * the tiles in view onto it, drawing (with `paint`) only those it does not hold yet. Panning copies; an
 * edit paints again the part of each tile it touched, a share of a tile a frame (the tiles already in view
 * show their old picture until then: a large edit comes in over a few frames, none of them long); a zoom shows the held tiles scaled until it settles, then draws
 * the view crisp at the new zoom. In idle time it draws the ring of tiles just outside the view, so a
 * pan finds them ready.
 */
import { SceneCanvas } from 'konva/lib/Canvas';
import { area, expand, intersection, intersects, type Box } from '../board/geometry';
import { PAINT_SPILL } from '../shapes';
import { visibleBox, type Camera } from './camera';
import { Konva } from './konva';
import { partsWithin, TILE_PX, TileSet, tileBox, tilesTouching, tileWorld, tileZoom, type TileGrid, type TileRange } from './tiles';

/** Tiles kept: about four screens' worth at 1280x800. */
const CAPACITY = 48;
/** A zoom is taken as settled once it has not changed for this long. */
const SETTLE_MS = 150;
/** A tile is drawn ahead only with at least this much idle time left (one takes a few ms). */
const MIN_IDLE_MS = 6;
/** Stale parts painted again in a frame, as a share of one tile's area (a quarter of a 512 px tile takes a millisecond or two). */
const MEND_SHARE = 0.5;

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
  /** The tiles the last draw showed, and the world box it showed. */
  private shown: { set: TileSet<SceneCanvas>; range: TileRange; view: Box } | null = null;
  private behind = false;
  /** Work on the tiles to do a share a frame (within the mending budget), in order: each with its cost in world area. */
  private jobs: { cost: number; run: () => void }[] = [];
  /** Jobs came this frame: it has taken in their edit already, the tiles already shown wait for the next. */
  private hold = false;

  constructor(
    /** `look`: how the screen shows the board; when it changes, every tile is drawn again. */
    private readonly view: () => { camera: Camera; width: number; height: number; pixelRatio: number; look: string },
    private readonly paint: PaintTile,
    /** Called after each draw of the tiles, before what the layer draws above them. */
    private readonly drawn: () => void = () => {},
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

  /** Runs `run` in a coming draw, before the tiles are shown, with `cost` (world area) of that frame's mending budget. */
  later(cost: number, run: () => void): void {
    this.jobs.push({ cost, run });
    this.hold = true;
    this.shape.getLayer()?.batchDraw();
  }

  /** Paint reaches a little past a shape's bounds: a note's shadow, and a pixel of antialiasing. */
  reach(box: Box): Box {
    return expand(box, PAINT_SPILL + 1 / (this.set?.grid.zoom ?? 1));
  }

  clear(): void {
    this.set?.clear();
  }

  /** Whether the last draw left stale parts in view, or jobs, for the next frames. */
  get mending(): boolean {
    return this.behind;
  }

  /** Whether what the last draw showed is stale anywhere in a world box (a shape's paint: reach() it). */
  staleInView(box: Box): boolean {
    const shown = this.shown;
    if (shown === null || shown.set !== this.set || !intersects(box, shown.view)) return false;
    return shown.set.staleAt(intersection(box, shown.view));
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
    const before = this.shown?.set === this.set ? this.shown.range : null;
    let budget = this.hold ? 0 : MEND_SHARE * tileWorld(zoom) ** 2;
    this.hold = false;
    let done = 0;
    for (; done < this.jobs.length && budget > 0; done++) {
      budget -= this.jobs[done]!.cost;
      this.jobs[done]!.run();
    }
    this.jobs.splice(0, done);
    this.behind = this.jobs.length > 0;
    for (let tx = range.minX; tx <= range.maxX; tx++) {
      for (let ty = range.minY; ty <= range.maxY; ty++) {
        let tile = this.set.get(tx, ty);
        const stale = this.set.staleIn(tx, ty);
        if (tile === undefined) this.set.set(tx, ty, (tile = this.render(tx, ty, grid, pixelRatio)));
        else if (stale !== null) {
          // A tile shown last frame may wait for the next; one coming into view is shown right.
          const wasShown = before !== null && tx >= before.minX && tx <= before.maxX && ty >= before.minY && ty <= before.maxY;
          const parts = !wasShown ? stale : budget > 0 ? partsWithin(stale, budget) : [];
          for (const part of parts) budget -= area(part);
          if (parts.length > 0) this.mend(tile, tx, ty, grid, pixelRatio, parts);
          if (parts.length < stale.length) this.behind = true;
        }
        const box = tileBox(tx, ty, grid);
        // At the tiles' own zoom they land on whole pixels, copied as drawn (a half-pixel shift is not seen).
        const x = (box.minX - camera.x) * camera.zoom;
        const y = (box.minY - camera.y) * camera.zoom;
        native.drawImage(tile._canvas, scale === 1 ? Math.round(x) : x, scale === 1 ? Math.round(y) : y, size, size);
      }
    }
    native.restore();
    this.shown = { set: this.set, range, view };
    this.drawn();
    if (this.behind) requestAnimationFrame(() => this.shape.getLayer()?.batchDraw());
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

  /** Paints again these stale parts of a held tile, on whole pixels of it (so no edge is blended twice). */
  private mend(tile: SceneCanvas, tx: number, ty: number, grid: TileGrid, pixelRatio: number, stale: readonly Box[]): void {
    this.set!.mended(tx, ty, stale);
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
    this.jobs = [];
    this.spare = [];
  }
}
