/**
 * Live presence over the ephemeral channel: where everyone's pointer is, the shape each person is
 * drawing before they let go, and what each has selected (outlined in their colour). Nothing here is logged or part of the model. Every message from a peer
 * is validated before use; a bad one is dropped.
 */
import { Packr } from 'msgpackr';
import type { BoardModel } from '../board/board-model';
import { expand, union } from '../board/geometry';
import { shapeBounds } from '../shapes';
import { isShapeId, sanitizeShape, type ShapeRecord } from '../board/shape';
import type { BoardCanvas } from './board-canvas';
import { Konva, Line, Rect, Text, type KonvaNode } from './konva';

const packr = new Packr({ useRecords: false, moreTypes: true });
const CURSOR_IDLE_MS = 8000;
/** Most selected ids one message names: a larger selection is shown by its first ones. */
export const MAX_SHOWN_SELECTION = 500;

type Message = { t: 'cursor'; x: number; y: number } | { t: 'stroke'; shape: ShapeRecord } | { t: 'end'; id: string } | { t: 'select'; ids: string[] };

export function encodePresence(msg: Message): Uint8Array {
  return packr.pack(msg);
}

export function decodePresence(bytes: Uint8Array): Message | null {
  let v: unknown;
  try {
    v = packr.unpack(bytes);
  } catch {
    return null;
  }
  const m = v as Record<string, unknown>;
  if (typeof v !== 'object' || v === null) return null;
  if (m.t === 'cursor' && Number.isFinite(m.x) && Number.isFinite(m.y)) return { t: 'cursor', x: m.x as number, y: m.y as number };
  if (m.t === 'stroke') {
    const shape = sanitizeShape(m.shape);
    return shape ? { t: 'stroke', shape } : null;
  }
  if (m.t === 'end' && typeof m.id === 'string') return { t: 'end', id: m.id };
  if (m.t === 'select' && Array.isArray(m.ids) && m.ids.length <= MAX_SHOWN_SELECTION && m.ids.every(isShapeId)) return { t: 'select', ids: m.ids as string[] };
  return null;
}

interface RemoteCursor {
  group: InstanceType<typeof Konva.Group>;
  seen: number;
}

export class Presence {
  private cursors = new Map<string, RemoteCursor>();
  private strokes = new Map<string, KonvaNode>();
  /** What each other person has selected, and the outline showing it. */
  private selections = new Map<string, { ids: string[]; outline: InstanceType<typeof Rect> | null }>();

  constructor(
    private readonly canvas: BoardCanvas,
    private readonly model: BoardModel,
  ) {}

  receive(from: string, bytes: Uint8Array): void {
    const msg = decodePresence(bytes);
    const who = this.model.participants.get(from);
    if (!msg || !who) return;
    if (msg.t === 'cursor') this.moveCursor(from, who.name, who.color, msg.x, msg.y);
    else if (msg.t === 'stroke') this.showStroke(msg.shape);
    else if (msg.t === 'select') this.showSelection(from, msg.ids);
    else this.dropStroke(msg.id);
  }

  private showSelection(viewId: string, ids: string[]): void {
    const entry = this.selections.get(viewId) ?? { ids: [], outline: null };
    entry.ids = ids;
    this.selections.set(viewId, entry);
    this.drawSelection(viewId);
  }

  /** One outline in the person's colour around everything they have selected (that still exists). */
  private drawSelection(viewId: string): void {
    const entry = this.selections.get(viewId);
    const who = this.model.participants.get(viewId);
    if (!entry) return;
    const box = union(entry.ids.flatMap((id) => (this.model.shapes.has(id) ? [shapeBounds(this.model.shapes.get(id)!)] : [])));
    if (box === null || !who) {
      entry.outline?.destroy();
      entry.outline = null;
    } else {
      const b = expand(box, 4 / this.canvas.camera.zoom);
      // A screen-thin line at any zoom.
      entry.outline ??= new Rect({ listening: false, name: 'remote-selection', strokeWidth: 1.5, strokeScaleEnabled: false });
      entry.outline.setAttrs({ x: b.minX, y: b.minY, width: b.maxX - b.minX, height: b.maxY - b.minY, stroke: who.color, dash: [6 / this.canvas.camera.zoom, 4 / this.canvas.camera.zoom] });
      if (!entry.outline.getParent()) this.canvas.overlay.add(entry.outline);
    }
    this.canvas.overlay.batchDraw();
  }

  /** How many other people's selections are outlined now (for tests and debugging). */
  selectionCount(): number {
    return [...this.selections.values()].filter((e) => e.outline !== null).length;
  }

  private moveCursor(viewId: string, name: string, color: string, x: number, y: number): void {
    let cursor = this.cursors.get(viewId);
    if (!cursor) {
      const group = new Konva.Group({ listening: false, name: 'remote-cursor' });
      const label = new Text({ x: 12, y: 14, text: name, fontSize: 12, fill: '#ffffff', padding: 3 });
      group.add(
        new Line({ points: [0, 0, 0, 16, 4.5, 12, 11, 12], closed: true, fill: color, stroke: '#ffffff', strokeWidth: 1 }),
        new Rect({ x: 12, y: 14, width: label.width(), height: label.height(), fill: color, cornerRadius: 3 }),
        label,
      );
      this.canvas.overlay.add(group);
      cursor = { group, seen: 0 };
      this.cursors.set(viewId, cursor);
    }
    cursor.seen = performance.now();
    cursor.group.setAttrs({ x, y, scaleX: 1 / this.canvas.camera.zoom, scaleY: 1 / this.canvas.camera.zoom, visible: true });
    this.canvas.overlay.batchDraw();
  }

  private showStroke(shape: ShapeRecord): void {
    this.strokes.get(shape.id)?.destroy();
    const node = this.canvas.nodeFor(shape);
    this.strokes.set(shape.id, node);
    this.canvas.active.add(node as never);
    this.canvas.content.batchDraw();
  }

  /** The stroke ended: it is about to arrive as a shape, or it was abandoned. */
  dropStroke(id: string): void {
    this.strokes.get(id)?.destroy();
    this.strokes.delete(id);
    this.canvas.content.batchDraw();
  }

  /** After a model change: forget people who left, and previews whose shape has arrived. */
  sync(): void {
    for (const [viewId, cursor] of this.cursors) {
      if (!this.model.participants.has(viewId)) {
        cursor.group.destroy();
        this.cursors.delete(viewId);
      }
    }
    for (const id of [...this.strokes.keys()]) if (this.model.shapes.has(id)) this.dropStroke(id);
    for (const viewId of [...this.selections.keys()]) {
      if (this.model.participants.has(viewId)) this.drawSelection(viewId);
      else {
        this.selections.get(viewId)!.outline?.destroy();
        this.selections.delete(viewId);
      }
    }
  }

  /** Keeps cursors the same size on screen at any zoom, and hides idle ones. */
  frame(): void {
    const now = performance.now();
    const scale = 1 / this.canvas.camera.zoom;
    for (const cursor of this.cursors.values()) {
      cursor.group.scale({ x: scale, y: scale });
      if (now - cursor.seen > CURSOR_IDLE_MS) cursor.group.visible(false);
    }
    this.canvas.overlay.batchDraw();
  }

  cursorCount(): number {
    return [...this.cursors.values()].filter((c) => c.group.visible()).length;
  }
}
