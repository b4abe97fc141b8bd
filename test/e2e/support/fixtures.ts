/**
 * The specs' `test`: Playwright's, plus closing every browser context a test opened once it ends.
 * The browser lives for the whole run; pages left open would keep drawing and reconnecting and slow
 * every test after them.
 */
import { test as base } from '@playwright/test';

export const test = base.extend<{ closeContexts: void }>({
  closeContexts: [
    async ({ browser }, use) => {
      const before = new Set(browser.contexts());
      await use();
      for (const context of browser.contexts()) if (!before.has(context)) await context.close();
    },
    { auto: true },
  ],
});

export { expect } from '@playwright/test';
