/**
 * What this person has selected, drawn in the overlay: a Transformer (resize, rotate) for any selection
 * but a lone line or arrow, which gets a dashed outline and a handle on each end,
 * dragged to move that end alone, and one in its middle, dragged to the side to curve it. Selection is local: it is nobody else's business.
 * A shape this person just created, pasted or duplicated is selected at once, before the model has it
 * ("coming"): a Delete or a style click right after acts on it, as its event follows the creation.
 */
import type { BoardModel } from '../board/board-model';
import type { ShapeModel } from '../board/shape-model';
import { decodeRelative, encodePoints } from '../board/stroke-codec';
import { union } from '../board/geometry';
import { boundEnds } from '../board/binding';
import { bendThrough, midpointOf } from '../board/curve';
import { isBoxKind, isLineKind, type ShapePatch, type ShapeProps } from '../board/shape';
import type { BoardActions } from './actions';
import type { BoardCanvas } from './board-canvas';
import { BIND_REACH, BoundLines, releasedBinds } from './bound-lines';
import { Rect, Transformer, type KonvaNode } from './konva';
import { wordsPatch } from './words';

/**
 * Past this many shapes a selection has no handles and no nodes of its own (a node per shape, and a
 * Transformer measuring each, would stall a board of 100,000 selected whole): it shows its outline, and
 * a drag moves the outline, the shapes landing where it is let go.
 */
export const MAX_HANDLED = 2000;

/** Side of an end handle on screen, in pixels. */
const END_HANDLE = 10;
export const SELECTION_COLOR = '#1971c2';

/** Degrees in [0, 360), to two decimals. */
export const normalizeDegrees = (deg: number): number => Math.round((((deg % 360) + 360) % 360) * 100) / 100;

export class Selection {
  ids = new Set<string>();
  /** Selected shapes this view created that the model does not hold yet. */
  private coming = new Set<string>();
  private transformer = new Transformer({
    rotateEnabled: true,
    keepRatio: false,
    ignoreStroke: true,
    borderStroke: SELECTION_COLOR,
    anchorStroke: SELECTION_COLOR,
    anchorSize: 9,
    rotationSnaps: [0, 45, 90, 135, 180, 225, 270, 315],
  });
  private outline = new Rect({ stroke: SELECTION_COLOR, dash: [6, 4], listening: false, visible: false });
  /** The start and end handles of a lone selected line or arrow. */
  private readonly ends = [0, 1].map((end) => {
    const handle = new Rect({ name: 'line-end', draggable: true, fill: '#ffffff', stroke: SELECTION_COLOR, strokeWidth: 1, strokeScaleEnabled: false, visible: false });
    handle.on('dragmove', () => this.dragEnd(end, false));
    handle.on('dragend', () => this.dragEnd(end, true));
    return handle;
  });
  /** The middle of a lone selected line or arrow: dragged to the side, it bends the path into a curve. */
  private readonly bendHandle = (() => {
    const handle = new Rect({ name: 'line-bend', draggable: true, fill: SELECTION_COLOR, stroke: '#ffffff', strokeWidth: 1, strokeScaleEnabled: false, visible: false });
    handle.on('dragmove', () => this.dragBend(false));
    handle.on('dragend', () => this.dragBend(true));
    return handle;
  })();
  private editable = true;
  /** How far a drag has carried the outline of a selection too large for handles. */
  private carried = { dx: 0, dy: 0 };
  onChange: (ids: ReadonlySet<string>) => void = () => {};

  constructor(
    private readonly canvas: BoardCanvas,
    private readonly model: BoardModel,
    private readonly actions: BoardActions,
  ) {
    canvas.overlay.add(this.outline, this.transformer, ...this.ends, this.bendHandle);
    // Lines bound to what is being resized or turned follow it live.
    let lines: BoundLines | null = null;
    this.transformer.on('transformstart', () => {
      canvas.lift(this.ids); // resized or turned: drawn live
      lines = new BoundLines(canvas, model, this.ids);
    });
    this.transformer.on('transform', () => lines?.follow((id) => this.transformed(id)));
    this.transformer.on('transformend', () => {
      lines = null;
      this.commitTransform();
      canvas.land(this.ids);
    });
  }

  set(ids: Iterable<string>): void {
    this.ids = this.withGroups([...ids].filter((id) => this.model.shapes.has(id) || this.coming.has(id)));
    this.coming = new Set([...this.coming].filter((id) => this.ids.has(id)));
    this.render();
    this.onChange(this.ids);
  }

  /** Selects shapes this view has just published, whether or not they have arrived yet. */
  selectComing(ids: readonly string[]): void {
    this.coming = new Set(ids.filter((id) => !this.model.shapes.has(id)));
    this.set(ids);
  }

  /** Adds a shape (and its group) to the selection, or takes it (and its group) out. */
  toggle(id: string): void {
    const members = this.withGroups([id]);
    const next = new Set(this.ids);
    for (const member of members) {
      if (this.ids.has(id)) next.delete(member);
      else next.add(member);
    }
    this.set(next);
  }

  /** `ids` and every shape grouped with any of them: a group is selected whole. */
  private withGroups(ids: string[]): Set<string> {
    const out = new Set(ids);
    const groups = new Set(ids.map((id) => this.model.shapes.get(id)?.group).filter((g): g is string => !!g));
    if (groups.size > 0) for (const shape of this.model.shapes.values()) if (groups.has(shape.group)) out.add(shape.shapeId);
    return out;
  }

  clear(): void {
    if (this.ids.size > 0) this.set([]);
  }

  /** Redraws after the model changed (a selected shape may be gone or replaced). */
  refresh(): void {
    const before = this.ids.size;
    for (const id of this.coming) if (this.model.shapes.has(id)) this.coming.delete(id);
    this.ids = new Set([...this.ids].filter((id) => this.model.shapes.has(id) || this.coming.has(id)));
    this.render();
    if (this.ids.size !== before) this.onChange(this.ids);
  }

  render(): void {
    const ids = [...this.ids].filter((id) => this.model.shapes.has(id));
    const shapes = ids.map((id) => this.model.shapes.get(id)!);
    const line = this.editable && shapes.length === 1 && isLineKind(shapes[0]!.kind) && !shapes[0]!.locked ? shapes[0]! : null;
    // Everything resizes and turns with the Transformer but a lone line, which has its own handles, and
    // what is locked, which shows only an outline.
    const handled = ids.length <= MAX_HANDLED;
    const transform = ids.length > 0 && handled && line === null && shapes.every((s) => !s.locked);
    this.canvas.choose(handled ? new Set(ids) : new Set());
    this.transformer.nodes(transform ? ids.map((id) => this.canvas.node(id)!).filter(Boolean) : []);
    this.transformer.visible(transform);
    // Images keep their proportions from a corner, as a photo should; the edges still stretch them.
    this.transformer.keepRatio(shapes.length > 0 && shapes.every((s) => s.kind === 'image'));
    const bounds = union(ids.map((id) => this.canvas.index.boxOf(id)!).filter(Boolean));
    this.outline.visible(!transform && bounds !== null);
    if (!transform && bounds) {
      const pad = 4 / this.canvas.camera.zoom;
      this.outline.setAttrs({ x: bounds.minX - pad + this.carried.dx, y: bounds.minY - pad + this.carried.dy, width: bounds.maxX - bounds.minX + 2 * pad, height: bounds.maxY - bounds.minY + 2 * pad, strokeWidth: 1 / this.canvas.camera.zoom });
    }
    const size = END_HANDLE / this.canvas.camera.zoom;
    this.ends.forEach((handle, end) => {
      handle.visible(line !== null);
      if (line) handle.setAttrs({ x: line.x + end * line.w - size / 2, y: line.y + end * line.h - size / 2, width: size, height: size });
    });
    this.bendHandle.visible(line !== null);
    this.canvas.overlay.listening(transform || line !== null);
    if (line) {
      const [mx, my] = midpointOf(line);
      this.bendHandle.setAttrs({ x: mx - size / 2, y: my - size / 2, width: size, height: size, cornerRadius: size / 2 });
    }
    this.canvas.overlay.batchDraw();
  }

  /** Whether the selection is too large for nodes and handles: it moves as its outline. */
  get large(): boolean {
    return this.ids.size > MAX_HANDLED;
  }

  /** Shows the outline of a large selection carried by (dx, dy) while it is dragged (0, 0: back). */
  carry(dx: number, dy: number): void {
    this.carried = { dx, dy };
    this.render();
  }

  /** A read-only board shows what is selected without handles to resize or rotate it. */
  setEditable(editable: boolean): void {
    this.editable = editable;
    this.transformer.resizeEnabled(editable);
    this.transformer.rotateEnabled(editable);
    this.render();
  }

  /** Is (sx, sy) on one of the handles now showing? Then the Transformer takes the press. */
  handlesAt(sx: number, sy: number): boolean {
    const hit = this.canvas.overlay.getIntersection({ x: sx, y: sy });
    if (hit && (this.ends.includes(hit as never) || hit === this.bendHandle)) return true;
    if (!this.transformer.visible() || this.transformer.nodes().length === 0) return false;
    return hit?.getParent() === this.transformer;
  }

  /** One end of the lone line or arrow follows its handle; the other stays. */
  private dragEnd(end: number, commit: boolean): void {
    const line = this.loneLine();
    if (!line) return;
    const [hx, hy] = this.handleCentre(this.ends[end]!);
    const [ex, ey] = [line.x + line.w, line.y + line.h];
    // Let go on a shape, the end binds to it (an end let go elsewhere is free).
    const bind = this.canvas.bindTarget(hx, hy, BIND_REACH, end === 0 ? line.endBind : line.startBind);
    this.reshapeLine(line, end === 0 ? { x: hx, y: hy, w: ex - hx, h: ey - hy, startBind: bind } : { x: line.x, y: line.y, w: hx - line.x, h: hy - line.y, endBind: bind }, commit);
  }

  /** The lone line's middle follows its handle, bending the path. */
  private dragBend(commit: boolean): void {
    const line = this.loneLine();
    if (line) this.reshapeLine(line, { bend: Math.round(bendThrough(line, ...this.handleCentre(this.bendHandle))) }, commit);
  }

  private loneLine(): ShapeModel | undefined {
    const id = [...this.ids][0];
    const shape = id === undefined ? undefined : this.model.shapes.get(id);
    return shape && isLineKind(shape.kind) ? shape : undefined;
  }

  /** The world point at the centre of one of the line's handles. */
  private handleCentre(handle: InstanceType<typeof Rect>): [number, number] {
    const half = END_HANDLE / this.canvas.camera.zoom / 2;
    return [handle.x() + half, handle.y() + half];
  }

  /**
   * A handle changed `moved` of the lone line: its bound ends are put where the model will put them
   * (they re-aim as the line changes), shown while dragged and sent as one change when let go.
   */
  private reshapeLine(line: ShapeModel, moved: ShapePatch, commit: boolean): void {
    const next = { ...line, ...moved };
    const props = { ...moved, ...boundEnds(next, this.model.target(next.startBind), this.model.target(next.endBind)) };
    if (commit) this.actions.update([{ id: line.shapeId, props }]);
    else this.canvas.drawAs(line.shapeId, { ...next, ...props });
  }

  /** What the Transformer has done to a selected shape so far, as its new properties. */
  private transformed(id: string): ShapeProps | undefined {
    const node = this.canvas.node(id);
    const shape = this.model.shapes.get(id);
    if (!node || !shape) return undefined;
    if (!isBoxKind(shape.kind)) return { ...shape, ...this.reshaped(shape, node) };
    const w = Math.abs(shape.w) * node.scaleX();
    const h = Math.abs(shape.h) * node.scaleY();
    // Box nodes sit at their centre (see shape-node), so the new top-left is centre minus half size.
    const props: ShapeProps = { ...shape, x: node.x() - w / 2, y: node.y() - h / 2, w, h, rotation: normalizeDegrees(node.rotation()) };
    // Words rewrap at the new width: a text box is as tall as its lines, and a note or a shape with words
    // in it grows taller rather than cut them off.
    if (shape.text !== '') props.h = wordsPatch(props, shape.text).h ?? props.h;
    return props;
  }

  /**
   * A line, arrow or pen stroke has no rotation or size of its own: its points are carried through what
   * the Transformer did to its node (scaled, turned, moved). A curve's bend scales with it; an end bound
   * to a shape not transformed with it lets go.
   */
  private reshaped(shape: ShapeModel, node: KonvaNode): ShapePatch {
    const t = node.getTransform();
    if (shape.kind === 'pen') {
      const rel = decodeRelative(shape.points!);
      const world: number[] = [];
      for (let i = 0; i + 1 < rel.length; i += 2) {
        const p = t.point({ x: rel[i]!, y: rel[i + 1]! });
        world.push(p.x, p.y);
      }
      return { x: world[0]!, y: world[1]!, points: encodePoints(world, world[0]!, world[1]!) };
    }
    const a = t.point({ x: 0, y: 0 });
    const b = t.point({ x: shape.w, y: shape.h });
    const { scaleX, scaleY } = t.decompose();
    return { x: a.x, y: a.y, w: b.x - a.x, h: b.y - a.y, bend: shape.bend * Math.sqrt(Math.abs(scaleX * scaleY)), ...releasedBinds(shape, this.ids) };
  }

  /** Turns what the Transformer did to the nodes into one update of the model. */
  private commitTransform(): void {
    const changes: { id: string; props: ShapePatch }[] = [];
    for (const id of this.ids) {
      const shape = this.model.shapes.get(id);
      const node = this.canvas.node(id);
      if (!shape || !node) continue;
      if (!isBoxKind(shape.kind)) {
        changes.push({ id, props: this.reshaped(shape, node) });
        continue;
      }
      const p = this.transformed(id)!;
      changes.push({ id, props: { x: p.x, y: p.y, w: p.w, h: p.h, rotation: p.rotation } });
    }
    this.actions.update(changes);
  }
}
