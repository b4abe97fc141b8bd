/**
 * The whiteboard's root model: the shapes in z-order, who is here, and each person's undo history.
 * Pure and deterministic: it runs in every replica, in the browser and in Node alike. Every event from
 * a view is validated here (views are untrusted), and refused alike on every replica.
 *
 * Undo rule, per person: you undo only your own actions, newest first.
 *  - Undoing a change restores each property only where it still holds the value you gave it; where
 *    someone else has changed it since, their value stays.
 *  - Undoing a creation removes the shapes you created unless someone else has changed them since
 *    (then they stay: their work is not thrown away).
 *  - Undoing a deletion brings the shapes back at their old depth, unless their ids are in use.
 *  - Undoing a reorder puts the shapes back at their old depth.
 * A locked shape takes no change but unlocking: no edit, delete, reorder, or undo of its creation.
 * Redo reapplies under the same rule. A new action clears your redo list. History lasts while you are
 * in the session and keeps your last HISTORY_LIMIT actions.
 *
 * Bound lines: after every operation, the lines bound to a shape that changed (or that changed their own
 * binds) have their bound ends put back on their shapes (binding.ts). That follows someone else's edit,
 * so it is nobody's action: undo does not see it, and the line stays its author's.
 */
import { isUserInfo } from '../../shared/frames';
import { Model } from '../engine/model';
import { SESSION_SCOPE, type ViewJoinData } from '../engine/vm';
import { IMAGE_LIMITS } from '../../shared/image-info';
import { boundEnds } from './binding';
import { admitImage, dropUploadsOf, imageBytes, isImagePart, receivePart, type ImageAsset, type Upload } from './image-assets';
import { isBoxKind, isLineKind, isShapeId, LIMITS, sameValue, sanitizePatch, sanitizeShape, type ShapePatch, type ShapeRecord } from './shape';
import { ShapeModel } from './shape-model';

export const HISTORY_LIMIT = 100;
/** Scope views publish board operations on. */
export const BOARD_SCOPE = 'board';

export interface Participant {
  name: string;
  color: string;
}

/** What the views are told after each operation (published on the board model's id, 'shapes'). */
export interface ShapesChanged {
  added: string[];
  changed: string[];
  removed: string[];
  reordered: boolean;
}

type Patch = { id: string; props: ShapePatch };
type Entry =
  /** Only ids: undoing a creation removes the shapes (what it removes, its redo holds whole). */
  | { t: 'create'; ids: string[] }
  | { t: 'delete'; shapes: ShapeRecord[]; at: number[] }
  | { t: 'update'; before: Patch[]; after: Patch[] }
  | { t: 'reorder'; ids: string[]; at: number[] }
  /** One operation sent as several events (too many shapes for one): undone and redone as one, last part first. */
  | { t: 'group'; entries: Entry[] };

interface History {
  undo: Entry[];
  redo: Entry[];
  /** The last event recorded said more of its operation follows: the next joins it (absent: no). */
  joining?: boolean;
}

/** An operation's event that says the sender's next event is more of the same operation. */
const continues = (data: unknown): boolean => (data as { more?: unknown })?.more === true;

export type ReorderTo = 'front' | 'back' | 'forward' | 'backward';
const REORDERS: ReadonlySet<string> = new Set(['front', 'back', 'forward', 'backward']);

function idList(v: unknown): string[] | null {
  if (!Array.isArray(v) || v.length === 0 || v.length > LIMITS.maxShapesPerEvent || !v.every(isShapeId)) return null;
  return [...new Set(v as string[])];
}

/** What of a patch may change `shape`: all of it, or for a locked shape only its lock; null if nothing. */
function lockedOut(shape: ShapeModel | undefined, patch: ShapePatch | null): ShapePatch | null {
  if (!shape?.locked || patch === null) return patch;
  return patch.locked === undefined ? null : { locked: patch.locked };
}

export class BoardModel extends Model {
  participants = new Map<string, Participant>();
  shapes = new Map<string, ShapeModel>();
  /** Shape ids, back to front. */
  order: string[] = [];
  history = new Map<string, History>();
  /** The lines bound to each shape, by the shape's id: what the lines' binds say, kept beside them. */
  bound = new Map<string, Set<string>>();
  /** The images the board holds, by the hash of their bytes; image shapes name them (image-assets.ts). */
  images = new Map<string, ImageAsset>();
  /** Images still arriving, part by part, by sender and hash. */
  uploads = new Map<string, Upload>();

  /** A board saved before bound lines (or images) existed has none. */
  static override addedFields(): Record<string, unknown> {
    return { bound: new Map(), images: new Map(), uploads: new Map() };
  }

  override init(): void {
    this.subscribe(SESSION_SCOPE, 'view-join', 'onViewJoin');
    this.subscribe(SESSION_SCOPE, 'view-exit', 'onViewExit');
    this.subscribe(BOARD_SCOPE, 'create', 'onCreate');
    this.subscribe(BOARD_SCOPE, 'update', 'onUpdate');
    this.subscribe(BOARD_SCOPE, 'delete', 'onDelete');
    this.subscribe(BOARD_SCOPE, 'reorder', 'onReorder');
    this.subscribe(BOARD_SCOPE, 'undo', 'onUndo');
    this.subscribe(BOARD_SCOPE, 'redo', 'onRedo');
    this.subscribe(BOARD_SCOPE, 'identity', 'onIdentity');
    this.subscribe(BOARD_SCOPE, 'image-part', 'onImagePart');
  }

  /** Shapes in z-order, back to front. */
  ordered(): ShapeModel[] {
    return this.order.map((id) => this.shapes.get(id)!);
  }

  // ---- people ----

  onViewJoin(data: ViewJoinData): void {
    this.participants.set(data.viewId, { name: data.name, color: data.color });
    this.publish(this.id, 'participants');
  }

  /** A participant set their name or colour: everyone shows the new one at once. */
  onIdentity(data: unknown): void {
    const by = this.sender();
    if (!this.participants.has(by) || !isUserInfo(data) || data.name.trim() === '') return;
    this.participants.set(by, { name: data.name.trim(), color: data.color });
    this.publish(this.id, 'participants');
  }

  onViewExit(data: { viewId: string }): void {
    this.history.delete(data.viewId);
    dropUploadsOf(this.uploads, data.viewId);
    if (this.participants.delete(data.viewId)) this.publish(this.id, 'participants');
  }

  // ---- operations from views ----

  onCreate(data: unknown): void {
    const list = (data as { shapes?: unknown })?.shapes;
    if (!Array.isArray(list) || list.length === 0 || list.length > LIMITS.maxShapesPerEvent) return;
    const records = list.map(sanitizeShape);
    if (records.some((r) => r === null || this.shapes.has(r.id) || (r.asset !== '' && !this.images.has(r.asset)))) return;
    if (new Set(records.map((r) => r!.id)).size !== records.length) return;
    const by = this.sender();
    this.insert(records as ShapeRecord[], by);
    const ids = records.map((r) => r!.id);
    this.record(by, { t: 'create', ids }, continues(data));
    this.changed({ added: ids });
  }

  onUpdate(data: unknown): void {
    const list = (data as { changes?: unknown })?.changes;
    if (!Array.isArray(list) || list.length === 0 || list.length > LIMITS.maxShapesPerEvent) return;
    const by = this.sender();
    const before: Patch[] = [];
    const after: Patch[] = [];
    for (const change of list as { id?: unknown; props?: unknown }[]) {
      const shape = isShapeId(change?.id) ? this.shapes.get(change.id) : undefined;
      const patch = lockedOut(shape, sanitizePatch(change?.props));
      if (!shape || !patch || (patch.asset !== undefined && patch.asset !== '' && !this.images.has(patch.asset))) continue;
      const old: Record<string, unknown> = {};
      for (const key of Object.keys(patch) as (keyof ShapePatch)[]) old[key] = shape[key];
      this.patch(shape, patch, by);
      before.push({ id: shape.shapeId, props: old as ShapePatch });
      after.push({ id: shape.shapeId, props: patch });
    }
    if (after.length === 0) return;
    this.record(by, { t: 'update', before, after }, continues(data));
    this.changed({ changed: after.map((p) => p.id) });
  }

  onDelete(data: unknown): void {
    const ids = idList((data as { ids?: unknown })?.ids)?.filter((id) => this.shapes.has(id) && !this.shapes.get(id)!.locked);
    if (!ids || ids.length === 0) return;
    const by = this.sender();
    const { shapes, at } = this.remove(ids);
    this.record(by, { t: 'delete', shapes, at }, continues(data));
    this.changed({ removed: ids });
  }

  onReorder(data: unknown): void {
    const d = data as { ids?: unknown; to?: unknown };
    const ids = idList(d?.ids)?.filter((id) => this.shapes.has(id) && !this.shapes.get(id)!.locked);
    if (!ids || ids.length === 0 || typeof d.to !== 'string' || !REORDERS.has(d.to)) return;
    const at = ids.map((id) => this.order.indexOf(id));
    if (!this.move(ids, d.to as ReorderTo)) return;
    this.record(this.sender(), { t: 'reorder', ids, at }, continues(data));
    this.changed({ reordered: true });
  }

  /**
   * A part of an image on its way. With its last part the image is checked (hash, type, size) and held,
   * unless the board already holds as much of images as it may. Shapes showing it may come after.
   */
  onImagePart(data: unknown): void {
    if (!isImagePart(data) || this.images.has(data.hash)) return;
    const whole = receivePart(this.uploads, this.sender(), data);
    const image = whole && admitImage(whole, data.hash);
    if (!image || imageBytes(this.images) + image.bytes.length > IMAGE_LIMITS.maxBoardBytes) return;
    this.images.set(data.hash, image);
  }

  onUndo(): void {
    this.travel('undo', 'redo');
  }

  onRedo(): void {
    this.travel('redo', 'undo');
  }

  // ---- the mechanics ----

  /**
   * Adds shapes on top, or with `at` (ascending, as remove() gives them) each at that index as if put
   * there one after another: one pass over the order, however many (an undone delete of 100,000).
   */
  private insert(records: ShapeRecord[], by: string, at?: number[]): void {
    for (const record of records) {
      const shape = ShapeModel.create({ record, by });
      this.shapes.set(record.id, shape);
      this.indexBinds(shape, true);
    }
    if (!at) {
      for (const record of records) this.order.push(record.id);
      return;
    }
    const old = this.order;
    const order: string[] = [];
    let k = 0;
    records.forEach((record, i) => {
      while (k < old.length && order.length < at[i]!) order.push(old[k++]!);
      order.push(record.id);
    });
    while (k < old.length) order.push(old[k++]!);
    this.order = order;
  }

  private remove(ids: string[]): { shapes: ShapeRecord[]; at: number[] } {
    // Ascending depth, so reinserting in this order restores every index.
    const gone = new Set(ids);
    const doomed: { id: string; at: number }[] = [];
    this.order.forEach((id, at) => gone.has(id) && doomed.push({ id, at }));
    const shapes = doomed.map(({ id }) => this.shapes.get(id)!.record());
    this.order = this.order.filter((id) => !gone.has(id));
    for (const id of ids) {
      const shape = this.shapes.get(id)!;
      this.indexBinds(shape, false);
      shape.destroy();
      this.shapes.delete(id);
    }
    return { shapes, at: doomed.map((d) => d.at) };
  }

  /** Moves `ids` (keeping their relative order) as asked; false if nothing moved. */
  private move(ids: string[], to: ReorderTo): boolean {
    const moving = new Set(ids);
    const before = this.order.join('\0');
    if (to === 'front' || to === 'back') {
      const picked = this.order.filter((id) => moving.has(id));
      const rest = this.order.filter((id) => !moving.has(id));
      this.order = to === 'front' ? [...rest, ...picked] : [...picked, ...rest];
    } else {
      // One step past the nearest other shape, in the direction asked.
      const o = this.order;
      const step = to === 'forward' ? 1 : -1;
      const indices = o.map((id, i) => (moving.has(id) ? i : -1)).filter((i) => i >= 0);
      if (step === 1) indices.reverse();
      for (const i of indices) {
        const j = i + step;
        if (j < 0 || j >= o.length || moving.has(o[j]!)) continue;
        [o[i], o[j]] = [o[j]!, o[i]!];
      }
    }
    return this.order.join('\0') !== before;
  }

  private patch(shape: ShapeModel, props: ShapePatch, by: string): void {
    this.indexBinds(shape, false);
    shape.apply(props, by);
    this.indexBinds(shape, true);
  }

  /** Files a line under the shapes its ends are bound to (`on`), or takes it out. */
  private indexBinds(shape: ShapeModel, on: boolean): void {
    if (!isLineKind(shape.kind)) return;
    for (const target of [shape.startBind, shape.endBind]) {
      if (target === '') continue;
      let lines = this.bound.get(target);
      if (on) {
        if (lines === undefined) this.bound.set(target, (lines = new Set()));
        lines.add(shape.shapeId);
      } else if (lines?.delete(shape.shapeId) && lines.size === 0) this.bound.delete(target);
    }
  }

  /** Puts the bound ends of the lines that follow any of `ids` (or are among them) on their shapes; returns the lines moved. */
  private follow(ids: readonly string[]): string[] {
    const lines = new Set<string>();
    for (const id of ids) {
      const shape = this.shapes.get(id);
      if (shape && isLineKind(shape.kind) && (shape.startBind !== '' || shape.endBind !== '')) lines.add(id);
      for (const line of this.bound.get(id) ?? []) lines.add(line);
    }
    const moved: string[] = [];
    for (const id of lines) {
      const line = this.shapes.get(id);
      if (!line) continue;
      const ends = boundEnds(line, this.target(line.startBind), this.target(line.endBind));
      if (ends.x === line.x && ends.y === line.y && ends.w === line.w && ends.h === line.h) continue;
      line.follow(ends);
      moved.push(id);
    }
    return moved;
  }

  /** The shape a line's end is bound to, if it exists and is one an end binds to. */
  target(id: string): ShapeModel | undefined {
    const shape = this.shapes.get(id);
    return shape && isBoxKind(shape.kind) ? shape : undefined;
  }

  private historyOf(viewId: string): History {
    let h = this.history.get(viewId);
    if (h === undefined) this.history.set(viewId, (h = { undo: [], redo: [] }));
    return h;
  }

  /** Files an operation for its sender's undo; `more`: their next event is part of the same operation. */
  private record(by: string, entry: Entry, more: boolean): void {
    if (by === '') return;
    const h = this.historyOf(by);
    const top = h.undo.at(-1);
    if (h.joining && top !== undefined) h.undo[h.undo.length - 1] = { t: 'group', entries: top.t === 'group' ? [...top.entries, entry] : [top, entry] };
    else h.undo.push(entry);
    if (h.undo.length > HISTORY_LIMIT) h.undo.shift();
    h.redo = [];
    if (more) h.joining = true;
    else delete h.joining;
  }

  /** Takes the newest entry of `from`, applies its inverse under the undo rule, files it in `to`. */
  private travel(from: 'undo' | 'redo', to: 'undo' | 'redo'): void {
    const by = this.sender();
    const h = this.history.get(by);
    const entry = h?.[from].pop();
    if (!h || !entry) return;
    const done = this.invert(entry, by);
    if (done) h[to].push(done.entry);
    this.changed(done?.changes ?? {});
  }

  private invert(entry: Entry, by: string): { entry: Entry; changes: Partial<ShapesChanged> } | null {
    switch (entry.t) {
      case 'group': {
        const done = [...entry.entries].reverse().flatMap((part) => this.invert(part, by) ?? []);
        if (done.length === 0) return null;
        const changes = { added: done.flatMap((d) => d.changes.added ?? []), changed: done.flatMap((d) => d.changes.changed ?? []), removed: done.flatMap((d) => d.changes.removed ?? []), reordered: done.some((d) => d.changes.reordered) };
        return { entry: { t: 'group', entries: done.map((d) => d.entry) }, changes };
      }
      case 'create': {
        const mine = entry.ids.filter((id) => this.shapes.get(id)?.editedBy === by && !this.shapes.get(id)!.locked);
        if (mine.length === 0) return null;
        const { shapes, at } = this.remove(mine);
        return { entry: { t: 'delete', shapes, at }, changes: { removed: mine } };
      }
      case 'delete': {
        const free = entry.shapes.map((r, i) => ({ r, at: entry.at[i]! })).filter(({ r }) => !this.shapes.has(r.id));
        if (free.length === 0) return null;
        this.insert(
          free.map((f) => f.r),
          by,
          free.map((f) => f.at),
        );
        const ids = free.map((f) => f.r.id);
        return { entry: { t: 'create', ids }, changes: { added: ids } };
      }
      case 'update': {
        const restored: Patch[] = [];
        const reapply: Patch[] = [];
        entry.before.forEach((old, i) => {
          const shape = this.shapes.get(old.id);
          const mine = entry.after[i]!.props as Record<string, unknown>;
          if (!shape) return;
          const back: Record<string, unknown> = {};
          const forward: Record<string, unknown> = {};
          for (const [key, value] of Object.entries(lockedOut(shape, old.props) ?? {})) {
            if (!sameValue(shape[key as keyof ShapePatch], mine[key])) continue; // someone changed it since
            back[key] = value;
            forward[key] = mine[key];
          }
          if (Object.keys(back).length === 0) return;
          this.patch(shape, back as ShapePatch, by);
          restored.push({ id: old.id, props: forward as ShapePatch });
          reapply.push({ id: old.id, props: back as ShapePatch });
        });
        if (restored.length === 0) return null;
        return { entry: { t: 'update', before: restored, after: reapply }, changes: { changed: reapply.map((p) => p.id) } };
      }
      case 'reorder': {
        const present = entry.ids.map((id, i) => ({ id, at: entry.at[i]! })).filter(({ id }) => this.shapes.has(id));
        if (present.length === 0) return null;
        const now = present.map(({ id }) => this.order.indexOf(id));
        const moving = new Set(present.map((p) => p.id));
        this.order = this.order.filter((id) => !moving.has(id));
        for (const { id, at } of [...present].sort((a, b) => a.at - b.at)) this.order.splice(Math.min(at, this.order.length), 0, id);
        return { entry: { t: 'reorder', ids: present.map((p) => p.id), at: now }, changes: { reordered: true } };
      }
    }
  }

  private changed(c: Partial<ShapesChanged>): void {
    const added = c.added ?? [];
    const changed = c.changed ?? [];
    const fresh = new Set([...added, ...changed]);
    const followed = this.follow([...fresh]).filter((id) => !fresh.has(id));
    const full: ShapesChanged = { added, changed: [...changed, ...followed], removed: c.removed ?? [], reordered: c.reordered ?? false };
    if (full.added.length + full.changed.length + full.removed.length === 0 && !full.reordered) return;
    this.publish(this.id, 'shapes', full);
  }
}
BoardModel.register('BoardModel');
