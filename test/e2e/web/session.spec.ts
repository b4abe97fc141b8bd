/**
 * The web client served by a real headless host, in Debian's Chromium: people join by the link, see each
 * other, a snapshot is compressed in the page's worker and stored, a late joiner loads it, and the pages
 * reconnect by themselves when the host restarts.
 */
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { tempDataDir } from '../../support/host';
import { startHostProcess, type HostProcess } from '../../support/host-process';

const SECRET = 'e2e secret';
let host: HostProcess | null = null;

test.afterEach(async () => {
  await host?.stop();
  host = null;
});

const link = (port: number) => `http://127.0.0.1:${port}/#board=e2e&secret=${encodeURIComponent(SECRET)}`;

async function openAs(page: Page, port: number, name: string, color: string): Promise<void> {
  await page.addInitScript(([n, c]) => localStorage.setItem('lanvas.identity', JSON.stringify({ name: n, color: c })), [name, color]);
  await page.goto(link(port));
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'connected');
}

const names = (page: Page) => page.getByTestId('participants').locator('li');

test('people join by link, see each other, and survive a host restart', async ({ browser }, testInfo) => {
  const dataDir = tempDataDir();
  host = await startHostProcess({ dataDir, boards: { e2e: SECRET }, extra: ['--snapshot-every', '4'] });
  const ada = await (await browser.newContext()).newPage();
  const bo = await (await browser.newContext()).newPage();
  await openAs(ada, host.port, 'Ada', '#e03131');
  await openAs(bo, host.port, 'Bo', '#1971c2');
  await expect(names(ada)).toHaveText(['Ada (you)', 'Bo']);
  await expect(names(bo)).toHaveText(['Ada', 'Bo (you)']);
  await expect(ada.getByTestId('join-form')).toBeHidden();
  await ada.screenshot({ path: testInfo.outputPath('two-people.png') });

  // Enough joins and leaves for the host to ask a page for snapshots; the page compresses in its worker.
  for (let i = 0; i < 2; i++) {
    const guest = await (await browser.newContext()).newPage();
    await openAs(guest, host.port, `Guest ${i}`, '#2f9e44');
    await guest.close();
  }
  await expect.poll(() => host!.output()).toMatch(/snapshot stored at event \d+/);

  const late = await (await browser.newContext()).newPage();
  await openAs(late, host.port, 'Late', '#9c36b5');
  await expect(names(late)).toHaveText(['Ada', 'Bo', 'Late (you)']);
  const seqs = await Promise.all([ada, bo, late].map((p) => p.evaluate(() => (window as unknown as { lanvasSession: { vm: { seq: number } } }).lanvasSession.vm.seq)));
  expect(new Set(seqs).size).toBe(1);

  // The host goes away and comes back on the same port and data: the pages find it again by themselves.
  const port = host.port;
  expect(await host.stop()).toBe(0);
  await expect(ada.getByTestId('status')).toHaveAttribute('data-status', 'reconnecting');
  host = await startHostProcess({ dataDir, port, boards: { e2e: SECRET } });
  for (const page of [ada, bo, late]) await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'connected', { timeout: 15_000 });
  // They rejoin in whatever order their reconnects land.
  await expect(names(ada)).toHaveCount(3);
  expect((await names(ada).allTextContents()).sort()).toEqual(['Ada (you)', 'Bo', 'Late']);
  await ada.screenshot({ path: testInfo.outputPath('after-host-restart.png') });
});

test('a wrong secret is refused with a clear state and no board data', async ({ page }) => {
  host = await startHostProcess({ dataDir: tempDataDir(), boards: { e2e: SECRET } });
  await page.goto(`http://127.0.0.1:${host.port}/#board=e2e&secret=wrong`);
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'closed');
  await expect(names(page)).toHaveCount(0);
});

test('a page opened without a session asks for one', async ({ page }) => {
  host = await startHostProcess({ dataDir: tempDataDir(), boards: { e2e: SECRET } });
  await page.goto(`http://127.0.0.1:${host.port}/`);
  await expect(page.getByTestId('join-form')).toBeVisible();
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByTestId('join-error')).toHaveText(/invite code/);
  await page.getByText('Board and secret instead').click();
  await page.getByLabel('Board', { exact: true }).fill('e2e');
  await page.getByLabel('Secret').fill(SECRET);
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'connected');
});
