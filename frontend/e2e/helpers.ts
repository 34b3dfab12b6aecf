import AxeBuilder from '@axe-core/playwright';
import { expect, request, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { createHmac } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';

type Strings = typeof import('../src/locales/sr-Latn.json');
const L: Strings = JSON.parse(readFileSync(new URL('../src/locales/sr-Latn.json', import.meta.url), 'utf8'));

/** The Serbian (Latin) strings the UI shows by default; tests read labels from the same file. */
export { L };

export const DEMO_PASSWORD = 'zajedno-demo';
export const SCREENSHOTS = 'test-results/screenshots';

/** A username nobody used before, so the suite can rerun against the same database. */
export function uniqueName(prefix: string) {
  return `${prefix}.${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
}

export async function login(page: Page, username: string, password: string) {
  await page.goto('/login');
  await expect(page.getByRole('heading', { level: 1, name: L.login.title })).toBeVisible();
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.getByRole('button', { name: L.login.submit }).click();
}

export async function loginAndWaitForHome(page: Page, username: string, password = DEMO_PASSWORD) {
  await login(page, username, password);
  await expect(page.getByRole('heading', { level: 1, name: /Zdravo, / })).toBeVisible();
}

/** Runs axe for WCAG 2.2 AA on the page as it is now and expects no violations. */
export async function expectNoAxeViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`);
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

/** Full-page screenshots at phone and desktop width; also checks for horizontal scrolling. */
export async function screenshots(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const original = page.viewportSize() ?? { width: 1280, height: 800 };
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 800 });
    await page.waitForTimeout(100);
    await page.screenshot({ path: `${SCREENSHOTS}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 320, height: 640 });
  await page.waitForTimeout(100);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${name} scrolls sideways at 320 px`).toBeLessThanOrEqual(0);
  await page.setViewportSize(original);
}

/** Axe and screenshots together: what every page gets. */
export async function checkPage(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await expectNoAxeViolations(page, name);
  await screenshots(page, name);
}

// RFC 4648 base32 and RFC 6238 TOTP (SHA-1, 30 s, 6 digits) with node:crypto.
function base32Decode(input: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const clean = input.toUpperCase().replace(/=+$/, '').replace(/\s/g, '');
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const idx = alphabet.indexOf(ch);
    if (idx < 0) throw new Error(`not base32: ${ch}`);
    value = (value << 5) | idx;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export function totpStep(at = Date.now()) {
  return Math.floor(at / 1000 / 30);
}

export function totp(secret: string, step = totpStep()): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const bin = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(bin % 1_000_000).padStart(6, '0');
}

/** Waits until a TOTP step later than `used` begins (each code works once). */
export async function nextTotpStep(used: number) {
  while (totpStep() <= used) await new Promise((r) => setTimeout(r, 500));
}

/** An API client logged in as a demo user, for setting up data quickly (not for assertions). */
export async function apiAs(username: string, password = DEMO_PASSWORD): Promise<APIRequestContext & { csrf: string }> {
  const ctx = await request.newContext({ baseURL: process.env.E2E_BASE_URL });
  const res = await ctx.post('/api/v1/auth/login', { data: { username, password } });
  expect(res.status(), `login ${username}`).toBe(200);
  const body = await res.json();
  return Object.assign(ctx, { csrf: body.csrf_token as string });
}

export type NewUser = { id: string; username: string; password: string; displayName: string };

/** Creates a social worker through the API as demo.admin; returns the temporary password. */
export async function createUserViaApi(prefix = 'e2e'): Promise<NewUser> {
  const admin = await apiAs('demo.admin');
  const agencies = await (await admin.get('/api/v1/agencies')).json();
  const agency = agencies.items.find((a: { type: string }) => a.type === 'csr') ?? agencies.items[0];
  const username = uniqueName(prefix);
  const displayName = `Test ${username}`;
  const res = await admin.post('/api/v1/users', {
    headers: { 'X-CSRF-Token': admin.csrf },
    data: { username, display_name: displayName, agency_id: agency.id, roles: ['social_worker'] },
  });
  expect(res.status(), await res.text()).toBe(201);
  const body = await res.json();
  await admin.dispose();
  return { id: body.user.id, username, password: body.temporary_password, displayName };
}

/** Logs in with a temporary password and replaces it; ends on the home page. */
export async function firstLogin(page: Page, user: NewUser, newPassword: string) {
  await login(page, user.username, user.password);
  await expect(page).toHaveURL(/\/change-password$/);
  await page.locator('#current-password').fill(user.password);
  await page.locator('#new-password').fill(newPassword);
  await page.getByRole('button', { name: L.password.submit }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Zdravo, ${user.displayName}` })).toBeVisible();
}

export async function newPage(browser: Browser, width = 1280) {
  const context = await browser.newContext({ viewport: { width, height: 800 } });
  return { context, page: await context.newPage() };
}
