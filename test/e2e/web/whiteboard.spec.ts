/**
 * The whiteboard in Debian's Chromium against a real host process: two people use every tool and see
 * each other's work, cursors and strokes in progress; their canvases match pixel for pixel (within a
 * small tolerance) and their boards hash alike; a late joiner after a snapshot and 200+ events draws
 * everything; per-person undo; the host restarting under them.
 */
import type { Browser, Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { tempDataDir } from '../../support/host';
import { startHostProcess, type HostProcess } from '../../support/host-process';
import { BoardDriver, compareInk, expectSameDrawing } from '../support/board-driver';

const SECRET = 'whiteboard secret';
let host: HostProcess | null = null;

test.afterEach(async () => {
  await host?.stop();
  host = null;
});

async function person(browser: Browser, port: number, name: string, color: string): Promise<BoardDriver> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page: Page = await context.newPage();
  await page.addInitScript(([n, c]) => localStorage.setItem('lanvas.identity', JSON.stringify({ name: n, color: c })), [name, color]);
  await page.goto(`http://127.0.0.1:${port}/#board=wb&secret=${encodeURIComponent(SECRET)}`);
  const driver = new BoardDriver(page);
  await driver.connected();
  return driver;
}

test('two people use every tool, see each other live, and draw the same board', async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  host = await startHostProcess({ dataDir: tempDataDir(), boards: { wb: SECRET }, extra: ['--snapshot-every', '250'] });
  const ada = await person(browser, host.port, 'Ada', '#e03131');
  const bo = await person(browser, host.port, 'Bo', '#1971c2');

  // Ada: rectangle, ellipse, line, arrow, pen, sticky, text.
  await ada.tool('r');
  await ada.drag([200, 250], [360, 360]);
  await ada.tool('o');
  await ada.drag([420, 250], [580, 370]);
  await ada.tool('l');
  await ada.drag([200, 420], [360, 470]);
  await ada.tool('a');
  await ada.drag([420, 430], [580, 480]);
  await ada.tool('p');
  await ada.scribble(Array.from({ length: 25 }, (_, i) => [200 + i * 8, 560 + Math.sin(i / 3) * 30] as [number, number]));
  await ada.typeAt('n', [760, 320], 'Sticky from Ada');
  await ada.typeAt('t', [700, 520], 'Text from Ada');

  // Bo sees Ada's cursor while she moves, and her stroke while she is still drawing it.
  await ada.page.mouse.move(640, 640);
  await ada.page.mouse.move(660, 650);
  await expect.poll(() => bo.editor<number>('presence.cursorCount()')).toBeGreaterThan(0);
  await ada.tool('p');
  await ada.page.mouse.move(900, 600);
  await ada.page.mouse.down();
  for (let i = 0; i < 12; i++) await ada.page.mouse.move(900 + i * 10, 600 + (i % 3) * 8, { steps: 2 });
  await expect.poll(() => bo.editor<number>('canvas.active.getChildren().length')).toBeGreaterThan(0);
  await ada.page.mouse.up();
  await expect.poll(() => bo.editor<number>('canvas.active.getChildren().length')).toBe(0);
  // A rectangle in progress shows live too, not only pen strokes; abandoned (Escape), it goes.
  await ada.tool('r');
  await ada.page.mouse.move(700, 650);
  await ada.page.mouse.down();
  for (let i = 1; i <= 6; i++) await ada.page.mouse.move(700 + i * 20, 650 + i * 10, { steps: 2 });
  await expect.poll(() => bo.editor<string>("canvas.active.getChildren().map((n) => n.shape?.kind).join()")).toContain('rect');
  await ada.page.keyboard.press('Escape');
  await ada.page.mouse.up();
  await expect.poll(() => bo.editor<number>('canvas.active.getChildren().length')).toBe(0);

  // Bo draws too, in another colour with a fill, then moves it with the select tool.
  await bo.page.getByTestId('stroke-2f9e44').click();
  await bo.page.getByTestId('fill-a5d8ff').click();
  await bo.tool('r');
  await bo.drag([900, 250], [1050, 330]);
  await bo.drag([975, 290], [1000, 240]); // the new shape is selected: drag it

  // The eraser removes the stroke it touches.
  await expect.poll(() => ada.shapeCount()).toBe(9);
  await ada.tool('e');
  await ada.drag([940, 590], [960, 640]);
  await expect.poll(() => ada.kinds()).toEqual(['rect', 'ellipse', 'line', 'arrow', 'pen', 'sticky', 'text', 'rect']);
  await expect.poll(() => bo.shapeCount()).toBe(8);
  expect(await bo.texts()).toEqual(['Sticky from Ada', 'Text from Ada']);

  await expect.poll(async () => (await ada.boardHash()) === (await bo.boardHash())).toBe(true);
  await expectSameDrawing(ada, bo);
  await ada.page.screenshot({ path: testInfo.outputPath('ada.png') });
  await bo.page.screenshot({ path: testInfo.outputPath('bo.png') });
});

test('a late joiner after a snapshot and 200 more events draws every shape', async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const extra = ['--snapshot-every', '250', '--snapshot-seconds', '3600'];
  host = await startHostProcess({ dataDir: tempDataDir(), boards: { wb: SECRET }, extra });
  const ada = await person(browser, host.port, 'Ada', '#e03131');
  await ada.tool('r');
  await ada.drag([300, 300], [500, 420]);
  await ada.tool('p');
  await ada.scribble(Array.from({ length: 20 }, (_, i) => [300 + i * 10, 500 + Math.cos(i / 2) * 40] as [number, number]));
  await ada.typeAt('n', [800, 350], 'before the snapshot');
  // Small paced edits (under the per-client rate limit) nudge the rectangle back and forth until a
  // snapshot is stored and 200 more events follow it. Only the count policy takes snapshots here, and
  // it needs 250 events, so none comes between the last check and the late join.
  const latestStored = (): number => Math.max(-1, ...[...host!.output().matchAll(/snapshot stored at event (\d+)/g)].map((m) => Number(m[1])));
  for (let round = 0; latestStored() < 0 || (await ada.seq()) - latestStored() < 200; round++) {
    expect(round).toBeLessThan(100);
    await ada.nudge(20);
  }
  await ada.typeAt('t', [600, 650], 'after the snapshot');
  expect((await ada.seq()) - latestStored()).toBeGreaterThanOrEqual(200);

  const late = await person(browser, host.port, 'Late', '#9c36b5');
  expect(await late.kinds()).toEqual(await ada.kinds());
  await expect.poll(async () => (await late.boardHash()) === (await ada.boardHash())).toBe(true);
  await expectSameDrawing(ada, late);
  await late.page.screenshot({ path: testInfo.outputPath('late-joiner.png') });
});

test('each person undoes only their own work, while both edit', async ({ browser }) => {
  host = await startHostProcess({ dataDir: tempDataDir(), boards: { wb: SECRET } });
  const ada = await person(browser, host.port, 'Ada', '#e03131');
  const bo = await person(browser, host.port, 'Bo', '#1971c2');
  await ada.tool('r');
  await ada.drag([200, 200], [400, 300]);
  await bo.tool('o');
  await bo.drag([500, 200], [700, 300]);
  await expect.poll(() => ada.kinds()).toEqual(['rect', 'ellipse']);
  await ada.page.keyboard.press('Control+z');
  await expect.poll(() => bo.kinds()).toEqual(['ellipse']);
  await bo.page.getByTestId('undo').click();
  await expect.poll(() => ada.kinds()).toEqual([]);
  await ada.page.keyboard.press('Control+Shift+z');
  await expect.poll(() => bo.kinds()).toEqual(['rect']);
  await bo.page.keyboard.press('Control+y');
  await expect.poll(() => ada.kinds()).toEqual(['ellipse', 'rect']); // each comes back at its old depth
});

test('the pages reconnect by themselves when the host restarts, and every shape is still drawn', async ({ browser }) => {
  const dataDir = tempDataDir();
  host = await startHostProcess({ dataDir, boards: { wb: SECRET } });
  const ada = await person(browser, host.port, 'Ada', '#e03131');
  const bo = await person(browser, host.port, 'Bo', '#1971c2');
  await ada.tool('r');
  await ada.drag([200, 200], [400, 300]);
  await bo.tool('p');
  await bo.scribble(Array.from({ length: 15 }, (_, i) => [500 + i * 12, 400 + (i % 4) * 10] as [number, number]));
  await expect.poll(() => ada.shapeCount()).toBe(2);
  await ada.zoomToFit();
  const before = await ada.inkBlocks();

  const port = host.port;
  await host.stop();
  await expect(ada.page.getByTestId('status')).toHaveAttribute('data-status', 'reconnecting');
  host = await startHostProcess({ dataDir, port, boards: { wb: SECRET } });
  await ada.connected();
  await bo.connected();
  expect(await ada.shapeCount()).toBe(2);
  await ada.zoomToFit();
  const after = compareInk(before, await ada.inkBlocks());
  expect(after.ink).toBeGreaterThan(1000);
  expect(after.fraction).toBeLessThan(0.003);
  await expect.poll(async () => (await ada.boardHash()) === (await bo.boardHash())).toBe(true);
});

test('a person sets their name and colour: everyone sees it at once, and it is kept for the next session', async ({ browser }) => {
  host = await startHostProcess({ dataDir: tempDataDir(), boards: { wb: SECRET } });
  const ada = await person(browser, host.port, 'Ada', '#e03131');
  const bo = await person(browser, host.port, 'Bo', '#1971c2');
  await expect(bo.page.getByTestId('participants')).toContainText('Ada');

  await ada.page.getByTestId('identity-button').click();
  await ada.page.getByTestId('identity-name').fill('Ada Lovelace');
  await ada.page.getByTestId('identity-2f9e44').click();
  await ada.page.getByTestId('identity-save').click();
  await expect(ada.page.getByTestId('identity-editor')).toBeHidden();
  const adaAtBo = bo.page.getByTestId('participants').locator('li', { hasText: 'Ada Lovelace' });
  await expect(adaAtBo).toHaveCSS('background-color', 'rgb(47, 158, 68)');
  await expect(ada.page.getByTestId('identity-button')).toHaveText('Ada Lovelace (you)');

  // An empty name is not taken; Escape leaves the editor as it was.
  await ada.page.getByTestId('identity-button').click();
  await ada.page.getByTestId('identity-name').fill('   ');
  await ada.page.getByTestId('identity-save').click();
  await expect(ada.page.getByTestId('identity-editor')).toBeVisible();
  await ada.page.getByTestId('identity-name').press('Escape');
  await expect(ada.page.getByTestId('identity-editor')).toBeHidden();

  // A later session on the same device says the new name (and so does its join).
  const later = await ada.page.context().newPage();
  await later.goto(ada.page.url());
  await expect(later.getByTestId('status')).toHaveAttribute('data-status', 'connected', { timeout: 15_000 });
  await expect(later.getByTestId('identity-button')).toHaveText('Ada Lovelace (you)');
  await expect(bo.page.getByTestId('participants').locator('li', { hasText: 'Ada Lovelace' })).toHaveCount(2);
});

test("each person sees what the others have selected, outlined in their colour", async ({ browser }) => {
  host = await startHostProcess({ dataDir: tempDataDir(), boards: { wb: SECRET } });
  const ada = await person(browser, host.port, 'Ada', '#e03131');
  const bo = await person(browser, host.port, 'Bo', '#1971c2');
  await ada.tool('r');
  await ada.drag([300, 300], [450, 400]); // selected once drawn
  const outlines = () => bo.editor<number>('presence.selectionCount()');
  await expect.poll(outlines).toBe(1);
  expect(await bo.editor<string>("canvas.overlay.findOne('.remote-selection').stroke()")).toBe('#e03131');
  // A late joiner is told too.
  const cy = await person(browser, host.port, 'Cy', '#2f9e44');
  await expect.poll(() => cy.editor<number>('presence.selectionCount()')).toBe(1);
  await ada.page.keyboard.press('Escape');
  await expect.poll(outlines).toBe(0);
  await expect.poll(() => cy.editor<number>('presence.selectionCount()')).toBe(0);
});

test("an arrow bound to someone else's shape follows it, for both of them; through undo and a duplicate", async ({ browser }) => {
  host = await startHostProcess({ dataDir: tempDataDir(), boards: { wb: SECRET } });
  const ada = await person(browser, host.port, 'Ada', '#e03131');
  const bo = await person(browser, host.port, 'Bo', '#1971c2');
  await bo.tool('r');
  await bo.drag([600, 300], [800, 450]);
  await bo.page.keyboard.press('Escape');
  await expect.poll(async () => (await ada.shapes()).length).toBe(1);
  const box = (await ada.shapes())[0]!;
  // Ada draws an arrow from empty board to the inside of Bo's rectangle: its end binds there.
  await ada.tool('a');
  await ada.drag([300, 380], [700, 380]);
  await ada.page.keyboard.press('Escape');
  const arrowOf = async (d: BoardDriver) => (await d.shapes()).find((s) => s.kind === 'arrow');
  await expect.poll(async () => (await arrowOf(bo))?.endBind).toBe(box.id);
  const arrow = (await arrowOf(bo))!;
  const end = (s: { x: number; y: number; w: number; h: number }) => [s.x + s.w, s.y + s.h];
  expect(end(arrow)[0]).toBeLessThan(box.x); // it stops at the outline, not where it was let go
  expect(end(arrow)[0]).toBeGreaterThan(box.x - 12);

  // Bo moves his rectangle down by its top edge: the arrow's end goes with it, on both screens.
  await bo.tool('v');
  await bo.drag([700, 300], [700, 500], 10);
  await expect.poll(async () => (await ada.shapes()).find((s) => s.id === box.id)!.y).toBe(box.y + 200);
  for (const d of [ada, bo]) {
    await expect.poll(async () => end((await arrowOf(d))!)[1]).toBeGreaterThan(box.y + 200);
    expect((await arrowOf(d))!.x).toBe(arrow.x); // the free end stays
  }
  expect(await ada.boardHash()).toBe(await bo.boardHash());

  // Bo's undo puts his shape back, and the arrow follows back; the arrow is still Ada's to undo.
  await bo.page.keyboard.press('Control+z');
  await expect.poll(async () => end((await arrowOf(ada))!)).toEqual(end(arrow));
  // Ada duplicates both: the copy of the arrow is bound to the copy of the rectangle.
  await ada.tool('v');
  await ada.page.keyboard.press('Control+a');
  await ada.page.keyboard.press('Control+d');
  await expect.poll(async () => (await bo.shapes()).length).toBe(4);
  const [, , copyBox, copyArrow] = await bo.shapes();
  expect(copyArrow).toMatchObject({ kind: 'arrow', endBind: copyBox!.id });
  await ada.page.keyboard.press('Control+z'); // Ada undoes her duplicate, then her arrow
  await ada.page.keyboard.press('Control+z');
  await expect.poll(() => bo.kinds()).toEqual(['rect']);
});

