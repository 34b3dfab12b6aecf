import type { Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { apiAs, checkPage, expectNoAxeViolations, L, loginAndWaitForHome } from './helpers';

// Referrals end to end: demo.social (CSR Kikinda) refers a case to Dom zdravlja Kikinda from the
// case workspace; demo.nurse (Dom zdravlja) is alerted, sees the referral in Incoming without
// the case's title, cannot reject it without a reason, accepts it and opens the case; the
// sender sees the answer in the history. Every page: axe at 390 and 1280 px + screenshots.

const R = L.referrals;

async function as(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await loginAndWaitForHome(page, username);
  return page;
}

/** Axe on the phone layout too (the header collapses, the forms stack), then the usual checks. */
async function checkBothWidths(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoAxeViolations(page, `${name} at 390 px`);
  await page.setViewportSize({ width: 1280, height: 800 });
  await checkPage(page, name);
}

const fill = (s: string, values: Record<string, string>) => Object.entries(values).reduce((out, [k, v]) => out.replace(`{{${k}}}`, v), s);

test('a case referred to another agency, which accepts and opens it', async ({ browser }) => {
  test.setTimeout(240_000);
  const run = Date.now().toString(36);
  const title = `Uput e2e ${run}`;
  const reason = `Procena zdravstvenog stanja ${run}`;
  const summary = `Starija osoba, živi sama; ćerka u Novom Sadu (${run}).`;

  // A new case led by demo.social; demo.nurse (another agency) is not a member of it.
  const api = await apiAs('demo.social');
  const teams = await (await api.get('/api/v1/teams')).json();
  const created = await api.post('/api/v1/cases', {
    headers: { 'X-CSRF-Token': api.csrf },
    data: { title, category: 'elderly', team_id: teams.items[0].id, subject: { first_name: 'Mara', last_name: `Uput${run}` } },
  });
  expect(created.status(), await created.text()).toBe(201);
  const kase = await created.json();
  await api.dispose();

  const social = await as(browser, 'demo.social');
  let referralUrl = '';
  await test.step('demo.social refers the case from its workspace', async () => {
    const page = social;
    await page.goto(`/cases/${kase.id}`);
    const section = page.getByRole('region', { name: R.caseTitle });
    await expect(section).toContainText(R.noneInCase);
    await section.getByRole('link', { name: R.form.action }).click();
    await expect(page.getByRole('heading', { level: 2, name: R.form.title })).toBeVisible();
    await expect(page).toHaveTitle(`${L.app.name} — ${R.form.title}`);
    // The agency list leaves out the user's own agency.
    await expect(page.locator('#refer-agency option', { hasText: 'CSR Kikinda' })).toHaveCount(0);

    await page.getByRole('button', { name: R.form.submit }).click();
    const summaryBox = page.getByRole('alert');
    await expect(summaryBox.getByRole('link', { name: R.form.agencyRequired })).toBeVisible();
    await expect(summaryBox.getByRole('link', { name: R.form.urgencyRequired })).toBeVisible();
    await expect(summaryBox.getByRole('link', { name: R.form.reasonRequired })).toBeVisible();
    await expect(page.locator('#refer-reason')).toHaveAttribute('aria-invalid', 'true');
    await checkBothWidths(page, 'referral-new-errors');

    await page.locator('#refer-agency').selectOption({ label: 'Dom zdravlja Kikinda' });
    await page.getByRole('radio', { name: new RegExp(`^${R.urgency.immediate} — ${R.urgencyTime.immediate}`) }).check();
    await page.getByLabel(R.form.reason).fill(reason);
    await page.getByLabel(R.form.summary).fill(summary);
    await checkBothWidths(page, 'referral-new');
    await page.getByRole('button', { name: R.form.submit }).click();

    await expect(page.getByRole('heading', { level: 1, name: fill(R.headingTo, { agency: 'Dom zdravlja Kikinda' }) })).toBeVisible();
    await expect(page).toHaveURL(/\/referrals\/[0-9a-f-]+$/);
    referralUrl = new URL(page.url()).pathname;
    await expect(page).toHaveTitle(`${L.app.name} — ${R.documentTitle}`);
    await expect(page.getByText(R.status.requested).first()).toBeVisible();
    await expect(page.getByRole('button', { name: R.action.cancel })).toBeVisible();
    await expect(page.getByRole('button', { name: R.action.accept })).toHaveCount(0);
    await expect(page.getByRole('region', { name: R.history })).toContainText(fill(R.event.request, { name: 'Marija Petrović' }));
    await checkBothWidths(page, 'referral-outgoing');

    await page.getByRole('navigation', { name: L.nav.main }).getByRole('link', { name: L.nav.referrals, exact: true }).click();
    await page.getByRole('link', { name: R.direction.outgoing }).click();
    const row = page.getByRole('list', { name: R.direction.outgoing }).getByRole('listitem').filter({ hasText: reason });
    await expect(row).toContainText(title);
    await expect(row).toContainText(fill(R.to, { agency: 'Dom zdravlja Kikinda' }));
    await checkBothWidths(page, 'referrals-outgoing');
  });

  const nurse = await as(browser, 'demo.nurse');
  await test.step('demo.nurse is alerted and sees it in Incoming, without the case', async () => {
    const page = nurse;
    await page.getByRole('navigation', { name: L.nav.main }).getByRole('link', { name: new RegExp(`^${L.nav.alerts}`) }).click();
    const alert = page.getByRole('listitem').filter({ has: page.locator(`a[href="${referralUrl}"]`) });
    await expect(alert).toContainText(L.alerts.kinds.referral_received);
    await expect(alert).not.toContainText(title);
    await checkBothWidths(page, 'alerts-referral');

    await page.getByRole('navigation', { name: L.nav.main }).getByRole('link', { name: L.nav.referrals, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: R.title })).toBeVisible();
    await expect(page.getByRole('link', { name: R.direction.incoming })).toHaveAttribute('aria-current', 'page');
    const row = page.getByRole('list', { name: R.direction.incoming }).getByRole('listitem').filter({ hasText: reason });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(fill(R.from, { agency: 'CSR Kikinda' }));
    await expect(row).toContainText(R.caseHiddenShort);
    await expect(row).toContainText(`${R.urgency.immediate} · ${R.urgencyTime.immediate}`);
    await expect(row).not.toContainText(title);
    await expect(page.getByText(title)).toHaveCount(0);
    await checkBothWidths(page, 'referrals-incoming');

    await row.getByRole('link').click();
    await expect(page.getByRole('heading', { level: 1, name: fill(R.headingFrom, { agency: 'CSR Kikinda' }) })).toBeVisible();
    await expect(page.getByText(R.caseHidden)).toBeVisible();
    await expect(page.getByText(summary)).toBeVisible();
    await expect(page.getByText(title)).toHaveCount(0);
    await checkBothWidths(page, 'referral-incoming');
  });

  await test.step('demo.nurse cannot reject without a reason', async () => {
    const page = nurse;
    await page.getByRole('button', { name: R.action.reject, exact: true }).click();
    const form = page.getByRole('form', { name: R.confirm.reject.question });
    await form.getByRole('button', { name: R.confirm.reject.yes }).click();
    await expect(form.getByLabel(R.confirm.reject.note)).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByRole('link', { name: R.rejectReasonRequired })).toBeVisible();
    await checkBothWidths(page, 'referral-reject');
    await form.getByRole('button', { name: L.common.back }).click();
    await expect(page.getByRole('button', { name: R.action.reject, exact: true })).toBeFocused();
  });

  await test.step('demo.nurse accepts and opens the case', async () => {
    const page = nurse;
    await page.getByRole('button', { name: R.action.accept, exact: true }).click();
    await expect(page.getByText(R.acceptedTitle)).toBeVisible();
    await expect(page.getByRole('button', { name: R.action.start })).toBeVisible();
    await expect(page.getByRole('region', { name: R.history })).toContainText(fill(R.event.accept, { name: 'Jelena Đorđević' }));
    await checkBothWidths(page, 'referral-accepted');
    await page.getByRole('link', { name: R.openCase }).click();
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`/cases/${kase.id}$`));
    // The case's overview lists the referral too.
    await expect(page.getByRole('region', { name: R.caseTitle }).locator(`a[href="${referralUrl}"]`)).toContainText(R.status.accepted);
    await checkBothWidths(page, 'case-overview-referred');
    await page.context().close();
  });

  await test.step('demo.social sees the answer', async () => {
    const page = social;
    await page.goto(referralUrl);
    await expect(page.getByRole('region', { name: R.history })).toContainText(fill(R.event.accept, { name: 'Jelena Đorđević' }));
    await expect(page.getByText(R.status.accepted).first()).toBeVisible();
    await expect(page.getByRole('button', { name: R.action.cancel })).toBeVisible();
    await page.context().close();
  });
});
