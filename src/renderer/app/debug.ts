/**
 * Read-only hooks for the end-to-end tests and for looking at a session from the console: the board's
 * content hash, a coarse picture of what the content layer shows, and of the same view drawn directly,
 * and what painting one shape does, call by call.
 */
import type { BoardModel } from '../board/board-model';
import { encodeClipboard } from '../canvas/clipboard';
import { visibleBox } from '../canvas/camera';
import { layoutText } from '../canvas/text-measure';
import { paintShape } from '../shapes';
import type { AppView } from './app-view';
import type { Session } from '../session/session';
import { toHex } from '../../shared/bytes';
import { sha256 } from '../../shared/hash';

/** A canvas in blocks of `block` pixels: each the average ink (0 blank, 255 solid dark). */
function inkOf(canvas: HTMLCanvasElement, block: number, width = canvas.width, height = canvas.height): number[] {
  const data = canvas.getContext('2d')!.getImageData(0, 0, width, height).data;
  const out: number[] = [];
  for (let by = 0; by + block <= height; by += block) {
    for (let bx = 0; bx + block <= width; bx += block) {
      let sum = 0;
      for (let y = 0; y < block; y++) {
        for (let x = 0; x < block; x++) {
          const i = ((by + y) * width + bx + x) * 4;
          sum += ((255 - (data[i]! + data[i + 1]! + data[i + 2]!) / 3) * data[i + 3]!) / 255;
        }
      }
      out.push(Math.round(sum / (block * block)));
    }
  }
  return out;
}

/** One call a painter made, with the context's paint state when it was made. */
interface PaintCall {
  op: string;
  args: unknown[];
  fillStyle: string;
  font: string;
  globalAlpha: number;
}

/** Paints a shape onto a context that notes each call it is given (and still draws). */
function paintCalls(shape: Parameters<typeof paintShape>[1]): PaintCall[] {
  const calls: PaintCall[] = [];
  const ctx = new OffscreenCanvas(16, 16).getContext('2d')!;
  const noting = new Proxy(ctx, {
    get(target, key) {
      const value = Reflect.get(target, key, target) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.push({ op: String(key), args, fillStyle: String(target.fillStyle), font: target.font, globalAlpha: target.globalAlpha });
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
    set: (target, key, value) => Reflect.set(target, key, value, target),
  });
  paintShape(noting, shape, { layout: layoutText, image: () => null, inverted: false });
  return calls;
}

export function debugHooks(session: Session<BoardModel>) {
  /** The content layer's own canvas, drawn as the model says now (Konva would redraw on the next frame). */
  const content = () => {
    const editor = (session.view as AppView).editor;
    editor.canvas.settleZoom(); // the picture once the zoom has rested
    // And once every stale part in view is painted again (a large edit is painted over a few frames).
    for (let i = 0; i < 1000 && (i === 0 || editor.canvas.mending); i++) editor.canvas.content.draw();
    const canvas = (editor.canvas.content.getCanvas() as unknown as { _canvas: HTMLCanvasElement })._canvas;
    return { canvas, ratio: canvas.width / editor.canvas.stage.width() };
  };
  return {
    /** SHA-256 over every shape in z-order, the images held (by content hash) and everyone present: equal on replicas that agree. */
    boardHash(): string {
      const model = session.model;
      const text = encodeClipboard(model.ordered().map((s) => s.record())) + JSON.stringify([...model.images.keys()]) + JSON.stringify([...model.participants]);
      return toHex(sha256(new TextEncoder().encode(text)));
    },
    /** The content layer in blocks of `block` pixels: each the average ink (0 blank, 255 solid dark). */
    inkBlocks(block = 8): number[] {
      return inkOf(content().canvas, block);
    },
    /** The same view drawn directly, shape by shape (no tiles): what inkBlocks must match; `exact`: every stroke with its full outline. */
    directInkBlocks(block = 8, exact = false): number[] {
      const { canvas: shown, ratio } = content();
      const board = (session.view as AppView).editor.canvas;
      const { width, height } = board.size;
      const drawn = board.drawTo(session.model.order, visibleBox(board.camera, width, height), board.camera.zoom * ratio, 'transparent', exact)._canvas;
      // Its size may round a pixel off the screen's: the blocks are counted over the screen's size.
      return inkOf(drawn, block, shown.width, shown.height);
    },
    /** What painting a shape does (its kind's painter, as the tiles run it), call by call. */
    painted(id: string): PaintCall[] {
      const shape = session.model.shapes.get(id);
      return shape ? paintCalls(shape) : [];
    },
    /** The content layer's colour at a point of the canvas (CSS pixels from its top left), as [r, g, b, a]. */
    colorAt(x: number, y: number): number[] {
      const { canvas, ratio } = content();
      return [...canvas.getContext('2d')!.getImageData(Math.round(x * ratio), Math.round(y * ratio), 1, 1).data];
    },
  };
}
