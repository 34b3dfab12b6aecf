import { expect, test } from './fixtures';
import { checkPage, createUserViaApi, firstLogin, L, login, nextTotpStep, totp, totpStep } from './helpers';

// A fresh user (never a demo one, so reruns work) turns on the security code, logs out,
// and signing in then asks for the code, which works; a recovery code works once too.
test('MFA enrolment, then login asks for the code and accepts it', async ({ page }) => {
  const user = await createUserViaApi('e2e.mfa');
  const password = 'mfa test password 2024';
  await firstLogin(page, user, password);

  await page.getByRole('navigation', { name: L.nav.main }).getByRole('link', { name: L.nav.profile, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: L.profile.title })).toBeVisible();
  await page.getByRole('link', { name: L.mfa.setUp }).click();
  await page.getByRole('button', { name: L.mfa.start }).click();
  await expect(page.getByRole('img', { name: L.mfa.qrAlt })).toBeVisible();
  await page.getByText(L.mfa.manualTitle).click();
  await checkPage(page, 'mfa-setup-scan');
  const secret = (await page.getByTestId('mfa-secret').textContent())!.trim();
  expect(secret).toMatch(/^[A-Z2-7]+=*$/);

  // A wrong code is refused next to the field.
  const right = totp(secret);
  const wrong = String((Number(right) + 500000) % 1000000).padStart(6, '0');
  await page.getByLabel(L.mfa.codeLabel).fill(wrong);
  await page.getByRole('button', { name: L.mfa.confirm }).click();
  await expect(page.getByRole('alert')).toContainText(L.mfa.codeWrong);

  const step = totpStep();
  await page.getByLabel(L.mfa.codeLabel).fill(totp(secret, step));
  await page.getByRole('button', { name: L.mfa.confirm }).click();
  await expect(page.getByRole('heading', { name: L.mfa.recoveryTitle })).toBeVisible();
  const codes = (await page.getByTestId('recovery-codes').locator('code').allTextContents()).map((c) => c.trim());
  expect(codes).toHaveLength(10);
  await checkPage(page, 'mfa-recovery-codes');
  await page.getByRole('button', { name: L.mfa.savedCodes }).click();
  await expect(page.getByText(L.mfa.statusOn, { exact: true })).toBeVisible();

  // Log out; signing in now asks for the code.
  await page.getByRole('button', { name: L.nav.logout }).first().click();
  await login(page, user.username, password);
  await expect(page.getByRole('heading', { level: 1, name: L.login.mfaTitle })).toBeVisible();
  await checkPage(page, 'login-mfa-step');
  await page.getByLabel(L.login.code).fill('000000' === totp(secret) ? '111111' : '000000');
  await page.getByRole('button', { name: L.login.verify }).click();
  await expect(page.getByRole('alert')).toContainText(L.login.codeWrong);

  await nextTotpStep(step);
  await page.getByLabel(L.login.code).fill(totp(secret));
  await page.getByRole('button', { name: L.login.verify }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Zdravo, ${user.displayName}` })).toBeVisible();

  // A recovery code works instead of the app, once.
  await page.getByRole('button', { name: L.nav.logout }).first().click();
  await login(page, user.username, password);
  await page.getByRole('button', { name: L.login.useRecovery }).click();
  await page.getByLabel(L.login.recoveryCode).fill(codes[0]!);
  await page.getByRole('button', { name: L.login.verify }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Zdravo, ${user.displayName}` })).toBeVisible();
});
