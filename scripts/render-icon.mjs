// Renders resources/icon.svg to resources/icon.png (1024 px), which electron-builder turns into each
// platform's icon. Run after changing the SVG: node scripts/render-icon.mjs (uses Debian's Chromium).
import fs from 'node:fs';
import { chromium } from 'playwright';

const svg = fs.readFileSync(new URL('../resources/icon.svg', import.meta.url), 'utf8');
const browser = await chromium.launch({ executablePath: process.env.LANVAS_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1024, height: 1024 } });
await page.setContent(`<body style="margin:0;background:transparent">${svg.replace('<svg ', '<svg width="1024" height="1024" ')}</body>`);
await page.screenshot({ path: new URL('../resources/icon.png', import.meta.url).pathname, omitBackground: true });
await browser.close();
