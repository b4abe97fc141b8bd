/**
 * The desktop app itself, through Playwright's Electron driver. These need the Electron binary, which
 * `npm ci` downloads on a machine with access to Electron's release host; where it was skipped
 * (ELECTRON_SKIP_BINARY_DOWNLOAD, as on our CI), every test here is skipped and says so.
 */
import { _electron as electron, expect, test } from '@playwright/test';
import path from 'node:path';
import { findElectronBinary } from '../../../scripts/electron-binary.mjs';
import { tempDataDir } from '../../support/host';

const binary = findElectronBinary();
test.skip(binary === null, 'Electron binary not installed (npm ci ran with ELECTRON_SKIP_BINARY_DOWNLOAD=1): the desktop e2e runs where it can be downloaded');

const launch = (userData: string) =>
  electron.launch({ executablePath: binary!, args: [path.resolve('out/main/index.js')], env: { ...process.env, LANVAS_USER_DATA: userData } });

test('opens a board at once, locked down, and reopens it after a relaunch', async () => {
  const userData = tempDataDir();
  const app = await launch(userData);
  const page = await app.firstWindow();
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'connected');
  await expect(page.getByTestId('participants').locator('li')).toHaveCount(1);
  // The page has the bridge and nothing else of Node or Electron.
  expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
  expect(await page.evaluate(() => Object.keys(window.lanvas ?? {}).sort())).toEqual(['appInfo', 'localSession']);
  // Navigation and new windows are denied.
  await page.evaluate(() => window.open('https://example.com'));
  expect(app.windows()).toHaveLength(1);
  await app.close();

  const again = await launch(userData);
  const reopened = await again.firstWindow();
  await expect(reopened.getByTestId('status')).toHaveAttribute('data-status', 'connected');
  await again.close();
});
