/**
 * The drawing surface: a Konva stage with two layers (each layer is a screen-sized canvas, costly to make).
 *   content  the optional grid (grid.ts); every shape, in the model's z-order, drawn as kept tiles
 *            (tile-view.ts); above them the shapes being dragged, turned, erased or following a drag,
 *            drawn live ("lifted"); and on top, in `active`, what is being drawn right now, here or by others
 *   overlay  selection outlines, the transformer, the marquee, snap guides, remote cursors
 * Tiles paint the shapes that touch them straight from the model, each with its kind's painter
 * (src/renderer/shapes), once. Only the shapes selected, moved or turned have Konva nodes
 * (shape-node.ts): the selected ones in a group never drawn (the tiles still show them), for the
 * Transformer and the tools to work on; the lifted ones drawn live (a drag's as one bitmap), and once
 * let go, until the tiles show them. It draws every shape the model already holds when it starts (the
 * model may come from a snapshot), then applies each change incrementally, painting again only the part
 * of each tile the change touches, a share of a tile a frame.
 */
import type { BoardModel, ShapesChanged } from '../board/board-model';
import { SceneCanvas } from 'konva/lib/Canvas';
import { area, boxContains, expand, union, type Box } from '../board/geometry';
import { isBoxKind, type ShapeProps } from '../board/shape';
import type { ShapeModel } from '../board/shape-model';
import { visibleBox, type Camera } from './camera';
import { Konva, type KonvaNode } from './konva';
import { Grid } from './grid';
import { ImageCache } from './image-cache';
import { hitTest, paintShape, shapeBounds } from '../shapes';
import type { PaintEnv } from '../shapes/kind';
import { ShapeNode } from './shape-node';
import { layoutText } from './text-measure';
import { SNAP_REACH_PX, snapBox, type Snap } from './snap';
import { SnapGuides } from './snap-guides';
import { SpatialIndex } from './spatial-index';
import { TileView } from './tile-view';

/** More shapes in view than this, and a move snaps only to those near it. */
const MAX_SNAP_TARGETS = 2000;

export class BoardCanvas {
  readonly stage: InstanceType<typeof Konva.Stage>;
  readonly content = new Konva.Layer({ listening: false });
  /** What is being drawn right now, here or by others (redrawn with the content layer). */
  readonly active = new Konva.Group({ listening: false });
  /** Listening only while handles show (selection.ts): its stage-sized hit canvas is made only then. */
  readonly overlay = new Konva.Layer({ listening: false });
  readonly index = new SpatialIndex();
  readonly grid = new Grid(() => ({ camera: this.camera, ...this.size }));
  readonly guides = new SnapGuides();
  /** The selected shapes' nodes, in the stage for the Transformer, never drawn by the layer (the tiles still do). */
  private readonly chosen = new Konva.Group({ visible: false, listening: false });
  /** The lifted shapes' nodes, drawn live above the tiles. */
  private readonly live = new Konva.Group({ listening: false });
  /**
   * The lifted shapes a drag moves (tools.ts): offset as one group, and while only the offset changes,
   * drawn from one bitmap of them (cached on the first move) instead of shape by shape.
   */
  private readonly carried = new Konva.Group({ listening: false });
  private readonly tiles: TileView;
  /** The nodes of the shapes chosen or lifted (no other shape has one). */
  private nodes = new Map<string, KonvaNode>();
  /** Each shape's place in the model's z-order. */
  private rank = new Map<string, number>();
  private topRank = -1;
  /**
   * Shapes drawn live instead of in the tiles: 'live' while a gesture moves them, 'landing' once it has
   * been sent (they go back into the tiles when the model's answer rebuilds them).
   */
  private lifted = new Map<string, 'live' | 'landing'>();
  /**
   * Landed shapes whose tiles are still being painted again (a large edit takes a few frames): each
   * still drawn live meanwhile, so it never blinks out, and let go once the tiles in view show it.
   */
  private settling = new Map<string, KonvaNode>();
  /** Settling shapes nothing above touches, to be painted over the tiles a few a frame; the tiles leave them out until then. */
  private composing = new Set<string>();
  /** Decoded once each; a shape drawn before its image decoded is drawn again when it has. */
  private readonly images: ImageCache;
  /** Whether the screen shows the board inverted (dark mode), and whether what is drawn now is for it. */
  private screenInverted = false;
  private forScreen = true;
  private readonly env = (): PaintEnv => ({ layout: layoutText, image: (hash) => this.images.get(hash), inverted: this.forScreen && this.screenInverted });
  camera: Camera = { x: 0, y: 0, zoom: 1 };
  /** Called after the camera moved (for the zoom readout, cursors, the text editor). */
  onCamera: (camera: Camera) => void = () => {};
  /** Called after nodes were built anew with no change to the model (an image decoded): what holds nodes takes the new ones. */
  onRebuilt: () => void = () => {};

  constructor(
    readonly container: HTMLDivElement,
    private readonly model: BoardModel,
  ) {
    this.stage = new Konva.Stage({ container, width: container.clientWidth, height: container.clientHeight });
    this.images = new ImageCache(model.images, (hash) => this.imageDecoded(hash));
    this.tiles = new TileView(
      () => {
        // Dark mode shows the board through a CSS inversion; images are painted for it (see shapes/image.ts), so tiles painted before a switch are stale.
        this.screenInverted = getComputedStyle(container).filter.includes('invert');
        return { camera: this.camera, ...this.size, pixelRatio: this.content.getCanvas().getPixelRatio(), look: this.screenInverted ? 'inverted' : 'plain' };
      },
      (target, boxes) => this.paintTile(target, boxes),
      () => this.releaseSettled(),
    );
    this.content.add(this.grid.shape, this.tiles.shape, this.chosen, this.live, this.carried, this.active);
    this.stage.add(this.content, this.overlay);
    this.overlay.add(this.guides.group);
    this.renderAll();
  }

  /** Takes in every shape the model holds, anew: the tiles in view are painted on the next draw. */
  renderAll(): void {
    this.chosen.destroyChildren();
    this.live.destroyChildren();
    this.emptyCarried();
    this.nodes.clear();
    this.lifted.clear();
    this.settling.clear();
    this.composing.clear();
    this.index.clear();
    this.tiles.clear();
    for (const shape of this.model.ordered()) this.index.set(shape.shapeId, shapeBounds(shape));
    this.restack();
    this.stage.batchDraw();
  }

  apply(change: ShapesChanged): void {
    for (const id of change.removed) {
      this.forget(id);
      this.rank.delete(id);
    }
    // Shapes no tile shows as they were (new, or landing from a gesture here): painted over the tiles if they can be.
    const fresh = new Set<string>();
    for (const id of change.changed) {
      const shape = this.model.shapes.get(id);
      if (!shape) continue;
      const was = this.lifted.get(id);
      const wasChosen = this.nodes.get(id)?.getParent() === this.chosen;
      const wasCarried = this.nodes.get(id)?.getParent() === this.carried;
      // A landed shape's node goes on showing it (as the gesture left it) until the tiles do.
      const landed = was === 'landing' ? this.nodes.get(id) : undefined;
      if (landed) this.nodes.delete(id);
      this.forget(id);
      this.take(shape, was === 'landing' ? fresh : null);
      if (landed) this.settling.set(id, landed);
      // Someone's edit to a shape being moved here: the gesture goes on with the new node.
      if (was === 'live') this.lift([id], wasCarried);
      else if (wasChosen) this.chosen.add(this.makeNode(id) as never);
    }
    for (const id of change.added) {
      const shape = this.model.shapes.get(id);
      if (shape) this.take(shape, fresh);
    }
    if (change.reordered) {
      this.restack();
      this.tiles.clear(); // depths changed across the board
    } else {
      if (change.added.length > 0) this.rankAdded(change.added);
      for (const id of this.backToFront([...fresh])) this.overTiles(id, fresh);
    }
    this.stage.batchDraw();
  }

  /** A shape the model now holds: indexed, and the tiles it touches painted again (or, `fresh`, noted to paint over them). */
  private take(shape: ShapeModel, fresh: Set<string> | null): void {
    const bounds = shapeBounds(shape);
    this.index.set(shape.shapeId, bounds);
    if (fresh) fresh.add(shape.shapeId);
    else this.tiles.dirty(bounds);
  }

  /**
   * Paints a fresh shape over the tiles, if no shape above it touches it (other fresh ones are painted
   * after it, or have their area painted again in order): a new stroke, a selection let go. Else the
   * area it touches is painted again.
   */
  private overTiles(id: string, fresh: ReadonlySet<string>): void {
    const box = this.index.boxOf(id)!;
    if (this.covered(id, fresh)) return this.tiles.dirty(box);
    if (!this.settling.has(id)) return this.compose(id);
    // Still drawn live: painted over the tiles in a coming frame, with the others let go.
    this.composing.add(id);
    this.tiles.later(area(box), () => {
      if (!this.composing.delete(id)) return; // changed, lifted or taken in anew since
      if (this.covered(id, this.composing)) this.tiles.dirty(box);
      else this.compose(id);
    });
  }

  /** Whether a shape above this one touches it (other than those in `apart`, and the lifted ones: none is in a tile). */
  private covered(id: string, apart: ReadonlySet<string>): boolean {
    const depth = this.depth(id);
    for (const other of this.index.query(this.tiles.reach(this.index.boxOf(id)!))) {
      if (other === id || apart.has(other) || this.lifted.has(other)) continue;
      if (this.depth(other) > depth) return true;
    }
    return false;
  }

  private compose(id: string): void {
    const env = this.env();
    this.tiles.compose(this.index.boxOf(id)!, (target) => this.paint(target, [id], env));
  }

  /** After the tiles drew: lets go of the settling shapes the tiles in view now show (a shape may show twice for a frame). */
  private releaseSettled(): void {
    const done: string[] = [];
    const carried: string[] = [];
    for (const [id, node] of this.settling) {
      if (this.composing.has(id)) continue;
      const box = this.index.boxOf(id);
      if (box && this.tiles.staleInView(this.tiles.reach(box))) continue;
      (node.getParent() === this.carried ? carried : done).push(id);
    }
    // All at once when they are all there is (one by one, each removal renumbers the rest).
    if (done.length > 0 && done.length === this.live.children.length) this.live.destroyChildren();
    // A drag's bitmap shows all its shapes: they go together, once none waits.
    if (carried.length > 0 && carried.length === this.carried.children.length) {
      this.emptyCarried();
      done.push(...carried);
    }
    for (const id of done) {
      this.settling.get(id)!.destroy(); // a no-op for those destroyed with their group
      this.settling.delete(id);
    }
  }

  private emptyCarried(): void {
    this.carried.clearCache();
    this.carried.destroyChildren();
    this.carried.position({ x: 0, y: 0 });
  }

  private unsettle(id: string): void {
    if (this.settling.get(id)?.getParent() === this.carried) this.carried.clearCache();
    this.settling.get(id)?.destroy();
    this.settling.delete(id);
  }

  /** A shape as it was is gone: its tiles painted again (a lifted shape is in none), its node (if it had one) destroyed. */
  private forget(id: string): void {
    const box = this.index.boxOf(id);
    if (box && !this.lifted.has(id) && !this.composing.delete(id)) this.tiles.dirty(box);
    this.unsettle(id);
    if (this.nodes.get(id)?.getParent() === this.carried) this.carried.clearCache();
    this.nodes.get(id)?.destroy();
    this.nodes.delete(id);
    this.lifted.delete(id);
    this.index.delete(id);
  }

  /** A node for a shape the model holds, noted as its node (the caller puts it in a group). */
  private makeNode(id: string): KonvaNode | undefined {
    const shape = this.model.shapes.get(id);
    if (!shape) return undefined;
    this.nodes.get(id)?.destroy();
    const node = this.nodeFor(shape);
    this.nodes.set(id, node);
    return node;
  }

  /** Notes each shape's depth; the tiles draw in this order. */
  private restack(): void {
    const { order } = this.model;
    this.rank = new Map();
    for (let i = 0; i < order.length; i++) this.rank.set(order[i]!, i);
    this.topRank = order.length - 1;
  }

  /** Ranks new shapes: on top (a new drawing, a paste) without walking the board; anywhere else (an undone delete), all anew. */
  private rankAdded(ids: readonly string[]): void {
    const { order } = this.model;
    const first = order.length - ids.length;
    if (!ids.every((id, i) => order[first + i] === id)) return this.restack();
    for (const id of ids) this.rank.set(id, ++this.topRank); // above every rank given, whatever was removed since
  }

  /** A shape's place in the z-order (one not ranked yet: above all). */
  private depth(id: string): number {
    return this.rank.get(id) ?? this.topRank + 1;
  }

  /**
   * `ids` back to front (one not ranked yet last). Sorted as numbers, rank and place packed in one,
   * so a tile of tens of thousands of shapes (a board zoomed out) is not sorted by map lookups.
   */
  private backToFront(ids: readonly string[]): string[] {
    const n = ids.length;
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = this.depth(ids[i]!) * n + i;
    keys.sort();
    const out = new Array<string>(n);
    for (let i = 0; i < n; i++) out[i] = ids[keys[i]! % n]!;
    return out;
  }

  /** Paints onto a tile the shapes that touch any of these parts of it, back to front: all but the lifted and those waiting to be painted over. */
  private paintTile(target: SceneCanvas, boxes: readonly Box[]): void {
    const touching = boxes.length === 1 ? this.index.query(boxes[0]!) : new Set(boxes.flatMap((box) => [...this.index.query(box)]));
    const ids = this.backToFront([...touching].filter((id) => !this.lifted.has(id) && !this.composing.has(id)));
    this.paint(target, ids, this.env());
  }

  /** Paints the shapes `ids`, in that order, from the model; a lifted one (none in a tile) where its gesture has it, as the screen shows it. */
  private paint(target: SceneCanvas, ids: readonly string[], env: PaintEnv): void {
    const ctx = target.getContext()._context;
    for (const id of ids) {
      const node = this.lifted.has(id) ? this.nodes.get(id) : undefined;
      const shape = this.model.shapes.get(id);
      if (node) node.drawScene(target, this.content); // with its group's offset (a carried one's drag)
      else if (shape) paintShape(ctx, shape, env);
    }
  }

  /**
   * Takes shapes out of the tiles to be drawn live (a gesture is about to move, turn or fade their
   * nodes); they stay live until the model rebuilds them after land(), or drop() puts them back.
   * `carry`: a drag is to move them all by one offset (carry()), joining what it moves already (a
   * node keeps the model's place, the group's offset moves it); what an earlier drag left is set apart.
   */
  lift(ids: Iterable<string>, carry = false): void {
    const group = carry ? this.carried : this.live;
    const dragging = () => [...this.nodes].some(([id, node]) => node.getParent() === this.carried && this.lifted.get(id) === 'live');
    if (carry && !dragging()) this.bakeCarried();
    for (const id of ids) {
      const node = this.nodes.get(id) ?? this.makeNode(id);
      if (!node) continue;
      this.unsettle(id);
      if (!this.lifted.has(id) && !this.composing.delete(id)) this.tiles.dirty(this.index.boxOf(id)!);
      this.lifted.set(id, 'live');
      if (node.getParent() === group) continue;
      if (carry) this.carried.clearCache();
      node.moveTo(group);
    }
    // Back to front within each group.
    const places = new Map<unknown, number>();
    for (const id of this.backToFront([...this.lifted.keys()])) {
      const node = this.nodes.get(id);
      const parent = node?.getParent();
      if (!node || (parent !== this.live && parent !== this.carried)) continue;
      const i = places.get(parent) ?? 0;
      node.zIndex(i);
      places.set(parent, i + 1);
    }
    this.content.batchDraw();
  }

  /** Gives what the carried group holds its offset, and moves it to the live group: the group is free for a new drag. */
  private bakeCarried(): void {
    const { x, y } = this.carried.position();
    this.carried.clearCache();
    for (const node of [...this.carried.children]) {
      node.position({ x: node.x() + x, y: node.y() + y });
      node.moveTo(this.live);
    }
    this.carried.position({ x: 0, y: 0 });
  }

  /**
   * Moves the carried shapes by (dx, dy) from where the model has them. The first move draws them into
   * one bitmap at the screen's resolution (unless it would be larger than two screens), which each
   * frame copies: nothing else changes while a drag goes on.
   */
  carry(dx: number, dy: number): void {
    const group = this.carried;
    if (!group.isCached() && group.hasChildren()) {
      const box = union([...this.nodes].filter(([, node]) => node.getParent() === group).map(([id]) => this.index.boxOf(id)!));
      const k = this.camera.zoom * this.content.getCanvas().getPixelRatio();
      const { width, height } = this.size;
      if (box) {
        const b = this.tiles.reach(box);
        const [w, h] = [b.maxX - b.minX, b.maxY - b.minY];
        if (w * h * k * k <= 2 * width * height * this.content.getCanvas().getPixelRatio() ** 2) group.cache({ x: b.minX, y: b.minY, width: w, height: h, pixelRatio: k });
      }
    }
    group.position({ x: dx, y: dy });
    this.content.batchDraw();
  }

  /** The gesture on these lifted shapes was sent: they go back into the tiles when the model's answer arrives. */
  land(ids: Iterable<string>): void {
    for (const id of ids) if (this.lifted.has(id)) this.lifted.set(id, 'landing');
  }

  /** Puts lifted shapes back into the tiles as they are (a gesture cancelled). */
  drop(ids: Iterable<string>): void {
    for (const id of ids) {
      const node = this.nodes.get(id);
      if (!node || !this.lifted.delete(id)) continue;
      if (node.getParent() === this.carried) {
        this.carried.clearCache();
        node.position({ x: node.x() + this.carried.x(), y: node.y() + this.carried.y() });
      }
      node.moveTo(this.chosen); // still selected, most likely; choose() sorts it out
      this.tiles.dirty(this.index.boxOf(id)!);
    }
    this.content.batchDraw();
  }

  /** Whether the last draw left part of the view to be painted again in the next frames. */
  get mending(): boolean {
    return this.tiles.mending;
  }

  node(id: string): KonvaNode | undefined {
    return this.nodes.get(id);
  }

  /** Gives these shapes nodes in the stage (for the Transformer), and takes the others' away. */
  choose(ids: ReadonlySet<string>): void {
    for (const [id, node] of this.nodes) {
      if (node.getParent() !== this.chosen || ids.has(id)) continue;
      node.destroy();
      this.nodes.delete(id);
    }
    for (const id of ids) {
      if (this.nodes.has(id)) continue;
      const node = this.makeNode(id);
      if (node) this.chosen.add(node as never);
    }
  }

  get size(): { width: number; height: number } {
    return { width: this.stage.width(), height: this.stage.height() };
  }

  resize(): void {
    this.stage.size({ width: this.container.clientWidth, height: this.container.clientHeight });
    this.stage.batchDraw();
  }

  setCamera(camera: Camera): void {
    if (camera.zoom !== this.camera.zoom) this.tiles.zoomed();
    this.camera = camera;
    this.stage.scale({ x: camera.zoom, y: camera.zoom });
    this.stage.position({ x: -camera.x * camera.zoom, y: -camera.y * camera.zoom });
    this.stage.batchDraw();
    this.onCamera(camera);
  }

  /** Draws the tiles at the current zoom from the next frame on, without waiting for the zoom to rest. */
  settleZoom(): void {
    this.tiles.settle();
  }

  /** The visible board plus a margin, in world units. */
  private viewBox(): Box {
    const { width, height } = this.size;
    return expand(visibleBox(this.camera, width, height), 64 / this.camera.zoom);
  }

  /**
   * A picture of these shapes (back to front) over a world box, on `background`, at `pixelRatio` device
   * pixels per world unit: for exports and thumbnails, drawn from the nodes, whatever the screen shows.
   */
  picture(ids: readonly string[], box: Box, pixelRatio: number, background: string): string {
    return this.drawTo(ids, box, pixelRatio, background)._canvas.toDataURL('image/png');
  }

  /**
   * These shapes drawn one by one, back to front, onto a new canvas over a world box (what picture()
   * encodes); `exact`: strokes too thin to see their outline drawn with it all the same.
   */
  drawTo(ids: readonly string[], box: Box, pixelRatio: number, background: string, exact = false): SceneCanvas {
    const out = new SceneCanvas({ width: box.maxX - box.minX, height: box.maxY - box.minY, pixelRatio });
    this.forScreen = false;
    const native = out.getContext()._context;
    native.fillStyle = background;
    native.fillRect(0, 0, out.width, out.height);
    native.setTransform(pixelRatio, 0, 0, pixelRatio, -box.minX * pixelRatio, -box.minY * pixelRatio);
    this.paint(out, this.backToFront([...ids]), { ...this.env(), exact });
    this.forScreen = true;
    return out;
  }

  /** The topmost shape under a world point, within `tolerance` screen pixels. */
  hit(wx: number, wy: number, tolerance: number): string | null {
    const tol = tolerance / this.camera.zoom;
    const candidates = this.index.query({ minX: wx - tol, minY: wy - tol, maxX: wx + tol, maxY: wy + tol });
    if (candidates.size === 0) return null;
    for (let i = this.model.order.length - 1; i >= 0; i--) {
      const id = this.model.order[i]!;
      if (candidates.has(id) && hitTest(this.model.shapes.get(id)!, wx, wy, tol)) return id;
    }
    return null;
  }

  /**
   * The topmost shape a line's end dropped at a world point binds to: a box shape with the point inside
   * it or within `tolerance` screen pixels of it (inside counts, filled or not), other than `except`.
   */
  bindTarget(wx: number, wy: number, tolerance: number, except = ''): string {
    const tol = tolerance / this.camera.zoom;
    const candidates = this.index.query({ minX: wx - tol, minY: wy - tol, maxX: wx + tol, maxY: wy + tol });
    for (let i = this.model.order.length - 1; i >= 0 && candidates.size > 0; i--) {
      const id = this.model.order[i]!;
      if (id === except || !candidates.has(id)) continue;
      const shape = this.model.shapes.get(id)!;
      if (isBoxKind(shape.kind) && boxContains(shape, wx, wy, tol)) return id;
    }
    return '';
  }

  /** Draws a shape as `props`, live, until the model says otherwise (a line following a drag, before it is sent). */
  drawAs(id: string, props: ShapeProps): void {
    this.lift([id]);
    const old = this.nodes.get(id);
    if (!old) return;
    const node = this.nodeFor(props);
    const z = old.zIndex();
    old.destroy();
    this.live.add(node as never);
    node.zIndex(z);
    this.nodes.set(id, node);
    this.land([id]); // back into the tiles with the model's next word on it
    this.content.batchDraw();
  }

  /**
   * How a move of `ids` by (dx, dy) snaps into line with the shapes in view, or onto a grid of `grid`
   * units: the nudge to add, and the guides to show. (Zoomed out over a crowded board, only the shapes
   * near the selection count: lining up with one too small to see helps nobody.)
   */
  snapMove(ids: ReadonlySet<string>, dx: number, dy: number, grid: number): Snap {
    const own = union([...ids].map((id) => this.index.boxOf(id)!).filter(Boolean));
    if (own === null) return { dx: 0, dy: 0, guides: [] };
    const moving = { minX: own.minX + dx, minY: own.minY + dy, maxX: own.maxX + dx, maxY: own.maxY + dy };
    let near = this.index.query(this.viewBox());
    if (near.size > MAX_SNAP_TARGETS) near = this.index.query(expand(moving, 100 / this.camera.zoom));
    const others = [...near].filter((id) => !ids.has(id)).map((id) => this.index.boxOf(id)!);
    return snapBox(moving, others, SNAP_REACH_PX / this.camera.zoom, grid);
  }

  /** A node for `props`, its image (if it shows one) taken from this board's. */
  nodeFor(props: ShapeProps): KonvaNode {
    return new ShapeNode(props, this.env);
  }

  private imageDecoded(hash: string): void {
    const showing = this.model.order.filter((id) => this.model.shapes.get(id)!.asset === hash);
    this.apply({ added: [], changed: showing, removed: [], reordered: false });
    this.onRebuilt();
  }

  /** Shapes whose bounds lie inside a world box (marquee selection). */
  inside(box: Box): string[] {
    return [...this.index.query(box)].filter((id) => {
      const b = this.index.boxOf(id)!;
      return b.minX >= box.minX && b.maxX <= box.maxX && b.minY >= box.minY && b.maxY <= box.maxY;
    });
  }

  destroy(): void {
    this.tiles.destroy();
    this.images.destroy();
    this.stage.destroy();
  }
}
