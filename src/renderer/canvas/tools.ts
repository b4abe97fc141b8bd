/**
 * The tools: what a press, a drag and a release mean. Each previews locally (active layer) and
 * publishes one operation when the gesture ends; the model's answer replaces the preview.
 */
import type { BoardModel } from '../board/board-model';
import { boundEnds } from '../board/binding';
import { boxFromRect } from '../board/geometry';
import { DEFAULT_PROPS, type ShapeKind, type ShapeRecord } from '../board/shape';
import { encodePoints } from '../board/stroke-codec';
import type { BoardActions } from './actions';
import type { BoardCanvas } from './board-canvas';
import { BIND_REACH, BoundLines, releasedBinds } from './bound-lines';
import { Line, Rect, type KonvaNode } from './konva';
import { penOutline } from '../shapes/pen-outline';
import { onGrid } from './snap';
import type { Selection } from './selection';
import { measureTextHeight } from './text-measure';
import type { Style } from './style';

export type ToolName = 'select' | 'hand' | 'pen' | 'line' | 'arrow' | 'rect' | 'ellipse' | 'text' | 'sticky' | 'eraser';

export interface PointerInfo {
  wx: number;
  wy: number;
  /** 0..1; 0.5 where the device has none. */
  pressure: number;
  pointerType: string;
  shift: boolean;
  /** Held: a move or a new shape goes exactly where the pointer does, unsnapped. */
  alt: boolean;
}

/** What tools may use. */
export interface ToolContext {
  canvas: BoardCanvas;
  model: BoardModel;
  actions: BoardActions;
  selection: Selection;
  style: Style;
  /** Shows a shape being drawn to the others while it is drawn (ephemeral). */
  liveStroke(id: string, record: ShapeRecord | null): void;
  /** Keeps a preview on screen until the shape it stands for arrives from the model. */
  holdPreview(id: string, node: KonvaNode): void;
  /** Opens the text editor at once: on a shape (`created` when it was just published), or at a point. */
  editText(target: { id: string; created?: ShapeRecord } | { x: number; y: number }): void;
  setTool(tool: ToolName): void;
  /**
   * A shape was just made with the tool in hand: back to Select with the new shapes selected (before
   * they arrive), unless the tool is locked, when the tool stays for the next shape.
   */
  shapeDone(ids: string[]): void;
  /** False on a read-only board: shapes are selected, not moved. */
  editable(): boolean;
  /** The grid's spacing in world units (0: no grid): moves and new shapes snap to it. */
  grid(): number;
}

/** A point on the grid when it is on (and Alt is not held), else where the pointer is. */
function gridPoint(ctx: ToolContext, p: PointerInfo): [number, number] {
  const grid = ctx.grid();
  return grid > 0 && !p.alt ? [onGrid(p.wx, grid), onGrid(p.wy, grid)] : [p.wx, p.wy];
}

export interface Tool {
  readonly cursor: string;
  down(p: PointerInfo): void;
  move(p: PointerInfo): void;
  up(p: PointerInfo): void;
  cancel(): void;
}

/** Select, move, marquee. */
export class SelectTool implements Tool {
  readonly cursor = 'default';
  /** A move under way: from where, what, and how far it has gone (snapped) so far. */
  private drag: { x: number; y: number; moving: Set<string>; moved: boolean; lines: BoundLines; dx: number; dy: number } | null = null;
  private marquee: { x: number; y: number; rect: InstanceType<typeof Rect>; add: boolean } | null = null;

  constructor(private readonly ctx: ToolContext) {}

  down(p: PointerInfo): void {
    const { canvas, selection } = this.ctx;
    const hit = canvas.hit(p.wx, p.wy, 6);
    if (hit) {
      if (p.shift) selection.toggle(hit);
      else if (!selection.ids.has(hit)) selection.set([hit]);
      if (!this.ctx.editable()) return;
      const moving = new Set<string>();
      for (const id of selection.ids) {
        if (this.ctx.model.shapes.get(id)?.locked) continue;
        // A large selection has no nodes: its outline moves instead (see Selection.carry).
        if (selection.large || canvas.node(id)) moving.add(id);
      }
      this.drag = { x: p.wx, y: p.wy, moving, moved: false, lines: new BoundLines(canvas, this.ctx.model, moving), dx: 0, dy: 0 };
      return;
    }
    if (!p.shift) selection.clear();
    const rect = new Rect({ x: p.wx, y: p.wy, width: 0, height: 0, fill: 'rgba(25,113,194,0.08)', stroke: '#1971c2', strokeWidth: 1 / canvas.camera.zoom, listening: false });
    canvas.overlay.add(rect);
    this.marquee = { x: p.wx, y: p.wy, rect, add: p.shift };
  }

  move(p: PointerInfo): void {
    const { canvas } = this.ctx;
    if (this.drag) {
      let dx = p.wx - this.drag.x;
      let dy = p.wy - this.drag.y;
      if (!this.drag.moved && Math.hypot(dx, dy) * canvas.camera.zoom < 3) return;
      const large = this.ctx.selection.large;
      if (!this.drag.moved && !large) canvas.lift(this.drag.moving, true); // moving: drawn live, carried as one
      this.drag.moved = true;
      // Into line with the shapes around (and onto the grid), unless Alt is held.
      const snap = p.alt ? null : canvas.snapMove(this.drag.moving, dx, dy, this.ctx.grid());
      dx += snap?.dx ?? 0;
      dy += snap?.dy ?? 0;
      canvas.guides.show(snap?.guides ?? [], canvas.camera.zoom);
      [this.drag.dx, this.drag.dy] = [dx, dy];
      if (large) this.ctx.selection.carry(dx, dy);
      else canvas.carry(dx, dy);
      this.drag.lines.follow((id) => {
        const shape = this.ctx.model.shapes.get(id);
        return shape && { ...shape, x: shape.x + dx, y: shape.y + dy };
      });
      this.ctx.selection.render();
      canvas.content.batchDraw();
    } else if (this.marquee) {
      const b = boxFromRect(this.marquee.x, this.marquee.y, p.wx - this.marquee.x, p.wy - this.marquee.y);
      this.marquee.rect.setAttrs({ x: b.minX, y: b.minY, width: b.maxX - b.minX, height: b.maxY - b.minY });
      canvas.overlay.batchDraw();
    }
  }

  up(p: PointerInfo): void {
    const { canvas, model, actions, selection } = this.ctx;
    if (this.drag?.moved) {
      const { dx, dy } = this.drag; // where it was last shown, snapped
      const { moving } = this.drag;
      actions.update(
        [...moving].map((id) => {
          const shape = model.shapes.get(id)!;
          return { id, props: { x: shape.x + dx, y: shape.y + dy, ...releasedBinds(shape, moving) } };
        }),
      );
      canvas.land(moving);
    } else if (this.marquee) {
      const b = boxFromRect(this.marquee.x, this.marquee.y, p.wx - this.marquee.x, p.wy - this.marquee.y);
      const inside = canvas.inside(b).filter((id) => !model.shapes.get(id)?.locked); // a click selects a locked shape, a sweep does not
      selection.set(this.marquee.add ? [...selection.ids, ...inside] : inside);
    }
    this.cancel();
  }

  cancel(): void {
    if (this.drag?.moved) {
      this.ctx.selection.carry(0, 0);
      this.ctx.canvas.carry(0, 0);
      this.drag.lines.reset();
      this.ctx.canvas.drop(this.drag.moving);
    }
    this.marquee?.rect.destroy();
    this.marquee = null;
    this.drag = null;
    this.ctx.canvas.guides.clear();
    this.ctx.canvas.stage.batchDraw();
  }
}

/** Freehand ink, with pressure from a pen where there is one. */
export class PenTool implements Tool {
  readonly cursor = 'crosshair';
  private stroke: { id: string; points: number[]; pressures: number[]; real: boolean; node: InstanceType<typeof Line>; sent: number } | null = null;

  constructor(private readonly ctx: ToolContext) {}

  private record(): ShapeRecord {
    const s = this.stroke!;
    const [x, y] = [s.points[0]!, s.points[1]!];
    return {
      ...DEFAULT_PROPS,
      id: s.id,
      kind: 'pen',
      x,
      y,
      stroke: this.ctx.style.stroke,
      strokeWidth: this.ctx.style.strokeWidth,
      opacity: this.ctx.style.opacity,
      points: encodePoints(s.points, x, y),
      pressures: s.real ? Uint8Array.from(s.pressures, (v) => Math.round(v * 255)) : null,
    };
  }

  private redraw(last: boolean): void {
    const s = this.stroke!;
    const rel = s.points.map((v, i) => v - s.points[i % 2]!);
    s.node.setAttrs({ x: s.points[0], y: s.points[1], points: penOutline(rel, s.real ? s.pressures.map((v) => v * 255) : null, this.ctx.style.strokeWidth, last) });
    this.ctx.canvas.content.batchDraw();
  }

  down(p: PointerInfo): void {
    const node = new Line({ closed: true, fill: this.ctx.style.stroke, listening: false, perfectDrawEnabled: false });
    this.ctx.canvas.active.add(node);
    this.stroke = { id: this.ctx.actions.newId(), points: [p.wx, p.wy], pressures: [p.pressure], real: p.pointerType === 'pen', node, sent: 0 };
    this.redraw(false);
  }

  move(p: PointerInfo): void {
    const s = this.stroke;
    if (!s) return;
    const n = s.points.length;
    if (Math.hypot(p.wx - s.points[n - 2]!, p.wy - s.points[n - 1]!) * this.ctx.canvas.camera.zoom < 1) return;
    s.points.push(p.wx, p.wy);
    s.pressures.push(p.pressure);
    this.redraw(false);
    if (performance.now() - s.sent > 50) {
      s.sent = performance.now();
      this.ctx.liveStroke(s.id, this.record());
    }
  }

  up(): void {
    const s = this.stroke;
    if (!s) return;
    this.redraw(true);
    this.ctx.actions.create([this.record()]);
    this.ctx.liveStroke(s.id, null);
    this.ctx.holdPreview(s.id, s.node);
    this.stroke = null;
  }

  cancel(): void {
    if (this.stroke) this.ctx.liveStroke(this.stroke.id, null);
    this.stroke?.node.destroy();
    this.stroke = null;
  }
}

/** Rectangle, ellipse, line and arrow: press, drag to size, release. Shift keeps it square or at 45 degrees. */
export class DragShapeTool implements Tool {
  readonly cursor = 'crosshair';
  private start: { x: number; y: number; id: string; bind: string } | null = null;
  private preview: KonvaNode | null = null;
  private last: ShapeRecord | null = null;
  /** When the others were last shown the shape in progress (0: not yet). */
  private sent = 0;

  constructor(
    private readonly ctx: ToolContext,
    private readonly kind: Extract<ShapeKind, 'rect' | 'ellipse' | 'line' | 'arrow'>,
  ) {}

  private recordTo(p: PointerInfo): ShapeRecord {
    const { x, y, id } = this.start!;
    const [px, py] = gridPoint(this.ctx, p);
    let w = px - x;
    let h = py - y;
    if (p.shift) {
      if (this.kind === 'line' || this.kind === 'arrow') {
        const angle = Math.round(Math.atan2(h, w) / (Math.PI / 4)) * (Math.PI / 4);
        const len = Math.hypot(w, h);
        [w, h] = [Math.cos(angle) * len, Math.sin(angle) * len];
      } else {
        const side = Math.max(Math.abs(w), Math.abs(h));
        [w, h] = [Math.sign(w || 1) * side, Math.sign(h || 1) * side];
      }
    }
    const { style } = this.ctx;
    const box = this.kind === 'rect' || this.kind === 'ellipse';
    const record: ShapeRecord = { ...DEFAULT_PROPS, id, kind: this.kind, x, y, w, h, stroke: style.stroke, fill: box ? style.fill : 'transparent', fillStyle: style.fillStyle, strokeWidth: style.strokeWidth, dash: style.dash, ...(this.kind === 'arrow' && { heads: style.heads }), opacity: style.opacity };
    if (box) return record;
    // A line begun on a shape, or let go on one, binds to it: its ends sit where the model will put them.
    const { canvas, model } = this.ctx;
    const startBind = this.start!.bind;
    const endBind = canvas.bindTarget(p.wx, p.wy, BIND_REACH, startBind);
    return { ...record, startBind, endBind, ...boundEnds(record, model.target(startBind), model.target(endBind)) };
  }

  down(p: PointerInfo): void {
    const bind = this.kind === 'line' || this.kind === 'arrow' ? this.ctx.canvas.bindTarget(p.wx, p.wy, BIND_REACH) : '';
    const [x, y] = gridPoint(this.ctx, p);
    this.start = { x, y, id: this.ctx.actions.newId(), bind };
  }

  move(p: PointerInfo): void {
    if (!this.start) return;
    this.last = this.recordTo(p);
    this.preview?.destroy();
    this.preview = this.ctx.canvas.nodeFor(this.last);
    this.ctx.canvas.active.add(this.preview as never);
    this.ctx.canvas.content.batchDraw();
    // Everyone sees it take shape, as they see a pen stroke (ephemeral, a few times a second).
    if (performance.now() - this.sent > 50) {
      this.sent = performance.now();
      this.ctx.liveStroke(this.last.id, this.last);
    }
  }

  up(p: PointerInfo): void {
    if (!this.start) return;
    const record = this.recordTo(p);
    const big = Math.hypot(record.w, record.h) * this.ctx.canvas.camera.zoom >= 4;
    if (big) {
      this.ctx.actions.create([record]);
      if (this.preview) this.ctx.holdPreview(record.id, this.preview);
      this.preview = null;
      this.ctx.shapeDone([record.id]);
    }
    this.cancel();
  }

  cancel(): void {
    if (this.start && this.sent > 0) this.ctx.liveStroke(this.start.id, null);
    this.sent = 0;
    this.preview?.destroy();
    this.preview = null;
    this.start = null;
    this.last = null;
    this.ctx.canvas.content.batchDraw();
  }
}

/** Text: click where the words go, then type. */
export class TextTool implements Tool {
  readonly cursor = 'text';
  constructor(private readonly ctx: ToolContext) {}
  down(): void {}
  move(): void {}
  up(p: PointerInfo): void {
    this.ctx.editText({ x: p.wx, y: p.wy });
  }
  cancel(): void {}
}

/** Sticky note: click to place one, then type on it. */
export class StickyTool implements Tool {
  readonly cursor = 'crosshair';
  static readonly SIZE = 200;
  constructor(private readonly ctx: ToolContext) {}
  down(): void {}
  move(): void {}
  up(p: PointerInfo): void {
    const size = StickyTool.SIZE;
    const id = this.ctx.actions.newId();
    const { opacity, fontSize, font } = this.ctx.style;
    const record: ShapeRecord = { ...DEFAULT_PROPS, id, kind: 'sticky', x: p.wx - size / 2, y: p.wy - size / 2, w: size, h: size, stroke: '#1e1e1e', fill: 'transparent', fontSize, font, opacity };
    this.ctx.actions.create([record]);
    // Shown and editable at once: the words typed go out after the creation, so they reach it in order.
    const preview = this.ctx.canvas.nodeFor(record);
    this.ctx.canvas.active.add(preview as never);
    this.ctx.holdPreview(id, preview);
    this.ctx.shapeDone([]);
    this.ctx.editText({ id, created: record });
  }
  cancel(): void {}
}

/** Eraser: everything it touches fades, and goes when the press ends. */
export class EraserTool implements Tool {
  readonly cursor = 'cell';
  private doomed: Set<string> | null = null;
  constructor(private readonly ctx: ToolContext) {}

  down(p: PointerInfo): void {
    this.doomed = new Set();
    this.move(p);
  }

  move(p: PointerInfo): void {
    if (!this.doomed) return;
    const id = this.ctx.canvas.hit(p.wx, p.wy, 8);
    if (id && !this.doomed.has(id) && !this.ctx.model.shapes.get(id)?.locked) {
      this.doomed.add(id);
      this.ctx.canvas.lift([id]); // fading: drawn live
      this.ctx.canvas.node(id)?.opacity(0.25);
      this.ctx.canvas.content.batchDraw();
    }
  }

  up(): void {
    if (this.doomed) {
      this.ctx.actions.remove([...this.doomed]);
      this.ctx.canvas.land(this.doomed);
    }
    this.doomed = null;
  }

  cancel(): void {
    for (const id of this.doomed ?? []) this.ctx.canvas.node(id)?.opacity(1); // the shape's own opacity is painted by the node
    this.ctx.canvas.drop(this.doomed ?? []);
    this.doomed = null;
    this.ctx.canvas.content.batchDraw();
  }
}

/** The record of a text shape for words typed at a point. */
export function textRecord(id: string, x: number, y: number, text: string, style: Style): ShapeRecord {
  const width = 320;
  return { ...DEFAULT_PROPS, id, kind: 'text', x, y, w: width, h: measureTextHeight(text, width, style.fontSize, style.font), text, stroke: style.stroke, fontSize: style.fontSize, font: style.font, strokeWidth: 0, opacity: style.opacity };
}

