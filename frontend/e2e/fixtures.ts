import { expect, test as base } from '@playwright/test';

/**
 * The suite's `test`: every page also fails on a Content-Security-Policy violation or an
 * uncaught script error, so inline scripts or eval never slip in.
 */
export const test = base.extend<{ pageErrors: void }>({
  pageErrors: [
    async ({ context }, use) => {
      const problems: string[] = [];
      context.on('page', (page) => {
        page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
        page.on('console', (msg) => {
          if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) problems.push(`CSP: ${msg.text()}`);
        });
      });
      await use();
      expect(problems, 'script errors or CSP violations').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
