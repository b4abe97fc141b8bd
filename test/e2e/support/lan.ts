/**
 * People on separate hosts of a virtual LAN (test/lan/virtual-lan.ts), each with Debian's Chromium
 * running inside their host's network namespace, so every page reaches the others by LAN address, as
 * on a real network: a page from `http://10.77.0.1:PORT/` is not a secure context there.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import type { LanHost } from '../../lan/virtual-lan';

const CHROMIUM = process.env.LANVAS_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** Chromium started inside the host's namespace (a wrapper script, as Playwright wants one executable). */
export async function browserOn(host: LanHost): Promise<Browser> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lanvas-ns-chromium-'));
  const wrapper = path.join(dir, 'chromium');
  fs.writeFileSync(wrapper, `#!/bin/sh\nexec ip netns exec ${host.ns} ${CHROMIUM} "$@"\n`, { mode: 0o755 });
  return chromium.launch({ executablePath: wrapper, args: ARGS });
}

/** A fresh page for one person, who is known by this name and colour. */
export async function personPage(browser: Browser, name: string, color: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.addInitScript(([n, c]) => localStorage.setItem('lanvas.identity', JSON.stringify({ name: n, color: c })), [name, color]);
  return page;
}
