import type { Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { apiAs, checkPage, expectNoAxeViolations, L, loginAndWaitForHome } from './helpers';

// Alerts outside the chat: the header's count follows the websocket's alert frames (no chat
// open, no reload); the service worker is served, registers for the whole site and turns a push
// into a notification that says nothing personal; the notification settings show this device.
// Headless Chromium here has no push service, so subscribing itself cannot succeed: the device
// part is checked for what it says, and the worker is given a push through DevTools instead.

async function as(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await loginAndWaitForHome(page, username);
  return page;
}

const nav = (page: Page) => page.getByRole('navigation', { name: L.nav.main });

/** The number on the Alerts link (0 when it has no badge). */
async function openAlerts(page: Page): Promise<number> {
  const badge = nav(page).getByRole('link', { name: new RegExp(`^${L.nav.alerts}`) }).locator('.badge');
  if ((await badge.count()) === 0) return 0;
  return Number((await badge.innerText()).match(/^\d+/)?.[0] ?? 0);
}

test('the alert count follows the websocket: a mention shows on the badge at once, with no chat open', async ({ browser }) => {
  // A case led by demo.social with demo.nurse as member, made through the API.
  const api = await apiAs('demo.social');
  const teams = await (await api.get('/api/v1/teams')).json();
  const team = teams.items.find((t: { members: { username: string }[] }) => t.members.some((m) => m.username === 'demo.nurse'));
  const nurse = team.members.find((m: { username: string }) => m.username === 'demo.nurse') as { id: string };
  const created = await api.post('/api/v1/cases', {
    headers: { 'X-CSRF-Token': api.csrf },
    data: { title: `Obaveštenje uživo ${Date.now()}`, category: 'general', team_id: team.id, subject: { first_name: 'Mila', last_name: 'Uživo' } },
  });
  expect(created.status(), await created.text()).toBe(201);
  const kase = await created.json();
  const added = await api.post(`/api/v1/cases/${kase.id}/members`, { headers: { 'X-CSRF-Token': api.csrf }, data: { user_id: nurse.id } });
  expect(added.status(), await added.text()).toBe(201);

  const page = await as(browser, 'demo.nurse');
  // The home page opens no chat; the tab's websocket is open all the same.
  const sockets: string[] = [];
  page.on('websocket', (ws) => sockets.push(ws.url()));
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: /Zdravo, / })).toBeVisible();
  await expect.poll(() => sockets.filter((u) => u.endsWith('/api/v1/ws')).length).toBe(1);
  await page.waitForLoadState('networkidle');
  const before = await openAlerts(page);

  const posted = await api.post(`/api/v1/cases/${kase.id}/messages`, {
    headers: { 'X-CSRF-Token': api.csrf },
    data: { body: 'Molim pogledajte nalaz', sensitivity: 'general', mentions: [nurse.id] },
  });
  expect(posted.status(), await posted.text()).toBe(201);
  // Well within the two-minute poll: the alert frame had the count read again.
  await expect.poll(() => openAlerts(page), { timeout: 15_000 }).toBe(before + 1);
  await api.dispose();
  await page.context().close();
});

test('/sw.js is served and registers for the whole site; a push becomes a neutral notification for the alert, in the app\'s language', async ({ page, context }) => {
  const res = await page.request.get('/sw.js');
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toMatch(/javascript/);

  await context.grantPermissions(['notifications']);
  await page.goto('/login');
  const registered = await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.register('/sw.js?lang=sr-Cyrl', { scope: '/' });
    const ready = await navigator.serviceWorker.ready;
    return { scope: reg.scope, state: ready.active?.state };
  });
  expect(registered.scope).toBe(new URL('/', page.url()).href);
  expect(['activating', 'activated']).toContain(registered.state);

  // No push service here: DevTools hands the worker the payload the server would send.
  const cdp = await context.newCDPSession(page);
  const registrations: { registrationId: string; scopeURL: string }[] = [];
  cdp.on('ServiceWorker.workerRegistrationUpdated', (e) => registrations.push(...e.registrations));
  await cdp.send('ServiceWorker.enable');
  await expect.poll(() => registrations.some((r) => r.scopeURL === registered.scope)).toBe(true);
  const registrationId = registrations.find((r) => r.scopeURL === registered.scope)!.registrationId;
  await cdp.send('ServiceWorker.deliverPushMessage', { origin: new URL(page.url()).origin, registrationId, data: JSON.stringify({ alert_id: 'a-123' }) });

  const shown = () =>
    page.evaluate(async () => {
      const reg = await navigator.serviceWorker.ready;
      return (await reg.getNotifications()).map((n) => ({ title: n.title, body: n.body, tag: n.tag, data: n.data as unknown, lang: n.lang }));
    });
  await expect.poll(shown).toEqual([{ title: 'Ново упозорење у Заједно', body: 'Отворите да га видите.', tag: 'a-123', data: { url: '/alerts/a-123' }, lang: 'sr-Cyrl' }]);

  // The app's language changes: the worker follows, and the next notification is worded in it.
  await page.getByLabel(L.language.label).selectOption('en');
  const activeScript = () => page.evaluate(async () => (await navigator.serviceWorker.getRegistration('/'))?.active?.scriptURL ?? '');
  await expect.poll(activeScript).toMatch(/\/sw\.js\?lang=en$/);
  await cdp.send('ServiceWorker.deliverPushMessage', { origin: new URL(page.url()).origin, registrationId, data: JSON.stringify({ alert_id: 'a-456' }) });
  await expect.poll(async () => (await shown()).find((n) => n.tag === 'a-456')).toEqual({ title: 'New alert in Zajedno', body: 'Open to see it.', tag: 'a-456', data: { url: '/alerts/a-456' }, lang: 'en' });
});

test('the notification settings show this device, and say what went wrong when it cannot subscribe', async ({ page, context }) => {
  await loginAndWaitForHome(page, 'demo.nurse');
  await nav(page).getByRole('link', { name: L.nav.profile, exact: true }).click();
  const device = page.locator('.push-device');
  await expect(device.getByRole('heading', { name: L.notifications.device.title })).toBeVisible();
  await expect(device.getByText(L.notifications.device.off)).toBeVisible();
  const turnOn = device.getByRole('button', { name: L.notifications.device.turnOn });
  await expect(turnOn).toBeVisible();
  await checkPage(page, 'profile-push-device');

  // Allowed, but this browser's push service cannot be reached: the worker is registered and
  // the message says what happened and what to do.
  await context.grantPermissions(['notifications']);
  await turnOn.click();
  await expect(device.getByRole('alert')).toContainText(L.notifications.device.problems.browserFailed.title);
  await expect(turnOn).toBeEnabled();
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration('/'))?.active?.scriptURL ?? '');
  expect(scope).toMatch(/\/sw\.js\?lang=sr-Latn$/);
  await expectNoAxeViolations(page, 'profile-push-device-failed');
});
