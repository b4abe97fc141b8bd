/**
 * The desktop app itself, through Playwright's Electron driver and the same app and board drivers the
 * browser specs use. These need the Electron binary, which Electron 42+ fetches lazily (`npm start`,
 * `npm run dev` or `npx install-electron` do it) from Electron's release host; where it could not be
 * downloaded (our CI has no route to that host), every test here is skipped and says so. The same flows run in Chromium in test/e2e/web/app.spec.ts.
 */
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { findElectronBinary } from '../../../scripts/electron-binary.mjs';
import { TASKS } from '../../../src/shared/ipc-contract';
import { appLink } from '../../../src/shared/join-link';
import { tempDataDir } from '../../support/host';
import { AppDriver } from '../support/app-driver';
import { BoardDriver, compareInk } from '../support/board-driver';

const binary = findElectronBinary();
test.skip(binary === null, 'the Electron binary is not installed (Electron 45 downloads it lazily: `npm start` or `npx install-electron` fetch it where its release host is reachable, which our CI is not): the same flows run in Chromium in test/e2e/web');

const launch = (userData: string, args: string[] = []) =>
  electron.launch({ executablePath: binary!, args: [path.resolve('out/main/index.js'), ...args], env: { ...process.env, LANVAS_USER_DATA: userData } });

async function home(app: ElectronApplication): Promise<AppDriver> {
  const driver = new AppDriver(await app.firstWindow());
  await driver.home();
  return driver;
}

test('opens the library at once, locked down', async () => {
  const app = await launch(tempDataDir());
  const { page } = await home(app);
  // The page has the bridge's task functions and nothing else of Node or Electron.
  expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
  expect(await page.evaluate(() => Object.keys(window.lanvas ?? {}).sort())).toEqual([...Object.keys(TASKS), 'onJoinLink', 'onMenuCommand'].sort());
  // New windows and navigation away are denied.
  await page.evaluate(() => window.open('https://example.com'));
  expect(app.windows()).toHaveLength(1);
  await app.close();
});

test('create, draw, quit, relaunch: the board reopens with every shape', async () => {
  const userData = tempDataDir();
  const app = await launch(userData);
  const board = await (await home(app)).createBoard();
  await board.tool('r');
  await board.drag([200, 200], [400, 320]);
  await board.tool('p');
  await board.scribble(Array.from({ length: 20 }, (_, i) => [450 + i * 10, 400 + (i % 4) * 9] as [number, number]));
  await board.typeAt('n', [800, 300], 'still here after a restart');
  await expect.poll(() => board.shapeCount()).toBe(3);
  const kinds = await board.kinds();
  await board.zoomToFit();
  const before = await board.inkBlocks();
  await app.close(); // quitting stores a final snapshot, flushes the log and closes the board

  const again = await launch(userData);
  const reopened = await (await home(again)).open('Untitled board');
  expect(await reopened.kinds()).toEqual(kinds);
  expect(await reopened.texts()).toEqual(['still here after a restart']);
  await reopened.zoomToFit();
  const same = compareInk(before, await reopened.inkBlocks());
  expect(same.ink).toBeGreaterThan(1000);
  expect(same.fraction).toBeLessThan(0.003);
  await again.close();
});

test('the Edit menu reaches the board: undo and redo act on shapes, not only on text fields', async () => {
  const app = await launch(tempDataDir());
  const board = await (await home(app)).createBoard();
  await board.tool('r');
  await board.drag([200, 200], [400, 320]);
  await expect.poll(() => board.shapeCount()).toBe(1);
  const click = (id: string) => app.evaluate(({ Menu, BrowserWindow }, item) => Menu.getApplicationMenu()!.getMenuItemById(item)!.click(undefined, BrowserWindow.getAllWindows()[0]), id);
  await click('undo');
  await expect.poll(() => board.shapeCount()).toBe(0);
  await click('redo');
  await expect.poll(() => board.shapeCount()).toBe(1);
  await app.close();
});

test("the Edit menu's Paste goes into a text field, and into the board as shapes", async () => {
  const app = await launch(tempDataDir());
  const board = await (await home(app)).createBoard();
  const menuRole = (role: string) =>
    app.evaluate(({ Menu, BrowserWindow }, wanted) => {
      const win = BrowserWindow.getAllWindows()[0]!;
      const item = Menu.getApplicationMenu()!.items.flatMap((top) => top.submenu?.items ?? []).find((i) => i.role === wanted)!;
      item.click(undefined, win, win.webContents);
    }, role);
  await app.evaluate(({ clipboard }) => clipboard.writeText('pasted words'));
  await board.tool('n');
  await board.page.mouse.click(500, 400);
  await expect(board.page.getByTestId('text-editor')).toBeFocused();
  await menuRole('paste');
  await board.page.keyboard.press('Escape');
  await expect.poll(() => board.texts()).toEqual(['pasted words']);

  // The note is selected: Copy and Paste from the menu make a second one.
  await menuRole('copy');
  await menuRole('paste');
  await expect.poll(() => board.texts()).toEqual(['pasted words', 'pasted words']);
  await app.close();
});

test('a lanvas:// link given to a second start reaches the running app, restored if minimized', async () => {
  const hostApp = await launch(tempDataDir());
  const host = await home(hostApp);
  const hostBoard = await host.createBoard();
  await hostBoard.tool('r');
  await hostBoard.drag([300, 250], [480, 360]);
  const code = await host.share();
  const port = /:(\d+)\/#code=/.exec((await host.page.getByTestId('share-links').textContent())!)![1]!;

  const guestData = tempDataDir();
  const guestApp = await launch(guestData);
  const guest = await home(guestApp);
  await guestApp.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.minimize());
  // The second start holds no lock: it hands its link to the running app and exits.
  const second = spawn(binary!, [path.resolve('out/main/index.js'), appLink(code, `127.0.0.1:${port}`)], { env: { ...process.env, LANVAS_USER_DATA: guestData }, stdio: 'ignore' });
  await new Promise((resolve) => second.once('exit', resolve));
  const guestBoard = new BoardDriver(guest.page);
  await guestBoard.connected();
  await expect.poll(() => guestBoard.kinds()).toEqual(['rect']);
  expect(await guestApp.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.isMinimized())).toBe(false);
  for (const app of [guestApp, hostApp]) await app.close();
});

test('one app hosts a board on the LAN; another joins it by code, and a third by a lanvas:// link', async () => {
  const hostApp = await launch(tempDataDir());
  const host = await home(hostApp);
  const hostBoard = await host.createBoard();
  await hostBoard.tool('r');
  await hostBoard.drag([300, 250], [480, 360]);
  const code = await host.share();

  const guestApp = await launch(tempDataDir());
  const guest = await home(guestApp);
  await guest.joinByCode(code);
  const guestBoard = new BoardDriver(guest.page);
  await guestBoard.connected();
  await expect.poll(() => guestBoard.kinds()).toEqual(['rect']);
  await guestBoard.tool('o');
  await guestBoard.drag([600, 250], [760, 360]);
  await expect.poll(() => hostBoard.kinds()).toEqual(['rect', 'ellipse']);

  // A deep link at a cold start opens the join flow (the link form carries the address).
  const links = (await host.page.getByTestId('share-links').textContent())!;
  const port = /:(\d+)\/#code=/.exec(links)![1]!;
  const linkedApp = await launch(tempDataDir(), [appLink(code, `127.0.0.1:${port}`)]);
  const linked = new BoardDriver(await linkedApp.firstWindow());
  await linked.connected();
  await expect.poll(() => linked.kinds()).toEqual(['rect', 'ellipse']);
  for (const app of [linkedApp, guestApp, hostApp]) await app.close();
});
