/**
 * The desktop app's flows in Debian's Chromium: the app's own back end (library, embedded reflector,
 * LAN sharing, discovery) runs as a real process and the page reaches it through the loopback bridge,
 * the same contract Electron's preload carries. Boards are made, drawn, closed and reopened, managed,
 * exported and imported; the app is killed and relaunched; a board is shared and joined by code.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { tempDataDir } from '../../support/host';
import { startAppProcess, type AppProcess } from '../../support/host-process';
import jsQR from 'jsqr';
import { AppDriver } from '../support/app-driver';
import { BoardDriver, compareInk, expectSameDrawing } from '../support/board-driver';
import { encoded, paste } from '../support/image-files';

const DISCOVERY_PORT = 45000 + (process.pid % 1000);
let apps: AppProcess[] = [];

test.afterEach(async () => {
  for (const app of apps.splice(0)) await app.stop();
});

async function launch(browser: Browser, dataDir = tempDataDir(), name = 'Ada', color = '#e03131') {
  const app = await startAppProcess({ dataDir, discoveryPort: DISCOVERY_PORT });
  apps.push(app);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  await page.addInitScript(([n, c]) => localStorage.setItem('lanvas.identity', JSON.stringify({ name: n, color: c })), [name, color]);
  await page.goto(app.url);
  const driver = new AppDriver(page);
  await driver.home();
  return { app, page, driver, dataDir };
}

async function drawThree(board: BoardDriver): Promise<void> {
  await board.tool('r');
  await board.drag([300, 250], [480, 360]);
  await board.tool('p');
  await board.scribble(Array.from({ length: 20 }, (_, i) => [520 + i * 10, 420 + (i % 4) * 9] as [number, number]));
  await board.typeAt('n', [800, 300], 'kept on disk');
  await expect.poll(() => board.shapeCount()).toBe(3);
}

test('a board is made, drawn, closed and reopened from the library with every shape', async ({ browser }, testInfo) => {
  const { driver, page } = await launch(browser);
  const board = await driver.createBoard();
  await drawThree(board);
  const kinds = await board.kinds();
  await board.zoomToFit();
  const before = await board.inkBlocks();
  await driver.goHome();
  await expect(driver.card('Untitled board')).toHaveCount(1);
  await expect(driver.card('Untitled board').getByTestId('open-board')).toHaveCSS('background-image', /data:image\/png/); // thumbnail
  await page.screenshot({ path: testInfo.outputPath('library.png') });

  const reopened = await driver.open('Untitled board');
  expect(await reopened.kinds()).toEqual(kinds);
  await reopened.zoomToFit();
  const same = compareInk(before, await reopened.inkBlocks());
  expect(same.ink).toBeGreaterThan(500);
  expect(same.fraction).toBeLessThan(0.003);
});

test('boards are renamed, duplicated, searched, deleted and brought back', async ({ browser }) => {
  const { driver, page } = await launch(browser);
  const board = await driver.createBoard();
  await drawThree(board);
  await driver.goHome();
  await driver.rename('Untitled board', 'Roadmap');
  await driver.card('Roadmap').getByTestId('duplicate').click();
  await expect(driver.card('Roadmap (copy)')).toHaveCount(1);
  expect(await (await driver.open('Roadmap (copy)')).shapeCount()).toBe(3);
  await driver.goHome();
  await page.getByTestId('search').fill('copy');
  await expect.poll(() => driver.boardNames()).toEqual(['Roadmap (copy)']);
  await page.getByTestId('search').fill('');
  await driver.card('Roadmap').getByTestId('delete').click();
  await expect.poll(() => driver.boardNames()).toEqual(['Roadmap (copy)']);
  await page.getByTestId('undo-delete').click();
  await expect.poll(async () => (await driver.boardNames()).sort()).toEqual(['Roadmap', 'Roadmap (copy)']);

  // A name the library would refuse is said in the field; Enter keeps editing, leaving keeps the old name.
  await driver.card('Roadmap').getByTestId('rename').click();
  const field = page.getByTestId('rename-input');
  await expect(field).toHaveAttribute('maxlength', '80');
  await field.fill('   ');
  await expect(page.getByTestId('rename-error')).toHaveText('A board needs a name.');
  await field.press('Enter');
  await expect(field).toBeFocused();
  await field.press('Escape');
  await expect.poll(async () => (await driver.boardNames()).sort()).toEqual(['Roadmap', 'Roadmap (copy)']);
  await expect(page.getByTestId('home-error')).toHaveText('');

  // Restored from the trash instead of by Undo: the Undo toast goes with it, so it cannot go stale.
  await driver.card('Roadmap (copy)').getByTestId('delete').click();
  await expect(page.getByTestId('toast')).toHaveCount(1);
  await page.getByText('Trash', { exact: true }).click();
  await page.getByTestId('trashed').filter({ hasText: 'Roadmap (copy)' }).getByTestId('restore').click();
  await expect(page.getByTestId('toast')).toHaveCount(0);
  await expect.poll(async () => (await driver.boardNames()).sort()).toEqual(['Roadmap', 'Roadmap (copy)']);
  await expect(page.getByTestId('home-error')).toHaveText('');
  expect(await (await driver.open('Roadmap')).shapeCount()).toBe(3);
});

test('killed mid-session, the app relaunches and the board holds every acknowledged shape', async ({ browser }) => {
  const first = await launch(browser);
  const board = await first.driver.createBoard();
  await drawThree(board);
  await expect.poll(() => board.unacknowledged()).toBe(0);
  const kinds = await board.kinds();
  first.app.child.kill('SIGKILL');
  apps = apps.filter((a) => a !== first.app);
  await first.page.context().close();

  const second = await launch(browser, first.dataDir);
  const reopened = await second.driver.open('Untitled board');
  expect(await reopened.kinds()).toEqual(kinds);
  expect(await reopened.texts()).toEqual(['kept on disk']);
});

test('a board is exported to a .lanvas file and imported back; a damaged file is refused and changes nothing', async ({ browser }, testInfo) => {
  const { driver, page } = await launch(browser);
  const board = await driver.createBoard();
  await drawThree(board);
  await paste(page, [await encoded(page, 'photo.webp', 'image/webp', 64, 48, '#1971c2')]);
  await expect.poll(() => board.shapeCount()).toBe(4);
  const images = await board.images();
  await driver.goHome();
  await driver.rename('Untitled board', 'Export me');
  const downloading = page.waitForEvent('download');
  await driver.card('Export me').getByTestId('export').click();
  const file = testInfo.outputPath('export-me.lanvas');
  await (await downloading).saveAs(file);
  expect((await downloading).suggestedFilename()).toBe('Export me.lanvas');

  const damaged = testInfo.outputPath('damaged.lanvas');
  const bytes = fs.readFileSync(file);
  bytes[bytes.length - 20]! ^= 0xff;
  fs.writeFileSync(damaged, bytes);
  const foreign = testInfo.outputPath('foreign.lanvas');
  fs.writeFileSync(foreign, JSON.stringify({ type: 'excalidraw', elements: [] }));

  const chooser = page.locator('input[type=file]');
  await chooser.setInputFiles(damaged);
  await expect(page.getByTestId('home-error')).toHaveText(/damaged/);
  await chooser.setInputFiles(foreign);
  await expect(page.getByTestId('home-error')).toHaveText(/not a Lanvas board file/);
  expect(await driver.boardNames()).toEqual(['Export me']);

  await chooser.setInputFiles(path.resolve(file));
  await expect.poll(() => driver.boardNames()).toEqual(['Export me', 'Export me']);
  await page.getByTestId('board-card').nth(1).getByTestId('open').click();
  const imported = new BoardDriver(page);
  await imported.connected();
  expect(await imported.texts()).toEqual(['kept on disk']);
  expect(await imported.kinds()).toEqual(['rect', 'pen', 'sticky', 'image']);
  expect(await imported.images()).toEqual(images); // the image travels inside the file
});

test('a shared board is joined by code from another app and by link from a browser; wrong codes and ended shares say so', async ({ browser }, testInfo) => {
  const host = await launch(browser, tempDataDir(), 'Ada', '#e03131');
  const hostBoard = await host.driver.createBoard();
  await hostBoard.tool('r');
  await hostBoard.drag([300, 250], [480, 360]);
  const code = await host.driver.share();
  await host.page.screenshot({ path: testInfo.outputPath('sharing.png') });

  // Another app on this network: the nearby list shows the board (never the code), and the code joins.
  const guest = await launch(browser, tempDataDir(), 'Bo', '#1971c2');
  await expect(guest.page.getByTestId('nearby-session').first()).toContainText('Untitled board');
  await expect(guest.page.getByTestId('nearby')).not.toContainText(code);
  await guest.page.getByTestId('nearby-session').first().click(); // fills in the code's public part
  await expect(guest.page.getByTestId('join-code')).toHaveValue(code.slice(0, 5));
  await guest.driver.joinByCode(code.slice(0, 10) + (code[10] === 'Z' ? 'Y' : 'Z') + code.slice(11)); // one character changed
  await expect(guest.page.getByTestId('join-error')).toHaveText(/Wrong code/, { timeout: 20_000 });
  await guest.driver.joinByCode(code.toLowerCase());
  const guestBoard = new BoardDriver(guest.page);
  await guestBoard.connected();
  await expect.poll(() => guestBoard.shapeCount()).toBe(1);
  await guestBoard.tool('o');
  await guestBoard.drag([600, 250], [760, 360]);
  await expect.poll(() => hostBoard.kinds()).toEqual(['rect', 'ellipse']);
  await expect(host.page.getByTestId('share-person')).toHaveCount(2);

  // A plain browser, by the web link the share panel shows.
  const webLink = await host.driver.webLink();
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(webLink.replace(/http:\/\/[\d.]+:/, 'http://127.0.0.1:'));
  const visitorBoard = new BoardDriver(visitor);
  await visitorBoard.connected();
  await expect.poll(() => visitorBoard.kinds()).toEqual(['rect', 'ellipse']);

  // The host removes the guest, then stops sharing: each is told why.
  await host.page.getByTestId('share-person').filter({ hasText: 'Bo' }).getByTestId('remove-person').click();
  await expect(guest.page.getByTestId('status')).toHaveText(/removed you/);
  await host.page.getByTestId('stop-sharing').click();
  await expect(visitor.getByTestId('status')).toHaveText(/stopped sharing/);
  await expect(host.page.getByTestId('status')).toHaveText('Connected');
});

test('a participant whose session the host ended keeps a read-only board and a copy of it', async ({ browser }, testInfo) => {
  const host = await launch(browser, tempDataDir(), 'Ada', '#e03131');
  const hostBoard = await host.driver.createBoard();
  await hostBoard.tool('r');
  await hostBoard.drag([300, 250], [480, 360]);
  const code = await host.driver.share();
  const guest = await launch(browser, tempDataDir(), 'Bo', '#1971c2');
  await guest.driver.joinByCode(code);
  const guestBoard = new BoardDriver(guest.page);
  await guestBoard.connected();
  await guestBoard.tool('o');
  await guestBoard.drag([600, 250], [760, 360]);
  await expect.poll(() => hostBoard.kinds()).toEqual(['rect', 'ellipse']);
  const webLink = await host.driver.webLink();
  const visitor = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await visitor.goto(webLink.replace(/http:\/\/[\d.]+:/, 'http://127.0.0.1:'));
  const visitorBoard = new BoardDriver(visitor);
  await visitorBoard.connected();
  await expect.poll(() => visitorBoard.shapeCount()).toBe(2);

  // Removed: the board stays on screen, read-only; nothing drawn now looks made and is then lost.
  await host.page.getByTestId('share-person').filter({ hasText: 'Bo' }).getByTestId('remove-person').click();
  await expect(guest.page.getByTestId('ended-banner')).toContainText(/removed you.*read-only/);
  await expect(guest.page.getByTestId('tool-rect')).toBeDisabled();
  await expect(guest.page.getByTestId('undo')).toBeDisabled();
  await guestBoard.tool('r');
  expect(await guestBoard.editor<string>('toolName')).toBe('select');
  await guestBoard.drag([650, 300], [900, 500]); // on the ellipse: selected, not moved
  await guest.page.keyboard.press('Delete');
  expect(await guestBoard.shapeCount()).toBe(2);
  await expect(guest.page.getByTestId('ended-banner')).toBeVisible();
  await guest.page.getByTestId('keep-copy').click();
  await expect(guest.page.getByTestId('ended-banner')).toContainText('Kept in your boards as “Untitled board (copy)”');
  await guest.driver.goHome();
  const copy = await guest.driver.open('Untitled board (copy)');
  expect(await copy.kinds()).toEqual(['rect', 'ellipse']);
  await expectSameDrawing(hostBoard, copy);

  // A plain browser, when sharing stops: a copy to download, which the app imports.
  await host.page.getByTestId('stop-sharing').click();
  await expect(visitor.getByTestId('ended-banner')).toContainText(/stopped sharing/);
  const downloading = visitor.waitForEvent('download');
  await visitor.getByTestId('keep-copy').click();
  const file = testInfo.outputPath('copy.lanvas');
  await (await downloading).saveAs(file);
  expect((await downloading).suggestedFilename()).toBe('Shared board (copy).lanvas');
  await guest.driver.goHome();
  await guest.page.locator('input[type=file]').setInputFiles(file);
  await expect.poll(() => guest.driver.boardNames()).toContain('Shared board (copy)');
  // Its picture came in the file: the copy shows what it holds before it is opened.
  await expect(guest.driver.card('Shared board (copy)').getByTestId('open-board')).toHaveCSS('background-image', /data:image\/png/);
});

test('a pasted link to a host that is gone says so, and the library stays', async ({ browser }) => {
  const { driver, page } = await launch(browser);
  await driver.joinByCode('http://127.0.0.1:9/#code=K7M2-QX9P-4TRW'); // port 9: nothing listens
  await expect(page.getByTestId('join-error')).toHaveText(/cannot be reached/, { timeout: 20_000 });
  await driver.home();
});

test('a board left by closing the tab, and an imported board before it is opened, have their picture in the library', async ({ browser }, testInfo) => {
  const { app, page, driver, dataDir } = await launch(browser);
  const board = await driver.createBoard();
  await drawThree(board);
  await expect.poll(() => board.unacknowledged()).toBe(0);
  await page.close(); // no Home, no menu: the tab just goes

  const again = await page.context().newPage();
  await again.goto(app.url);
  const home = new AppDriver(again);
  await home.home();
  await expect(home.card('Untitled board').getByTestId('open-board')).toHaveCSS('background-image', /data:image\/png/);

  // The exported file carries the picture: the imported board shows it before it is ever opened.
  const downloading = again.waitForEvent('download');
  await home.card('Untitled board').getByTestId('export').click();
  const file = testInfo.outputPath('board.lanvas');
  await (await downloading).saveAs(file);
  await home.rename('Untitled board', 'Original');
  await again.locator('input[type=file]').setInputFiles(file);
  await expect(home.card('Untitled board').getByTestId('open-board')).toHaveCSS('background-image', /data:image\/png/);
  const id = (await home.card('Untitled board').getAttribute('data-board-id'))!;
  const picture = path.join(dataDir, 'boards', id, 'thumbnail.png');
  expect(fs.readFileSync(picture)).toEqual(fs.readFileSync(path.join(dataDir, 'boards', (await home.card('Original').getAttribute('data-board-id'))!, 'thumbnail.png')));
  // Opened, it is drawn again from the board itself.
  const before = fs.statSync(picture).mtimeMs;
  const imported = await home.open('Untitled board');
  expect(await imported.shapeCount()).toBe(3);
  await expect.poll(() => fs.statSync(picture).mtimeMs).toBeGreaterThan(before);
});

test('the share panel copies the code and links, shows a QR code of the browser link, and leaves the toolbar clear', async ({ browser }) => {
  const host = await launch(browser, tempDataDir(), 'Ada', '#e03131');
  await host.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await host.driver.createBoard();
  const code = await host.driver.share();
  const webLink = await host.driver.webLink();
  const clipboard = () => host.page.evaluate(() => navigator.clipboard.readText());
  await host.page.getByTestId('copy-code').click();
  await expect(host.page.getByTestId('copy-code')).toHaveText('Copied');
  expect(await clipboard()).toBe(code);
  await host.page.getByTestId('copy-web-link-0').click();
  await expect.poll(clipboard).toBe(webLink);
  await host.page.getByTestId('copy-app-link').click();
  await expect.poll(clipboard).toMatch(/^lanvas:\/\//);
  // The QR code, read back from its pixels by a decoder, is the browser link.
  const image = await host.page.getByTestId('share-qr').locator('canvas').evaluate((canvas: HTMLCanvasElement) => {
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    return { width: data.width, height: data.height, pixels: Array.from(data.data) };
  });
  expect(jsQR(Uint8ClampedArray.from(image.pixels), image.width, image.height)?.data).toBe(webLink);
  // The panel stands clear of the toolbar.
  const panel = (await host.page.getByTestId('share-panel').boundingBox())!;
  const toolbar = (await host.page.getByTestId('toolbar').boundingBox())!;
  expect(panel.y).toBeGreaterThanOrEqual(toolbar.y + toolbar.height);
});

test("a board is renamed from its own title; a joiner keeps a copy of someone else's board while it is live", async ({ browser }) => {
  const host = await launch(browser, tempDataDir(), 'Ada', '#e03131');
  const board = await host.driver.createBoard();
  await board.tool('r');
  await board.drag([300, 250], [480, 360]);
  const title = host.page.getByTestId('board-name');
  await title.click();
  await host.page.getByTestId('rename-input').fill('');
  await expect(host.page.getByTestId('rename-error')).toHaveText('A board needs a name.');
  await host.page.getByTestId('rename-input').fill('Planning');
  await host.page.getByTestId('rename-input').press('Enter');
  await expect(title).toHaveText('Planning');
  await board.tool('o'); // the board's keys work again once the field is gone
  await board.drag([600, 250], [700, 360]);
  await expect.poll(() => board.kinds()).toEqual(['rect', 'ellipse']);
  const code = await host.driver.share();
  await host.page.getByTestId('share-close').click();

  const guest = await launch(browser, tempDataDir(), 'Bo', '#1971c2');
  await guest.driver.joinByCode(code);
  const guestBoard = new BoardDriver(guest.page);
  await guestBoard.connected();
  await expect.poll(() => guestBoard.shapeCount()).toBe(2);
  await expect(guest.page.getByTestId('board-name')).toHaveText('Planning');
  await guest.page.getByTestId('keep-copy-button').click();
  await expect(guest.page.getByTestId('note')).toHaveText('Kept in your boards as “Planning (copy)”.');
  await expect(guest.page.getByTestId('status')).toHaveText('Connected'); // still in the session
  await guest.driver.goHome();
  await expect.poll(() => guest.driver.boardNames()).toContain('Planning (copy)');
  const copy = await guest.driver.open('Planning (copy)');
  await expect.poll(() => copy.kinds()).toEqual(['rect', 'ellipse']);
  await host.driver.goHome();
  await expect.poll(() => host.driver.boardNames()).toContain('Planning');
});
