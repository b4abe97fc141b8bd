/**
 * One driver for a Lanvas board page, whether it is a browser tab on the web client or the desktop
 * app's window: what a person does (pick a tool, drag, type) and what the tests read back.
 */
import { expect, type Page } from '@playwright/test';

/** One call a shape's painter made, with the fill, font and alpha it was made with (see app/debug.ts). */
export interface PaintCall {
  op: string;
  args: unknown[];
  fillStyle: string;
  font: string;
  globalAlpha: number;
}
type Debug = { boardHash(): string; inkBlocks(block?: number): number[]; directInkBlocks(block?: number, exact?: boolean): number[]; colorAt(x: number, y: number): number[]; painted(id: string): PaintCall[] };
type Win = { lanvasDebug: Debug; lanvasSession: { unacknowledged: number; vm: { seq: number }; model: { order: string[]; shapes: Map<string, { kind: string; text: string }> }; view: { editor: Record<string, unknown> } } };

export interface ShapeSummary {
  id: string;
  kind: string;
  x: number;
  y: number;
  w: number;
  h: number;
  startBind: string;
  endBind: string;
  group: string;
  locked: boolean;
  text: string;
  asset: string;
}

export class BoardDriver {
  constructor(readonly page: Page) {}

  async connected(): Promise<void> {
    await expect(this.page.getByTestId('status')).toHaveAttribute('data-status', 'connected', { timeout: 15_000 });
  }

  /** Presses a tool's shortcut key, as a person would. */
  async tool(key: string): Promise<void> {
    await this.page.locator('[data-testid="canvas"]').hover({ position: { x: 5, y: 5 } });
    await this.page.keyboard.press(key);
  }

  async drag(from: [number, number], to: [number, number], steps = 8): Promise<void> {
    const m = this.page.mouse;
    await m.move(...from);
    await m.down();
    await m.move(...to, { steps });
    await m.up();
  }

  /** A freehand stroke through the given points. */
  async scribble(points: [number, number][]): Promise<void> {
    const m = this.page.mouse;
    await m.move(...points[0]!);
    await m.down();
    for (const p of points.slice(1)) await m.move(...p, { steps: 2 });
    await m.up();
  }

  async typeAt(tool: 't' | 'n', at: [number, number], text: string): Promise<void> {
    await this.tool(tool);
    await this.page.mouse.click(...at);
    await expect(this.page.getByTestId('text-editor')).toBeFocused();
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Escape');
    await expect(this.page.getByTestId('text-editor')).toHaveCount(0);
  }

  shapeCount(): Promise<number> {
    return this.page.evaluate(() => (window as unknown as Win).lanvasSession.model.order.length);
  }

  kinds(): Promise<string[]> {
    return this.page.evaluate(() => {
      const { model } = (window as unknown as Win).lanvasSession;
      return model.order.map((id) => model.shapes.get(id)!.kind);
    });
  }

  /** The shapes in z-order, back to front, with their place rounded to whole pixels. */
  shapes(): Promise<ShapeSummary[]> {
    return this.page.evaluate(() => {
      const { model } = (window as unknown as { lanvasSession: { model: { order: string[]; shapes: Map<string, ShapeSummary> } } }).lanvasSession;
      return model.order.map((id) => {
        const s = model.shapes.get(id)!;
        return { id, kind: s.kind, x: Math.round(s.x), y: Math.round(s.y), w: Math.round(s.w), h: Math.round(s.h), startBind: s.startBind, endBind: s.endBind, group: s.group, locked: s.locked, text: s.text, asset: s.asset };
      });
    });
  }

  /** The images the board holds: hash, type and size. */
  images(): Promise<{ hash: string; type: string; width: number; height: number; bytes: number }[]> {
    return this.page.evaluate(() => {
      const { model } = (window as unknown as { lanvasSession: { model: { images: Map<string, { type: string; width: number; height: number; bytes: Uint8Array }> } } }).lanvasSession;
      return [...model.images].map(([hash, a]) => ({ hash, type: a.type, width: a.width, height: a.height, bytes: a.bytes.length }));
    });
  }

  texts(): Promise<string[]> {
    return this.page.evaluate(() => {
      const { model } = (window as unknown as Win).lanvasSession;
      return model.order.map((id) => model.shapes.get(id)!.text).filter(Boolean);
    });
  }

  seq(): Promise<number> {
    return this.page.evaluate(() => (window as unknown as Win).lanvasSession.vm.seq);
  }

  /** Events this page sent that the host has not yet stamped and echoed. */
  unacknowledged(): Promise<number> {
    return this.page.evaluate(() => (window as unknown as Win).lanvasSession.unacknowledged);
  }

  /**
   * Publishes `times` small edits (the first shape nudged back and forth), paced under the per-client
   * rate limit, and waits until the host has acknowledged them all.
   */
  async nudge(times = 20): Promise<void> {
    await this.page.evaluate(async (n) => {
      const { model, view } = (window as unknown as { lanvasSession: { model: { order: string[] }; view: { editor: { actions: { update(c: unknown[]): void } } } } }).lanvasSession;
      const id = model.order[0]!;
      for (let i = 0; i < n; i++) {
        view.editor.actions.update([{ id, props: { x: 300 + (i % 20) } }]);
        await new Promise((r) => setTimeout(r, 20));
      }
    }, times);
    await expect.poll(() => this.unacknowledged()).toBe(0);
  }

  boardHash(): Promise<string> {
    return this.page.evaluate(() => (window as unknown as Win).lanvasDebug.boardHash());
  }

  /** Evaluates an expression on the editor (e.g. 'presence.cursorCount()'). */
  editor<T>(expression: string): Promise<T> {
    return this.page.evaluate((expr) => new Function('editor', `return editor.${expr}`)((window as unknown as Win).lanvasSession.view.editor) as T, expression);
  }

  /** Where an overlay node (a handle; `node` is an editor expression for it) is on the page, `inset` into it. */
  async handle(node: string, inset = 0): Promise<[number, number]> {
    const canvas = (await this.page.getByTestId('canvas').boundingBox())!;
    const p = await this.editor<{ x: number; y: number }>(`${node}.getAbsolutePosition()`);
    return [canvas.x + p.x + inset, canvas.y + p.y + inset];
  }

  /** A Transformer anchor of the selection ('bottom-right', 'middle-left', 'rotater', ...). */
  anchor(name: string): Promise<[number, number]> {
    return this.handle(`selection.transformer.findOne('.${name}')`);
  }

  /** The centre of the handle on the start (0) or end (1) of a lone selected line. */
  lineEnd(end: 0 | 1): Promise<[number, number]> {
    return this.handle(`selection.ends[${end}]`, 5);
  }

  async zoomToFit(): Promise<void> {
    await this.tool('Shift+Digit1');
  }

  /** The colour the board shows at a point of the page, as [r, g, b, a]. */
  async colorAt(x: number, y: number): Promise<number[]> {
    const canvas = (await this.page.getByTestId('canvas').boundingBox())!;
    return this.page.evaluate(([cx, cy]) => (window as unknown as Win).lanvasDebug.colorAt(cx!, cy!), [x - canvas.x, y - canvas.y]);
  }

  inkBlocks(): Promise<number[]> {
    return this.page.evaluate(() => (window as unknown as Win).lanvasDebug.inkBlocks(8));
  }

  /** What painting a shape (by default the bottom one) does, call by call: the words it writes, the fills it lays. */
  painted(id?: string): Promise<PaintCall[]> {
    return this.page.evaluate((id) => {
      const win = window as unknown as Win;
      return win.lanvasDebug.painted(id ?? win.lanvasSession.model.order[0]!);
    }, id);
  }

  /** The same view drawn directly, shape by shape, as inkBlocks counts it: the two must agree; `exact`: each stroke with its full outline, however thin. */
  directInkBlocks(exact = false): Promise<number[]> {
    return this.page.evaluate((exact) => (window as unknown as Win).lanvasDebug.directInkBlocks(8, exact), exact);
  }
}

/** Two renderings agree when almost every 8x8 block has the same ink, within a small tolerance. */
export function compareInk(a: number[], b: number[]): { ink: number; differing: number; fraction: number } {
  expect(a.length).toBe(b.length);
  let differing = 0;
  let ink = 0;
  for (let i = 0; i < a.length; i++) {
    ink += a[i]!;
    if (Math.abs(a[i]! - b[i]!) > 24) differing++;
  }
  return { ink, differing, fraction: differing / a.length };
}

export async function expectSameDrawing(a: BoardDriver, b: BoardDriver): Promise<void> {
  await a.zoomToFit();
  await b.zoomToFit();
  await expect
    .poll(async () => {
      const r = compareInk(await a.inkBlocks(), await b.inkBlocks());
      return r.ink > 2000 && r.fraction < 0.003;
    }, { timeout: 10_000 })
    .toBe(true);
}
