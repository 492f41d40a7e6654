/** Journeys done the way people do them, keyboard only where it matters. */
import { test, expect } from '@playwright/test';
import { E2E } from '../env.js';
import { expectNoAxeViolations, lastCodeFor, signIn } from './helpers.js';

test('keyboard-only staff sign-in, and sign-out', async ({ page }) => {
  await page.goto('/login');
  await expect(page.locator('h1')).toBeVisible();
  // Tab from the top of the page to the user name field, never touching the mouse.
  for (let i = 0; i < 15; i++) {
    await page.keyboard.press('Tab');
    if (await page.getByLabel('用户名').evaluate((el) => el === document.activeElement)) break;
  }
  await expect(page.getByLabel('用户名')).toBeFocused();
  await page.keyboard.type('admin');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('密码', { exact: true })).toBeFocused();
  await page.keyboard.type(E2E.password);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator('h1')).toBeVisible();
  await expect(page.locator('main')).toBeVisible();
  await expectNoAxeViolations(page, 'home after keyboard sign-in');
  await page.getByRole('button', { name: /退出|登出/ }).click();
  await expect(page).toHaveURL(/\/login/);
  // The session is over on the server too.
  expect((await page.request.get('/api/v1/auth/me')).status()).toBe(401);
});

test('a wrong password shows an error summary that takes focus', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('用户名').fill('admin');
  await page.getByLabel('密码', { exact: true }).fill('wrong-password-here');
  await page.getByRole('button', { name: '登录' }).click();
  const alert = page.getByRole('alert').filter({ hasText: '用户名或密码不正确' });
  await expect(alert).toBeVisible();
  await expect(page.locator(':focus')).toBeVisible();
  expect(await page.evaluate(() => !!document.activeElement?.closest('[role="alert"], .error-summary'))).toBe(
    true,
  );
  await expectNoAxeViolations(page, 'login with errors');
});

test('an empty form is refused in the browser with field errors, and nothing is sent', async ({ page }) => {
  await page.goto('/login');
  let sent = false;
  page.on('request', (r) => {
    if (r.url().includes('/api/v1/auth/login')) sent = true;
  });
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('alert').first()).toBeVisible();
  expect(sent).toBe(false);
  await expectNoAxeViolations(page, 'login, empty submit');
});

test('a resident signs in with phone number and one-time code', async ({ page }) => {
  await page.goto('/resident-login');
  await page.getByLabel(/手机号/).fill('17000000001');
  // Other journeys may have signed this resident in before: wait for a new code.
  const before = lastCodeFor('17000000001');
  await page.getByRole('button', { name: /发送验证码|获取验证码/ }).click();
  await expect.poll(() => lastCodeFor('17000000001'), { timeout: 10_000 }).not.toBe(before);
  await page.getByLabel(/验证码/).fill(lastCodeFor('17000000001')!);
  await page.getByRole('button', { name: /登录/ }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator('h1')).toBeVisible();
  await expectNoAxeViolations(page, 'resident home');
});

test('care mode is switched on by the user and persists on the server', async ({ page }) => {
  await signIn(page, 'demo_district');
  await page.goto('/');
  await expect(page.locator('h1')).toBeVisible();
  const toggle = page
    .getByRole('switch', { name: /关怀模式/ })
    .or(page.getByRole('button', { name: /关怀模式/ }))
    .first();
  await toggle.click();
  await expect
    .poll(async () => (await (await page.request.get('/api/v1/auth/me')).json()).preferences.careMode)
    .toBe(true);
  const size = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
  expect(size).toBeGreaterThanOrEqual(18);
  await page.reload();
  await expect(page.locator('h1')).toBeVisible();
  expect(
    await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize)),
  ).toBeGreaterThanOrEqual(18);
  await expectNoAxeViolations(page, 'home in care mode');
  await toggle.click();
  await expect
    .poll(async () => (await (await page.request.get('/api/v1/auth/me')).json()).preferences.careMode)
    .toBe(false);
});
