import { expect, test } from './fixtures';
import { L, loginAndWaitForHome, uniqueName } from './helpers';

// Every demo role signs in and sees the navigation its role allows: admin -> Administration,
// auditor -> Audit, everyone else neither.
const demo = [
  { username: 'demo.admin', admin: true, auditor: false },
  { username: 'demo.social', admin: false, auditor: false },
  { username: 'demo.nurse', admin: false, auditor: false },
  { username: 'demo.police', admin: false, auditor: false },
  { username: 'demo.care', admin: false, auditor: false },
  { username: 'demo.prosecutor', admin: false, auditor: false },
  { username: 'demo.lead', admin: false, auditor: false },
  { username: 'demo.auditor', admin: false, auditor: true },
  { username: 'demo.social2', admin: false, auditor: false },
];

for (const u of demo) {
  test(`${u.username} signs in and sees the navigation for the role`, async ({ page }) => {
    await loginAndWaitForHome(page, u.username);
    const nav = page.getByRole('navigation', { name: L.nav.main });
    await expect(nav.getByRole('link', { name: L.nav.home, exact: true })).toBeVisible();
    await expect(nav.getByRole('link', { name: L.nav.profile, exact: true })).toBeVisible();
    await expect(nav.getByRole('link', { name: L.nav.admin, exact: true })).toHaveCount(u.admin ? 1 : 0);
    await expect(nav.getByRole('link', { name: L.nav.audit, exact: true })).toHaveCount(u.auditor ? 1 : 0);
    // Nothing personal in the title.
    await expect(page).toHaveTitle(`${L.app.name} — ${L.nav.home}`);
    // The agency's name and the roles in plain words are on the home page.
    await expect(page.getByRole('heading', { name: L.home.whereYouWork })).toBeVisible();

    // A page the role may not open says so instead of showing it.
    if (!u.admin) {
      await page.goto('/admin/users');
      await expect(page.getByRole('heading', { level: 1, name: L.errors.forbiddenTitle })).toBeVisible();
    }
    if (!u.auditor) {
      await page.goto('/audit');
      await expect(page.getByRole('heading', { level: 1, name: L.errors.forbiddenTitle })).toBeVisible();
    }

    await page.getByRole('button', { name: L.nav.logout }).click();
    await expect(page.getByRole('heading', { level: 1, name: L.login.title })).toBeVisible();
    // Logging out is not "your session ended" (the websocket closes before the server ends it).
    await expect(page.getByText(L.login.sessionEnded)).toHaveCount(0);
    // Logged out for real: a protected page sends us back to login.
    await page.goto('/profile');
    await expect(page).toHaveURL(/\/login$/);
  });
}

test('the phone header has a menu button that opens the navigation', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await loginAndWaitForHome(page, 'demo.admin');
  const menu = page.getByRole('button', { name: L.nav.menu });
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('link', { name: L.nav.admin, exact: true })).toBeHidden();
  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await page.getByRole('navigation', { name: L.nav.main }).getByRole('link', { name: L.nav.admin, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: L.admin.users })).toBeVisible();
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
});

test('wrong password gives a clear, fixable error', async ({ page }) => {
  await page.goto('/login');
  // An unknown user: failures count towards a lockout, so no demo account is used here.
  const username = uniqueName('nobody');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill('not-the-password');
  await page.getByRole('button', { name: L.login.submit }).click();
  const summary = page.getByRole('alert');
  await expect(summary).toContainText(L.login.wrongCredentials);
  await expect(page.locator('#password')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#username')).toHaveValue(username);
});
