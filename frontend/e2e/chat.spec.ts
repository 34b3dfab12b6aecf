import type { Browser, Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { toCyrillic } from '../scripts/transliterate.mjs';
import { apiAs, expectNoAxeViolations, L, loginAndWaitForHome, screenshots } from './helpers';

// The case chat end to end: a social worker and a nurse talk live on a case (the websocket, in
// two browsers); the nurse's health-marked message never reaches the police liaison of the
// same case; unread counts on the case list and the Chat tab; reply, mention, edit, delete,
// "seen by", search across scripts and a task made from a message; a reload shows the same
// history; removing the police liaison closes the chat for him. axe at 390 and 1280 px.

/** Letters only, so a search (which folds scripts and diacritics) finds exactly this run. */
function uniqueLetters() {
  let n = Date.now() * 100 + Math.floor(Math.random() * 100);
  let s = '';
  while (n > 0) {
    s = String.fromCharCode(97 + (n % 26)) + s;
    n = Math.floor(n / 26);
  }
  return s;
}

/** A 1×1 PNG. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

async function as(browser: Browser, username: string, width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 800 } });
  const page = await context.newPage();
  await loginAndWaitForHome(page, username);
  return page;
}

const tabs = (page: Page) => page.getByRole('navigation', { name: L.caseWorkspace.sections });
const log = (page: Page) => page.getByRole('log', { name: L.chat.messages, exact: true });
const composer = (page: Page) => page.getByRole('textbox', { name: L.chat.messageLabel, exact: true });
/** The message whose own text (not a quote of it in a reply) contains `text`. */
const messageItem = (page: Page, text: string): Locator => log(page).locator('li.chat-msg').filter({ has: page.locator('.chat-msg__body', { hasText: text }) });

async function send(page: Page, text: string) {
  await composer(page).fill(text);
  await composer(page).press('Enter');
  await expect(composer(page)).toHaveValue('');
  // Acknowledged: stored, not waiting in the outbox.
  await expect(messageItem(page, text)).toBeVisible();
  await expect(page.getByRole('list', { name: L.chat.notSentList })).toHaveCount(0);
}

/** Waits until the chat's websocket is subscribed, so that messages arrive live. */
async function live(page: Page) {
  await expect(page.locator('.chat[data-live="true"]')).toBeVisible();
}

async function axeBothWidths(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 800 });
    await page.waitForTimeout(150);
    await expectNoAxeViolations(page, `${name} at ${width} px`);
  }
  await screenshots(page, name);
}

test('social worker and nurse chat live; health stays away from the police; unread, reply, edit, delete, search, promote, reload', async ({ browser }) => {
  test.setTimeout(240_000);
  const run = uniqueLetters();
  const title = `Razgovor e2e ${run}`;

  // Set up through the API: a case led by demo.social with demo.nurse and demo.police as members.
  const api = await apiAs('demo.social');
  const teams = await (await api.get('/api/v1/teams')).json();
  const team = teams.items.find((t: { members: { username: string }[] }) => t.members.some((m) => m.username === 'demo.nurse'));
  const member = (u: string) => team.members.find((m: { username: string }) => m.username === u) as { id: string; display_name: string };
  const nurse = member('demo.nurse');
  const police = member('demo.police');
  const created = await api.post('/api/v1/cases', {
    headers: { 'X-CSRF-Token': api.csrf },
    data: { title, category: 'general', team_id: team.id, subject: { first_name: 'Vesna', last_name: `Razgovor${run}` } },
  });
  expect(created.status(), await created.text()).toBe(201);
  const kase = await created.json();
  for (const u of [nurse, police]) {
    const added = await api.post(`/api/v1/cases/${kase.id}/members`, { headers: { 'X-CSRF-Token': api.csrf }, data: { user_id: u.id } });
    expect(added.status(), await added.text()).toBe(201);
  }
  const chatUrl = `/cases/${kase.id}/chat`;

  const social = await as(browser, 'demo.social');
  const np = await as(browser, 'demo.nurse');
  const pp = await as(browser, 'demo.police');

  const hello = `Dobar dan, idem u kućnu posetu sutra ${run}`;
  const healthText = `Pritisak 180 na 110 ${run}`;
  const reply = `Javite mi kako je prošlo ${run}`;

  await test.step('the social worker opens the chat from the tab; the workspace header still holds together', async () => {
    await social.goto(`/cases/${kase.id}`);
    await tabs(social).getByRole('link', { name: L.chat.tab }).click();
    await expect(social).toHaveURL(new RegExp(`${chatUrl}$`));
    await expect(social.getByRole('heading', { level: 2, name: L.chat.title })).toBeVisible();
    await expect(log(social)).toContainText(L.chat.emptyWrite);
    // Nine tabs for the lead, still one row at 1280 px.
    const tops = await social.locator('.tabs__link').evaluateAll((els) => [...new Set(els.map((e) => Math.round(e.getBoundingClientRect().top)))]);
    expect(tops).toHaveLength(1);
    await live(social);
    await axeBothWidths(social, 'chat-empty');
  });

  await test.step('live both ways: the nurse sees the message arrive, announced; the social worker sees the reply', async () => {
    await np.goto(chatUrl);
    await live(np);
    await send(social, hello);
    await expect(messageItem(np, hello)).toBeVisible();
    await expect(messageItem(np, hello).locator('.chat-msg__author')).toHaveText(member('demo.social').display_name);
    await expect(np.getByTestId('chat-announcer')).toContainText(hello);
    // Own messages are marked as such, and never announced to their author.
    await expect(messageItem(social, hello).locator('.chat-msg__author')).toHaveText(/Vi$/);
    await expect(social.getByTestId('chat-announcer')).not.toContainText(hello);

    // The nurse replies to it (quoted), and the social worker sees who is typing first.
    await messageItem(np, hello).getByRole('button', { name: new RegExp(`^${L.chat.actions}`) }).click();
    await np.getByRole('button', { name: L.chat.reply, exact: true }).click();
    await expect(np.locator('.chat-composer__reply')).toContainText(hello.slice(0, 20));
    await expect(composer(np)).toBeFocused();
    await composer(np).pressSequentially('Javite mi ', { delay: 20 });
    await expect(social.locator('.chat__typing')).toHaveText(L.chat.typingOne.replace('{{name}}', nurse.display_name));
    await composer(np).fill(reply);
    await composer(np).press('Enter');
    await expect(messageItem(social, reply).locator('.chat-msg__quote')).toContainText(hello.slice(0, 20));
  });

  await test.step('a health message from the nurse: marked, and never shown to the police liaison (nor the social worker)', async () => {
    await pp.goto(chatUrl);
    await live(pp);
    await expect(messageItem(pp, hello)).toBeVisible();
    await np.getByLabel(L.chat.sensitivity).selectOption('health');
    await send(np, healthText);
    await expect(messageItem(np, healthText)).toContainText(L.sensitivityMark.health);
    // A general message after it reaches the police liaison live; the health one never does.
    await np.getByLabel(L.chat.sensitivity).selectOption('general');
    const after = `Posle zdravstvene ${run}`;
    await send(np, after);
    await expect(messageItem(pp, after)).toBeVisible();
    await expect(messageItem(social, after)).toBeVisible();
    await expect(pp.getByText(healthText)).toHaveCount(0);
    await expect(social.getByText(healthText)).toHaveCount(0);
    await axeBothWidths(np, 'chat-nurse');
  });

  await test.step('a mention picked from the members, an edit and a deletion, seen by', async () => {
    await composer(social).fill('Molim @Jel');
    const options = social.getByRole('listbox', { name: L.chat.mentionList });
    await expect(options.getByRole('option', { name: nurse.display_name })).toBeVisible();
    await composer(social).press('Enter');
    await expect(composer(social)).toHaveValue(`Molim @${nurse.display_name} `);
    await composer(social).pressSequentially(`pogledaj ${run}`);
    await composer(social).press('Enter');
    const mention = `Molim @${nurse.display_name} pogledaj ${run}`;
    await expect(messageItem(np, mention).locator('.chat-mention--me')).toHaveText(`@${nurse.display_name}`);

    // Edit (Escape closes the actions first; they are reachable by keyboard).
    // By its id: while it is being edited its text is in a form.
    const mine = social.locator(`#${await messageItem(social, mention).getAttribute('id')}`);
    const toggle = mine.getByRole('button', { name: new RegExp(`^${L.chat.actions}`) });
    await toggle.focus();
    await social.keyboard.press('Enter');
    await expect(mine.getByRole('button', { name: L.chat.reply, exact: true })).toBeFocused();
    await social.keyboard.press('Escape');
    await expect(toggle).toBeFocused();
    await toggle.click();
    await mine.getByRole('button', { name: L.chat.edit, exact: true }).click();
    const edited = `${mention} danas`;
    await mine.getByLabel(L.chat.editLabel).fill(edited);
    await mine.getByRole('button', { name: L.chat.saveEdit }).click();
    await expect(messageItem(np, edited)).toContainText(L.chat.edited);

    // Delete the first message: a tombstone for everyone, the quote in the reply says so too.
    const first = messageItem(social, hello);
    await first.getByRole('button', { name: new RegExp(`^${L.chat.actions}`) }).click();
    await first.getByRole('button', { name: L.chat.delete, exact: true }).click();
    await first.getByRole('button', { name: L.chat.deleteConfirm }).click();
    await expect(log(np).getByText(L.chat.deleted).first()).toBeVisible();
    await expect(log(np).locator('.chat-msg__body', { hasText: hello })).toHaveCount(0);

    // The nurse and the police liaison have the chat open at the bottom: both have read it.
    const seen = messageItem(social, edited).locator('.chat-msg__seen');
    await expect(seen).toContainText(L.chat.seenBy.split('{{')[0]!);
    await expect(seen).toContainText(nurse.display_name);
    await expect(seen).toContainText(police.display_name);
    await axeBothWidths(social, 'chat-conversation');
  });

  await test.step('search finds a Latin message when asked in Cyrillic', async () => {
    await np.getByRole('button', { name: L.chat.search }).click();
    const word = `posetu sutra ${run}`;
    await np.getByLabel(L.chat.searchLabel).fill(toCyrillic(`kućnu ${word}`));
    await np.getByRole('button', { name: L.common.search, exact: true }).click();
    // The first message was deleted: search skips tombstones; the edited one is found by its new text.
    await expect(np.locator('.chat-search__count')).toHaveText(L.chat.searchNone.replace('{{q}}', toCyrillic(`kućnu ${word}`)));
    await np.getByLabel(L.chat.searchLabel).fill(toCyrillic(`pogledaj ${run} danas`));
    await np.getByRole('button', { name: L.common.search, exact: true }).click();
    await expect(np.locator('.chat-search__count')).toHaveText(L.chat.searchFound_one.replace('{{count}}', '1').replace('{{q}}', toCyrillic(`pogledaj ${run} danas`)));
    await np.getByRole('button', { name: new RegExp(`^${L.chat.showInChat}`) }).click();
    await expect(log(np).locator('li.chat-msg:focus')).toContainText(`pogledaj ${run} danas`);
    await axeBothWidths(np, 'chat-search');
  });

  await test.step('a file, uploaded with the case attachments API and sent with the message', async () => {
    await social.getByLabel(L.chat.attach).setInputFiles({ name: `nalaz-${run}.png`, mimeType: 'image/png', buffer: Buffer.from(PNG, 'base64') });
    await expect(social.locator('.chat-composer__file')).toContainText(`nalaz-${run}.png`);
    await send(social, `Nalaz u prilogu ${run}`);
    const link = messageItem(np, `Nalaz u prilogu ${run}`).getByRole('link', { name: L.chat.fileAttached.replace('{{name}}', `nalaz-${run}.png`) });
    await expect(link).toHaveAttribute('href', /^\/api\/v1\/attachments\//);
    const download = await np.request.get(await link.getAttribute('href') as string);
    expect(download.status()).toBe(200);
  });

  await test.step('a message becomes a task, with a link to it', async () => {
    const item = messageItem(social, reply);
    await item.getByRole('button', { name: new RegExp(`^${L.chat.actions}`) }).click();
    await item.getByRole('button', { name: L.chat.promote.task, exact: true }).click();
    await expect(item.getByLabel(L.chat.promote.title)).toHaveValue(reply);
    await item.getByLabel(L.chat.promote.assignee).selectOption({ label: nurse.display_name });
    await axeBothWidths(social, 'chat-promote');
    await item.getByRole('button', { name: L.chat.promote.taskSubmit }).click();
    const open = item.getByRole('link', { name: L.chat.promote.taskOpen });
    await expect(open).toBeFocused();
    await expect(open).toHaveAttribute('href', `/cases/${kase.id}/tasks`);
    await open.click();
    await expect(social.locator('li', { hasText: reply }).first()).toBeVisible();
    await social.goBack();
    await live(social);
  });

  await test.step('unread: the case list and the Chat tab count what the police liaison has not read', async () => {
    await pp.goto('/cases');
    await expect(pp.getByRole('heading', { level: 1, name: L.cases.title })).toBeVisible();
    // The police liaison left the chat; the social worker writes two more.
    await send(social, `Prva posle odlaska ${run}`);
    await send(social, `Druga posle odlaska ${run}`);
    await pp.reload();
    const row = pp.locator('.case-list li', { hasText: title });
    await expect(row.locator('.badge--unread')).toContainText(L.chat.unread_few.replace('{{count}}', '2'));
    await expect(row.getByRole('link')).toHaveAccessibleName(new RegExp(L.chat.unread_few.replace('{{count}}', '2')));
    await row.getByRole('link').click();
    const chatTab = tabs(pp).getByRole('link', { name: new RegExp(`^${L.chat.tab}`) });
    await expect(chatTab).toContainText('2');
    await chatTab.click();
    await live(pp);
    await expect(chatTab.locator('.badge--unread')).toHaveCount(0);
    await expect(pp.getByText(healthText)).toHaveCount(0);
  });

  await test.step('a reload shows the same history', async () => {
    // Each message's id, author, text (or tombstone) and marks; "seen by" may move meanwhile.
    const shown = () =>
      log(social)
        .locator('li.chat-msg')
        .evaluateAll((els) => els.map((e) => [e.id, ...[...e.querySelectorAll('.chat-msg__head, .chat-msg__quote, .chat-msg__body, .chat-msg__deleted')].map((x) => x.textContent)].join(' | ')));
    const before = await shown();
    expect(before.length).toBeGreaterThan(5);
    await social.reload();
    await live(social);
    await expect(log(social).locator('li.chat-msg')).toHaveCount(before.length);
    expect(await shown()).toEqual(before);
  });

  await test.step('removing the police liaison closes the chat for him', async () => {
    const removed = await api.delete(`/api/v1/cases/${kase.id}/members/${police.id}`, { headers: { 'X-CSRF-Token': api.csrf } });
    expect(removed.status(), await removed.text()).toBe(204);
    await expect(pp.getByRole('alert')).toContainText(L.chat.accessEndedTitle);
    await expect(composer(pp)).toHaveCount(0);
  });

  await test.step('on a phone the chat fills the screen with the composer at the bottom', async () => {
    await np.setViewportSize({ width: 390, height: 844 });
    await np.goto(chatUrl);
    await live(np);
    await np.waitForTimeout(200);
    const box = await np.locator('.chat').boundingBox();
    const form = await np.locator('.chat-composer').boundingBox();
    expect(Math.round(box!.y)).toBeLessThanOrEqual(1);
    expect(Math.round(box!.height)).toBe(844);
    expect(Math.round(form!.y + form!.height)).toBeGreaterThan(844 - 20);
    await np.screenshot({ path: 'test-results/screenshots/chat-phone-viewport.png' });
  });

  await api.dispose();
  for (const p of [social, np, pp]) await p.context().close();
});
