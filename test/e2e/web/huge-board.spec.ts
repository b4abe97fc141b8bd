/**
 * A board of 100,000 shapes (bench/fixture.ts's board, built through the app's own model and saved as a
 * .lanvas file), imported and opened through the app as a person would: zoomed to fit, panned, a
 * marquee selection moved, shapes erased. At each step the screen, drawn from kept tiles, must show
 * what drawing every shape directly shows.
 */
import fs from 'node:fs';
import { deflate } from 'pako';
import { buildAppBoard } from '../../../bench/fixture';
import { writeSnapshot } from '../../../src/renderer/engine/snapshot';
import { sha256 } from '../../../src/shared/hash';
import { encodeBoardFile } from '../../../src/shared/board-file';
import { expect, test } from '../support/fixtures';
import { tempDataDir } from '../../support/host';
import { startAppProcess, type AppProcess } from '../../support/host-process';
import { AppDriver } from '../support/app-driver';
import { compareInk, type BoardDriver } from '../support/board-driver';

const SHAPES = 100_000;
let app: AppProcess | null = null;

test.afterEach(async () => {
  await app?.stop();
  app = null;
});

/** The fixture board as a .lanvas file: its snapshot, as the app's model writes it. */
async function boardFile(file: string): Promise<void> {
  const vm = buildAppBoard(SHAPES);
  const { bytes } = await writeSnapshot(vm);
  const snapshot = { seq: vm.seq, time: vm.time, hash: sha256(bytes), bytes: deflate(bytes), acked: [] };
  fs.writeFileSync(file, encodeBoardFile({ name: 'Hundred thousand', created: 0, lastChange: 0, snapshot, events: [] }));
}

async function expectAsDrawnDirectly(board: BoardDriver): Promise<void> {
  const r = compareInk(await board.inkBlocks(), await board.directInkBlocks());
  expect(r.ink).toBeGreaterThan(1000); // there is something to compare
  expect(r.differing).toBeLessThanOrEqual(2); // of some 16,000 blocks of 8 x 8 pixels (a stale tile differs in dozens)
}

test('a board of 100,000 shapes opens, pans, moves a marquee selection and erases, showing what drawing each shape directly shows', async ({ browser }, testInfo) => {
  test.setTimeout(240_000);
  const file = testInfo.outputPath('hundred-thousand.lanvas');
  await boardFile(file);
  app = await startAppProcess({ dataDir: tempDataDir(), discoveryPort: 46000 + (process.pid % 1000) });
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await page.goto(app.url);
  const home = new AppDriver(page);
  await home.home();
  await page.locator('input[type=file]').setInputFiles(file);
  const board = await home.open('Hundred thousand');
  await expect.poll(() => board.shapeCount(), { timeout: 60_000 }).toBe(SHAPES);

  // The whole board in view, then panned with the hand tool (new tiles come into view).
  await board.zoomToFit();
  await expectAsDrawnDirectly(board);
  // Strokes thinner than a pixel are drawn as lines along their points: they look as their full outlines
  // do, block by block and in all the ink they lay down.
  const shown = await board.inkBlocks();
  const exact = await board.directInkBlocks(true);
  const total = (blocks: number[]) => blocks.reduce((a, b) => a + b, 0);
  expect(compareInk(shown, exact).differing).toBeLessThanOrEqual(2);
  expect(Math.abs(total(shown) - total(exact))).toBeLessThan(total(exact) * 0.02);
  await board.tool('h');
  await board.drag([900, 500], [400, 250], 12);
  await expectAsDrawnDirectly(board);

  // At 100 %, a marquee takes what lies inside it; dragged by one of its shapes, all of it moves.
  await page.keyboard.press('Control+0');
  await board.tool('v');
  // The marquee starts on empty board (a press on a shape would drag that shape).
  const start = await page.evaluate(() => {
    type Canvas = { camera: { x: number; y: number; zoom: number }; hit(x: number, y: number, tolerance: number): string | null };
    const { canvas } = (window as unknown as { lanvasSession: { view: { editor: { canvas: Canvas } } } }).lanvasSession.view.editor;
    const { camera } = canvas;
    for (let y = 110; y < 400; y += 10) for (let x = 220; x < 760; x += 10) if (canvas.hit(x / camera.zoom + camera.x, y / camera.zoom + camera.y, 8) === null) return [x, y];
    return null;
  });
  expect(start).not.toBeNull();
  const box = (await page.getByTestId('canvas').boundingBox())!;
  await board.drag([box.x + start![0]!, box.y + start![1]!], [box.x + start![0]! + 500, box.y + start![1]! + 350], 8);
  const picked = await board.editor<number>('selection.ids.size');
  expect(picked).toBeGreaterThan(2);
  const before = await board.boardHash();
  const grip = await page.evaluate(() => {
    type Shape = { kind: string; x: number; y: number; w: number; h: number };
    type Editor = { canvas: { camera: { x: number; y: number; zoom: number }; hit(x: number, y: number, tolerance: number): string | null }; selection: { ids: Set<string> }; model: { shapes: Map<string, Shape> } };
    const { editor } = (window as unknown as { lanvasSession: { view: { editor: Editor } } }).lanvasSession.view;
    const { camera } = editor.canvas;
    // A point of a selected shape (a rectangle's edge, a stroke's start) where nothing above it is hit
    // first, in the open part of the canvas (not under the toolbar or the style panel).
    for (const id of editor.selection.ids) {
      const s = editor.model.shapes.get(id)!;
      const points = s.kind === 'rect' ? [[s.x + s.w / 2, s.y], [s.x, s.y + s.h / 2], [s.x + s.w / 2, s.y + s.h], [s.x + s.w, s.y + s.h / 2]] : [[s.x, s.y]];
      for (const [wx, wy] of points as [number, number][]) {
        const [sx, sy] = [(wx - camera.x) * camera.zoom, (wy - camera.y) * camera.zoom];
        if (sx > 220 && sx < 1000 && sy > 80 && sy < 600 && editor.canvas.hit(wx, wy, 6) === id) return [sx, sy];
      }
    }
    return null;
  });
  expect(grip).not.toBeNull();
  const [gx, gy] = [box.x + grip![0]!, box.y + grip![1]!];
  await page.mouse.move(gx, gy);
  await page.mouse.down();
  await page.mouse.move(gx + 150, gy + 90, { steps: 10 });
  await expectAsDrawnDirectly(board); // mid-drag: drawn live where the pointer has them, and nowhere else
  await page.mouse.up();
  await expect.poll(() => board.unacknowledged()).toBe(0);
  expect(await board.boardHash()).not.toBe(before);
  expect(await board.editor<number>('selection.ids.size')).toBe(picked);
  await expectAsDrawnDirectly(board);

  // The eraser across the view: what it takes goes from the picture.
  await page.keyboard.press('Escape');
  await board.tool('e');
  await board.drag([260, 420], [1150, 440], 24);
  await expect.poll(() => board.unacknowledged()).toBe(0);
  const left = await board.shapeCount();
  expect(left).toBeLessThan(SHAPES);
  await expectAsDrawnDirectly(board);

  // Zoomed to fit again: every tile drawn anew at that zoom, the moves and erasures in them.
  await board.zoomToFit();
  await expectAsDrawnDirectly(board);

  // Everything selected and deleted: more shapes than one event may carry, sent in parts and undone as one.
  await board.tool('v');
  await page.keyboard.press('Control+a');
  await expect.poll(() => board.editor<number>('selection.ids.size')).toBe(left);
  await page.keyboard.press('Delete');
  await expect.poll(() => board.shapeCount(), { timeout: 30_000 }).toBe(0);
  await page.keyboard.press('Control+z');
  await expect.poll(() => board.shapeCount(), { timeout: 30_000 }).toBe(left);
  await expect.poll(() => board.unacknowledged()).toBe(0);
  await expectAsDrawnDirectly(board);
});
