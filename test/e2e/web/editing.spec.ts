/**
 * Editing as a person does it, in Chromium against a real host: the clipboard (within a board, between
 * boards, in a text field), keyboard shortcuts for duplicate, select all, delete and z-order; editing
 * text in place; zoom about the pointer and panning; exporting PNG (1x, 2x) and SVG of the board and
 * of the selection.
 */
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { tempDataDir } from '../../support/host';
import { startHostProcess, type HostProcess } from '../../support/host-process';
import { BoardDriver } from '../support/board-driver';

const SECRET = 'editing secret';
let host: HostProcess | null = null;

test.afterEach(async () => {
  await host?.stop();
  host = null;
});

async function open(page: Page): Promise<BoardDriver> {
  host = await startHostProcess({ dataDir: tempDataDir(), boards: { ed: SECRET } });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`http://127.0.0.1:${host.port}/#board=ed&secret=${encodeURIComponent(SECRET)}`);
  const board = new BoardDriver(page);
  await board.connected();
  return board;
}

test('shortcuts: copy, paste, duplicate, select all, z-order, delete', async ({ page }) => {
  const board = await open(page);
  await board.tool('r');
  await board.drag([200, 200], [360, 300]);
  await board.tool('o');
  await board.drag([300, 250], [460, 360]);
  await expect.poll(() => board.kinds()).toEqual(['rect', 'ellipse']);

  // The ellipse is selected after drawing: copy and paste it twice, duplicate the paste.
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await expect.poll(() => board.shapeCount()).toBe(3);
  await page.keyboard.press('Control+d');
  await expect.poll(() => board.kinds()).toEqual(['rect', 'ellipse', 'ellipse', 'ellipse']);
  expect(await board.editor<number>('selection.ids.size')).toBe(1);

  // Send the selected copy to the back, then bring it forward one step.
  await page.keyboard.press('Control+Shift+BracketLeft');
  await expect.poll(() => board.kinds()).toEqual(['ellipse', 'rect', 'ellipse', 'ellipse']);
  await page.keyboard.press('Control+BracketRight');
  await expect.poll(() => board.kinds()).toEqual(['rect', 'ellipse', 'ellipse', 'ellipse']);

  // Click the rectangle's edge to select it alone, delete it; then select all and delete the rest.
  await board.tool('v');
  await page.mouse.click(200, 230);
  expect(await board.editor<number>('selection.ids.size')).toBe(1);
  await page.keyboard.press('Delete');
  await expect.poll(() => board.kinds()).toEqual(['ellipse', 'ellipse', 'ellipse']);
  await page.keyboard.press('Control+a');
  expect(await board.editor<number>('selection.ids.size')).toBe(3);
  await page.keyboard.press('Backspace');
  await expect.poll(() => board.shapeCount()).toBe(0);
  await page.keyboard.press('Control+z');
  await expect.poll(() => board.shapeCount()).toBe(3);
});

test('shapes copy between two boards through the system clipboard; a text field pastes text', async ({ page, context }) => {
  // Two boards on one host, each in its own tab: only the system clipboard joins them.
  host = await startHostProcess({ dataDir: tempDataDir(), boards: { ed: SECRET, other: SECRET } });
  const tab = async (p: Page, board: string) => {
    await p.setViewportSize({ width: 1280, height: 800 });
    await p.goto(`http://127.0.0.1:${host!.port}/#board=${board}&secret=${encodeURIComponent(SECRET)}`);
    const driver = new BoardDriver(p);
    await driver.connected();
    return driver;
  };
  const a = await tab(page, 'ed');
  const b = await tab(await context.newPage(), 'other');

  await a.page.bringToFront();
  await a.tool('r');
  await a.drag([200, 200], [360, 300]);
  await a.typeAt('n', [600, 400], 'sticky words');
  await expect.poll(() => a.shapeCount()).toBe(2); // both arrived: select all takes both
  await a.page.keyboard.press('Control+a');
  await a.page.keyboard.press('Control+x');
  await expect.poll(() => a.shapeCount()).toBe(0);

  await b.page.bringToFront();
  await b.page.locator('[data-testid="canvas"]').hover({ position: { x: 5, y: 5 } });
  await b.page.keyboard.press('Control+v');
  await expect.poll(() => b.kinds()).toEqual(['rect', 'sticky']);
  expect(await b.texts()).toEqual(['sticky words']);
  expect(await b.editor<number>('selection.ids.size')).toBe(2);

  // In a note's editor the same keys copy and paste its text, and the board stays as it is.
  await b.page.mouse.dblclick(550, 380);
  await expect(b.page.getByTestId('text-editor')).toBeFocused();
  await b.page.keyboard.press('Control+a');
  await b.page.keyboard.press('Control+c');
  await b.page.keyboard.press('End');
  await b.page.keyboard.type(' and ');
  await b.page.keyboard.press('Control+v');
  await b.page.keyboard.press('Control+Enter');
  await expect.poll(() => b.texts()).toEqual(['sticky words and sticky words']);
  expect(await b.shapeCount()).toBe(2);
});

test('text is edited in place by double-clicking it', async ({ page }) => {
  const board = await open(page);
  await board.typeAt('n', [500, 400], 'first words');
  await expect.poll(() => board.texts()).toEqual(['first words']);
  await page.mouse.dblclick(450, 380);
  await expect(page.getByTestId('text-editor')).toBeFocused();
  await page.keyboard.press('End');
  await page.keyboard.type(', then more');
  await page.keyboard.press('Control+Enter');
  await expect.poll(() => board.texts()).toEqual(['first words, then more']);
});

test('the wheel zooms about the pointer; space-drag and the middle button pan', async ({ page }) => {
  const board = await open(page);
  await board.tool('r');
  await board.drag([600, 400], [700, 460]);
  await board.page.getByTestId('zoom').click(); // zoom to fit: the shape fits at 100%
  await expect(page.getByTestId('zoom')).toHaveText('100%');
  const camera = () => board.editor<{ x: number; y: number; zoom: number }>('canvas.camera');
  const worldAt = async (sx: number, sy: number) => {
    const c = await camera();
    return [c.x + sx / c.zoom, c.y + (sy - 44) / c.zoom];
  };
  const before = await worldAt(640, 430);
  await page.mouse.move(640, 430);
  await page.mouse.wheel(0, -300);
  await expect.poll(async () => (await camera()).zoom).toBeGreaterThan(1.2);
  const after = await worldAt(640, 430);
  expect(after[0]).toBeCloseTo(before[0]!, 0);
  expect(after[1]).toBeCloseTo(before[1]!, 0);
  await expect(page.getByTestId('zoom')).not.toHaveText('100%');

  const start = await camera();
  await page.keyboard.down('Space');
  await board.drag([400, 400], [500, 450]);
  await page.keyboard.up('Space');
  const panned = await camera();
  expect((start.x - panned.x) * panned.zoom).toBeCloseTo(100, 0);
  expect((start.y - panned.y) * panned.zoom).toBeCloseTo(50, 0);
  await page.mouse.move(500, 500);
  await page.mouse.down({ button: 'middle' });
  await page.mouse.move(450, 500, { steps: 4 });
  await page.mouse.up({ button: 'middle' });
  expect(((await camera()).x - panned.x) * panned.zoom).toBeCloseTo(50, 0);
  expect(await board.shapeCount()).toBe(1); // panning drew nothing
});

test('export PNG at 1x and 2x and SVG, of the board and of the selection', async ({ page }) => {
  const board = await open(page);
  await board.tool('r');
  await board.drag([200, 200], [400, 300]);
  await board.tool('p');
  await board.scribble(Array.from({ length: 20 }, (_, i) => [500 + i * 10, 400 + (i % 5) * 6] as [number, number]));
  await expect.poll(() => board.shapeCount()).toBe(2);
  await page.keyboard.press('Escape');

  const save = async (testid: string) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
    return fs.readFileSync((await download.path())!);
  };
  const pngSize = (png: Buffer) => [png.readUInt32BE(16), png.readUInt32BE(20)];
  const png1 = await save('export-png');
  const png2 = await save('export-png-2x');
  expect(png1.subarray(1, 4).toString()).toBe('PNG');
  const [w1, h1] = pngSize(png1);
  const [w2, h2] = pngSize(png2);
  expect(w2).toBe(2 * w1!);
  expect(h2).toBe(2 * h1!);
  expect(w1).toBeGreaterThan(390);
  const svg = (await save('export-svg')).toString();
  expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svg).toContain('<rect');
  expect(svg).toContain('<polygon');

  // Select just the rectangle: the exports shrink to it.
  await page.mouse.click(200, 250);
  expect(await board.editor<number>('selection.ids.size')).toBe(1);
  const [ws] = pngSize(await save('export-png'));
  expect(ws).toBeLessThan(w1!);
  const svgSel = (await save('export-svg')).toString();
  expect(svgSel).toContain('<rect');
  expect(svgSel).not.toContain('<polygon');
});

test('resize and rotate with the handles; restyle the selection', async ({ page }) => {
  const board = await open(page);
  await board.tool('r');
  await board.drag([300, 300], [500, 400]); // selected once it arrives
  await expect.poll(() => board.editor<number>('selection.ids.size')).toBe(1);
  const shape = () =>
    page.evaluate(() => {
      const { model } = (window as unknown as { lanvasSession: { model: { order: string[]; shapes: Map<string, { w: number; h: number; rotation: number; opacity: number; stroke: string }> } } }).lanvasSession;
      const s = model.shapes.get(model.order[0]!)!;
      return { w: s.w, h: s.h, rotation: s.rotation, opacity: s.opacity, stroke: s.stroke };
    });
  await board.drag(await board.anchor('bottom-right'), [600, 450], 6);
  await expect.poll(async () => Math.round((await shape()).w)).toBeGreaterThan(250);
  const resized = await shape();
  expect(resized.h).toBeGreaterThan(120);

  const [rx, ry] = await board.anchor('rotater');
  await board.drag([rx, ry], [rx + 300, ry + 300], 10);
  await expect.poll(async () => (await shape()).rotation).toBeGreaterThan(10);

  await page.getByTestId('opacity-60').click();
  await page.getByTestId('stroke-e03131').click();
  // Two separate updates, each echoed by the host in its own time: wait for both.
  await expect.poll(async () => (await shape()).opacity).toBe(0.6);
  await expect.poll(async () => (await shape()).stroke).toBe('#e03131');
});

/**
 * Over a slow path to the host (every frame from it held back 400 ms), what a person does right after
 * placing or drawing a shape acts on it: the editor opens at once and keeps every key, Escape closes
 * it, and Delete or a style click reaches the shape just drawn, pasted or duplicated.
 */
test('right after placing or drawing, before the host has answered: typing, Escape, Delete and style act on it', async ({ page }) => {
  await page.routeWebSocket(/\/$/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => server.send(message));
    server.onMessage((message) => void new Promise((r) => setTimeout(r, 400)).then(() => ws.send(message)));
  });
  const board = await open(page);
  await board.tool('n');
  await page.mouse.click(400, 300);
  await page.keyboard.type('every key kept');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('text-editor')).toHaveCount(0);
  await board.tool('t');
  await page.mouse.click(700, 300);
  await page.keyboard.type('typed at once');
  await page.keyboard.press('Escape');
  await expect.poll(() => board.texts()).toEqual(['every key kept', 'typed at once']);

  // Escape the moment a note is placed: the editor closes and the next key is a shortcut again.
  await board.tool('n');
  await page.mouse.click(400, 600);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('text-editor')).toHaveCount(0);
  await page.keyboard.press('r');
  await expect.poll(() => board.editor<string>('toolName')).toBe('rect');

  await board.drag([800, 550], [950, 650]);
  await page.getByTestId('stroke-e03131').click(); // acts on the rectangle just drawn
  await page.keyboard.press('Control+d');
  await page.keyboard.press('Delete'); // the duplicate, selected at once
  await expect.poll(() => board.unacknowledged()).toBe(0); // every edit is back from the host
  expect(await board.kinds()).toEqual(['sticky', 'text', 'sticky', 'rect']);
  const rect = await page.evaluate(() => {
    const { model } = (window as unknown as { lanvasSession: { model: { order: string[]; shapes: Map<string, { kind: string; stroke: string }> } } }).lanvasSession;
    return model.order.map((id) => model.shapes.get(id)!).find((s) => s.kind === 'rect')!.stroke;
  });
  expect(rect).toBe('#e03131');
});

/** A text box narrowed with its handle rewraps: it grows to hold its lines, and the SVG breaks them where the canvas does. */
test('narrowing a text box rewraps it: its height follows its lines, on the canvas and in the SVG', async ({ page }) => {
  const board = await open(page);
  await board.typeAt('t', [300, 300], 'the quick brown fox jumps over the lazy dog again and again');
  await expect.poll(() => board.unacknowledged()).toBe(0);
  const text = () =>
    page.evaluate(() => {
      const { model } = (window as unknown as { lanvasSession: { model: { order: string[]; shapes: Map<string, { x: number; y: number; w: number; h: number; fontSize: number }> } } }).lanvasSession;
      const s = model.shapes.get(model.order[0]!)!;
      return { x: s.x, y: s.y, w: s.w, h: s.h, fontSize: s.fontSize };
    });
  const before = await text();
  await page.mouse.click(305, 305);
  await expect.poll(() => board.editor<number>('selection.ids.size')).toBe(1);
  const canvasTop = (await page.getByTestId('canvas').boundingBox())!.y;
  const [rx, ry] = await board.anchor('middle-right');
  await board.drag([rx, ry], [rx - (rx - 300) * 0.7, ry], 6);
  await expect.poll(async () => (await text()).w).toBeLessThan(before.w * 0.5);
  const after = await text();
  const lines = (await board.painted()).filter((c) => c.op === 'fillText').length;
  expect(lines).toBeGreaterThan(2);
  expect(after.h).toBeCloseTo(lines * after.fontSize * 1.25, 0); // as tall as its lines, not the height it had
  // A click on its last line, below where the box used to end, selects it.
  await page.keyboard.press('Escape');
  const camera = await board.editor<{ x: number; y: number }>('canvas.camera');
  await page.mouse.click(after.x + 5 - camera.x, canvasTop + after.y + after.h - 6 - camera.y);
  await expect.poll(() => board.editor<number>('selection.ids.size')).toBe(1);
  // The SVG breaks the text into the same lines.
  await page.keyboard.press('Escape');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-svg').click()]);
  const svg = fs.readFileSync((await download.path())!).toString();
  expect(svg.match(/<tspan/g)).toHaveLength(lines);
});

test("the style panel shows the selection's style, not the pen's, and nothing where the selection differs", async ({ page }) => {
  const board = await open(page);
  const pressed = (testid: string) => page.getByTestId(testid).getAttribute('aria-pressed');
  await board.tool('r');
  await page.getByTestId('stroke-e03131').click(); // the pen is red
  await board.drag([200, 200], [350, 300]);
  await page.keyboard.press('Escape');
  await page.getByTestId('stroke-1971c2').click(); // nothing selected: only the pen turns blue
  await board.tool('r');
  await board.drag([500, 200], [650, 300]);
  await expect.poll(() => board.shapeCount()).toBe(2);
  await page.keyboard.press('Escape');
  await board.tool('v');
  await page.mouse.click(200, 250); // the red one
  await expect.poll(() => board.editor<number>('selection.ids.size')).toBe(1);
  expect(await pressed('stroke-e03131')).toBe('true');
  expect(await pressed('stroke-1971c2')).toBe('false');
  await page.keyboard.press('Control+a');
  await expect.poll(() => board.editor<number>('selection.ids.size')).toBe(2);
  expect(await pressed('stroke-e03131')).toBe('false'); // mixed: no colour claims it
  expect(await pressed('stroke-1971c2')).toBe('false');
  expect(await pressed('width-4')).toBe('true'); // shared
  await page.getByTestId('width-8').click();
  await expect.poll(() => pressed('width-8')).toBe('true');
  await page.keyboard.press('Escape');
  expect(await pressed('stroke-1971c2')).toBe('true'); // the pen again
});

test('the tool lock keeps a drawing tool in hand for shape after shape', async ({ page }) => {
  const board = await open(page);
  await page.getByTestId('tool-lock').click();
  await expect(page.getByTestId('tool-lock')).toHaveAttribute('aria-pressed', 'true');
  await board.tool('r');
  await board.drag([200, 200], [300, 280]);
  await board.drag([400, 200], [500, 280]);
  await board.drag([600, 200], [700, 280]);
  await expect.poll(() => board.shapeCount()).toBe(3);
  expect(await board.editor<string>('toolName')).toBe('rect');
  await board.tool('n');
  await page.mouse.click(300, 500);
  await page.keyboard.type('one');
  await page.keyboard.press('Escape');
  expect(await board.editor<string>('toolName')).toBe('sticky');
  // Q unlocks: the next shape returns to Select, with the shape selected.
  await page.keyboard.press('q');
  await board.tool('r');
  await board.drag([200, 600], [300, 680]);
  await expect.poll(() => board.editor<string>('toolName')).toBe('select');
  expect(await board.editor<number>('selection.ids.size')).toBe(1);
  await expect.poll(() => board.kinds()).toEqual(['rect', 'rect', 'rect', 'sticky', 'rect']);
});

test('an empty board says what to do; "?" lists every key, from the same registry the keys use', async ({ page }) => {
  const board = await open(page);
  await expect(page.getByTestId('empty-hint')).toBeVisible();
  await board.tool('r');
  await board.drag([300, 300], [450, 400]); // the hint does not stand in the way
  await expect.poll(() => board.shapeCount()).toBe(1);
  await expect(page.getByTestId('empty-hint')).toBeHidden();

  await page.keyboard.press('?');
  const help = page.getByTestId('shortcut-help');
  await expect(help).toBeVisible();
  await expect(help.getByRole('row', { name: /Keep the tool after each shape/ })).toContainText('Q');
  await expect(help.getByRole('row', { name: /^Redo/ })).toContainText('Ctrl+Shift+Z');
  await expect(help.getByRole('row', { name: /^Paste/ })).toContainText('Ctrl+V');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await page.getByTestId('help').click();
  await expect(help).toBeVisible();
  await help.getByTestId('close-help').click();
  await expect(help).toBeHidden();
  // Undo empties the board again: the hint is back.
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('empty-hint')).toBeVisible();
});

test('outlines are solid, dashed or dotted: for the selection, for the next shapes, and in the SVG', async ({ page }) => {
  const board = await open(page);
  await board.tool('r');
  await board.drag([300, 250], [600, 450]); // selected once drawn
  await expect.poll(() => board.editor<number>('selection.ids.size')).toBe(1);
  await page.keyboard.press('Control+0');
  const solid = await board.inkBlocks();
  await page.getByTestId('dash-dashed').click();
  const dash = () =>
    page.evaluate(() => {
      const { model } = (window as unknown as { lanvasSession: { model: { shapes: Map<string, { dash: string }>; order: string[] } } }).lanvasSession;
      return model.order.map((id) => model.shapes.get(id)!.dash);
    });
  await expect.poll(dash).toEqual(['dashed']);
  await expect(page.getByTestId('dash-dashed')).toHaveAttribute('aria-pressed', 'true');
  const dashed = await board.inkBlocks();
  const ink = (blocks: number[]) => blocks.reduce((a, b) => a + b, 0);
  expect(ink(dashed)).toBeLessThan(ink(solid) * 0.9); // the gaps show
  // The next shape takes the pen's outline.
  await page.keyboard.press('Escape');
  await page.getByTestId('dash-dotted').click();
  await board.tool('o');
  await board.drag([700, 250], [900, 450]);
  await expect.poll(dash).toEqual(['dashed', 'dotted']);
  await page.keyboard.press('Escape'); // the whole board, not the ellipse just drawn
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-svg').click()]);
  const svg = fs.readFileSync((await download.path())!).toString();
  expect(svg).toMatch(/<rect [^>]*stroke-dasharray="16 12"/);
  expect(svg).toMatch(/<ellipse [^>]*stroke-dasharray="0 10"/);
});

test('arrowheads at the end, the start or both: chosen for the selected arrow and the next ones, drawn and exported', async ({ page }) => {
  const board = await open(page);
  const heads = () =>
    page.evaluate(() => {
      const { model } = (window as unknown as { lanvasSession: { model: { shapes: Map<string, { heads: string }>; order: string[] } } }).lanvasSession;
      return model.order.map((id) => model.shapes.get(id)!.heads);
    });
  await board.tool('a');
  await board.drag([300, 300], [600, 300]);
  await expect.poll(() => board.editor<number>('selection.ids.size')).toBe(1);
  await expect(page.getByTestId('heads-end')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('heads-both').click();
  await expect.poll(heads).toEqual(['both']);
  expect((await board.painted()).filter((c) => c.op === 'fill')).toHaveLength(2); // a head at each end
  await page.keyboard.press('Escape');
  await page.getByTestId('heads-start').click();
  await board.tool('a');
  await board.drag([300, 500], [600, 500]);
  await expect.poll(heads).toEqual(['both', 'start']);
  await page.keyboard.press('Escape');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-svg').click()]);
  expect(fs.readFileSync((await download.path())!).toString().match(/<polygon/g)).toHaveLength(3);
});

test('text and notes in sans, hand-drawn, serif or mono: for the selection and the next ones, with their boxes re-measured, and in the SVG', async ({ page }) => {
  const board = await open(page);
  const shapes = () =>
    page.evaluate(() => {
      const { model } = (window as unknown as { lanvasSession: { model: { shapes: Map<string, { font: string; h: number; w: number }>; order: string[] } } }).lanvasSession;
      return model.order.map((id) => ({ font: model.shapes.get(id)!.font, h: model.shapes.get(id)!.h }));
    });
  await board.typeAt('t', [300, 300], 'a line of words that wraps once the font is wider');
  await expect.poll(() => board.unacknowledged()).toBe(0);
  await page.mouse.click(305, 305);
  await expect.poll(() => board.editor<number>('selection.ids.size')).toBe(1);
  await expect(page.getByTestId('font-sans')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('font-mono').click();
  await expect.poll(async () => (await shapes())[0]!.font).toBe('mono');
  const lines = (await board.painted()).filter((c) => c.op === 'fillText').length;
  const { h } = (await shapes())[0]!;
  expect(h).toBeCloseTo(lines * 24 * 1.25, 0); // as tall as its lines in the new font
  expect((await board.painted()).find((c) => c.op === 'fillText')!.font).toMatch(/monospace/);
  await page.keyboard.press('Escape');
  await page.getByTestId('font-hand').click();
  await board.typeAt('n', [800, 500], 'note');
  await expect.poll(async () => (await shapes()).map((s) => s.font)).toEqual(['mono', 'hand']);
  await page.keyboard.press('Escape');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-svg').click()]);
  const svg = fs.readFileSync((await download.path())!).toString();
  expect(svg).toMatch(/font-family="[^"]*monospace"/);
  expect(svg).toMatch(/font-family="[^"]*cursive"/);
});

test('a sticky note grows with its words instead of hiding them behind "…"', async ({ page }) => {
  const board = await open(page);
  const note = () =>
    page.evaluate(() => {
      const { model } = (window as unknown as { lanvasSession: { model: { shapes: Map<string, { w: number; h: number; text: string }>; order: string[] } } }).lanvasSession;
      const s = model.shapes.get(model.order[0]!)!;
      return { w: s.w, h: s.h, text: s.text };
    });
  await board.tool('n');
  await page.mouse.click(400, 300);
  await expect(page.getByTestId('text-editor')).toBeFocused();
  const words = Array.from({ length: 12 }, (_, i) => `line ${i + 1}`).join('\n');
  await page.keyboard.type(words);
  await page.keyboard.press('Escape');
  await expect.poll(async () => (await note()).text).toBe(words);
  const grown = await note();
  expect(grown.h).toBeGreaterThan(grown.w); // it was square
  const shown = (await board.painted()).filter((c) => c.op === 'fillText').map((c) => c.args[0]);
  expect(shown).toHaveLength(12);
  expect(shown.at(-1)).toBe('line 12'); // nothing cut off
});

test('dark mode follows the system, or the switch, and is kept; the board is shown inverted, its exports are not', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  const board = await open(page);
  const themeSwitch = page.getByTestId('theme');
  const canvasFilter = () => page.getByTestId('canvas').evaluate((el) => getComputedStyle(el).filter);
  await expect(themeSwitch).toHaveAttribute('data-theme', 'system');
  expect(await canvasFilter()).toMatch(/invert/); // the system is dark
  await themeSwitch.click();
  await expect(themeSwitch).toHaveAttribute('data-theme', 'light');
  expect(await canvasFilter()).toBe('none');
  await themeSwitch.click();
  await expect(themeSwitch).toHaveAttribute('data-theme', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await canvasFilter()).toMatch(/invert/); // chosen, not the system's
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe('rgb(23, 23, 26)');

  await board.tool('r');
  await board.drag([300, 300], [500, 400]);
  await expect.poll(() => board.shapeCount()).toBe(1);
  await page.keyboard.press('Escape');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-svg').click()]);
  expect(fs.readFileSync((await download.path())!).toString()).toContain('fill="#ffffff"'); // exported as drawn, on white

  await page.reload();
  await board.connected();
  await expect(page.getByTestId('theme')).toHaveAttribute('data-theme', 'dark');
});

test('align and distribute the selection, undone as one step', async ({ page }) => {
  const board = await open(page);
  const boxes = () =>
    page.evaluate(() => {
      const { model } = (window as unknown as { lanvasSession: { model: { shapes: Map<string, { x: number; y: number }>; order: string[] } } }).lanvasSession;
      return model.order.map((id) => ({ x: Math.round(model.shapes.get(id)!.x), y: Math.round(model.shapes.get(id)!.y) }));
    });
  for (const [x, y] of [[200, 200], [330, 260], [700, 330]] as const) {
    await board.tool('r');
    await board.drag([x, y], [x + 80, y + 60]);
  }
  await expect.poll(() => board.shapeCount()).toBe(3);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('arrange-top')).toBeHidden(); // nothing to line up
  await page.keyboard.press('Control+a');
  await expect(page.getByTestId('arrange-top')).toBeVisible();
  const before = await boxes();
  await page.getByTestId('arrange-top').click();
  await expect.poll(async () => new Set((await boxes()).map((b) => b.y)).size).toBe(1);
  await page.getByTestId('arrange-horizontal').click();
  await expect.poll(async () => {
    const xs = (await boxes()).map((b) => b.x).sort((p, q) => p - q);
    return Math.abs(xs[1]! - xs[0]! - (xs[2]! - xs[1]!)) <= 1;
  }).toBe(true);
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await expect.poll(boxes).toEqual(before);
});

test('the right-click menu acts on the shape under the pointer, or on the board', async ({ page }) => {
  const board = await open(page);
  await board.tool('r');
  await board.drag([200, 200], [300, 280]);
  await board.tool('o');
  await board.drag([500, 200], [600, 280]);
  await expect.poll(() => board.shapeCount()).toBe(2);
  await page.keyboard.press('Escape');

  // On a shape: it is selected, and the menu offers what can be done with it.
  await page.mouse.click(200, 240, { button: 'right' });
  const menu = page.getByTestId('context-menu');
  await expect(menu).toBeVisible();
  expect(await board.editor<number>('selection.ids.size')).toBe(1);
  await menu.getByTestId('menu-duplicate').click();
  await expect(menu).toBeHidden();
  await expect.poll(() => board.kinds()).toEqual(['rect', 'ellipse', 'rect']);

  await page.mouse.click(500, 240, { button: 'right' });
  await menu.getByTestId('menu-copy').click();
  await page.keyboard.press('Control+v');
  await expect.poll(() => board.kinds()).toEqual(['rect', 'ellipse', 'rect', 'ellipse']);

  await page.mouse.click(600, 240, { button: 'right' });
  await menu.getByTestId('menu-back').click();
  await expect.poll(async () => (await board.kinds())[0]).toBe('ellipse');

  // On the empty board: nothing to act on but the board; Escape closes.
  await page.mouse.click(900, 600, { button: 'right' });
  await expect(menu.getByTestId('menu-delete')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await page.mouse.click(900, 600, { button: 'right' });
  await menu.getByTestId('menu-select-all').click();
  await expect.poll(() => board.editor<number>('selection.ids.size')).toBe(4);
  await page.mouse.click(200, 240, { button: 'right' }); // inside the selection: it stays whole
  expect(await board.editor<number>('selection.ids.size')).toBe(4);
  await menu.getByTestId('menu-delete').click();
  await expect.poll(() => board.shapeCount()).toBe(0);
});

test('a semi fill lets what is behind show through', async ({ page }) => {
  const board = await open(page);
  await page.getByTestId('fill-a5d8ff').click();
  await board.tool('r');
  await board.drag([300, 300], [500, 450]);
  await expect.poll(() => board.shapeCount()).toBe(1);
  const ink = async () => (await board.inkBlocks()).reduce((a, b) => a + b, 0);
  const solid = await ink();
  await page.getByTestId('fill-style-semi').click(); // the rectangle is still selected
  await expect.poll(async () => (await board.painted()).filter((c) => c.op === 'fill').map((c) => [c.fillStyle, c.globalAlpha])).toEqual([['#a5d8ff', 0.5]]);
  expect(await ink()).toBeLessThan(solid);
  await expect(page.getByTestId('fill-style-semi')).toHaveAttribute('aria-pressed', 'true');
});

test('the ends of a line or arrow are handles: each moves alone, the other stays', async ({ page }) => {
  const board = await open(page);
  const line = () =>
    page.evaluate(() => {
      const { model } = (window as unknown as { lanvasSession: { model: { shapes: Map<string, { x: number; y: number; w: number; h: number }>; order: string[] } } }).lanvasSession;
      const s = model.shapes.get(model.order[0]!)!;
      return { x1: Math.round(s.x), y1: Math.round(s.y), x2: Math.round(s.x + s.w), y2: Math.round(s.y + s.h) };
    });
  await board.tool('a');
  await board.drag([300, 300], [500, 300]); // selected once drawn
  await expect.poll(() => board.editor<number>('selection.ids.size')).toBe(1);
  const before = await line();
  const [ex, ey] = await board.lineEnd(1);
  await board.drag([ex, ey], [ex, ey + 150], 6);
  await expect.poll(async () => (await line()).y2).toBe(before.y2 + 150);
  expect((await line()).x1).toBe(before.x1);
  expect((await line()).y1).toBe(before.y1); // the start stayed
  const [sx, sy] = await board.lineEnd(0);
  await board.drag([sx, sy], [sx + 50, sy - 50], 6);
  await expect.poll(async () => (await line()).x1).toBe(before.x1 + 50);
  expect((await line()).y2).toBe(before.y2 + 150); // the end stayed
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await line()).x1).toBe(before.x1);
});

test("an end's handle let go on a shape binds it there, and on empty board frees it; the arrow follows a resize live", async ({ page }) => {
  const board = await open(page);
  await board.tool('r');
  await board.drag([700, 200], [900, 400]);
  await board.tool('a');
  await board.drag([300, 300], [500, 300]);
  const arrow = async () => (await board.shapes()).find((s) => s.kind === 'arrow')!;
  const box = (await board.shapes()).find((s) => s.kind === 'rect')!;
  expect((await arrow()).endBind).toBe('');
  await board.drag(await board.lineEnd(1), [800, 310], 6);
  await expect.poll(async () => (await arrow()).endBind).toBe(box.id);
  const a = await arrow();
  expect(a.x + a.w).toBeLessThan(700); // on the outline, aimed at the centre
  // Resizing the box: the arrow follows while the handle is dragged, before anything is sent.
  await page.mouse.click(800, 200); // select the box by its top edge
  await expect.poll(() => board.editor<number>('selection.ids.size')).toBe(1);
  const [lx, ly] = await board.anchor('middle-left');
  await page.mouse.move(lx, ly);
  await page.mouse.down();
  await page.mouse.move(lx + 100, ly, { steps: 5 });
  const drawn = await board.editor<{ x: number; w: number }>(`canvas.node('${a.id}').shape`);
  expect(drawn.x + drawn.w).toBeGreaterThan(a.x + a.w + 90); // drawn live where its end follows
  await page.mouse.up();
  await expect.poll(async () => { const s = await arrow(); return s.x + s.w; }).toBeGreaterThan(a.x + a.w + 90);
  // Its end's handle let go on empty board: free again.
  await page.mouse.click(400, 300);
  await board.drag(await board.lineEnd(1), [600, 600], 6);
  await expect.poll(async () => (await arrow()).endBind).toBe('');
});

async function exportSvg(page: Page): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-svg').click()]);
  return fs.readFileSync((await download.path())!).toString();
}

test('words written in a rectangle, centred, the shape growing to hold them; on the canvas and in the SVG', async ({ page }) => {
  const board = await open(page);
  await board.tool('r');
  await board.drag([300, 300], [500, 360]);
  await expect.poll(() => board.shapeCount()).toBe(1); // arrived: the double-click finds it
  await page.keyboard.press('Escape');
  await page.mouse.dblclick(400, 300); // on its outline (an empty rectangle is hit there)
  await expect(page.getByTestId('text-editor')).toBeFocused();
  await expect(page.getByTestId('text-editor')).toHaveCSS('text-align', 'center');
  await page.keyboard.type('one two three four five six seven eight nine ten eleven twelve');
  await page.keyboard.press('Escape');
  await expect.poll(async () => (await board.shapes())[0]!.text).toContain('twelve');
  const rect = (await board.shapes())[0]!;
  expect(rect.h).toBeGreaterThan(60); // grown to hold the words, which wrap in its width
  expect(rect.w).toBe(200);
  const rows = (await board.painted()).filter((c) => c.op === 'fillText').length;
  expect(rows).toBeGreaterThan(1);
  // A click on the words (inside an unfilled rectangle) selects it; a double-click edits them again.
  await page.mouse.click(400, 300 + rect.h / 2);
  await expect.poll(() => board.editor<number>('selection.ids.size')).toBe(1);
  await page.mouse.dblclick(400, 300 + rect.h / 2);
  await expect(page.getByTestId('text-editor')).toHaveValue(/^one two/);
  await page.keyboard.press('Control+a');
  await page.keyboard.type('short');
  await page.keyboard.press('Control+Enter');
  await expect.poll(async () => (await board.shapes())[0]!.text).toBe('short');
  const svg = await exportSvg(page);
  expect(svg).toContain(`text-anchor="middle" xml:space="preserve"><tspan x="${rect.x + 100}" `); // centred in the box
  expect(svg).toContain('>short</tspan>');
  // Undone, the words come back as they were.
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await board.shapes())[0]!.text).toContain('twelve');
});

test('an arrow takes a label and bends into a curve by its middle handle; both drawn and exported', async ({ page }) => {
  const board = await open(page);
  await board.tool('a');
  await board.drag([300, 400], [700, 400]);
  await expect.poll(() => board.editor<number>('selection.ids.size')).toBe(1);
  const [bx, by] = await board.handle('selection.bendHandle', 5);
  await board.drag([bx, by], [bx, by - 120], 8);
  await expect.poll(async () => Math.round(await board.editor<number>('model.shapes.get(editor.model.order[0]).bend'))).toBe(120);
  // The curve is what is hit: its apex, 120 px above where the straight line ran.
  await page.keyboard.press('Escape');
  await page.mouse.dblclick(500, 400 - 120);
  await expect(page.getByTestId('text-editor')).toBeFocused();
  await page.keyboard.type('depends on');
  await page.keyboard.press('Escape');
  await expect.poll(async () => (await board.shapes())[0]!.text).toBe('depends on');
  const painted = (await board.painted()).map((c) => c.op);
  expect(painted.indexOf('fillRect')).toBeGreaterThan(painted.lastIndexOf('stroke')); // the label's patch over the arrow
  expect(painted.lastIndexOf('fillText')).toBeGreaterThan(painted.indexOf('fillRect')); // its words on the patch
  const svg = await exportSvg(page);
  const { x, y } = (await board.shapes())[0]!;
  expect(svg).toContain(`<path d="M${x} ${y}Q${x + 200} ${y - 240} ${x + 400} ${y}"`); // the quadratic through the apex
  expect(svg).toContain('>depends on</tspan>');
});

test('pen strokes and lines resize and turn with the handles, with the rest of a selection', async ({ page }) => {
  const board = await open(page);
  await board.tool('p');
  await board.scribble([[300, 300], [350, 340], [400, 300], [450, 340]]);
  await board.tool('l');
  await board.drag([300, 420], [450, 420]);
  await expect.poll(() => board.shapeCount()).toBe(2); // both arrived: select all takes both
  await board.tool('v');
  await page.keyboard.press('Control+a');
  await expect.poll(() => board.editor<number>('selection.ids.size')).toBe(2);
  const bounds = async () => {
    const list = await board.shapes();
    return board.editor<{ minX: number; maxX: number; minY: number; maxY: number }>(`canvas.index.boxOf('${list[0]!.id}')`);
  };
  const penBefore = await bounds();
  const lineBefore = (await board.shapes())[1]!;
  const [rx, ry] = await board.anchor('middle-right');
  await board.drag([rx, ry], [rx + 150, ry], 6); // the selection, 150 wide, is made twice as wide
  await expect.poll(async () => (await board.shapes())[1]!.w).toBeGreaterThan(lineBefore.w * 1.8);
  const penAfter = await bounds();
  expect(penAfter.maxX - penAfter.minX).toBeGreaterThan((penBefore.maxX - penBefore.minX) * 1.8);
  expect(Math.round(penAfter.maxY - penAfter.minY)).toBe(Math.round(penBefore.maxY - penBefore.minY)); // only wider
  // Turned a quarter: the line now runs up and down.
  const [tx, ty] = await board.anchor('rotater');
  const centre = [(rx + 150 + 300) / 2, ty + 100];
  await board.drag([tx, ty], [centre[0]! + 200, centre[1]!], 12);
  await expect.poll(async () => Math.abs((await board.shapes())[1]!.w)).toBeLessThan(30);
  expect(Math.abs((await board.shapes())[1]!.h)).toBeGreaterThan(250);
  await page.keyboard.press('Control+z'); // the turn is undone as one step
  await expect.poll(async () => Math.abs((await board.shapes())[1]!.h)).toBeLessThan(5);
});

test('group and ungroup: a click selects the whole group and a drag moves it; undone by its author', async ({ page }) => {
  const board = await open(page);
  await board.tool('r');
  await board.drag([300, 300], [400, 400]);
  await board.tool('o');
  await board.drag([500, 300], [600, 400]);
  await expect.poll(() => board.shapeCount()).toBe(2); // both arrived: select all takes both
  await board.tool('v');
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Control+g');
  // Both in one group (not merely both in none, as before the group arrives).
  await expect.poll(async () => [...new Set((await board.shapes()).map((s) => s.group))]).toEqual([expect.stringMatching(/.+/)]);
  await page.keyboard.press('Escape');
  const y = (await board.shapes())[0]!.y;
  await board.drag([300, 350], [300, 450]); // pressed on the rectangle's edge
  await expect.poll(() => board.editor<number>('selection.ids.size')).toBe(2);
  await expect.poll(async () => (await board.shapes()).map((s) => s.y)).toEqual([y + 100, y + 100]);
  await page.keyboard.press('Control+Shift+g');
  await expect.poll(async () => (await board.shapes()).map((s) => s.group)).toEqual(['', '']);
  await page.keyboard.press('Escape');
  await page.mouse.click(300, 480); // on the edge, away from where the drag let go (the same spot soon after is a double-click)
  await expect.poll(() => board.editor<number>('selection.ids.size')).toBe(1);
  // Undo the ungroup, then the move, then the grouping: each the author's own step.
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await board.shapes())[0]!.group).not.toBe('');
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await board.shapes()).map((s) => [s.y, s.group])).toEqual([[y, ''], [y, '']]);
});

test('a locked shape cannot be moved, deleted, erased or swept up, until it is unlocked from the menu', async ({ page }) => {
  const board = await open(page);
  await board.tool('r');
  await board.drag([300, 300], [400, 400]);
  await expect.poll(() => board.shapeCount()).toBe(1); // arrived: the right-click finds it
  await page.mouse.click(300, 350, { button: 'right' });
  await expect(page.getByTestId('menu-lock')).toHaveText(/Lock/);
  await page.getByTestId('menu-lock').click();
  await expect.poll(async () => (await board.shapes())[0]!.locked).toBe(true);
  const { x, y } = (await board.shapes())[0]!;
  await board.drag([300, 350], [300, 500]);
  await page.keyboard.press('Delete');
  await board.tool('e');
  await board.drag([290, 350], [310, 350]);
  await board.tool('v');
  await board.drag([250, 250], [450, 450]); // a sweep around it
  await expect.poll(() => board.editor<number>('selection.ids.size')).toBe(0);
  await expect.poll(() => board.unacknowledged()).toBe(0);
  expect(await board.shapes()).toMatchObject([{ x, y }]);
  await page.mouse.click(300, 350, { button: 'right' });
  await expect(page.getByTestId('menu-lock')).toHaveText(/Unlock/);
  await page.getByTestId('menu-lock').click();
  await expect.poll(async () => (await board.shapes())[0]!.locked).toBe(false);
  await board.drag([320, 300], [320, 400]); // by its top edge, clear of the resize handles now shown
  await expect.poll(async () => (await board.shapes())[0]!.y).toBe(y + 100);
});

test('on a phone (390x844, touch): the tools fit along the bottom, the style panel opens on demand, a finger draws and two pinch', async ({ browser }) => {
  host = await startHostProcess({ dataDir: tempDataDir(), boards: { ed: SECRET } });
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${host.port}/#board=ed&secret=${encodeURIComponent(SECRET)}`);
  const board = new BoardDriver(page);
  await board.connected();
  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  const toolbar = (await page.getByTestId('toolbar').boundingBox())!;
  expect(toolbar.x).toBeGreaterThanOrEqual(0);
  expect(toolbar.x + toolbar.width).toBeLessThanOrEqual(390);
  expect(toolbar.y + toolbar.height).toBeGreaterThan(800); // along the bottom
  expect((toolbar.width * toolbar.height) / (canvas.width * canvas.height)).toBeLessThan(0.1);
  await expect(page.getByTestId('stylebar')).toBeHidden();

  const touch = await context.newCDPSession(page);
  const fingers = async (type: 'touchStart' | 'touchMove' | 'touchEnd', points: [number, number][]) =>
    touch.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y], id) => ({ x, y, id })) });

  // The style panel opens over the tools, sets the colour for what is drawn next, and closes.
  await page.getByTestId('style-toggle').tap();
  await expect(page.getByTestId('stylebar')).toBeVisible();
  const panel = (await page.getByTestId('stylebar').boundingBox())!;
  expect(panel.x + panel.width).toBeLessThanOrEqual(390);
  expect(panel.height / canvas.height).toBeLessThan(0.4);
  await page.getByTestId('stroke-e03131').tap();
  await page.getByTestId('style-toggle').tap();
  await expect(page.getByTestId('stylebar')).toBeHidden();

  // A finger draws a rectangle with the rectangle tool, in that colour.
  await page.getByTestId('tool-rect').tap();
  await fingers('touchStart', [[100, 300]]);
  for (let i = 1; i <= 8; i++) await fingers('touchMove', [[100 + i * 20, 300 + i * 20]]);
  await fingers('touchEnd', []);
  await expect.poll(() => board.kinds()).toEqual(['rect']);
  expect(await board.editor<string>('model.shapes.get(editor.model.order[0]).stroke')).toBe('#e03131');

  // Two fingers spread apart zoom in about their middle.
  const zoom = () => board.editor<number>('canvas.camera.zoom');
  const before = await zoom();
  await fingers('touchStart', [[170, 500], [220, 500]]);
  for (let i = 1; i <= 8; i++) await fingers('touchMove', [[170 - i * 10, 500], [220 + i * 10, 500]]);
  await fingers('touchEnd', []);
  await expect.poll(zoom).toBeGreaterThan(before * 2);
  await context.close();
});

test('a moved shape snaps into line with another, showing a guide (Alt moves it freely); with the grid on, moves and new shapes land on it', async ({ page }) => {
  const board = await open(page);
  await board.tool('r');
  await board.drag([300, 300], [400, 400]);
  await board.tool('r');
  await board.drag([600, 500], [700, 560]);
  await expect.poll(() => board.shapeCount()).toBe(2);
  const [a, b] = await board.shapes();
  const dy = a!.y + 3 - b!.y; // to 3 pixels below the other's top

  // Pressed on its top edge (clear of the handles), dragged: it snaps up to the other's top, with a guide along it.
  await page.mouse.move(620, 500);
  await page.mouse.down();
  await page.mouse.move(620 + 20, 500 + dy, { steps: 8 });
  expect(await board.editor<number>('canvas.guides.group.children.length')).toBe(1);
  await page.mouse.up();
  await expect.poll(async () => (await board.shapes())[1]!.y).toBe(a!.y);
  expect(await board.editor<number>('canvas.guides.group.children.length')).toBe(0); // gone when let go

  // With Alt held it goes exactly where it is taken.
  await board.drag([640, 500 + dy], [640, 500 + dy + 2 + 3]); // press on the edge where it now is
  await expect.poll(async () => (await board.shapes())[1]!.y).toBe(a!.y); // within reach: snapped back
  await page.keyboard.down('Alt');
  await board.drag([640, 500 + dy], [640, 500 + dy + 3]);
  await page.keyboard.up('Alt');
  await expect.poll(async () => (await board.shapes())[1]!.y).toBe(a!.y + 3);

  // The grid: drawn under the board (not in exports), and a new rectangle's corners land on it.
  const png = await board.editor<string>('exportPng(false, 1)');
  await page.keyboard.press("Control+'");
  await expect(page.getByTestId('grid')).toHaveAttribute('aria-pressed', 'true');
  expect(await board.editor<number>('canvas.grid.spacing')).toBe(20);
  expect(await board.editor<string>('exportPng(false, 1)')).toBe(png);
  await board.tool('r');
  await board.drag([813, 207], [887, 301]);
  await expect.poll(() => board.shapeCount()).toBe(3);
  const drawn = (await board.shapes())[2]!;
  expect([drawn.x, drawn.y, drawn.w, drawn.h].map((v) => Math.abs(v % 20))).toEqual([0, 0, 0, 0]);
  await page.getByTestId('grid').click();
  expect(await board.editor<number>('canvas.grid.spacing')).toBe(0);
});
