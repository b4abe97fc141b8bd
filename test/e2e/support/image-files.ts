/** Image files as a person brings them to a board: made by the browser's own encoders, pasted or dropped. */
import { expect, type Page } from '@playwright/test';

export interface FileBytes {
  name: string;
  type: string;
  bytes: Buffer;
}

/** An image of one colour, `w` × `h`, encoded by the browser itself (a real PNG, JPEG or WebP file). */
export async function encoded(page: Page, name: string, type: string, w: number, h: number, color: string): Promise<FileBytes> {
  const url = await page.evaluate(([t, width, height, c]) => {
    const canvas = document.createElement('canvas');
    canvas.width = Number(width);
    canvas.height = Number(height);
    const g = canvas.getContext('2d')!;
    g.fillStyle = String(c);
    g.fillRect(0, 0, canvas.width, canvas.height);
    return canvas.toDataURL(String(t), 0.95);
  }, [type, w, h, color]);
  expect(url.startsWith(`data:${type};`)).toBe(true); // the encoder made what was asked
  return { name, type, bytes: Buffer.from(url.split(',')[1]!, 'base64') };
}

/** Files as a paste or a drop carries them, built in the page. */
function transfer(files: FileBytes[]) {
  return files.map((f) => ({ name: f.name, type: f.type, data: f.bytes.toString('base64') }));
}

export async function paste(page: Page, files: FileBytes[]): Promise<void> {
  await page.evaluate((list) => {
    const data = new DataTransfer();
    for (const f of list) data.items.add(new File([Uint8Array.from(atob(f.data), (c) => c.charCodeAt(0))], f.name, { type: f.type }));
    document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, transfer(files));
}

export async function drop(page: Page, files: FileBytes[], at: [number, number]): Promise<void> {
  await page.evaluate(([list, [x, y]]) => {
    const data = new DataTransfer();
    for (const f of list) data.items.add(new File([Uint8Array.from(atob(f.data), (c) => c.charCodeAt(0))], f.name, { type: f.type }));
    const target = document.querySelector('[data-testid="canvas"]')!;
    for (const type of ['dragenter', 'dragover', 'drop']) target.dispatchEvent(new DragEvent(type, { dataTransfer: data, clientX: x, clientY: y, bubbles: true, cancelable: true }));
  }, [transfer(files), at] as const);
}
