/**
 * The drawing surface: a Konva stage with four layers.
 *   grid     the optional grid, under everything (grid-layer.ts)
 *   content  every shape, in the model's z-order, culled to the viewport
 *   active   what is being drawn or dragged right now, locally or by others
 *   overlay  selection outlines, the transformer, the marquee, snap guides, remote cursors
 * It draws every shape the model already holds when it starts (the model may come from a snapshot),
 * then applies each change incrementally.
 */
import type { BoardModel, ShapesChanged } from '../board/board-model';
import { boxContains, expand, hitTest, intersects, shapeBounds, union, type Box } from '../board/geometry';
import { isBoxKind, type ShapeProps } from '../board/shape';
import type { ShapeModel } from '../board/shape-model';
import { visibleBox, type Camera } from './camera';
import { Konva, type KonvaNode } from './konva';
import { GridLayer } from './grid-layer';
import { ImageCache } from './image-cache';
import { createShapeNode } from './shape-node';
import { SNAP_REACH_PX, snapBox, type Snap } from './snap';
import { SnapGuides } from './snap-guides';
import { SpatialIndex } from './spatial-index';

/** More shapes in view than this, and a move snaps only to those near it. */
const MAX_SNAP_TARGETS = 2000;

export class BoardCanvas {
  readonly stage: InstanceType<typeof Konva.Stage>;
  readonly content = new Konva.Layer({ listening: false });
  readonly active = new Konva.Layer({ listening: false });
  readonly overlay = new Konva.Layer();
  readonly index = new SpatialIndex();
  readonly grid = new GridLayer(() => ({ camera: this.camera, ...this.size }));
  readonly guides = new SnapGuides();
  private nodes = new Map<string, KonvaNode>();
  private visible = new Set<string>();
  /** Decoded once each; a shape drawn before its image decoded is drawn again when it has. */
  private readonly images: ImageCache;
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
    this.images = new ImageCache(model.images, container, (hash) => this.imageDecoded(hash));
    this.stage.add(this.grid.layer, this.content, this.active, this.overlay);
    this.overlay.add(this.guides.group);
    this.renderAll();
  }

  /** Builds a node for every shape the model holds, back to front. */
  renderAll(): void {
    this.content.destroyChildren();
    this.nodes.clear();
    this.visible.clear();
    this.index.clear();
    const view = this.viewBox();
    for (const shape of this.model.ordered()) this.addNode(shape, view);
    this.stage.batchDraw();
  }

  apply(change: ShapesChanged): void {
    const view = this.viewBox();
    for (const id of change.removed) this.removeNode(id);
    for (const id of change.changed) {
      const shape = this.model.shapes.get(id);
      if (!shape) continue;
      this.removeNode(id);
      this.addNode(shape, view);
    }
    for (const id of change.added) {
      const shape = this.model.shapes.get(id);
      if (shape) this.addNode(shape, view);
    }
    if (change.reordered || change.added.length + change.changed.length > 0) this.restack();
    this.stage.batchDraw();
  }

  /** A node is born culled or not, as cull() would leave it: toggling it afterwards costs Konva more. */
  private addNode(shape: ShapeModel, view: Box): void {
    const bounds = shapeBounds(shape);
    const visible = intersects(bounds, view);
    const node = this.nodeFor(shape, visible);
    this.nodes.set(shape.shapeId, node);
    if (visible) this.visible.add(shape.shapeId);
    this.content.add(node as never);
    this.index.set(shape.shapeId, bounds);
  }

  private removeNode(id: string): void {
    this.nodes.get(id)?.destroy();
    this.nodes.delete(id);
    this.visible.delete(id);
    this.index.delete(id);
  }

  /** Puts the nodes in the model's z-order (only the ones out of place move). */
  private restack(): void {
    this.model.order.forEach((id, i) => {
      const node = this.nodes.get(id);
      if (node && node.zIndex() !== i) node.zIndex(i);
    });
  }

  node(id: string): KonvaNode | undefined {
    return this.nodes.get(id);
  }

  get size(): { width: number; height: number } {
    return { width: this.stage.width(), height: this.stage.height() };
  }

  resize(): void {
    this.stage.size({ width: this.container.clientWidth, height: this.container.clientHeight });
    this.grid.redraw();
    this.cull();
  }

  setCamera(camera: Camera): void {
    this.camera = camera;
    this.stage.scale({ x: camera.zoom, y: camera.zoom });
    this.stage.position({ x: -camera.x * camera.zoom, y: -camera.y * camera.zoom });
    this.grid.redraw();
    this.cull();
    this.onCamera(camera);
  }

  /** Shows only the shapes that touch the viewport (plus a margin), so a 10k board pans smoothly. */
  cull(): void {
    const now = this.index.query(this.viewBox());
    for (const id of this.visible) if (!now.has(id)) this.nodes.get(id)?.visible(false);
    for (const id of now) if (!this.visible.has(id)) this.nodes.get(id)?.visible(true);
    this.visible = now;
    this.stage.batchDraw();
  }

  /** What culling keeps: the viewport plus a margin, in world units. */
  private viewBox(): Box {
    const { width, height } = this.size;
    return expand(visibleBox(this.camera, width, height), 64 / this.camera.zoom);
  }

  /** Shows every shape regardless of the viewport (for export); cull() restores. */
  showAll(): void {
    for (const node of this.nodes.values()) node.visible(true);
    this.visible = new Set(this.nodes.keys());
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

  /** Draws a shape as `props` until the model says otherwise (a shape following a drag, before it is sent). */
  drawAs(id: string, props: ShapeProps): void {
    const old = this.nodes.get(id);
    if (!old) return;
    const node = this.nodeFor(props, old.visible());
    const z = old.zIndex();
    old.destroy();
    this.content.add(node as never);
    node.zIndex(z);
    this.nodes.set(id, node);
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
  nodeFor(props: ShapeProps, visible = true): KonvaNode {
    return createShapeNode(props, visible, this.images);
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
    this.images.destroy();
    this.stage.destroy();
  }
}
