// Renders resources/icon.svg to resources/icon.png (1024 px), which electron-builder turns into each
// platform's icon. Run after changing the SVG: node scripts/render-icon.mjs (uses Debian's Chromium).
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright';

const resources = path.join(import.meta.dirname, '../resources');
const svg = fs.readFileSync(path.join(resources, 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: process.env.LANVAS_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1024, height: 1024 } });
await page.setContent(`<body style="margin:0;background:transparent">${svg.replace('<svg ', '<svg width="1024" height="1024" ')}</body>`);
await page.screenshot({ path: path.join(resources, 'icon.png'), omitBackground: true });
await browser.close();
