import { readFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { apiAs, checkPage, expectNoAxeViolations, L, loginAndWaitForHome } from './helpers';

// Domestic violence end to end, on the seeded Babić case (an urgent measure in force whose
// proposal deadline is a few hours away): demo.police on a 390 px phone sees the live
// countdowns and records a risk assessment with immediate danger; demo.social (the lead, at a
// desk) reports violence to the police from the case; the chair sees it among the group's
// unacknowledged reports; demo.police acknowledges it in "Reports of violence"; demo.prosecutor
// records the proposal to extend the measure. Axe (and screenshots at 390/1280 px) on every page.

type Strings = typeof import('../src/locales/parts/protection.sr-Latn.json');
const P: Strings = JSON.parse(readFileSync(new URL('../src/locales/parts/protection.sr-Latn.json', import.meta.url), 'utf8'));

const fill = (s: string, values: Record<string, string>) => Object.entries(values).reduce((out, [k, v]) => out.replace(`{{${k}}}`, v), s);
/** A sentence with placeholders as a pattern: each {{x}} matches anything. */
const pattern = (s: string) => new RegExp(s.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\{\w+\}\}/g, '.+'));

async function as(browser: Browser, username: string, width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: width === 390 ? 844 : 800 }, hasTouch: width === 390, isMobile: width === 390 });
  const page = await context.newPage();
  await loginAndWaitForHome(page, username);
  return page;
}

async function openBabic(page: Page, caseId: string) {
  await page.goto('/cases');
  await page.getByRole('link', { name: /Porodica Babić/ }).first().click();
  await expect(page).toHaveURL(new RegExp(`/cases/${caseId}$`));
  await page.getByRole('navigation', { name: L.caseWorkspace.sections }).getByRole('link', { name: P.tab }).click();
  await expect(page).toHaveURL(new RegExp(`/cases/${caseId}/dv$`));
  await expect(page.getByRole('heading', { level: 2, name: P.measures.title })).toBeVisible();
}

test('urgent measure, risk, duty to report and the proposal on the Babić case', async ({ browser }) => {
  test.setTimeout(300_000);
  const run = Date.now().toString(36);
  const reportBody = `Modrice na rukama; Marina kaže da ju je suprug udario (${run}).`;

  const api = await apiAs('demo.police');
  const cases = await (await api.get('/api/v1/cases')).json();
  const babic = cases.items.find((c: { title: string }) => c.title === 'Porodica Babić');
  expect(babic, 'the demo data has the Babić case').toBeTruthy();
  await api.dispose();

  const police = await as(browser, 'demo.police', 390);
  await test.step('demo.police on a phone: the measure in force with its live countdowns', async () => {
    const page = police;
    await openBabic(page, babic.id);
    const card = page.getByRole('article', { name: P.measureKind.removal_from_home });
    await expect(card).toBeVisible();
    await expect(card.getByText(P.measureStatus.active)).toBeVisible();
    // Served 19 hours ago: about 29 hours to the expiry, 5 to the prosecutor's proposal (under a day: flagged).
    await expect(card.getByText(/^Ističe za 2[89] h \d+ min$/)).toBeVisible();
    await expect(card.getByText(/^Predlog tužioca za produženje: rok za [45] h \d+ min$/)).toBeVisible();
    await expect(card.locator('.countdown--soon')).toContainText(P.countdown.soon);
    await expect(card.getByRole('list', { name: P.measure.timeline }).getByRole('listitem')).toHaveCount(2);
    // The police liaison records orders and breaches, not the prosecutor's proposal.
    await expect(page.getByRole('button', { name: P.measures.add })).toBeVisible();
    await expect(card.getByRole('button', { name: P.step.breach.open })).toBeVisible();
    await expect(card.getByRole('button', { name: P.step.propose.open })).toHaveCount(0);
    await checkPage(page, 'dv-police');
  });

  await test.step('demo.police records a risk assessment with immediate danger, sent to the prosecutor', async () => {
    const page = police;
    await page.getByRole('button', { name: P.risk.add }).click();
    const form = page.getByRole('form', { name: P.risk.formTitle });
    await expect(form).toBeVisible();
    // Sending without answers names every question.
    await form.getByRole('button', { name: P.risk.submit }).click();
    await expect(form.getByRole('alert').getByRole('link', { name: P.risk.dangerRequired })).toBeVisible();
    await expectNoAxeViolations(page, 'dv-risk-form-errors');
    const answers: Record<string, string> = {
      prior_violence: P.answer.yes,
      threats: P.answer.yes,
      weapons: P.answer.unknown,
      mental_illness_or_abuse: P.answer.yes,
      custody_conflict: P.answer.no,
      earlier_measures: P.answer.yes,
      victim_fear: P.answer.yes,
    };
    for (const [factor, answer] of Object.entries(answers)) {
      const question = P.factor[factor as keyof typeof P.factor].question;
      await form.getByRole('group', { name: question }).getByRole('radio', { name: answer, exact: true }).check();
    }
    await form.getByRole('radio', { name: P.risk.dangerYes }).check();
    await form.getByLabel(P.risk.notes).fill(`Pretio nožem (${run}).`);
    await form.getByLabel(P.risk.sendTo).selectOption({ label: 'OJT Kikinda' });
    await checkPage(page, 'dv-risk-form');
    await form.getByRole('button', { name: P.risk.submit }).click();
    await expect(form).toHaveCount(0);
    const latest = page.getByRole('list', { name: P.risk.listLabel }).getByRole('listitem').filter({ hasText: `Pretio nožem (${run}).` });
    await expect(latest).toContainText(P.risk.dangerTag);
    await expect(latest).toContainText(fill(P.risk.sentTo, { agency: 'OJT Kikinda', when: '' }).replace(/, \.$/, ''));
    await expect(page.getByRole('button', { name: P.risk.add })).toBeFocused();
    await checkPage(page, 'dv-risk-recorded');
  });

  const social = await as(browser, 'demo.social');
  await test.step('demo.social (the lead) reports violence to the police from the case', async () => {
    const page = social;
    await openBabic(page, babic.id);
    // No police forms for a social worker.
    await expect(page.getByRole('button', { name: P.measures.add })).toHaveCount(0);
    await expect(page.getByRole('button', { name: P.risk.add })).toHaveCount(0);
    await page.getByRole('button', { name: P.report.open }).click();
    const form = page.getByRole('form', { name: P.report.formTitle });
    await form.getByRole('button', { name: P.report.submit }).click();
    await expect(form.getByRole('alert').getByRole('link', { name: P.report.agencyRequired })).toBeVisible();
    await form.getByLabel(P.report.agency).selectOption({ label: 'PS Kikinda' });
    await form.getByLabel(P.report.body).fill(reportBody);
    await checkPage(page, 'dv-report-form');
    await form.getByRole('button', { name: P.report.submit }).click();
    await expect(page.getByText(fill(P.report.sentTitle, { agency: 'PS Kikinda' }), { exact: true })).toBeVisible();
    const made = page.getByRole('list', { name: P.report.madeTitle }).getByRole('listitem').first();
    await expect(made).toContainText(fill(P.report.toAgency, { agency: 'PS Kikinda' }));
    await expect(made).toContainText(P.report.notAcknowledged);
    await checkPage(page, 'dv-report-sent');
  });

  const chair = await as(browser, 'demo.prosecutor');
  await test.step("the chair sees it among the group's unacknowledged reports", async () => {
    const page = chair;
    await page.getByRole('navigation', { name: L.nav.main }).getByRole('link', { name: P.nav.reports }).click();
    await expect(page.getByRole('heading', { level: 1, name: P.inbox.title })).toBeVisible();
    const group = page.getByRole('region', { name: pattern(P.inbox.groupTitle) });
    await expect(group.getByRole('listitem').filter({ hasText: 'CSR Kikinda' }).first()).toContainText(P.report.notAcknowledged);
    await checkPage(page, 'violence-reports-chair');
  });

  await test.step('demo.police acknowledges it in Reports of violence', async () => {
    const page = police;
    const menu = page.getByRole('button', { name: new RegExp(`^${L.nav.menu}`) });
    await menu.tap();
    await page.getByRole('navigation', { name: L.nav.main }).getByRole('link', { name: P.nav.reports }).tap();
    await expect(page.getByRole('heading', { level: 1, name: P.inbox.title })).toBeVisible();
    const item = page.locator('li.dv-report').filter({ hasText: reportBody });
    await expect(item).toHaveCount(1);
    await expect(item).toContainText(fill(P.inbox.from, { name: 'Marija Petrović', agency: 'CSR Kikinda' }));
    await expect(item).toContainText(P.report.notAcknowledged);
    await checkPage(page, 'violence-reports-police');
    await item.getByRole('button', { name: new RegExp(`^${P.inbox.acknowledge}`) }).tap();
    await expect(item).toContainText(P.report.acknowledged);
    await expect(item.getByRole('button')).toHaveCount(0);
    await item.getByRole('link').click();
    await expect(page.getByRole('heading', { level: 1, name: fill(P.inbox.from, { name: 'Marija Petrović', agency: 'CSR Kikinda' }) })).toBeVisible();
    await expect(page.getByText(reportBody)).toBeVisible();
    await checkPage(page, 'violence-report-police');
    await page.context().close();
  });

  await test.step('demo.social sees that the police took the report in', async () => {
    const page = social;
    await page.reload();
    const made = page.getByRole('list', { name: P.report.madeTitle }).getByRole('listitem').first();
    await expect(made).toContainText(P.report.acknowledged);
    await page.context().close();
  });

  await test.step('demo.prosecutor records the proposal to extend the measure', async () => {
    const page = chair;
    await openBabic(page, babic.id);
    const card = page.getByRole('article', { name: P.measureKind.removal_from_home });
    await card.getByRole('button', { name: P.step.propose.open }).click();
    const form = card.getByRole('form', { name: P.step.propose.title });
    // The time the proposal was made: now, Belgrade time, prefilled.
    await expect(form.getByLabel(P.step.propose.when)).toHaveValue(/^\d{4}-\d\d-\d\dT\d\d:\d\d$/);
    await checkPage(page, 'dv-proposal-form');
    await form.getByRole('button', { name: P.step.propose.submit }).click();
    await expect(card.getByText(P.measureStatus.proposal_pending)).toBeVisible();
    await expect(card.getByText(/^Odluka suda: rok za 2[34] h \d+ min$/)).toBeVisible();
    await expect(card.getByText(/^Ističe za 2[89] h \d+ min$/)).toBeVisible();
    await expect(card.getByRole('list', { name: P.measure.timeline }).getByRole('listitem')).toHaveCount(3);
    await expect(card.getByRole('button', { name: P.step.decide.open })).toBeVisible();
    // Proposed in time: the court's 24 hours end before the 48-hour expiry, so no warning.
    await expect(card.getByRole('note', { name: P.courtAfterExpiry.label })).toHaveCount(0);
    await checkPage(page, 'dv-proposed');
    await page.context().close();
  });
});
