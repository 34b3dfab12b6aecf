import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { apiAs, checkPage, expectNoAxeViolations, L, loginAndWaitForHome } from './helpers';

// On call end to end: demo.lead (team lead, CSR Kikinda) puts demo.social on call now with
// himself as backup; demo.police refers a case of theirs to CSR Kikinda, immediately; demo.social,
// on a 390 px phone, sees the urgent alert first, opens it and acknowledges it with one tap; the
// timeline shows the page and the acknowledgement. Every page: axe at 390 and 1280 px + screenshots.
// Shifts may not overlap: on a rerun against the same database, a shift covering now is reused.

const O = L.oncall;
const A = L.alerts;
const R = L.referrals;
const fill = (s: string, values: Record<string, string>) => Object.entries(values).reduce((out, [k, v]) => out.replace(`{{${k}}}`, v), s);

/** A datetime-local value for an instant, on Belgrade's wall clock (what the form reads). */
function belgradeLocal(d: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Belgrade', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(d);
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** Axe on the phone layout too, then the usual checks (axe at 1280, screenshots, no sideways scroll). */
async function checkBothWidths(page: Page, name: string) {
  const original = page.viewportSize() ?? { width: 1280, height: 800 };
  await page.waitForLoadState('networkidle');
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoAxeViolations(page, `${name} at 390 px`);
  await page.setViewportSize({ width: 1280, height: 800 });
  await checkPage(page, name);
  await page.setViewportSize(original);
}

test('a worker on call is paged by an immediate referral and acknowledges it with one tap', async ({ browser }) => {
  test.setTimeout(240_000);
  const run = Date.now().toString(36);

  // Is somebody already on call at CSR Kikinda (a rerun against the same database)?
  const leadApi = await apiAs('demo.lead');
  const me = await (await leadApi.get('/api/v1/me')).json();
  const csrId: string = me.agency_id;
  const onCall = await (await leadApi.get('/api/v1/on-call')).json();
  const existing = onCall.items.find((a: { agency_id: string }) => a.agency_id === csrId)?.shift ?? null;
  await leadApi.dispose();
  if (existing) expect(existing.oncall_name, 'a shift covering now names another worker on call; use a fresh database').toBe('Marija Petrović');

  await test.step('demo.lead puts demo.social on call now, with himself as backup', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await loginAndWaitForHome(page, 'demo.lead');
    await page.getByRole('navigation', { name: L.nav.main }).getByRole('link', { name: L.nav.onCall, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: O.now.title })).toBeVisible();
    await expect(page).toHaveTitle(`${L.app.name} — ${O.now.title}`);
    const csr = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2, name: /^CSR Kikinda/ }) });
    await expect(csr).toContainText(O.now.yours);
    await checkBothWidths(page, 'oncall-now');

    await csr.getByRole('link', { name: new RegExp(`^${fill(O.now.openRota, { days: '14' })}`) }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'CSR Kikinda' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: O.form.title })).toBeVisible();

    if (!existing) {
      // Nothing typed: the summary links to each field.
      await page.getByRole('button', { name: O.form.submit_one }).click();
      const summary = page.getByRole('alert').filter({ hasText: L.form.errorSummaryTitle });
      await expect(summary.getByRole('link', { name: O.form.startRequired })).toBeVisible();
      await expect(summary.getByRole('link', { name: O.form.oncallRequired })).toBeVisible();
      await expect(page.locator('#shift-start')).toHaveAttribute('aria-invalid', 'true');
      await checkBothWidths(page, 'oncall-rota-errors');

      const now = Date.now();
      await page.getByLabel(O.form.start).fill(belgradeLocal(new Date(now - 10 * 60_000)));
      await page.getByLabel(O.form.end).fill(belgradeLocal(new Date(now + 4 * 3_600_000)));
      await page.getByLabel(O.form.oncall, { exact: true }).selectOption({ label: 'Marija Petrović' });
      await page.getByLabel(O.form.backup).selectOption({ label: 'Snežana Ilić' });
      await page.getByRole('button', { name: O.form.submit_one }).click();
      await expect(page.getByTestId('live-region')).toHaveText(O.form.added_one);
    }
    const nowCard = page.getByRole('region', { name: O.rota.now });
    await expect(nowCard).toContainText('Marija Petrović');
    await expect(nowCard).toContainText('Snežana Ilić');
    await expect(page.getByRole('listitem').filter({ hasText: O.rota.runningNow }).first()).toContainText('Marija Petrović');
    // A running shift stays on record: no remove button on it.
    await expect(page.locator('.rota-shift--now').getByRole('button', { name: new RegExp(`^${O.rota.remove}`) })).toHaveCount(0);
    await expect(page.getByLabel(O.escalation.label)).toBeVisible();
    await checkBothWidths(page, 'oncall-rota-lead');
    await context.close();
  });

  await test.step('demo.police refers a case of theirs to CSR Kikinda, immediately', async () => {
    const api = await apiAs('demo.police');
    const teams = await (await api.get('/api/v1/teams')).json();
    const created = await api.post('/api/v1/cases', {
      headers: { 'X-CSRF-Token': api.csrf },
      data: { title: `Noćna intervencija ${run}`, category: 'child_protection', team_id: teams.items[0].id, subject: { first_name: 'Luka', last_name: `Dežurni${run}` } },
    });
    expect(created.status(), await created.text()).toBe(201);
    const kase = await created.json();
    await api.dispose();

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await loginAndWaitForHome(page, 'demo.police');
    await page.goto(`/cases/${kase.id}/refer`);
    await page.locator('#refer-agency').selectOption({ label: 'CSR Kikinda' });
    await page.getByRole('radio', { name: new RegExp(`^${R.urgency.immediate} — `) }).check();
    await page.getByLabel(R.form.reason).fill(`Dete samo kod kuće (${run})`);
    await page.getByRole('button', { name: R.form.submit }).click();
    await expect(page.getByRole('heading', { level: 1, name: fill(R.headingTo, { agency: 'CSR Kikinda' }) })).toBeVisible();
    await context.close();
  });

  await test.step('demo.social, on a phone, sees the urgent alert first and acknowledges it with one tap', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const page = await context.newPage();
    await loginAndWaitForHome(page, 'demo.social');
    // On a phone the links are behind the menu, whose button counts the open alerts.
    const menu = page.getByRole('button', { name: new RegExp(`^${L.nav.menu}`) });
    await expect(menu.locator('.badge')).toBeVisible();
    await menu.tap();
    await page.getByRole('navigation', { name: L.nav.main }).getByRole('link', { name: new RegExp(`^${L.nav.alerts}`) }).tap();
    await expect(page.getByRole('heading', { level: 1, name: A.title })).toBeVisible();

    // Urgent alerts come first among the open ones, marked with an icon and a word.
    const first = page.locator('section[aria-labelledby="alerts-open"]').getByRole('listitem').first();
    await expect(first).toContainText(`⚠ ${A.urgent}`);
    const link = first.getByRole('link', { name: A.urgentKinds.referral_received });
    await expect(link).toBeVisible();
    await checkBothWidths(page, 'oncall-alerts-urgent');

    await link.tap();
    await expect(page).toHaveURL(/\/alerts\/[0-9a-f-]+$/);
    await expect(page).toHaveTitle(`${L.app.name} — ${A.page.documentTitle}`);
    await expect(page.getByRole('heading', { level: 1, name: A.urgentKinds.referral_received })).toBeVisible();
    const timeline = page.getByRole('region', { name: A.page.timeline });
    await expect(timeline).toContainText(fill(A.steps.page, { name: 'Marija Petrović' }));
    const ack = page.getByRole('button', { name: A.ack, exact: true });
    // Large, whole-width and on screen without scrolling on a 390 px phone.
    const box = (await ack.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(56);
    expect(box.width).toBeGreaterThanOrEqual(300);
    expect(box.y + box.height).toBeLessThanOrEqual(844);
    await checkBothWidths(page, 'oncall-alert-open');

    await ack.tap();
    const done = page.locator('.alert-page__done');
    await expect(done).toContainText(A.page.acknowledgedTitle);
    await expect(done).toContainText(fill(A.page.acknowledgedBy.split('{{when}}')[0]!, { name: 'Marija Petrović' }));
    await expect(done).toBeFocused();
    await expect(ack).toHaveCount(0);
    const steps = timeline.getByRole('listitem');
    await expect(steps).toHaveCount(2);
    await expect(steps.nth(0)).toContainText(fill(A.steps.page, { name: 'Marija Petrović' }));
    await expect(steps.nth(1)).toContainText(fill(A.steps.acknowledge, { name: 'Marija Petrović' }));
    await checkBothWidths(page, 'oncall-alert-acknowledged');

    // The alert list has it among the acknowledged ones now.
    await page.goto('/alerts');
    const acknowledged = page.locator('section[aria-labelledby="alerts-done"]');
    await expect(acknowledged.getByRole('link', { name: A.urgentKinds.referral_received }).first()).toBeVisible();
    await context.close();
  });
});
