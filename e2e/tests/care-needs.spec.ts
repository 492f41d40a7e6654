/**
 * Needs in the browser, keyboard only: the demo resident raises a need in the portal (plain-language
 * choices, inline errors in Chinese, a confirmation with the reference); a street worker of the
 * resident's street finds it in the needs list, tries to resolve it without an outcome (the error in
 * Chinese), then resolves it; the resident sees the outcome in "我的诉求". axe on each page.
 */
import { test, expect, type Page } from '@playwright/test';
import { expectNoAxeViolations, setPreferences, signIn, signInResident } from './helpers.js';

const RESIDENT = '17000000001';

test.afterEach(async ({ page }) => {
  const me = await page.request.get('/api/v1/auth/me');
  if (me.ok()) await setPreferences(page, { careMode: false, language: 'zh-CN' });
});

/** Presses Tab until the locator has focus (a keyboard user's way to a control). */
async function tabTo(page: Page, target: ReturnType<Page['locator']>, max = 250) {
  for (let i = 0; i < max && !(await target.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(target).toBeFocused();
}

/** The demo street account of a street (district officer elsewhere: the demo has two street officers). */
const streetAccount = (streetCode: string) =>
  streetCode === 'linfenlu' ? 'demo_street' : streetCode === 'beizhan' ? 'demo_street_b' : 'demo_district';

test('keyboard only: a resident raises a need, a street worker resolves it, the resident sees the outcome', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  await signInResident(page, RESIDENT);
  const description = `家里卫生间的扶手松了，想请人来修一下（端到端 ${Date.now() % 100000}）`;

  // 我的诉求 → 提出新的诉求.
  await page.goto('/me/needs');
  await expect(page.locator('h1')).toHaveText('我的诉求');
  await page.waitForLoadState('networkidle');
  await expectNoAxeViolations(page, 'my needs');
  await tabTo(page, page.getByRole('link', { name: '提出新的诉求' }));
  await page.keyboard.press('Enter');
  await expect(page.locator('h1')).toHaveText('提出诉求');
  await page.waitForLoadState('networkidle');
  await expectNoAxeViolations(page, 'raise a need');

  // Sending nothing: the errors in Chinese, on the fields and in the summary (which takes focus).
  await tabTo(page, page.getByRole('button', { name: '提交' }));
  await page.keyboard.press('Enter');
  const summary = page.getByRole('alert').filter({ hasText: '请说一说您需要什么帮助。' });
  await expect(summary).toBeVisible();
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('您需要哪方面的帮助？');
  await expectNoAxeViolations(page, 'raise a need with errors');

  // The kind of help: a plain-language choice, picked with the arrow keys.
  await tabTo(page, page.getByRole('radio', { name: '生活照料（吃饭、洗澡、做家务）' }));
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: '无障碍设施（家里或小区里）' })).toBeChecked();
  await tabTo(page, page.getByLabel('请说一说具体情况'));
  await page.keyboard.type(description);
  await tabTo(page, page.getByLabel('什么时间方便联系您？'));
  await page.keyboard.type('工作日上午');
  await tabTo(page, page.getByRole('button', { name: '提交' }));
  await page.keyboard.press('Enter');

  // The confirmation, with the reference; the heading has focus, the reference is announced.
  await expect(page.getByRole('heading', { name: '已经收到您的诉求' })).toBeFocused();
  const ref = (await page.getByTestId('need-ref').textContent())!.trim();
  expect(ref).toMatch(/^XQ-\d{4}-\d{6}$/);
  await expect(page.getByTestId('live-region')).toContainText('您的诉求编号是：X Q');
  await page.waitForLoadState('networkidle');
  await expectNoAxeViolations(page, 'need raised');
  const mine = (await (await page.request.get('/api/v1/me/needs')).json()) as {
    items: { id: string; ref: string; title: string }[];
  };
  const raised = mine.items.find((n) => n.ref === ref)!;
  expect(raised).toBeTruthy();
  expect(raised.title).toBe(description);

  // The street worker of the resident's street.
  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await signIn(staff, 'demo_district');
  const asDistrict = (await (await staff.request.get(`/api/v1/care/needs/${raised.id}`)).json()) as {
    streetCode: string;
  };
  await staff.context().clearCookies();
  await signIn(staff, streetAccount(asDistrict.streetCode));
  await staff.goto('/care/needs');
  await expect(staff.locator('h1')).toHaveText('诉求');
  const link = staff.getByRole('link', { name: `打开诉求 ${ref}：${raised.title}` });
  await expect(link).toBeVisible();
  await staff.waitForLoadState('networkidle');
  await expectNoAxeViolations(staff, 'needs list');
  await tabTo(staff, link);
  await staff.keyboard.press('Enter');
  await expect(staff.locator('h1')).toContainText(ref);
  await expect(staff.getByTestId('need-status')).toHaveText('待处理');
  await expect(staff.getByText('希望联系的时间：工作日上午')).toBeVisible();
  await staff.waitForLoadState('networkidle');
  await expectNoAxeViolations(staff, 'need');

  // Resolve: without an outcome the dialog says so in Chinese; then with it.
  await tabTo(staff, staff.getByRole('button', { name: '办结并告知居民' }));
  await staff.keyboard.press('Enter');
  const dialog = staff.getByRole('dialog', { name: '办结并告知居民' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('处理结果')).toBeFocused();
  await tabTo(staff, dialog.getByRole('button', { name: '确定' }));
  await staff.keyboard.press('Enter');
  await expect(dialog.getByRole('alert')).toContainText('处理结果');
  await expectNoAxeViolations(staff, 'resolve dialog with an error');
  await tabTo(staff, dialog.getByLabel('处理结果'));
  await staff.keyboard.type('社区已安排师傅上门，扶手已经重新固定好了。');
  await tabTo(staff, dialog.getByRole('button', { name: '确定' }));
  await staff.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(staff.getByTestId('need-status')).toHaveText('已解决');
  await expect(staff.getByText(/已于 .* 告知居民/)).toBeVisible();
  await staff.waitForLoadState('networkidle');
  await expectNoAxeViolations(staff, 'need resolved');
  await staffContext.close();

  // The resident sees the outcome in plain words.
  await page.goto('/me/needs');
  const card = page.locator('article', { hasText: ref });
  await expect(card.getByRole('heading', { level: 2 })).toContainText('已经办好');
  await expect(card).toContainText('社区已安排师傅上门，扶手已经重新固定好了。');
  await expect(card).toContainText('办好了');
  await page.waitForLoadState('networkidle');
  await expectNoAxeViolations(page, 'my needs, resolved');
});
