// Renders resources/icon.svg to resources/icon.png (1024 px, which electron-builder turns into the
// macOS and Windows icons) and to the Linux icon set in resources/icons/ (NxN.png, 16 to 512 px: the
// sizes desktops look up in the hicolor theme; each drawn from the SVG, not scaled down from 1024).
// Run after changing the SVG: node scripts/render-icon.mjs (uses Debian's Chromium).
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright';

const resources = path.join(import.meta.dirname, '../resources');
const svg = fs.readFileSync(path.join(resources, 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: process.env.LANVAS_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });

async function render(size, file) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(`<body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body>`);
  await page.screenshot({ path: file, omitBackground: true });
  await page.close();
}

await render(1024, path.join(resources, 'icon.png'));
fs.mkdirSync(path.join(resources, 'icons'), { recursive: true });
for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) await render(size, path.join(resources, 'icons', `${size}x${size}.png`));
await browser.close();
