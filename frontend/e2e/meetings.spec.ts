import type { Download, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { apiAs, checkPage, L, loginAndWaitForHome } from './helpers';

// The coordination group's meetings end to end, on a tablet (1024 × 768) as the chair
// (demo.prosecutor) uses them: the planned demo meeting (Babić new, Jović ongoing, Babić's plan
// drafted and complete) gets two topics and a new order, starts, records attendance, a decision
// and an action on Babić, adopts Babić's plan, reviews the earlier action, is closed with minutes,
// and its PDF (Cyrillic by default) holds the minutes' words. Then a meeting more than 15 days
// after the previous one needs a reason, and an occasional member (demo.nurse) sees the one
// item she is invited to until the meeting ends. Every page: axe (WCAG 2.2 AA) and screenshots.

type Strings = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const M: Strings = JSON.parse(readFileSync(new URL('../src/locales/parts/meetings.sr-Latn.json', import.meta.url), 'utf8'));
const GROUP = 'Grupa za koordinaciju i saradnju OJT Kikinda';

test.use({ viewport: { width: 1024, height: 768 }, acceptDownloads: true });

const fill = (s: string, values: Record<string, string | number>) => Object.entries(values).reduce((out, [k, v]) => out.replace(`{{${k}}}`, String(v)), s);
const nav = (page: Page) => page.getByRole('navigation', { name: L.nav.main });

type Meeting = { id: string; starts_at: string; status: string };

/** The group and its meetings, as the chair's API sees them. */
async function groupMeetings() {
  const api = await apiAs('demo.prosecutor');
  const groups = await (await api.get('/api/v1/coordination-groups')).json();
  const group = groups.items[0] as { id: string };
  const meetings = (await (await api.get(`/api/v1/coordination-groups/${group.id}/meetings`)).json()).items as Meeting[];
  return { api, group, meetings };
}

/** The Belgrade calendar date of an instant plus n days, as YYYY-MM-DD. */
function belgradeDatePlus(iso: string, days: number): string {
  const d = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Belgrade', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
  const [y, m, dd] = d.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, dd! + days)).toISOString().slice(0, 10);
}

/** The text of a downloaded PDF, read with pdf.js on the Node side. */
async function pdfText(download: Download): Promise<string> {
  const path = await download.path();
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(readFileSync(path!)), disableFontFace: true, verbosity: 0 }).promise;
  let text = '';
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    text += content.items.map((it) => ('str' in it ? it.str : '')).join(' ') + '\n';
  }
  return text.replace(/\s+/g, ' ');
}

test('the chair prepares, runs and closes the planned meeting on a tablet', async ({ page }) => {
  test.setTimeout(300_000);
  const { api, meetings } = await groupMeetings();
  await api.dispose();
  const next = meetings.filter((m) => m.status === 'planned').sort((a, b) => a.starts_at.localeCompare(b.starts_at))[0]!;
  expect(next, 'the demo data has a planned meeting').toBeTruthy();

  await loginAndWaitForHome(page, 'demo.prosecutor');

  await test.step('the calendar: where the group stands and its meetings', async () => {
    await nav(page).getByRole('link', { name: M.nav, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: M.title })).toBeVisible();
    await expect(page).toHaveTitle(`${L.app.name} — ${M.title}`);
    const group = page.getByRole('region', { name: GROUP });
    await expect(group.getByText(M.group.youChair)).toBeVisible();
    await expect(group.getByText(M.cadence.last, { exact: true })).toBeVisible();
    const upcoming = group.getByRole('list', { name: fill(M.list.upcomingLabel, { group: GROUP }) });
    await expect(upcoming.locator(`a[href="/meetings/${next.id}"]`)).toBeVisible();
    const past = group.getByRole('list', { name: fill(M.list.pastLabel, { group: GROUP }) });
    await expect(past.getByRole('listitem').first()).toContainText(M.status.closed);
    await checkPage(page, 'meetings-chair');
    await upcoming.locator(`a[href="/meetings/${next.id}"]`).click();
  });

  await test.step('preparation and the agenda: two topics added, one moved up', async () => {
    await expect(page.getByRole('heading', { level: 1, name: /^Sastanak, / })).toBeVisible();
    await expect(page).toHaveTitle(`${L.app.name} — ${M.meeting.documentTitle}`);
    const prep = page.getByRole('region', { name: M.prep.title });
    await expect(prep.getByRole('heading', { name: M.prep.kinds.police_table })).toBeVisible();
    await expect(prep.getByRole('heading', { name: M.prep.kinds.registry_check })).toBeVisible();
    // The chair owes the registry check.
    await prep.getByRole('textbox', { name: M.prep.write }).fill('Tabele su potpune i slažu se sa upisnikom.');
    await prep.getByRole('button', { name: M.prep.send }).click();
    await expect(prep.getByText(M.prep.saved)).toBeVisible();

    const agenda = page.getByRole('region', { name: M.agenda.title });
    await expect(agenda.getByRole('list', { name: new RegExp(`^${M.sections.new}`) })).toContainText('Porodica Babić');
    await expect(agenda.getByRole('list', { name: new RegExp(`^${M.sections.ongoing}`) })).toContainText('Porodica Jović');
    for (const topic of ['Obuka o proceni rizika', 'Izveštaj za statistiku']) {
      await agenda.getByRole('textbox', { name: M.agenda.topic }).fill(topic);
      await agenda.getByRole('button', { name: M.agenda.addTopicSubmit }).click();
      await expect(agenda.getByRole('list', { name: new RegExp(`^${M.sections.other}`) })).toContainText(topic);
    }
    const other = agenda.getByRole('list', { name: new RegExp(`^${M.sections.other}`) });
    await expect(other.getByRole('listitem').first()).toContainText('Obuka o proceni rizika');
    await agenda.getByRole('button', { name: new RegExp(`^${M.agenda.up}\\s*—\\s*Izveštaj za statistiku$`) }).click();
    await expect(other.getByRole('listitem').first()).toContainText('Izveštaj za statistiku');
    // At the top now: focus stays on the item, on the button that still moves it.
    await expect(agenda.getByRole('button', { name: new RegExp(`^${M.agenda.down}\\s*—\\s*Izveštaj za statistiku$`) })).toBeFocused();
    await page.reload();
    await expect(page.getByRole('list', { name: new RegExp(`^${M.sections.other}`) }).getByRole('listitem').first()).toContainText('Izveštaj za statistiku');
    await checkPage(page, 'meeting-planned');
  });

  await test.step('start: meeting mode, attendance and confidentiality', async () => {
    await page.getByRole('button', { name: M.meeting.start }).click();
    await expect(page.getByText(M.status.in_progress).first()).toBeVisible();
    await expect(page.getByRole('navigation', { name: M.mode.parts })).toBeVisible();
    const attendance = page.getByRole('region', { name: M.attendance.title });
    for (const [name, presence] of [
      ['Dragan Stojanović', 'present'],
      ['Milan Jovanović', 'present'],
      ['Marija Petrović', 'apologies'],
    ] as const) {
      const row = attendance.getByRole('group', { name: fill(M.attendance.for, { name }) });
      const button = row.getByRole('button', { name: M.attendance[presence], exact: true });
      await button.click();
      await expect(button).toHaveAttribute('aria-pressed', 'true');
    }
    // The large touch targets of a tablet.
    const box = await attendance.getByRole('group', { name: fill(M.attendance.for, { name: 'Milan Jovanović' }) }).getByRole('button').first().boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(48);
    expect(box!.width).toBeGreaterThanOrEqual(48);
    await attendance.getByRole('button', { name: M.confidentiality.acknowledge }).click();
    await expect(attendance.getByText(/Potvrdili ste poverljivost u \d\d:\d\d\./)).toBeVisible();
  });

  await test.step('Babić: a decision, an action, and the plan adopted', async () => {
    const items = page.getByRole('region', { name: M.mode.items });
    await expect(items.getByRole('heading', { level: 3, name: 'Porodica Babić' })).toBeVisible();
    // Other specs may have opened domestic-violence cases in the area: the agenda has at least the demo's items.
    const position = fill(M.mode.position, { n: 1, count: '@@', section: M.sections.new }).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace('@@', '\\d+');
    await expect(items.getByText(new RegExp(`^${position}$`))).toBeVisible();
    await items.getByRole('textbox', { name: M.records.body.decision }).fill('Predložiti sudu produženje mere udaljenja.');
    await items.getByRole('button', { name: M.records.submit.decision }).click();
    await expect(items.getByRole('list', { name: fill(M.records.listLabel, { title: 'Porodica Babić' }) })).toContainText('Predložiti sudu produženje mere udaljenja.');

    await items.getByText(M.actions.add).click();
    await items.getByRole('textbox', { name: M.actions.what }).fill('Nova procena rizika posle sastanka');
    await items.getByRole('combobox', { name: M.actions.agency }).selectOption({ label: 'PS Kikinda' });
    await items.getByRole('combobox', { name: M.actions.assignee }).selectOption({ label: 'Milan Jovanović' });
    await items.getByRole('button', { name: M.actions.submit }).click();
    await expect(items.getByRole('list', { name: fill(M.actions.listLabel, { title: 'Porodica Babić' }) })).toContainText('Nova procena rizika posle sastanka');

    const plans = items.getByRole('region', { name: fill(M.plans.title, { title: 'Porodica Babić' }) });
    await expect(plans.getByText(M.plans.status.draft)).toBeVisible();
    await plans.getByRole('button', { name: new RegExp(`^${M.plans.adopt}.*Marina Babić`) }).click();
    await expect(plans.locator('.tag', { hasText: M.plans.status.adopted })).toBeVisible();
    await expect(plans.getByRole('button', { name: new RegExp(`^${M.plans.adopt}`) })).toHaveCount(0);

    // On to Jović (past any domestic-violence case other specs opened in the area).
    const jovic = items.getByRole('heading', { level: 3, name: 'Porodica Jović' });
    for (let i = 0; i < 10 && !(await jovic.isVisible()); i++) {
      const shown = await items.getByRole('heading', { level: 3 }).first().innerText();
      await items.getByRole('button', { name: new RegExp(M.mode.next) }).click();
      await expect(items.getByRole('heading', { level: 3 }).first()).not.toHaveText(shown);
    }
    await expect(jovic).toBeVisible();
    // The new item's head takes focus, so a screen reader hears where the meeting is.
    await expect(items.locator('.item-stepper__head')).toBeFocused();
  });

  await test.step('the earlier action reviewed', async () => {
    const review = page.getByRole('region', { name: M.review.title });
    const outcome = review.getByRole('group', { name: fill(M.review.for, { title: 'Nova procena rizika u porodici Jović' }) });
    await outcome.getByRole('button', { name: M.review.outcomes.done, exact: true }).click();
    await expect(review.getByText(M.review.allDone)).toBeVisible();
    await checkPage(page, 'meeting-mode');
  });

  const minutesText = 'Razmotreni slučajevi Babić i Jović. Predlaže se produženje mere udaljenja u slučaju Babić; plan zaštite za Marinu Babić je usvojen.';
  await test.step('minutes: required, then the meeting is closed', async () => {
    const minutes = page.getByRole('region', { name: M.minutes.title });
    await minutes.getByRole('button', { name: M.minutes.close }).click();
    await expect(minutes.getByRole('alert').getByRole('link', { name: M.minutes.required })).toBeVisible();
    await expect(minutes.getByRole('textbox', { name: M.minutes.label })).toHaveAttribute('aria-invalid', 'true');
    await minutes.getByRole('button', { name: M.minutes.draftButton }).click();
    await expect(minutes.getByRole('textbox', { name: M.minutes.label })).toHaveValue(/Predložiti sudu produženje mere udaljenja\./);
    await minutes.getByRole('textbox', { name: M.minutes.label }).fill(minutesText);
    await minutes.getByRole('button', { name: M.minutes.close }).click();
    await minutes.getByRole('button', { name: M.minutes.confirmYes }).click();
    await expect(page.getByText(M.status.closed).first()).toBeVisible();
    await expect(page.getByText(minutesText)).toBeVisible();
  });

  await test.step('the minutes as PDF, in Cyrillic by default and in Latin', async () => {
    const [cyrl] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: M.minutes.pdfCyrillic }).click()]);
    expect(cyrl.suggestedFilename()).toMatch(/^zapisnik-\d{4}-\d{2}-\d{2}\.pdf$/);
    const text = await pdfText(cyrl);
    expect(text).toContain('ЗАПИСНИК');
    expect(text).toContain('Размотрени');
    expect(text).toContain('Бабић');
    expect(text).toContain('продужење мере удаљења');
    const [latn] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: M.minutes.pdfLatin }).click()]);
    expect(await pdfText(latn)).toContain('Razmotreni slučajevi Babić i Jović');

    await page.getByRole('textbox', { name: M.addenda.label }).fill('Ispravka: sastanku je prisustvovala i Jelena Đorđević (Dom zdravlja).');
    await page.getByRole('button', { name: M.addenda.submit }).click();
    await expect(page.getByText('Ispravka: sastanku je prisustvovala i Jelena Đorđević (Dom zdravlja).')).toBeVisible();
    await checkPage(page, 'meeting-closed');
  });
});

test('a meeting more than 15 days after the previous one needs a reason', async ({ page }) => {
  test.setTimeout(180_000);
  const { api, meetings } = await groupMeetings();
  await api.dispose();
  const latest = meetings.filter((m) => m.status !== 'cancelled').sort((a, b) => b.starts_at.localeCompare(a.starts_at))[0]!;
  const late = belgradeDatePlus(latest.starts_at, 20);

  await loginAndWaitForHome(page, 'demo.prosecutor');
  await page.goto('/meetings');
  const form = page.getByRole('region', { name: M.schedule.title });
  await expect(form.getByLabel(M.schedule.date, { exact: true })).not.toHaveValue('');
  await expect(form.getByRole('textbox', { name: M.schedule.reason })).toHaveCount(0);

  await form.getByLabel(M.schedule.date, { exact: true }).fill(late);
  await expect(form.getByText(/^⚠ ?20 dana posle prethodnog sastanka/)).toBeVisible();
  const reason = form.getByRole('textbox', { name: M.schedule.reason });
  await expect(reason).toBeVisible();
  await expect(reason).toHaveAttribute('aria-required', 'true');
  await form.getByRole('button', { name: M.schedule.submit }).click();
  await expect(form.getByRole('alert').getByRole('link', { name: /^Navedite razlog zašto je sastanak više od 15 dana/ })).toBeVisible();
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  await checkPage(page, 'meetings-schedule-reason');

  await reason.fill('Zamenik tužioca je na obuci.');
  await form.getByRole('button', { name: M.schedule.submit }).click();
  await expect(page).toHaveURL(/\/meetings\/[0-9a-f-]+$/);
  await expect(page.getByText('Zamenik tužioca je na obuci.')).toBeVisible();
  await expect(page.getByText(`20 dana posle prethodnog sastanka — ${fill(M.list.overLimit, { max: 15 })}`)).toBeVisible();

  // It will not take place after all: cancelled, it no longer counts.
  await page.getByRole('button', { name: M.meeting.cancel }).click();
  await page.getByRole('button', { name: M.meeting.cancelYes }).click();
  await expect(page.getByText(M.meeting.cancelled)).toBeVisible();
  await checkPage(page, 'meeting-cancelled');

  // The group's numbers, with the CSV of them.
  await page.goto('/meetings');
  const stats = page.getByRole('region', { name: M.stats.title });
  await stats.getByRole('button', { name: M.stats.show }).click();
  await expect(stats.getByText(M.stats.counts.meetings_held, { exact: true })).toBeVisible();
  await expect(stats.getByRole('link', { name: M.stats.csv })).toHaveAttribute('href', /\/statistics\?from=\d{4}-01-01&to=\d{4}-\d{2}-\d{2}&format=csv$/);

  // The personal calendar feed: shown once, works without a login, and stops when revoked.
  const feed = page.getByRole('region', { name: M.feed.title });
  await feed.getByRole('button', { name: M.feed.create }).click();
  const address = feed.getByRole('textbox', { name: M.feed.address });
  await expect(address).toHaveValue(/\/api\/v1\/calendar-feeds\/[\w-]+$/);
  const feedPath = new URL(await address.inputValue()).pathname;
  const calendar = await page.request.get(feedPath);
  expect(await calendar.text()).toContain('BEGIN:VCALENDAR');
  await checkPage(page, 'meetings-feed');
  await feed.getByRole('button', { name: M.feed.revoke }).click();
  await feed.getByRole('button', { name: M.feed.confirmYes }).click();
  await expect(feed.getByText(M.feed.revoked)).toBeVisible();
  await expect(address).toHaveCount(0);
  expect((await page.request.get(feedPath)).status()).toBe(404);
});

test('an occasional member sees the one item she is invited to, until the meeting ends', async ({ page }) => {
  test.setTimeout(180_000);
  const { api: chair, group, meetings } = await groupMeetings();
  const latest = meetings.filter((m) => m.status !== 'cancelled').sort((a, b) => b.starts_at.localeCompare(a.starts_at))[0]!;
  const day = belgradeDatePlus(latest.starts_at, 3);
  const created = await chair.post(`/api/v1/coordination-groups/${group.id}/meetings`, {
    headers: { 'X-CSRF-Token': chair.csrf },
    data: { starts_at: `${day}T12:00:00+01:00`, location: 'OJT Kikinda, sala 3' },
  });
  expect(created.status(), await created.text()).toBe(201);
  const meeting = await created.json();
  const agenda = (await (await chair.get(`/api/v1/meetings/${meeting.id}/agenda`)).json()).items as { id: string; title: string }[];
  const babic = agenda.find((i) => i.title === 'Porodica Babić')!;
  const nurseApi = await apiAs('demo.nurse');
  const nurseId = (await (await nurseApi.get('/api/v1/me')).json()).id;
  await nurseApi.dispose();
  const invited = await chair.post(`/api/v1/meetings/${meeting.id}/items/${babic.id}/invitations`, { headers: { 'X-CSRF-Token': chair.csrf }, data: { user_id: nurseId } });
  expect(invited.status(), await invited.text()).toBe(201);

  await loginAndWaitForHome(page, 'demo.nurse');
  await nav(page).getByRole('link', { name: M.nav, exact: true }).click();
  const invitations = page.getByRole('region', { name: M.invitations.title });
  await expect(invitations.locator(`a[href="/meeting-items/${babic.id}"]`)).toBeVisible();
  await checkPage(page, 'meetings-invitations');
  await invitations.locator(`a[href="/meeting-items/${babic.id}"]`).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Porodica Babić' })).toBeVisible();
  await expect(page.getByText(M.invited.scope)).toBeVisible();
  await expect(page.getByText('OJT Kikinda, sala 3')).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: M.invited.plan })).toBeVisible();
  await checkPage(page, 'meeting-invited-item');

  // Not the meeting itself.
  await page.goto(`/meetings/${meeting.id}`);
  await expect(page.getByRole('heading', { level: 1, name: M.meeting.notFoundTitle })).toBeVisible();

  const cancelled = await chair.post(`/api/v1/meetings/${meeting.id}/cancel`, { headers: { 'X-CSRF-Token': chair.csrf } });
  expect(cancelled.status(), await cancelled.text()).toBe(200);
  await chair.dispose();
  await page.goto(`/meeting-items/${babic.id}`);
  await expect(page.getByRole('heading', { level: 1, name: M.invited.endedTitle })).toBeVisible();
  await checkPage(page, 'meeting-invitation-ended');
});
