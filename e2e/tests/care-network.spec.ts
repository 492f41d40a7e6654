/**
 * The care network in the browser, keyboard only, as the demo volunteer coordinator: create a team,
 * register a volunteer with a weekly availability (an inline error first), add the volunteer to the
 * team and end that membership, and show the volunteer's full phone with a reason (refused without
 * one); axe on each step.
 */
import { test, expect, type Locator, type Page } from '@playwright/test';
import { chooseByTyping, expectNoAxeViolations, setPreferences, signIn } from './helpers.js';

test.afterEach(async ({ page }) => {
  const me = await page.request.get('/api/v1/auth/me');
  if (me.ok()) await setPreferences(page, { careMode: false, language: 'zh-CN' });
});

/** Presses Tab until the locator has focus (a keyboard user's way to a control). */
async function tabTo(page: Page, target: Locator, max = 250) {
  for (let i = 0; i < max && !(await target.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(target).toBeFocused();
}

async function typeOver(page: Page, text: string) {
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

test('keyboard only: a coordinator creates a team and a volunteer with availability, adds them to the team, reveals the phone with a reason', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await signIn(page, 'demo_coordinator');
  const suffix = Date.now().toString(36).slice(-5);
  const team = `E2E先锋队${suffix}`;
  const name = `E2E志愿者${suffix}`;
  const phone = `1709${String(Date.now()).slice(-7)}`;

  // The care home lists the coordinator's pages.
  await page.goto('/care');
  await expect(page.locator('h1')).toHaveText('关爱网络');
  await expect(page.getByRole('link', { name: '组织与团队' }).first()).toBeVisible();
  await expectNoAxeViolations(page, 'care home');

  // A new team, from the organisations page.
  await page.goto('/care/organisations');
  await expect(page.locator('h1')).toHaveText('组织与团队');
  await expect(page.getByRole('link', { name: '扶残助残志愿服务总队' })).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: '新建组织或团队' }));
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: '新建组织或团队' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('名称')).toBeFocused();
  // Nothing typed: the name is named in the summary.
  await tabTo(page, dialog.getByRole('button', { name: '新建', exact: true }));
  await page.keyboard.press('Enter');
  await expect(dialog.locator('.error-summary')).toContainText('请填写“名称”');
  await dialog.getByLabel('名称').focus();
  await page.keyboard.type(team);
  await tabTo(page, dialog.getByRole('button', { name: '新建', exact: true }));
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.locator('.notice')).toHaveText(`已新建“${team}”。`);
  await expectNoAxeViolations(page, 'organisations');

  // A new volunteer: a bad phone is refused inline, then a Tuesday afternoon availability.
  await page.goto('/care/volunteers');
  await expect(page.locator('h1')).toHaveText('志愿者');
  await tabTo(page, page.getByRole('link', { name: '登记志愿者' }));
  await page.keyboard.press('Enter');
  await expect(page.locator('h1')).toHaveText('登记志愿者');
  await tabTo(page, page.getByLabel('姓名'));
  await page.keyboard.type(name);
  await tabTo(page, page.getByLabel('手机号'));
  await page.keyboard.type('12345');
  await tabTo(page, page.getByRole('button', { name: '周二加一段' }));
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('周二第 1 段开始')).toBeFocused();
  await typeOver(page, '14:00');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('周二第 1 段结束')).toBeFocused();
  await typeOver(page, '17:00');
  await tabTo(page, page.getByRole('button', { name: '登记', exact: true }));
  await page.keyboard.press('Enter');
  const summary = page.locator('.error-summary');
  await expect(summary).toContainText('请填写 11 位手机号');
  await expectNoAxeViolations(page, 'volunteer form with an error');
  await page.getByLabel('手机号').focus();
  await typeOver(page, phone);
  await tabTo(page, page.getByRole('button', { name: '登记', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page.locator('h1')).toHaveText(name);
  await expect(page.locator('.notice')).toHaveText(`已登记志愿者 ${name}。`);
  await expect(page.getByRole('region', { name: '可服务时间' })).toContainText('周二 14:00–17:00');
  await expect(page.getByText(`${phone.slice(0, 3)}****${phone.slice(-4)}`)).toBeVisible();
  await expectNoAxeViolations(page, 'volunteer page');

  // The full phone: a reason is required, then the number is shown.
  await tabTo(page, page.getByRole('button', { name: '查看完整手机号' }));
  await page.keyboard.press('Enter');
  const reveal = page.getByRole('dialog', { name: `查看 ${name} 的完整手机号` });
  await expect(reveal).toBeVisible();
  await expect(reveal.getByLabel('查看原因')).toBeFocused();
  await tabTo(page, reveal.getByRole('button', { name: '查看', exact: true }));
  await page.keyboard.press('Enter');
  await expect(reveal.locator('.error-summary')).toContainText('请写明查看原因');
  await reveal.getByLabel('查看原因').focus();
  await page.keyboard.type('联系志愿者安排走访');
  await tabTo(page, reveal.getByRole('button', { name: '查看', exact: true }));
  await page.keyboard.press('Enter');
  await expect(reveal).toContainText(`完整手机号：${phone}`);
  await expectNoAxeViolations(page, 'phone revealed');
  await expect(reveal.getByText(`完整手机号：${phone}`)).toBeFocused();
  await tabTo(page, reveal.locator('#reveal-close'));
  await page.keyboard.press('Enter');
  await expect(reveal).toBeHidden();

  // Add the volunteer to the new team, as its leader and a Party member.
  await page.goto('/care/organisations');
  await tabTo(page, page.getByRole('link', { name: team }));
  await page.keyboard.press('Enter');
  await expect(page.locator('h1')).toHaveText(team);
  await tabTo(page, page.getByRole('button', { name: '添加成员' }));
  await page.keyboard.press('Enter');
  const add = page.getByRole('dialog', { name: `向“${team}”添加成员` });
  await expect(add).toBeVisible();
  const pick = add.getByLabel('志愿者', { exact: true });
  await expect(pick).toBeFocused();
  await chooseByTyping(page, add, name);
  await tabTo(page, add.getByLabel('角色'));
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('.ant-select-item-option', { hasText: '负责人' })).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('.ant-select-item-option-active', { hasText: '负责人' })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(add.locator('.ant-select-content-has-value', { hasText: '负责人' })).toBeVisible();
  await tabTo(page, add.getByRole('checkbox', { name: '是中共党员' }));
  await page.keyboard.press('Space');
  await tabTo(page, add.getByRole('button', { name: '添加', exact: true }));
  await page.keyboard.press('Enter');
  await expect(add).toBeHidden();
  await expect(page.locator('.notice')).toHaveText(`已添加 ${name}。`);
  const row = page.getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText('负责人');
  await expect(row).toContainText('是');
  await expectNoAxeViolations(page, 'team with its new member');

  // End the membership: the row stays, with the day it ended.
  await tabTo(page, page.getByRole('button', { name: `结束 ${name} 的成员关系` }));
  await page.keyboard.press('Enter');
  const end = page.getByRole('dialog', { name: `结束 ${name} 的成员关系` });
  await expect(end).toBeVisible();
  await expect(end.getByLabel('离开日期')).toBeFocused();
  await expectNoAxeViolations(page, 'end membership dialog');
  await typeOver(page, '2026-02-30');
  await tabTo(page, end.getByRole('button', { name: '确认结束' }));
  await page.keyboard.press('Enter');
  await expect(end.locator('.error-summary')).toContainText('请按 2026-01-31 这样的格式填写日期');
  await end.getByLabel('离开日期').focus();
  await typeOver(page, '2026-11-01');
  await tabTo(page, end.getByRole('button', { name: '确认结束' }));
  await page.keyboard.press('Enter');
  await expect(end).toBeHidden();
  await expect(page.locator('.notice')).toHaveText(`已结束 ${name} 的成员关系。`);
  await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('2026-11-01');
});
