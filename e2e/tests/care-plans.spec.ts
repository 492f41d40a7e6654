/**
 * Meetings and work plans in the browser, keyboard only: a 暖心行动 project with two stages (a
 * repeated stage key refused inline, stages moved with buttons), a joint meeting with a staff
 * member and guests (one absent), minutes and a need added by its reference (a wrong one refused
 * at the field), a work item made from it for that need in the project's first stage, opened from
 * 我的待办 and moved to done with a note; the project's progress follows; axe on every page and
 * dialog.
 */
import { test, expect, type Page } from '@playwright/test';
import { expectNoAxeViolations, setPreferences, signIn } from './helpers.js';

/** A screenshot among the test's results (to look at); dialogs: the viewport. */
async function shot(page: Page, name: string, fullPage = true) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage });
}

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

test('keyboard only: a project with two stages, a joint meeting, a work item from it moved to done', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const me = await signIn(page, 'demo_district');
  const myName = me.user.displayName as string;
  expect(myName, 'the demo officer has a display name').toBeTruthy();
  const tag = Date.now().toString(36).slice(-5);
  const projectName = `暖心行动·无障碍改造 ${tag}`;
  const meetingTitle = `两支先锋队联席会议 ${tag}`;
  const itemTitle = `为王阿姨家装扶手 ${tag}`;

  // ---- the project
  await page.goto('/care/projects');
  await expect(page.locator('h1')).toHaveText('暖心行动项目');
  await page.waitForLoadState('networkidle');
  await expectNoAxeViolations(page, 'projects');
  await tabTo(page, page.getByRole('link', { name: '新建项目' }));
  await page.keyboard.press('Enter');
  await expect(page.locator('h1')).toHaveText('新建暖心行动项目');
  await page.waitForLoadState('networkidle');
  await expectNoAxeViolations(page, 'project form');

  await tabTo(page, page.getByLabel('项目名称', { exact: true }));
  await page.keyboard.type(projectName);
  await tabTo(page, page.locator('#stage-0-name'));
  await page.keyboard.type('走访摸底');
  await tabTo(page, page.getByRole('button', { name: '为第 1 阶段添加任务' }));
  await page.keyboard.press('Enter');
  await expect(page.locator('#stage-0-task-0-task')).toBeFocused();
  await page.keyboard.type('入户了解需求');
  await page.keyboard.press('Tab');
  await expect(page.locator('#stage-0-task-0-standard')).toBeFocused();
  await page.keyboard.type('100% 入户，一户一档');
  await tabTo(page, page.getByRole('button', { name: '添加阶段' }));
  await page.keyboard.press('Enter');
  await expect(page.locator('#stage-1-name')).toBeFocused();
  await page.keyboard.type('改造落实');
  // The same key twice is refused, in words, at the field.
  await page.keyboard.press('Shift+Tab');
  await expect(page.locator('#stage-1-key')).toBeFocused();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('s1');
  await tabTo(page, page.getByRole('button', { name: '创建项目' }));
  await page.keyboard.press('Enter');
  await expect(page.locator('.error-summary')).toContainText('第 2 阶段的编号与前面的阶段重复。');
  await expect(page.locator('#stage-1-key-error')).toHaveText('第 2 阶段的编号与前面的阶段重复。');
  await expectNoAxeViolations(page, 'project form with an error');
  await page.locator('#stage-1-key').focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('s2');
  // Move the second stage up and back down with the buttons.
  await tabTo(page, page.getByRole('button', { name: '上移第 2 阶段' }));
  await page.keyboard.press('Enter');
  await expect(page.locator('#stage-0-name')).toHaveValue('改造落实');
  await tabTo(page, page.getByRole('button', { name: '下移第 1 阶段' }));
  await page.keyboard.press('Enter');
  await expect(page.locator('#stage-0-name')).toHaveValue('走访摸底');
  await tabTo(page, page.getByRole('button', { name: '创建项目' }));
  await page.keyboard.press('Enter');
  await expect(page.locator('h1')).toHaveText(`项目：${projectName}`);
  await expect(page.getByRole('heading', { name: '第 1 阶段：走访摸底' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '第 2 阶段：改造落实' })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: '入户了解需求' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expectNoAxeViolations(page, 'project page');

  // ---- the joint meeting
  await page.goto('/care/meetings');
  await expect(page.locator('h1')).toHaveText('会议与活动');
  await page.waitForLoadState('networkidle');
  await expectNoAxeViolations(page, 'meetings');
  await tabTo(page, page.getByRole('link', { name: '记录会议或活动' }));
  await page.keyboard.press('Enter');
  await expect(page.locator('h1')).toHaveText('记录会议或活动');
  await page.waitForLoadState('networkidle');
  await expectNoAxeViolations(page, 'meeting form');
  await tabTo(page, page.getByLabel('标题', { exact: true }));
  await page.keyboard.type(meetingTitle);
  await tabTo(page, page.getByLabel('日期', { exact: true }));
  await page.getByLabel('日期', { exact: true }).fill('2026-03-02');
  await tabTo(page, page.getByLabel('时间', { exact: true }));
  await page.getByLabel('时间', { exact: true }).fill('09:30');
  await tabTo(page, page.getByLabel('地点（选填）'));
  await page.keyboard.type('临汾路街道党群服务中心');
  await tabTo(page, page.locator('#attendees-staff'));
  await page.keyboard.type(myName);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await tabTo(page, page.getByLabel('来宾姓名'));
  await page.keyboard.type('居委书记');
  await page.keyboard.press('Enter');
  await page.keyboard.type('社工小王');
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByRole('checkbox', { name: '社工小王（来宾）出席' }));
  await page.keyboard.press('Space');
  await expect(page.getByRole('checkbox', { name: '社工小王（来宾）出席' })).not.toBeChecked();
  // A need of the demo district, added by its reference (a wrong one is refused at the field).
  const needs = await page.request.get('/api/v1/care/needs?limit=1');
  expect(needs.status(), await needs.text()).toBe(200);
  const need = ((await needs.json()) as { items: { ref: string; title: string }[] }).items[0]!;
  expect(need, 'the demo seed has needs cases').toBeTruthy();
  await tabTo(page, page.getByLabel('需求编号'));
  await page.keyboard.type('XQ-1999-000000');
  await page.keyboard.press('Enter');
  await expect(page.locator('#needs-ref-error')).toHaveText(
    '没有找到这个编号的需求，或它不在您的管辖范围内。',
  );
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(need.ref);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: `移除需求 ${need.ref}` })).toBeVisible();
  await tabTo(page, page.getByLabel('会议纪要（选填）'));
  await page.keyboard.type('分析了辖区残疾人家庭的无障碍需求，商定由街道牵头改造。');
  await expectNoAxeViolations(page, 'meeting form filled');
  await shot(page, 'meeting-form');
  await tabTo(page, page.getByRole('button', { name: '保存记录' }));
  await page.keyboard.press('Enter');
  await expect(page.locator('h1')).toHaveText(meetingTitle);
  await expect(page.getByRole('heading', { name: '参加人员（出席 2 人，共 3 人）' })).toBeVisible();
  await expect(page.locator('.plans-minutes')).toContainText('商定由街道牵头改造');
  await expect(page.getByRole('rowheader', { name: need.ref })).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expectNoAxeViolations(page, 'meeting page');

  // ---- a work item from the meeting, in the project's first stage
  await tabTo(page, page.getByRole('button', { name: '从本次会议添加工作计划' }));
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: '添加工作计划' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('工作内容')).toBeFocused();
  await page.keyboard.type(itemTitle);
  await tabTo(page, dialog.getByLabel('对应需求（选填）'));
  await page.keyboard.type(need.ref);
  await page.keyboard.press('Enter');
  await tabTo(page, dialog.getByLabel('负责人'));
  await page.keyboard.type(myName);
  await page.keyboard.press('Enter');
  await tabTo(page, dialog.getByLabel('所属项目（选填）'));
  await page.keyboard.type(projectName);
  await page.keyboard.press('Enter');
  await tabTo(page, dialog.getByLabel('阶段', { exact: true }));
  await page.keyboard.type('走访摸底');
  await page.keyboard.press('Enter');
  await tabTo(page, dialog.getByLabel('截止日期'));
  await dialog.getByLabel('截止日期').fill('2026-12-31');
  await expectNoAxeViolations(page, 'work item dialog');
  await tabTo(page, dialog.getByRole('button', { name: '添加', exact: true }));
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.locator('.notice-success')).toHaveText(`已添加工作计划“${itemTitle}”。`);

  await expect(page.locator('.plans-item').filter({ hasText: itemTitle })).toContainText('未开始');
  await shot(page, 'meeting-page');

  // ---- in my queue (我的待办 → 我的工作计划), moved to done with a note
  await page.goto('/care/queue');
  const queue = page.getByRole('region', { name: '我的工作计划' });
  await expect(queue.locator('.plans-item').filter({ hasText: itemTitle })).toContainText('2026-12-31 截止');
  await page.waitForLoadState('networkidle');
  await expectNoAxeViolations(page, 'queue with my work plans');
  await tabTo(page, queue.getByRole('button', { name: `打开工作计划：${itemTitle}` }));
  await page.keyboard.press('Enter');
  const edit = page.getByRole('dialog', { name: `工作计划：${itemTitle}` });
  await expect(edit).toBeVisible();
  await tabTo(page, edit.getByLabel('状态', { exact: true }));
  await page.keyboard.type('已完成');
  await page.keyboard.press('Enter');
  await tabTo(page, edit.getByLabel('进展记录（选填）'));
  await page.keyboard.type('扶手已装好，家属验收签字。');
  await tabTo(page, edit.getByRole('button', { name: '保存', exact: true }));
  await page.keyboard.press('Enter');
  await expect(edit).toBeHidden();
  await expect(queue.locator('.plans-item').filter({ hasText: itemTitle })).toHaveCount(0);

  // The project's progress counts it, in its first stage.
  await page.goto('/care/projects');
  await tabTo(page, page.getByRole('link', { name: `查看项目：${projectName}` }));
  await page.keyboard.press('Enter');
  await expect(page.locator('h1')).toHaveText(`项目：${projectName}`);
  await expect(page.getByTestId('project-progress')).toContainText('已完成 1 项');
  await expect(page.getByTestId('project-progress')).toContainText('完成 100%');
  const stage1 = page.getByRole('region', { name: '第 1 阶段：走访摸底' });
  await expect(stage1.locator('.plans-item')).toContainText(itemTitle);
  // Its log says who did what and when.
  await tabTo(page, stage1.getByRole('button', { name: `打开工作计划：${itemTitle}` }));
  await page.keyboard.press('Enter');
  const again = page.getByRole('dialog', { name: `工作计划：${itemTitle}` });
  await expect(again).toContainText(`对应需求：${need.ref}`);
  await expect(again.locator('.plans-log')).toContainText('状态改为“已完成”');
  await expect(again.locator('.plans-log')).toContainText('扶手已装好，家属验收签字。');
  await expect(again).toContainText('这项工作计划的状态是“已完成”，不能再改。');
  await expectNoAxeViolations(page, 'work item dialog, done');
  await shot(page, 'work-item-done', false);
  await page.keyboard.press('Escape');
  await expect(again).toBeHidden();
  await shot(page, 'project-page');
});
