/**
 * The board editor: the canvas plus everything a person does to it (tools, selection, commands,
 * clipboard, export, camera). It reads the model and publishes operations; it never writes the model.
 */
import type { BoardModel, ShapesChanged } from '../board/board-model';
import { expand, LINE_HEIGHT, union } from '../board/geometry';
import { align, distribute, type Alignment, type Distribution } from '../board/arrange';
import { isLineKind, type ShapePatch, type ShapeRecord } from '../board/shape';
import { boardActions, type BoardActions } from './actions';
import { BoardCanvas } from './board-canvas';
import { clampZoom, fitBox, screenToWorld, visibleBox, zoomAt, type Camera } from './camera';
import { cloneShapes, decodeClipboard, encodeClipboard } from './clipboard';
import { GRID_SIZE } from './grid';
import { placeImages, readImage, sendImage, type ImageFile, type PlacedImage } from './image-insert';
import { InputController } from './input';
import type { KonvaNode } from './konva';
import { MAX_SHOWN_SELECTION, encodePresence, Presence } from './presence';
import { Selection } from './selection';
import type { Command } from './shortcuts';
import { layoutText } from './text-measure';
import { takesWords, wordsFrame, wordsPatch } from './words';
import { defaultStyle, type Style } from './style';
import { shapesToSvg } from './svg-export';
import { TextEditor } from './text-editor';
import { DragShapeTool, EraserTool, PenTool, SelectTool, StickyTool, TextTool, textRecord, type Tool, type ToolContext, type ToolName } from './tools';

export interface EditorHost {
  readonly viewId: string;
  publish(scope: string, event: string, data?: unknown): void;
  publishEphemeral(data: Uint8Array): void;
}

const CURSOR_INTERVAL_MS = 33;

export class Editor {
  readonly canvas: BoardCanvas;
  readonly selection: Selection;
  readonly presence: Presence;
  readonly actions: BoardActions;
  readonly style: Style = defaultStyle();
  toolName: ToolName = 'select';
  private tools: Record<ToolName, Tool>;
  private input: InputController;
  private text: TextEditor;
  private previews = new Map<string, KonvaNode>();
  /** What this view created that the model has not answered yet: copied or duplicated as it stands. */
  private unarrived = new Map<string, ShapeRecord>();
  private clipboard: ShapeRecord[] = [];
  private pastes = 0;
  private lastCursor = 0;
  private resizeObserver: ResizeObserver;
  /** True: a drawing tool stays in hand after each shape instead of returning to Select. */
  toolLocked = false;
  private selectionShare: ReturnType<typeof setTimeout> | null = null;
  /** The chrome shows its menu here (after a right-click has chosen what it acts on). */
  onContextMenu: (clientX: number, clientY: number) => void = () => {};
  /** The chrome asks the person for image files (the system's file picker) and gives them to insertImages. */
  onInsertImage: () => void = () => {};
  /** The chrome says it: what could not be done (an image too large, or not an image). */
  onNotice: (text: string) => void = () => {};
  /** The chrome listens: tool, selection or zoom changed. */
  onChange: () => void = () => {};
  /** False once the session has ended: the board can be looked at, copied and exported, not changed. */
  editable = true;

  constructor(
    container: HTMLDivElement,
    private readonly model: BoardModel,
    private readonly host: EditorHost,
  ) {
    this.canvas = new BoardCanvas(container, model);
    const actions = boardActions(host);
    // Nothing is published once the board is read-only: no edit may look made and then be lost.
    const whileEditable =
      <A extends unknown[]>(f: (...args: A) => void) =>
      (...args: A) => {
        if (this.editable) f(...args);
      };
    this.actions = {
      create: whileEditable((shapes) => {
        for (const shape of shapes) this.unarrived.set(shape.id, shape);
        actions.create(shapes);
      }),
      update: whileEditable(actions.update),
      remove: whileEditable(actions.remove),
      reorder: whileEditable(actions.reorder),
      undo: whileEditable(actions.undo),
      redo: whileEditable(actions.redo),
      imagePart: whileEditable(actions.imagePart),
      newId: actions.newId,
    };
    this.selection = new Selection(this.canvas, model, this.actions);
    this.selection.onChange = () => {
      this.shareSelection();
      this.onChange();
    };
    this.presence = new Presence(this.canvas, model);
    this.text = new TextEditor(container);
    const ctx: ToolContext = {
      canvas: this.canvas,
      model,
      actions: this.actions,
      selection: this.selection,
      style: this.style,
      liveStroke: (id, record) => host.publishEphemeral(encodePresence(record ? { t: 'stroke', shape: record } : { t: 'end', id })),
      holdPreview: (id, node) => this.previews.set(id, node),
      editText: (target) => this.editText(target),
      setTool: (tool) => this.setTool(tool),
      shapeDone: (ids) => this.shapeDone(ids),
      editable: () => this.editable,
      grid: () => this.canvas.grid.spacing,
    };
    const select = new SelectTool(ctx);
    this.tools = {
      select,
      hand: select,
      pen: new PenTool(ctx),
      line: new DragShapeTool(ctx, 'line'),
      arrow: new DragShapeTool(ctx, 'arrow'),
      rect: new DragShapeTool(ctx, 'rect'),
      ellipse: new DragShapeTool(ctx, 'ellipse'),
      text: new TextTool(ctx),
      sticky: new StickyTool(ctx),
      eraser: new EraserTool(ctx),
    };
    this.input = new InputController({
      element: container,
      camera: () => this.canvas.camera,
      setCamera: (c) => this.setCamera(c),
      tool: () => this.tools[this.toolName],
      handTool: () => this.toolName === 'hand',
      pointerMoved: (wx, wy) => this.sendCursor(wx, wy),
      doubleClick: (wx, wy) => this.doubleClick(wx, wy),
      contextMenu: (wx, wy, cx, cy) => this.contextMenu(wx, wy, cx, cy),
      ownsPointer: (sx, sy) => this.selection.handlesAt(sx, sy),
    });
    this.canvas.onCamera = () => {
      this.selection.render();
      this.presence.frame();
      this.onChange();
    };
    this.canvas.onRebuilt = () => this.selection.render();
    this.resizeObserver = new ResizeObserver(() => this.canvas.resize());
    this.resizeObserver.observe(container);
  }

  /** The model changed: redraw what changed, then everything that depends on it. */
  applyChanges(change: ShapesChanged): void {
    this.canvas.apply(change);
    for (const id of change.added) {
      this.previews.get(id)?.destroy();
      this.previews.delete(id);
      this.unarrived.delete(id);
    }
    this.selection.refresh();
    this.presence.sync();
    this.canvas.stage.batchDraw();
    // The style panel shows the selection's style: a selected shape restyled (by anyone) shows at once.
    if (change.changed.some((id) => this.selection.ids.has(id))) this.onChange();
  }

  /**
   * Changes the pen and the selected shapes. Text takes the height its lines need in the new font or
   * size, so its box (and what a click hits) stays true.
   */
  restyle(patch: Partial<Style>): void {
    Object.assign(this.style, patch);
    const changes = this.selectedShapes().map((s) => {
      const props: ShapePatch = { ...patch };
      const fontSize = patch.fontSize ?? s.fontSize;
      const font = patch.font ?? s.font;
      if ((patch.font !== undefined || patch.fontSize !== undefined) && s.text !== '') {
        const fitted = wordsPatch({ ...s, fontSize, font }, s.text);
        if (fitted.h !== undefined) props.h = fitted.h;
      }
      return { id: s.id, props };
    });
    this.actions.update(changes);
  }

  /** Aligns or distributes the selection (one undoable change). */
  arrange(how: Alignment | Distribution): void {
    const shapes = this.selectedShapes();
    const moves = how === 'horizontal' || how === 'vertical' ? distribute(shapes, how) : align(shapes, how);
    if (moves.length > 0) this.actions.update(moves);
  }

  /** The selected shapes as the model holds them now (or as sent, if still on their way), in no order. */
  selectedShapes(): ShapeRecord[] {
    const out: ShapeRecord[] = [];
    for (const id of this.selection.ids) {
      const record = this.model.shapes.get(id)?.record() ?? this.unarrived.get(id);
      if (record) out.push(record);
    }
    return out;
  }

  participantsChanged(): void {
    this.presence.sync();
    // Someone new does not know what is selected here yet.
    if (this.selection.ids.size > 0) this.shareSelection();
  }

  /**
   * Shows the others what this person has selected (ephemeral, outlined in their colour there), at most
   * every 100 ms: a marquee changes the selection at every move, and the ephemeral rate is shared.
   */
  private shareSelection(): void {
    this.selectionShare ??= setTimeout(() => {
      this.selectionShare = null;
      this.host.publishEphemeral(encodePresence({ t: 'select', ids: [...this.selection.ids].slice(0, MAX_SHOWN_SELECTION) }));
    }, 100);
  }

  /** The session has ended: from now on the board is only looked at (select, pan, zoom, copy, export). */
  setReadOnly(): void {
    this.text.close();
    this.setTool('select');
    this.editable = false;
    this.selection.setEditable(false);
    this.onChange();
  }

  /** See ToolContext.shapeDone. */
  private shapeDone(ids: string[]): void {
    if (this.toolLocked) return;
    this.setTool('select');
    this.selection.selectComing(ids);
  }

  /** Keeps the drawing tool in hand after each shape (as the pen always does), or not. */
  setToolLocked(locked: boolean): void {
    this.toolLocked = locked;
    this.onChange();
  }

  setTool(tool: ToolName): void {
    if (!this.editable && tool !== 'select' && tool !== 'hand') return;
    this.tools[this.toolName].cancel();
    this.toolName = tool;
    if (tool !== 'select' && tool !== 'hand') this.selection.clear();
    this.input.refreshCursor();
    this.onChange();
  }

  setCamera(camera: Camera): void {
    this.canvas.setCamera(camera);
  }

  private sendCursor(wx: number, wy: number): void {
    const now = performance.now();
    if (now - this.lastCursor < CURSOR_INTERVAL_MS) return;
    this.lastCursor = now;
    this.host.publishEphemeral(encodePresence({ t: 'cursor', x: wx, y: wy }));
  }

  /** Right-click: on a shape not selected, it becomes the selection; on the empty board, nothing is. */
  private contextMenu(wx: number, wy: number, clientX: number, clientY: number): void {
    const id = this.canvas.hit(wx, wy, 6);
    if (id === null) this.selection.clear();
    else if (!this.selection.ids.has(id)) this.selection.set([id]);
    this.onContextMenu(clientX, clientY);
  }

  private doubleClick(wx: number, wy: number): void {
    const id = this.canvas.hit(wx, wy, 6);
    const shape = id ? this.model.shapes.get(id) : undefined;
    if (shape && takesWords(shape) && !shape.locked) this.editText({ id: shape.shapeId });
    else if (!shape && this.toolName === 'select') this.editText({ x: wx, y: wy });
  }

  /**
   * Opens the text editor at once, on a shape's words (see words.ts) or at a point for new text. A sticky just
   * placed (`created`) has not arrived yet; what is typed on it is published after its creation, so
   * it reaches the model in order.
   */
  editText(target: { id: string; created?: ShapeRecord } | { x: number; y: number }): void {
    if (!this.editable) return;
    const camera = this.canvas.camera;
    if ('x' in target) {
      this.text.edit(
        { x: target.x, y: target.y, width: 320, height: this.style.fontSize * LINE_HEIGHT, rotation: 0, align: 'left', fontSize: this.style.fontSize, font: this.style.font, color: this.style.stroke, background: 'transparent', text: '', commit: (text) => {
            if (text.trim()) this.actions.create([textRecord(this.actions.newId(), target.x, target.y, text, this.style)]);
            this.shapeDone([]);
          },
        },
        camera,
      );
      return;
    }
    const id = target.id;
    const s = this.model.shapes.get(id) ?? target.created;
    if (s === undefined || !takesWords(s)) return;
    const frame = wordsFrame(s);
    this.text.edit(
      {
        ...frame,
        rotation: isLineKind(s.kind) ? 0 : s.rotation,
        fontSize: s.fontSize,
        font: s.font,
        color: s.stroke,
        background: 'transparent',
        text: s.text,
        commit: (text) => {
          if (text === s.text) return;
          if (s.kind === 'text' && !text.trim()) return this.actions.remove([id]);
          this.actions.update([{ id, props: wordsPatch(s, text) }]);
        },
      },
      this.canvas.camera,
    );
  }

  // ---- commands (shortcuts, toolbar, menus) ----

  run(command: Command): void {
    const selected = [...this.selection.ids];
    switch (command) {
      case 'undo':
        return this.actions.undo();
      case 'redo':
        return this.actions.redo();
      case 'delete':
        this.actions.remove(selected.filter((id) => !this.model.shapes.get(id)?.locked));
        return this.selection.clear();
      case 'duplicate': {
        const copies = cloneShapes(this.records(selected), () => this.actions.newId(), 16, 16);
        this.actions.create(copies);
        return this.selection.selectComing(copies.map((c) => c.id));
      }
      case 'selectAll':
        this.setTool('select');
        return this.selection.set(this.model.order);
      case 'escape':
        this.tools[this.toolName].cancel();
        this.selection.clear();
        return this.setTool('select');
      case 'bringForward':
        return this.actions.reorder(this.backToFront(), 'forward');
      case 'sendBackward':
        return this.actions.reorder(this.backToFront(), 'backward');
      case 'bringToFront':
        return this.actions.reorder(this.backToFront(), 'front');
      case 'sendToBack':
        return this.actions.reorder(this.backToFront(), 'back');
      case 'lock': {
        const shapes = this.selectedShapes();
        const locked = shapes.some((s) => !s.locked); // mixed: lock them all
        this.actions.update(shapes.filter((s) => s.locked !== locked).map((s) => ({ id: s.id, props: { locked } })));
        return this.selection.render();
      }
      case 'group': {
        const shapes = this.selectedShapes().filter((s) => !s.locked);
        if (shapes.length < 2) return;
        const group = this.actions.newId();
        return this.actions.update(shapes.map((s) => ({ id: s.id, props: { group } })));
      }
      case 'ungroup':
        return this.actions.update(this.selectedShapes().filter((s) => s.group !== '' && !s.locked).map((s) => ({ id: s.id, props: { group: '' } })));
      case 'zoomIn':
      case 'zoomOut': {
        const { width, height } = this.canvas.size;
        return this.setCamera(zoomAt(this.canvas.camera, width / 2, height / 2, command === 'zoomIn' ? 1.25 : 0.8));
      }
      case 'zoomReset': {
        const { width, height } = this.canvas.size;
        return this.setCamera(zoomAt(this.canvas.camera, width / 2, height / 2, 1 / this.canvas.camera.zoom));
      }
      case 'zoomToFit':
        return this.zoomToFit();
      case 'toolLock':
        return this.setToolLocked(!this.toolLocked);
      case 'grid':
        this.canvas.grid.spacing = this.canvas.grid.spacing > 0 ? 0 : GRID_SIZE;
        return this.onChange();
      case 'insertImage':
        return this.editable ? this.onInsertImage() : undefined;
      default:
        if (command.startsWith('tool.')) this.setTool(command.slice(5) as ToolName);
    }
  }

  zoomToFit(): void {
    const box = this.canvas.index.extent(); // every shape is indexed, its bounds worked out once
    const { width, height } = this.canvas.size;
    this.setCamera(box ? fitBox(box, width, height) : { x: -width / 2, y: -height / 2, zoom: clampZoom(1) });
  }

  /** The records of these shapes in z-order, then those still on their way to the model. */

  /** The selected shapes in the board's order, back to front (a reorder sent in parts keeps it). */
  private backToFront(): string[] {
    return this.model.order.filter((id) => this.selection.ids.has(id));
  }
  private records(ids: string[]): ShapeRecord[] {
    const wanted = new Set(ids);
    const held = this.model.order.filter((id) => wanted.has(id)).map((id) => this.model.shapes.get(id)!.record());
    return [...held, ...[...this.unarrived.values()].filter((r) => wanted.has(r.id) && !this.model.shapes.has(r.id))];
  }

  // ---- clipboard: the DOM's copy, cut and paste events (keys, menus, a LAN browser without the async API) ----

  /** Puts the selection on the clipboard the event carries; false when nothing is selected. */
  copyTo(data: DataTransfer, cut: boolean): boolean {
    const ids = [...this.selection.ids];
    if (ids.length === 0) return false;
    this.clipboard = this.records(ids);
    this.pastes = 0;
    data.setData('text/plain', encodeClipboard(this.clipboard, (hash) => this.model.images.get(hash)));
    if (cut) {
      this.actions.remove(ids);
      this.selection.clear();
    }
    return true;
  }

  /**
   * Pastes shapes from clipboard text, or what was last copied here when the text holds none of ours.
   * Images the shapes show that this board lacks come with them; a shape whose image came with nothing is left out.
   */
  pasteFrom(text: string): void {
    const fromSystem = decodeClipboard(text);
    for (const [hash, image] of fromSystem?.images ?? []) sendImage(this.model, this.actions, image.bytes, hash);
    const shapes = (fromSystem && fromSystem.shapes.length > 0 ? fromSystem.shapes : this.clipboard).filter((s) => s.asset === '' || this.model.images.has(s.asset) || fromSystem?.images.has(s.asset));
    if (shapes.length === 0) return;
    const offset = 16 * ++this.pastes;
    const copies = cloneShapes(shapes, () => this.actions.newId(), offset, offset);
    this.actions.create(copies);
    this.selection.selectComing(copies.map((c) => c.id));
  }

  /** Puts image files on the board (pasted, dropped or picked), centred on a point of the canvas or in the middle of the view. */
  async insertImages(files: readonly ImageFile[], at?: { x: number; y: number }): Promise<void> {
    if (!this.editable || files.length === 0) return;
    const read = await Promise.all(files.map((file) => readImage(file, this.model)));
    const images = read.filter((r): r is PlacedImage => !('error' in r));
    for (const r of read) if ('error' in r) this.onNotice(r.error);
    if (images.length === 0) return;
    const { width, height } = this.canvas.size;
    const camera = this.canvas.camera;
    const view = visibleBox(camera, width, height);
    const [x, y] = at ? screenToWorld(camera, at.x, at.y) : [(view.minX + view.maxX) / 2, (view.minY + view.maxY) / 2];
    const shapes = placeImages(images, this.model, this.actions, { x, y }, { w: view.maxX - view.minX, h: view.maxY - view.minY });
    this.setTool('select');
    this.selection.selectComing(shapes.map((s) => s.id));
  }

  // ---- export ----

  exportSvg(onlySelection: boolean): string {
    const ids = onlySelection && this.selection.ids.size > 0 ? [...this.selection.ids] : this.model.order;
    return shapesToSvg(this.records(ids), layoutText, (hash) => this.model.images.get(hash));
  }

  /** A PNG of the board (or the selection) at `pixelRatio`, on white. */
  private exportBox(ids: readonly string[]) {
    return union(ids.map((id) => this.canvas.index.boxOf(id)!).filter(Boolean)) ?? { minX: 0, minY: 0, maxX: 1, maxY: 1 };
  }

  /** A small PNG of the whole board for the library (longest side at most `maxSide` px), or null if empty. */
  thumbnail(maxSide = 320): string | null {
    if (this.model.order.length === 0) return null;
    const box = this.exportBox(this.model.order);
    return this.exportPng(false, Math.min(1, maxSide / (Math.max(box.maxX - box.minX, box.maxY - box.minY) + 32)));
  }

  exportPng(onlySelection: boolean, pixelRatio: number): string {
    const ids = onlySelection && this.selection.ids.size > 0 ? [...this.selection.ids] : this.model.order;
    const box = expand(this.exportBox(ids), 16);
    return this.canvas.picture(ids, box, pixelRatio, '#ffffff');
  }

  frame(): void {
    this.presence.frame();
  }

  destroy(): void {
    if (this.selectionShare) clearTimeout(this.selectionShare);
    this.text.close();
    this.input.destroy();
    this.resizeObserver.disconnect();
    this.canvas.destroy();
  }
}
