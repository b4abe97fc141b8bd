/**
 * The canvas draws a large board as kept tiles: what it shows must be what drawing every shape directly
 * shows, after opening, panning, zooming, moving, erasing and an edit from someone else, so no stale or
 * misplaced tile survives any of them.
 */
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { tempDataDir } from '../../support/host';
import { startHostProcess, type HostProcess } from '../../support/host-process';
import { BoardDriver, compareInk } from '../support/board-driver';

const SECRET = 'canvas secret';
let host: HostProcess | null = null;

test.afterEach(async () => {
  await host?.stop();
  host = null;
});

async function open(page: Page): Promise<BoardDriver> {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`http://127.0.0.1:${host!.port}/#board=big&secret=${encodeURIComponent(SECRET)}`);
  const board = new BoardDriver(page);
  await board.connected();
  return board;
}

/** `count` rectangles and pen strokes spread over a board of about 6000 x 4000, made through the board's own operations. */
async function fill(board: BoardDriver, count: number): Promise<void> {
  await board.page.evaluate(async (n) => {
    const { editor } = (window as unknown as { lanvasSession: { view: { editor: { actions: { create(s: unknown[]): void; newId(): string } } } } }).lanvasSession.view;
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const colors = ['#1e1e1e', '#e03131', '#2f9e44', '#1971c2'];
    for (let i = 0; i < n; i += 100) {
      const shapes = Array.from({ length: Math.min(100, n - i) }, (_, j) => {
        const [x, y] = [rnd() * 6000, rnd() * 4000];
        const stroke = colors[(i + j) % colors.length];
        if (j % 2 === 0) return { id: editor.actions.newId(), kind: 'rect', x, y, w: 20 + rnd() * 200, h: 20 + rnd() * 150, stroke, fill: rnd() < 0.3 ? '#ffec99' : 'transparent', opacity: rnd() < 0.1 ? 0.6 : 1 };
        const points = new Int8Array(40).map(() => Math.round((rnd() - 0.5) * 16));
        return { id: editor.actions.newId(), kind: 'pen', x, y, points, stroke, strokeWidth: 2 + Math.round(rnd() * 4) };
      });
      editor.actions.create(shapes);
      await new Promise((r) => setTimeout(r, 5));
    }
  }, count);
  await expect.poll(() => board.shapeCount(), { timeout: 30_000 }).toBe(count);
  await expect.poll(() => board.unacknowledged()).toBe(0);
}

async function expectAsDrawnDirectly(board: BoardDriver): Promise<void> {
  const r = compareInk(await board.inkBlocks(), await board.directInkBlocks());
  expect(r.ink).toBeGreaterThan(1000); // there is something to compare
  expect(r.differing).toBeLessThanOrEqual(2); // of some 16,000 blocks of 8 x 8 pixels (a stale tile differs in dozens)
}

test('a board of 3000 shapes shows what drawing each shape directly shows: opened, panned, zoomed, edited here and by someone else', async ({ page, browser }) => {
  host = await startHostProcess({ dataDir: tempDataDir(), boards: { big: SECRET } });
  const ada = await open(page);
  await fill(ada, 3000);

  // Opened by someone else: the whole board in view, then at 100 %.
  const bo = await open(await (await browser.newContext()).newPage());
  await bo.zoomToFit();
  await expectAsDrawnDirectly(bo);
  await bo.page.keyboard.press('Control+0');
  await expectAsDrawnDirectly(bo);

  // Panned with the hand tool (new tiles come into view), and zoomed about the pointer with the wheel.
  await bo.tool('h');
  await bo.drag([900, 500], [300, 200], 12);
  await expectAsDrawnDirectly(bo);
  await bo.page.mouse.move(640, 400);
  await bo.page.mouse.wheel(0, -300);
  await expectAsDrawnDirectly(bo);

  // Ada, zoomed to fit, sweeps a marquee and deletes what it took; Bo sees it go.
  await ada.zoomToFit();
  await ada.tool('v');
  await ada.drag([500, 300], [700, 450]);
  const picked = await ada.editor<number>('selection.ids.size');
  expect(picked).toBeGreaterThan(0);
  await ada.page.keyboard.press('Delete');
  await expect.poll(() => bo.shapeCount()).toBe(3000 - picked);
  await expectAsDrawnDirectly(ada);
  await expectAsDrawnDirectly(bo);

  // She draws a rectangle and drags it away by its edge: drawn live while it moves, then in the tiles where it lands.
  await ada.tool('r');
  await ada.drag([600, 600], [760, 700]);
  await expect.poll(() => ada.shapeCount()).toBe(3001 - picked);
  await ada.page.mouse.move(630, 600);
  await ada.page.mouse.down();
  await ada.page.mouse.move(830, 500, { steps: 10 });
  await expectAsDrawnDirectly(ada); // mid-drag: the rectangle is where the pointer has it, once
  await ada.page.mouse.up();
  await expect.poll(() => ada.unacknowledged()).toBe(0);
  await expectAsDrawnDirectly(ada);
  await expectAsDrawnDirectly(bo);

  // The eraser drawn across the middle of Ada's view: what it takes goes from both pictures.
  await ada.tool('e');
  await ada.drag([200, 400], [1100, 420], 20);
  await expect.poll(() => ada.unacknowledged()).toBe(0);
  await expect.poll(async () => (await bo.boardHash()) === (await ada.boardHash())).toBe(true);
  await expectAsDrawnDirectly(ada);
  await expectAsDrawnDirectly(bo);
});
