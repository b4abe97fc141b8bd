/**
 * Images, as a person brings them: picked with the Image button, pasted, dropped; PNG, JPEG and WebP
 * made by Chromium's own encoders, and an SVG. Each is drawn where it was put, held once however many
 * shapes show it, refused with a sentence when it cannot go on a board, exported, and there for a late
 * joiner and for another board it is copied to.
 */
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { tempDataDir } from '../../support/host';
import { startHostProcess, type HostProcess } from '../../support/host-process';
import { BoardDriver, expectSameDrawing } from '../support/board-driver';
import { drop, encoded, paste, type FileBytes } from '../support/image-files';

const SECRET = 'image secret';
let host: HostProcess | null = null;

test.afterEach(async () => {
  await host?.stop();
  host = null;
});

async function tab(page: Page, board = 'pics'): Promise<BoardDriver> {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`http://127.0.0.1:${host!.port}/#board=${board}&secret=${encodeURIComponent(SECRET)}`);
  const driver = new BoardDriver(page);
  await driver.connected();
  return driver;
}

/** Where a world point of the board is on the page. */
async function onPage(board: BoardDriver, wx: number, wy: number): Promise<[number, number]> {
  const canvas = (await board.page.getByTestId('canvas').boundingBox())!;
  const c = await board.editor<{ x: number; y: number; zoom: number }>('canvas.camera');
  return [canvas.x + (wx - c.x) * c.zoom, canvas.y + (wy - c.y) * c.zoom];
}

/** The colour the board shows a quarter of the way into its `index`th shape (clear of a neighbour dropped with it). */
async function colorInside(board: BoardDriver, index: number): Promise<number[]> {
  const s = (await board.shapes())[index]!;
  return board.colorAt(...(await onPage(board, s.x + s.w / 4, s.y + s.h / 4)));
}

/** Whether the `index`th shape shows `rgb` (opaque), within `tolerance` a channel. */
async function shows(board: BoardDriver, index: number, rgb: number[], tolerance = 10): Promise<boolean> {
  const actual = await colorInside(board, index);
  return actual[3] === 255 && rgb.every((v, i) => Math.abs(v - actual[i]!) <= tolerance);
}
const RED = [224, 49, 49];
const BLUE = [25, 113, 194];
const GREEN = [47, 158, 68];
const ORANGE = [240, 140, 0];

test('images picked, pasted and dropped are drawn where they were put, held once, refused with a reason, and there for a late joiner', async ({ page, browser }) => {
  host = await startHostProcess({ dataDir: tempDataDir(), boards: { pics: SECRET } });
  const ada = await tab(page);
  const png = await encoded(page, 'red.png', 'image/png', 400, 300, '#e03131');
  const jpeg = await encoded(page, 'blue.jpg', 'image/jpeg', 200, 100, '#1971c2');
  const webp = await encoded(page, 'green.webp', 'image/webp', 120, 80, '#2f9e44');
  const svg: FileBytes = { name: 'orange.svg', type: 'image/svg+xml', bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"><rect width="100" height="50" fill="#f08c00"/></svg>') };

  // The Image button opens the system's picker; the image goes in the middle of the view at its own size, selected.
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('insert-image').click();
  await (await chooser).setFiles({ name: png.name, mimeType: png.type, buffer: png.bytes });
  await expect.poll(() => ada.shapes()).toMatchObject([{ kind: 'image', w: 400, h: 300 }]);
  expect(await ada.editor<number>('selection.ids.size')).toBe(1);
  await expect.poll(() => shows(ada, 0, RED)).toBe(true);

  // Pasted (as an image copied from another app arrives), and dropped where the pointer lets go.
  await paste(page, [jpeg]);
  await expect.poll(() => ada.shapeCount()).toBe(2);
  await drop(page, [webp, svg], [300, 600]);
  await expect.poll(() => ada.kinds()).toEqual(['image', 'image', 'image', 'image']);
  expect(await ada.editor<number>('selection.transformer.nodes().length')).toBe(2); // the two dropped, ready to move
  const [, , dropped, vector] = await ada.shapes();
  expect(await onPage(ada, dropped!.x + dropped!.w / 2, dropped!.y + dropped!.h / 2)).toEqual([300, 600]);
  expect(vector).toMatchObject({ w: 100, h: 50 });
  expect((await ada.images()).map(({ type, width, height }) => [type, width, height])).toEqual([
    ['image/png', 400, 300],
    ['image/jpeg', 200, 100],
    ['image/webp', 120, 80],
    ['image/svg+xml', 100, 50],
  ]);
  await expect.poll(() => shows(ada, 1, BLUE, 16)).toBe(true); // JPEG is lossy
  await expect.poll(() => shows(ada, 2, GREEN, 16)).toBe(true);
  await expect.poll(() => shows(ada, 3, ORANGE)).toBe(true);

  // The same picture again is one more shape, not one more image.
  await paste(page, [png]);
  await expect.poll(() => ada.shapeCount()).toBe(5);
  expect(await ada.images()).toHaveLength(4);

  // What cannot go on a board is said, and nothing is added.
  const header = Buffer.from(png.bytes);
  header.writeUInt32BE(9000, 16); // the header says 9000 pixels wide
  await paste(page, [{ name: 'huge.png', type: 'image/png', bytes: header }]);
  await expect(page.getByTestId('note').last()).toHaveText('“huge.png”: This image is 9000×300 pixels; a board takes up to 8192 on a side and 32 million in all.');
  await drop(page, [{ name: 'notes.png', type: 'image/png', bytes: Buffer.from('just words, called a PNG') }], [600, 400]);
  await expect(page.getByTestId('note').last()).toHaveText('“notes.png”: This is not an image a board can show: use PNG, JPEG, WebP or SVG.');
  expect(await ada.shapeCount()).toBe(5);

  // A late joiner gets every image with the board and draws them as Ada does.
  const bo = await tab(await (await browser.newContext()).newPage());
  await expect.poll(() => bo.boardHash()).toBe(await ada.boardHash());
  expect(await bo.images()).toEqual(await ada.images());
  await expectSameDrawing(ada, bo);
  await expect.poll(() => shows(bo, 0, RED)).toBe(true);

  // The PNG export draws them (sampled where the red one is), and the SVG export carries each image whole.
  const shapes = await ada.shapes();
  const [left, top] = [Math.min(...shapes.map((s) => s.x)), Math.min(...shapes.map((s) => s.y))];
  const at = [shapes[0]!.x + shapes[0]!.w / 4 - left + 16, shapes[0]!.y + shapes[0]!.h / 4 - top + 16];
  const pngPixel = await page.evaluate(async ([url, x, y]) => {
    const img = new Image();
    img.src = String(url);
    await img.decode();
    const canvas = document.createElement('canvas');
    [canvas.width, canvas.height] = [img.width, img.height];
    canvas.getContext('2d')!.drawImage(img, 0, 0);
    return [...canvas.getContext('2d')!.getImageData(Number(x), Number(y), 1, 1).data];
  }, [await ada.editor<string>('exportPng(false, 1)'), ...at]);
  expect(pngPixel).toEqual([...RED, 255]);

  const exported = await ada.editor<string>('exportSvg(false)');
  expect(exported).toContain(`href="data:image/png;base64,${png.bytes.toString('base64')}"`);
  expect(exported).toContain(`href="data:image/svg+xml;base64,${svg.bytes.toString('base64')}"`);

  // Undo is its author's: Bo's takes nothing of Ada's; Ada's takes her last image shape away for both.
  await bo.page.bringToFront();
  await bo.page.keyboard.press('Control+z');
  await expect.poll(() => bo.unacknowledged()).toBe(0); // his undo has been through the host
  expect(await bo.shapeCount()).toBe(5);
  await page.bringToFront();
  await page.keyboard.press('Control+z');
  await expect.poll(() => bo.shapeCount()).toBe(4);
});

test('an image copied to another board goes with its shape, and resizes keeping its proportions from a corner', async ({ page, context }) => {
  host = await startHostProcess({ dataDir: tempDataDir(), boards: { pics: SECRET, other: SECRET } });
  const a = await tab(page);
  const b = await tab(await context.newPage(), 'other');
  await a.page.bringToFront();
  await paste(a.page, [await encoded(a.page, 'red.png', 'image/png', 300, 200, '#e03131')]);
  await expect.poll(() => a.shapeCount()).toBe(1);

  // From a corner the image keeps its proportions.
  const corner = await a.anchor('bottom-right');
  await a.drag(corner, [corner[0] + 150, corner[1] + 20]);
  await expect.poll(async () => {
    const [s] = await a.shapes();
    return Math.abs(s!.w / s!.h - 1.5) < 0.02 && s!.w > 400;
  }).toBe(true);

  await a.page.keyboard.press('Control+c');
  await b.page.bringToFront();
  await b.page.locator('[data-testid="canvas"]').hover({ position: { x: 5, y: 5 } });
  await b.page.keyboard.press('Control+v');
  await expect.poll(() => b.kinds()).toEqual(['image']);
  expect(await b.images()).toEqual(await a.images());
  await expect.poll(() => shows(b, 0, RED)).toBe(true);
});

/** The colour on the screen at a page point, after every CSS filter (what a person sees), as [r, g, b]. */
async function screenColor(page: Page, x: number, y: number): Promise<number[]> {
  const shot = (await page.screenshot({ clip: { x, y, width: 1, height: 1 } })).toString('base64');
  return page.evaluate(async (data) => {
    const img = new Image();
    img.src = `data:image/png;base64,${data}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.getContext('2d')!.drawImage(img, 0, 0);
    return [...canvas.getContext('2d')!.getImageData(0, 0, 1, 1).data].slice(0, 3);
  }, shot);
}

test('in dark mode an image is seen as it is, not as its negative; its export is unchanged', async ({ page }) => {
  host = await startHostProcess({ dataDir: tempDataDir(), boards: { pics: SECRET } });
  await page.emulateMedia({ colorScheme: 'dark' }); // the board follows the system
  const board = await tab(page);
  await paste(page, [await encoded(page, 'pale.png', 'image/png', 300, 200, '#f1f3f5')]);
  await expect.poll(() => board.shapeCount()).toBe(1);
  await expect.poll(() => board.images()).toHaveLength(1);
  await page.keyboard.press('Escape');
  const [s] = await board.shapes();
  const [x, y] = await onPage(board, s!.x + s!.w / 4, s!.y + s!.h / 4);
  // The board around it is dark; the pale picture stays pale (its negative would be near black).
  await expect.poll(async () => (await screenColor(page, x, y)).every((c) => c > 180)).toBe(true);
  expect((await screenColor(page, x - s!.w / 2, y)).every((c) => c < 60)).toBe(true);
  // The export is the picture as drawn, whatever the screen shows.
  const exported = await page.evaluate(async (url) => {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    [canvas.width, canvas.height] = [img.width, img.height];
    canvas.getContext('2d')!.drawImage(img, 0, 0);
    return [...canvas.getContext('2d')!.getImageData(100, 100, 1, 1).data];
  }, await board.editor<string>('exportPng(false, 1)'));
  expect(exported).toEqual([241, 243, 245, 255]);
});
