/**
 * The desktop app itself, through Playwright's Electron driver and the same board driver the web
 * specs use. These need the Electron binary, which `npm ci` downloads on a machine with access to
 * Electron's release host; where it was skipped (ELECTRON_SKIP_BINARY_DOWNLOAD, as on our CI), every
 * test here is skipped and says so.
 */
import { _electron as electron, expect, test } from '@playwright/test';
import path from 'node:path';
import { findElectronBinary } from '../../../scripts/electron-binary.mjs';
import { tempDataDir } from '../../support/host';
import { BoardDriver, compareInk } from '../support/board-driver';

const binary = findElectronBinary();
test.skip(binary === null, 'Electron binary not installed (npm ci ran with ELECTRON_SKIP_BINARY_DOWNLOAD=1): the desktop e2e runs where it can be downloaded');

const launch = (userData: string) =>
  electron.launch({ executablePath: binary!, args: [path.resolve('out/main/index.js')], env: { ...process.env, LANVAS_USER_DATA: userData } });

test('opens a board at once, locked down', async () => {
  const app = await launch(tempDataDir());
  const page = await app.firstWindow();
  await new BoardDriver(page).connected();
  await expect(page.getByTestId('participants').locator('li')).toHaveCount(1);
  // The page has the bridge and nothing else of Node or Electron.
  expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
  expect(await page.evaluate(() => Object.keys(window.lanvas ?? {}).sort())).toEqual(['appInfo', 'localSession']);
  // New windows are denied.
  await page.evaluate(() => window.open('https://example.com'));
  expect(app.windows()).toHaveLength(1);
  await app.close();
});

test('draw, quit, relaunch: the board reopens with every shape', async () => {
  const userData = tempDataDir();
  const app = await launch(userData);
  const board = new BoardDriver(await app.firstWindow());
  await board.connected();
  await board.tool('r');
  await board.drag([200, 200], [400, 320]);
  await board.tool('p');
  await board.scribble(Array.from({ length: 20 }, (_, i) => [450 + i * 10, 400 + (i % 4) * 9] as [number, number]));
  await board.typeAt('n', [800, 300], 'still here after a restart');
  await expect.poll(() => board.shapeCount()).toBe(3);
  const kinds = await board.kinds();
  await board.zoomToFit();
  const before = await board.inkBlocks();
  await app.close(); // quitting flushes the log and closes the board

  const again = await launch(userData);
  const reopened = new BoardDriver(await again.firstWindow());
  await reopened.connected();
  expect(await reopened.kinds()).toEqual(kinds);
  expect(await reopened.texts()).toEqual(['still here after a restart']);
  await reopened.zoomToFit();
  const same = compareInk(before, await reopened.inkBlocks());
  expect(same.ink).toBeGreaterThan(1000);
  expect(same.fraction).toBeLessThan(0.003);
  await again.close();
});
