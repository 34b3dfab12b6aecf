import { expect, test } from './fixtures';
import { checkPage, createUserViaApi, expectNoAxeViolations, L, login, loginAndWaitForHome, screenshots } from './helpers';

// Every page: zero axe violations (WCAG 2.2 AA tags), screenshots at 390 and 1280 px,
// and no sideways scrolling at 320 px.

test('login and its errors', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByRole('heading', { level: 1, name: L.login.title })).toBeVisible();
  await expect(page).toHaveTitle(`${L.app.name} — ${L.login.title}`);
  await checkPage(page, 'login');
  await page.getByRole('button', { name: L.login.submit }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await checkPage(page, 'login-errors');
});

test('language switcher changes script and <html lang> before login', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel(L.language.label).selectOption('sr-Cyrl');
  await expect(page.getByRole('heading', { level: 1, name: 'Пријава' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'sr-Cyrl');
  await checkPage(page, 'login-cyrillic');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Пријава' })).toBeVisible();
  await page.getByLabel('Језик').selectOption('en');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('change password (forced) and home of a new user', async ({ page }) => {
  const user = await createUserViaApi('e2e.pages');
  await login(page, user.username, user.password);
  await expect(page.getByRole('heading', { level: 1, name: L.password.title })).toBeVisible();
  await checkPage(page, 'change-password');
  await page.locator('#current-password').fill(user.password);
  await page.locator('#new-password').fill('pages test password 2024');
  await page.getByRole('button', { name: L.password.submit }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Zdravo, ${user.displayName}` })).toBeVisible();
  await checkPage(page, 'home-new-user');
});

test('language is saved per user and applied after login', async ({ browser }) => {
  const user = await createUserViaApi('e2e.lang');
  const a = await browser.newContext();
  const page = await a.newPage();
  await login(page, user.username, user.password);
  await page.locator('#current-password').fill(user.password);
  await page.locator('#new-password').fill('language test password');
  await page.getByRole('button', { name: L.password.submit }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Zdravo/ })).toBeVisible();
  await page.locator('#header-language').selectOption('sr-Cyrl');
  await expect(page.getByRole('heading', { level: 1, name: /Здраво/ })).toBeVisible();
  await page.waitForLoadState('networkidle');
  await a.close();
  // A fresh device (default Latin) switches to the user's saved script after login.
  const b = await browser.newContext();
  const page2 = await b.newPage();
  await login(page2, user.username, 'language test password');
  await expect(page2.getByRole('heading', { level: 1, name: /Здраво/ })).toBeVisible();
  await expect(page2.locator('html')).toHaveAttribute('lang', 'sr-Cyrl');
  await b.close();
});

test('home, profile and MFA setup (social worker)', async ({ page }) => {
  await loginAndWaitForHome(page, 'demo.social');
  await expect(page.getByRole('heading', { name: L.home.teams })).toBeVisible();
  await checkPage(page, 'home-social');
  await page.goto('/profile');
  await expect(page.getByRole('heading', { name: L.sessions.title })).toBeVisible();
  await expect(page.getByText(L.sessions.thisDevice, { exact: true })).toBeVisible();
  await checkPage(page, 'profile');
  await page.goto('/change-password');
  await checkPage(page, 'change-password-voluntary');
  await page.goto('/profile/mfa');
  await checkPage(page, 'mfa-setup-start');
});

test('administration pages', async ({ page }) => {
  await loginAndWaitForHome(page, 'demo.admin');
  await checkPage(page, 'home-admin');

  await page.goto('/admin/users');
  await expect(page.getByRole('heading', { level: 1, name: L.admin.users })).toBeVisible();
  await expect(page.getByRole('link', { name: /demo\.social2/ })).toBeVisible();
  await checkPage(page, 'admin-users');

  await page.getByLabel(L.admin.searchUsers).fill('demo.nurse');
  await page.getByRole('button', { name: L.common.search }).click();
  await expect(page.getByRole('link', { name: /demo\.nurse/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /demo\.police/ })).toHaveCount(0);
  await page.getByRole('link', { name: /demo\.nurse/ }).click();
  await expect(page.getByRole('heading', { name: L.admin.access })).toBeVisible();
  await checkPage(page, 'admin-user');

  await page.goto('/admin/users/new');
  await checkPage(page, 'admin-user-new');
  await page.getByRole('button', { name: L.admin.createUserSubmit }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await checkPage(page, 'admin-user-new-errors');

  await page.goto('/admin/teams');
  await expect(page.getByRole('heading', { level: 1, name: L.admin.teams })).toBeVisible();
  await checkPage(page, 'admin-teams');
  await page.locator('.row-list__link').first().click();
  await expect(page.getByRole('heading', { name: L.admin.addMember })).toBeVisible();
  await checkPage(page, 'admin-team');

  await page.goto('/admin/agencies');
  await expect(page.getByRole('heading', { level: 1, name: L.admin.agencies })).toBeVisible();
  await checkPage(page, 'admin-agencies');
  await page.getByRole('link', { name: /CSR Kikinda/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: L.admin.editAgency })).toBeVisible();
  await checkPage(page, 'admin-agency-edit');
  await page.goto('/admin/agencies/new');
  await checkPage(page, 'admin-agency-new');
});

test('teams and agencies: create, rename, members, edit', async ({ page }) => {
  const suffix = Date.now().toString(36);
  await loginAndWaitForHome(page, 'demo.admin');
  await page.goto('/admin/teams');
  await page.getByLabel(L.admin.teamName).fill(`Tim ${suffix}`);
  await page.getByRole('button', { name: L.admin.createTeamSubmit }).click();
  await page.getByRole('link', { name: new RegExp(`Tim ${suffix}`) }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Tim ${suffix}` })).toBeVisible();
  await page.getByLabel(L.admin.findPerson).fill('demo.care');
  await page.getByRole('button', { name: L.common.search }).click();
  await page.getByRole('button', { name: new RegExp(`^${L.admin.add}`) }).first().click();
  await expect(page.getByRole('heading', { name: L.admin.members_one.replace('{{count}}', '1') })).toBeVisible();
  await page.getByRole('button', { name: new RegExp(`^${L.admin.removeMember}`) }).click();
  await expect(page.getByText(L.admin.noMembers)).toBeVisible();
  await page.getByLabel(L.admin.teamName).fill(`Tim ${suffix} B`);
  await page.getByRole('button', { name: L.common.save }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Tim ${suffix} B` })).toBeVisible();

  await page.goto('/admin/agencies/new');
  await page.getByLabel(L.admin.agencyName).fill(`Udruženje ${suffix}`);
  await page.getByLabel(L.admin.agencyType).selectOption('ngo');
  await page.getByLabel(L.admin.municipality).fill('Kikinda');
  await page.getByRole('button', { name: L.admin.createAgencySubmit }).click();
  await expect(page.getByRole('heading', { level: 1, name: L.admin.agencies })).toBeVisible();
  await page.getByRole('link', { name: new RegExp(`Udruženje ${suffix}`) }).click();
  await page.getByLabel(L.admin.agencyName).fill(`Udruženje ${suffix} NS`);
  await page.getByRole('button', { name: L.common.save }).click();
  await expect(page.getByRole('link', { name: new RegExp(`Udruženje ${suffix} NS`) })).toBeVisible();
});

test('audit page with filters and chain health', async ({ page }) => {
  await loginAndWaitForHome(page, 'demo.auditor');
  await page.getByRole('navigation', { name: L.nav.main }).getByRole('link', { name: L.nav.audit, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: L.audit.title })).toBeVisible();
  await expect(page.getByText(L.audit.chainOk)).toBeVisible();
  await expect(page.locator('table tbody tr').first()).toBeVisible();
  await checkPage(page, 'audit');
  await page.getByLabel(L.audit.action).fill('auth.login');
  await page.getByRole('button', { name: L.audit.apply }).click();
  await expect(page).toHaveURL(/action=auth\.login/);
  // Wait for the filtered answer: until it arrives the table may still show the previous rows.
  await expect
    .poll(async () => {
      const actions = await page.locator('table tbody tr td:nth-child(2)').allTextContents();
      return actions.length > 0 && actions.every((a) => a.trim() === 'auth.login');
    })
    .toBe(true);
});

test('skip link, focus and the offline banner', async ({ page, context }) => {
  await loginAndWaitForHome(page, 'demo.social');
  // On a fresh page load the first Tab reaches the skip link, which moves focus to the main
  // content. (After a navigation inside the app, focus is already moved to main.)
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: /Zdravo/ })).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: L.nav.skip });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main#main')).toBeFocused();
  // Landmarks are there.
  await expect(page.getByRole('banner')).toHaveCount(1);
  await expect(page.getByRole('main')).toHaveCount(1);
  // Losing the connection shows the banner; getting it back hides it.
  await context.setOffline(true);
  await expect(page.getByText(L.offline.title)).toBeVisible();
  await screenshotsOffline(page);
  await context.setOffline(false);
  await expect(page.getByText(L.offline.title)).toBeHidden();
});

async function screenshotsOffline(page: import('@playwright/test').Page) {
  await expectNoAxeViolations(page, 'offline banner');
  await screenshots(page, 'home-offline');
}

test('intake queue, notification settings, dev mailbox and partner systems', async ({ browser }) => {
  const social = await (await browser.newContext()).newPage();
  await loginAndWaitForHome(social, 'demo.social');
  await social.goto('/intake');
  await expect(social.getByRole('heading', { level: 1 })).toBeVisible();
  await checkPage(social, 'intake');
  await social.goto('/profile');
  await expect(social.getByRole('heading', { level: 1 })).toBeVisible();
  await checkPage(social, 'profile-notifications');
  await social.goto('/mailbox');
  await expect(social.getByRole('heading', { level: 1 })).toBeVisible();
  await checkPage(social, 'mailbox');
  const admin = await (await browser.newContext()).newPage();
  await loginAndWaitForHome(admin, 'demo.admin');
  await admin.goto('/admin/systems');
  await expect(admin.getByRole('heading', { level: 1 })).toBeVisible();
  await checkPage(admin, 'admin-systems');
});
