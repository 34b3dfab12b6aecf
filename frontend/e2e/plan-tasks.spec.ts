import type { Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { apiAs, checkPage, L, loginAndWaitForHome } from './helpers';

// The plan and tasks end to end: the lead adds a goal in the person's own words and an action
// owned by the nurse, gives the nurse a task due yesterday; the nurse sees it overdue on
// "My tasks" and marks it done; the plan's versions compare shows the goal, whose title then
// changes in place; the lead sees the nurse's read in the access log, and closes the case with
// a reason. Every new page: axe + screenshots at 390/1280 px.

async function as(browser: Browser, username: string, width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 800 } });
  const page = await context.newPage();
  await loginAndWaitForHome(page, username);
  return page;
}

const tabs = (page: Page) => page.getByRole('navigation', { name: L.caseWorkspace.sections });

/** Yesterday, 09:00 in Belgrade, as a datetime-local value. */
function yesterdayMorning() {
  const d = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Belgrade', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() - 86_400_000));
  return `${d}T09:00`;
}

test('plan, tasks, my tasks, versions and the access log', async ({ browser }) => {
  const run = Date.now().toString(36);
  const title = `Plan ${run}`;
  const goalTitle = `Stan ${run}`;
  const ownWords = `Želim da moja deca spavaju na sigurnom ${run}`;
  const actionTitle = `Poseta domu zdravlja ${run}`;
  const taskTitle = `Pozvati školu ${run}`;

  // Set up through the API: a case led by demo.social with demo.nurse as member.
  const api = await apiAs('demo.social');
  const teams = await (await api.get('/api/v1/teams')).json();
  const team = teams.items[0];
  const nurse = team.members.find((m: { username: string }) => m.username === 'demo.nurse');
  const created = await api.post('/api/v1/cases', {
    headers: { 'X-CSRF-Token': api.csrf },
    data: { title, category: 'general', team_id: team.id, subject: { first_name: 'Vera', last_name: `Plan${run}` } },
  });
  expect(created.status(), await created.text()).toBe(201);
  const kase = await created.json();
  const added = await api.post(`/api/v1/cases/${kase.id}/members`, { headers: { 'X-CSRF-Token': api.csrf }, data: { user_id: nurse.id } });
  expect(added.status(), await added.text()).toBe(201);
  await api.dispose();

  const lead = await as(browser, 'demo.social');
  await lead.goto(`/cases/${kase.id}`);
  await tabs(lead).getByRole('link', { name: L.caseWorkspace.plan }).click();
  await expect(lead.getByRole('heading', { name: L.plan.title })).toBeVisible();
  await checkPage(lead, 'case-plan-empty');

  // The person's part in the plan (version 1, before any goal).
  await lead.getByRole('button', { name: L.plan.editFacts }).click();
  await lead.getByLabel(L.plan.participation).selectOption('took_part');
  await lead.getByRole('button', { name: L.plan.saveFacts }).click();
  await expect(lead.getByText(L.participation.took_part)).toBeVisible();

  // A goal in the person's own words (version 2).
  await lead.getByRole('button', { name: L.plan.addGoal }).click();
  await lead.getByLabel(L.plan.inOwnWordsLabel).fill(ownWords);
  await lead.getByLabel(L.plan.goalTitle).fill(goalTitle);
  await lead.getByRole('button', { name: L.plan.addGoalSubmit }).click();
  await expect(lead.getByRole('heading', { name: goalTitle })).toBeVisible();
  await expect(lead.locator('blockquote', { hasText: ownWords })).toBeVisible();

  // An action owned by the nurse (version 3).
  await lead.getByRole('button', { name: new RegExp(`^${L.plan.addAction}`) }).click();
  await lead.getByLabel(L.plan.actionTitle).fill(actionTitle);
  await lead.getByLabel(L.plan.actionOwner).selectOption({ label: nurse.display_name });
  await lead.getByRole('button', { name: L.plan.addActionSubmit }).click();
  await expect(lead.getByText(actionTitle)).toBeVisible();
  await expect(lead.getByText(L.plan.owner.replace('{{name}}', nurse.display_name), { exact: false })).toBeVisible();
  await checkPage(lead, 'case-plan');

  // Versions: from 1 (no goal yet) to 3 the goal is added.
  await lead.getByText(L.plan.versionsTitle.replace('{{version}}', '3')).click();
  await expect(lead.locator('.row-list__title', { hasText: L.plan.versionN.replace('{{n}}', '3') })).toBeVisible();
  await lead.getByLabel(L.plan.compareFrom).selectOption('1');
  await lead.getByLabel(L.plan.compareTo).selectOption('3');
  await lead.getByRole('button', { name: L.plan.compare }).click();
  const diff = lead.locator('.plan-diff');
  await expect(diff.getByText(L.plan.diff.added)).toBeVisible();
  await expect(diff.getByText(goalTitle)).toBeVisible();
  await checkPage(lead, 'case-plan-versions');

  // The goal's short title changes in place (version 4): focus goes into the form and back to its button.
  const newGoalTitle = `Siguran stan ${run}`;
  await lead.getByRole('button', { name: new RegExp(`^${L.plan.editGoal}.*${goalTitle}`) }).click();
  const goalForm = lead.getByRole('form', { name: L.plan.editGoalOf.replace('{{goal}}', goalTitle) });
  await expect(goalForm.getByLabel(L.plan.goalTitle)).toBeFocused();
  await expect(goalForm.getByLabel(L.plan.inOwnWordsLabel)).toHaveValue(ownWords);
  await checkPage(lead, 'case-plan-goal-edit');
  await goalForm.getByLabel(L.plan.goalTitle).fill(newGoalTitle);
  await goalForm.getByRole('button', { name: L.plan.saveGoal }).click();
  await expect(lead.getByRole('heading', { name: newGoalTitle })).toBeVisible();
  await expect(lead.getByRole('button', { name: new RegExp(`^${L.plan.editGoal}.*${newGoalTitle}`) })).toBeFocused();
  await expect(lead.locator('blockquote', { hasText: ownWords })).toBeVisible();
  await expect(lead.getByText(L.plan.versionsTitle.replace('{{version}}', '4'))).toBeVisible();

  // A task for the nurse, due yesterday.
  await tabs(lead).getByRole('link', { name: L.caseWorkspace.tasks }).click();
  await lead.getByRole('button', { name: L.tasks.new }).click();
  await lead.getByLabel(L.tasks.title).fill(taskTitle);
  await lead.getByLabel(L.tasks.assignee).selectOption({ label: nurse.display_name });
  await lead.getByLabel(L.tasks.due).fill(yesterdayMorning());
  await lead.getByRole('button', { name: L.tasks.create }).click();
  const row = lead.locator('li', { hasText: taskTitle });
  await expect(row.locator('.tag--urgent')).toContainText(/kasni \d+/);
  await checkPage(lead, 'case-tasks');

  // The nurse: My tasks, overdue, done.
  const np = await as(browser, 'demo.nurse', 390);
  await np.goto('/tasks');
  await expect(np.getByRole('heading', { level: 1, name: L.tasks.myTitle })).toBeVisible();
  const mine = np.locator('li', { hasText: taskTitle });
  await expect(mine.locator('.tag--urgent')).toContainText(/kasni \d+/);
  await expect(mine.getByRole('link', { name: title })).toHaveAttribute('href', `/cases/${kase.id}/tasks`);
  await checkPage(np, 'my-tasks');
  // The nurse opens the case (a read the lead will see), then marks the task done.
  await mine.getByRole('link', { name: title }).click();
  await expect(np.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const caseRow = np.locator('li', { hasText: taskTitle });
  await caseRow.getByRole('button', { name: new RegExp(`^${L.tasks.done}`) }).click();
  await expect(caseRow.getByText(new RegExp(L.tasks.doneBy.split('{{')[0]!))).toBeVisible();
  // Not a lead: no access log tab.
  await expect(tabs(np).getByRole('link', { name: L.caseWorkspace.accessLog })).toHaveCount(0);
  await np.context().close();

  // People: add a household member (the JMBG is checked as it is typed), then mark the
  // person not safe to contact directly, with the safe way.
  await tabs(lead).getByRole('link', { name: L.caseWorkspace.people }).click();
  await expect(lead.getByRole('heading', { name: L.people.title })).toBeVisible();
  await lead.getByRole('button', { name: L.people.add }).click();
  await lead.getByLabel(L.people.relation).selectOption('household_member');
  await lead.locator('#person-first').fill('Goran');
  await lead.locator('#person-last').fill(`Plan${run}`);
  await lead.locator('#person-jmbg').fill('0101990710009');
  await expect(lead.getByText(L.newCase.jmbgProblem.checksum).first()).toBeVisible();
  await lead.locator('#person-jmbg').fill('');
  await lead.getByRole('button', { name: L.people.addSubmit }).click();
  await expect(lead.getByRole('heading', { name: `Goran Plan${run}` })).toBeVisible();
  await lead.getByRole('button', { name: new RegExp(`^${L.people.edit}.*Vera`) }).click();
  await lead.getByLabel(L.people.safeNo).check();
  await lead.getByLabel(L.people.channel).fill('Samo preko školskog psihologa');
  await checkPage(lead, 'case-people-edit');
  await lead.getByRole('button', { name: L.common.save }).click();
  await expect(lead.getByText(L.caseWorkspace.notSafeToContact).first()).toBeVisible();
  await checkPage(lead, 'case-people');

  // The lead: the access log lists the nurse's read.
  await lead.reload();
  await tabs(lead).getByRole('link', { name: L.caseWorkspace.accessLog }).click();
  await expect(lead.getByRole('heading', { name: L.accessLog.title })).toBeVisible();
  await expect(lead.locator('li', { hasText: nurse.display_name }).first()).toBeVisible();
  await checkPage(lead, 'case-access-log');

  // The lead closes the case with a reason.
  await tabs(lead).getByRole('link', { name: L.caseWorkspace.overview }).click();
  await lead.getByRole('button', { name: L.manage.changeStatus }).click();
  await lead.getByLabel(L.manage.newStatus).selectOption('closed');
  // Without a reason the form says what is missing, next to the field.
  await lead.getByRole('button', { name: L.manage.saveStatus }).click();
  await expect(lead.locator('#case-closing-reason-error, .field__error', { hasText: L.manage.reasonRequired }).first()).toBeVisible();
  await lead.getByLabel(L.manage.closingReason).fill(`Porodica se odselila ${run}`);
  await checkPage(lead, 'case-close');
  await lead.getByRole('button', { name: L.manage.saveStatus }).click();
  await expect(lead.locator('.case-head__tags')).toContainText(L.caseStatus.closed);
  await expect(lead.locator('#case-closing-reason')).toHaveCount(0);
  await expect(lead.locator('.summary-list').getByText(`Porodica se odselila ${run}`)).toBeVisible();
  await lead.context().close();
});
