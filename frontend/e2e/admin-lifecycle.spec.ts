import { expect, test } from './fixtures';
import { L, login, loginAndWaitForHome, newPage, uniqueName } from './helpers';

// One account's life: the admin creates it, the person signs in with the temporary password,
// must change it, reaches home; the admin deactivates the account and the session ends at once.
test.describe.configure({ mode: 'serial' });

test('admin creates a user, who must change the password, and deactivation ends their session', async ({ browser }) => {
  const admin = await newPage(browser);
  const worker = await newPage(browser);
  const username = uniqueName('e2e.user');
  const displayName = `Jovana Test ${username.slice(-4)}`;

  // 1. The admin creates the user in the Administration screens.
  await loginAndWaitForHome(admin.page, 'demo.admin');
  await admin.page.getByRole('navigation', { name: L.nav.main }).getByRole('link', { name: L.nav.admin, exact: true }).click();
  await admin.page.getByRole('link', { name: L.admin.createUser }).click();
  await expect(admin.page.getByRole('heading', { level: 1, name: L.admin.createUser })).toBeVisible();

  // Submitting empty shows what to fix, each in the summary and next to the field.
  await admin.page.getByRole('button', { name: L.admin.createUserSubmit }).click();
  await expect(admin.page.getByRole('alert')).toContainText(L.admin.usernameRequired);
  await expect(admin.page.getByRole('link', { name: L.admin.rolesRequired })).toBeVisible();

  await admin.page.getByLabel(L.admin.username).fill(username);
  await admin.page.getByLabel(L.admin.displayName).fill(displayName);
  await admin.page.getByLabel(L.admin.agency).selectOption({ label: 'CSR Kikinda' });
  await admin.page.getByLabel(L.roles.social_worker).check();
  await admin.page.getByRole('button', { name: L.admin.createUserSubmit }).click();
  await expect(admin.page.getByRole('heading', { level: 1, name: L.admin.userCreated })).toBeVisible();
  const temporary = (await admin.page.getByTestId('temporary-password').textContent())?.trim() ?? '';
  expect(temporary.length).toBeGreaterThanOrEqual(8);

  // The same username again is refused with a message on the field.
  await admin.page.getByRole('button', { name: L.admin.createAnother }).click();
  await admin.page.getByLabel(L.admin.username).fill(username);
  await admin.page.getByLabel(L.admin.displayName).fill(displayName);
  await admin.page.getByLabel(L.admin.agency).selectOption({ label: 'CSR Kikinda' });
  await admin.page.getByLabel(L.roles.social_worker).check();
  await admin.page.getByRole('button', { name: L.admin.createUserSubmit }).click();
  // (The server words this one itself; it is linked from the summary and shown at the field.)
  await expect(admin.page.getByRole('alert').getByRole('link')).toHaveAttribute('href', '#username');
  await expect(admin.page.getByLabel(L.admin.username)).toHaveAttribute('aria-invalid', 'true');

  // 2. The new user signs in elsewhere and is sent to change the password first.
  await login(worker.page, username, temporary);
  await expect(worker.page).toHaveURL(/\/change-password$/);
  await expect(worker.page.getByRole('heading', { level: 1, name: L.password.title })).toBeVisible();
  // Other pages are out of reach until then.
  await worker.page.goto('/profile');
  await expect(worker.page).toHaveURL(/\/change-password$/);
  // Too short a password is explained next to the field.
  await worker.page.locator('#current-password').fill(temporary);
  await worker.page.locator('#new-password').fill('short');
  await worker.page.getByRole('button', { name: L.password.submit }).click();
  await expect(worker.page.locator('#new-password')).toHaveAttribute('aria-invalid', 'true');
  await worker.page.locator('#new-password').fill('a long new password 2024');
  await worker.page.getByRole('button', { name: L.password.submit }).click();
  await expect(worker.page.getByRole('heading', { level: 1, name: `Zdravo, ${displayName}` })).toBeVisible();
  await expect(worker.page.getByText('CSR Kikinda').first()).toBeVisible();
  await expect(worker.page.getByText(L.roles.social_worker, { exact: true })).toBeVisible();

  // 3. The admin finds the user and deactivates the account.
  await admin.page.goto('/admin/users');
  await admin.page.getByLabel(L.admin.searchUsers).fill(username);
  await admin.page.getByRole('button', { name: L.common.search }).click();
  await admin.page.getByRole('link', { name: new RegExp(displayName) }).click();
  await expect(admin.page.getByRole('heading', { level: 1, name: displayName })).toBeVisible();
  await admin.page.getByRole('button', { name: L.admin.deactivate }).click();
  await admin.page.getByRole('button', { name: L.admin.confirmDeactivateButton }).click();
  await expect(admin.page.locator('main').getByText(L.admin.deactivatedDone.replace('{{name}}', displayName))).toBeVisible();
  await expect(admin.page.getByText(L.admin.nothingToReassign)).toBeVisible();
  await expect(admin.page.getByRole('button', { name: L.admin.reactivate })).toBeVisible();

  // 4. The deactivated user lands on the login screen without doing anything: the tab's
  // websocket, open while signed in, is closed with 4001 as the session ends.
  await expect(worker.page).toHaveURL(/\/login$/);
  await expect(worker.page.getByRole('heading', { level: 1, name: L.login.title })).toBeVisible();
  await expect(worker.page.getByText(L.login.sessionEnded)).toBeVisible();
  // And signing in again is refused.
  await login(worker.page, username, 'a long new password 2024');
  await expect(worker.page.getByRole('alert')).toContainText(L.login.wrongCredentials);

  // 5. Reactivated, they can sign in again.
  await admin.page.getByRole('button', { name: L.admin.reactivate }).click();
  await expect(admin.page.getByRole('button', { name: L.admin.deactivate })).toBeVisible();
  await login(worker.page, username, 'a long new password 2024');
  // They return to the page they were on when the session ended.
  await expect(worker.page.getByRole('heading', { level: 1, name: `Zdravo, ${displayName}` })).toBeVisible();

  await admin.context.close();
  await worker.context.close();
});

test('admin resets a password: the old session ends and a new temporary password works', async ({ browser }) => {
  const admin = await newPage(browser);
  const worker = await newPage(browser);
  const username = uniqueName('e2e.reset');
  await loginAndWaitForHome(admin.page, 'demo.admin');
  await admin.page.goto('/admin/users/new');
  await admin.page.getByLabel(L.admin.username).fill(username);
  await admin.page.getByLabel(L.admin.displayName).fill('Reset Test');
  await admin.page.getByLabel(L.admin.agency).selectOption({ label: 'CSR Kikinda' });
  await admin.page.getByLabel(L.roles.nurse).check();
  await admin.page.getByRole('button', { name: L.admin.createUserSubmit }).click();
  const first = (await admin.page.getByTestId('temporary-password').textContent())!.trim();
  await admin.page.getByRole('link', { name: L.admin.openUser }).click();

  await login(worker.page, username, first);
  await expect(worker.page).toHaveURL(/\/change-password$/);

  await admin.page.getByRole('button', { name: L.admin.resetPassword }).click();
  const second = (await admin.page.getByTestId('temporary-password').textContent())!.trim();
  expect(second).not.toBe(first);

  // The old session is gone: the form's request is refused and we are sent to login.
  await worker.page.reload();
  await expect(worker.page).toHaveURL(/\/login$/);
  await login(worker.page, username, second);
  await expect(worker.page).toHaveURL(/\/change-password$/);

  await admin.context.close();
  await worker.context.close();
});
