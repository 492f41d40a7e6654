/**
 * Benefits granted without application (免申即享) in the browser: an officer builds a rule version
 * with the keyboard, simulates and publishes it; a cycle runs with a progress bar and is submitted;
 * the submitter cannot approve it (four eyes) but a second officer can; a resident reads their
 * benefits, objects and declines, and an officer answers the objection.
 */
import { test, expect, type Page } from '@playwright/test';
import { expectNoAxeViolations, signIn, signInResident } from './helpers.js';

async function focusedId(page: Page): Promise<string> {
  return page.evaluate(() => document.activeElement?.id ?? '');
}

test('an officer creates a programme, builds a rule with the keyboard, simulates and publishes it', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, 'demo_district');
  await page.goto('/benefits/programs');
  await expect(page.locator('h1')).toHaveText('待遇项目');
  // Example programmes are marked as such.
  await expect(page.locator('#main').getByText('示例配置，规则待确认').first()).toBeVisible();

  // A new programme (keyboard: the button, then the form's fields).
  const code = `e2e_${Date.now().toString(36)}`;
  await page.getByRole('button', { name: '新建待遇项目' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: '新建待遇项目' })).toBeVisible();
  await page.getByLabel('项目代码').fill(code);
  await page.getByLabel('中文名称').fill('测试交通补贴');
  await page.getByLabel('英文名称').fill('Test transport subsidy');
  await page.getByLabel('英文名称').press('Enter');
  await expect(page).toHaveURL(new RegExp(`/benefits/programs/${code}$`));
  await expect(page.locator('#main').getByText('已创建待遇项目“测试交通补贴”')).toBeVisible();

  await page.getByRole('button', { name: '新建规则版本' }).press('Enter');
  await expect(page.getByRole('heading', { name: /新的规则版本/ })).toBeVisible();

  // Condition 1: age ≥ 60 — the variable list starts on 年龄, the comparison is moved with the arrows.
  await page.getByRole('button', { name: '添加条件', exact: true }).press('Enter');
  const firstVar = await focusedId(page);
  expect(firstVar, 'focus moves to the new condition').toMatch(/^rule-var-/);
  const key1 = firstVar.slice('rule-var-'.length);
  await expect(page.locator(`#rule-var-${key1}`)).toHaveValue('age');
  await page.keyboard.press('Tab');
  expect(await focusedId(page)).toBe(`rule-op-${key1}`);
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown');
  await expect(page.locator(`#rule-op-${key1}`)).toHaveValue('ge');
  await page.keyboard.press('Tab');
  expect(await focusedId(page)).toBe(`rule-val-${key1}`);

  // Saving with the value missing: the error summary takes focus and links to the condition.
  await page.locator('input[id^="amt-zh-"]').fill('测试补贴');
  await page.locator('input[id^="amt-en-"]').fill('Test subsidy');
  await page.locator('input[id^="amt-yuan-"]').fill('30');
  await page.getByRole('button', { name: '保存为草稿' }).press('Enter');
  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('请填写或选择值');
  await summary.getByRole('link', { name: '请填写或选择值。' }).press('Enter');
  expect(await focusedId(page)).toBe(`rule-val-${key1}`);
  await page.keyboard.type('60');

  // Condition 2: hukou is Shanghai (one step down the variable list; the first value is Shanghai).
  await page.getByRole('button', { name: '添加条件', exact: true }).press('Enter');
  const secondVar = await focusedId(page);
  expect(secondVar).toMatch(/^rule-var-/);
  expect(secondVar).not.toBe(firstVar);
  await page.keyboard.press('ArrowDown');
  await expect(page.locator(`#${secondVar}`)).toHaveValue('hukou');

  // The same rule in words.
  const words = page.locator('.rule-text').first();
  await expect(words).toContainText('同时满足以下全部条件');
  await expect(words).toContainText('年龄不少于 60 岁');
  await expect(words).toContainText('户籍为本市户籍');

  await page.getByRole('button', { name: '保存为草稿' }).press('Enter');
  await expect(
    page
      .locator('#main')
      .getByText(/已保存第 1 版草稿/)
      .first(),
  ).toBeVisible();
  await expect(page).toHaveURL(/\?version=/);
  await expect(page.getByRole('heading', { name: /第 1 版规则/ })).toBeVisible();
  await expectNoAxeViolations(page, 'programme page with a draft version');

  // Simulation: counts and cost per street, compared with the rules in force (none yet).
  await page.getByRole('button', { name: '运行模拟' }).press('Enter');
  await expect(page.getByRole('table', { name: '按街镇统计' })).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('#main').getByText(/人符合，每月合计/)).toBeVisible();
  await expect(page.locator('#main').getByText('目前没有现行规则，无法比较。')).toBeVisible();
  await expect(page.getByRole('heading', { name: /新增符合的人/ })).toBeVisible();

  // Publish, after a confirmation.
  await page.getByRole('button', { name: '发布此版本' }).press('Enter');
  const dialog = page.getByRole('dialog', { name: '发布第 1 版？' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: '取消' })).toBeFocused();
  await expectNoAxeViolations(page, 'publish confirmation');
  await dialog.getByRole('button', { name: '确认发布' }).press('Enter');
  await expect(page.locator('#main').getByText('已发布第 1 版。').first()).toBeVisible();
  await expect(page.getByRole('heading', { name: /第 1 版规则/ })).toContainText('已发布');
  // Published: read only.
  await expect(page.getByRole('button', { name: '保存为草稿' })).toHaveCount(0);
});

test('a cycle runs with progress, is submitted, and only a second officer may approve it (four eyes)', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await signIn(page, 'demo_street');
  await page.goto('/benefits/cycles');
  await expect(page.locator('h1')).toHaveText('发放批次');
  await page.getByLabel('待遇项目', { exact: true }).first().selectOption('transport_subsidy');
  await page.getByLabel('发放月份').fill('2027-06');
  await page.getByRole('button', { name: '创建批次' }).press('Enter');
  await expect(page.locator('h1')).toHaveText('残疾人交通补贴 · 2027年6月');
  await expect(page.locator('#main').getByText('尚未运行计算。')).toBeVisible();

  // Run: a progress bar while it works, then the result.
  // (The demo district is small and the run quick: a watcher notes the bar whenever it appears.)
  await page.evaluate(() => {
    const w = window as unknown as { sawProgress?: string };
    new MutationObserver(() => {
      const bar = document.querySelector('.job-progress progress');
      if (bar) w.sawProgress = bar.getAttribute('aria-labelledby') ?? 'unlabelled';
    }).observe(document.body, { childList: true, subtree: true });
  });
  await page.getByRole('button', { name: '运行计算' }).press('Enter');
  await expect(page.locator('#main .notice-success')).toHaveText('计算完成。', { timeout: 60_000 });
  expect(
    await page.evaluate(() => (window as unknown as { sawProgress?: string }).sawProgress),
    'a labelled progress bar was shown while the job ran',
  ).toMatch(/./);
  await expect(page.getByRole('table', { name: '应发名单' })).toBeVisible();
  const firstName = (await page
    .getByRole('table', { name: '应发名单' })
    .locator('tbody th a')
    .first()
    .textContent())!;
  await expectNoAxeViolations(page, 'cycle after its run');

  // Submit everything in the street for approval.
  await page.getByRole('button', { name: '提交审批' }).press('Enter');
  const submit = page.getByRole('dialog', { name: '提交审批？' });
  await expect(submit).toBeVisible();
  await submit.getByRole('button', { name: '确认提交' }).press('Enter');
  await expect(
    page
      .locator('#main')
      .getByText(/已提交审批 \d+ 条/)
      .first(),
  ).toBeVisible();

  // The submitter may not approve their own submission: the server's reason is shown plainly.
  await page.getByLabel('状态', { exact: true }).selectOption('pending_approval');
  await page.getByRole('checkbox', { name: `选择 ${firstName}` }).check();
  await page.getByRole('button', { name: '审批通过' }).press('Enter');
  const own = page.getByRole('dialog', { name: '审批通过？' });
  await own.getByRole('button', { name: '确认通过' }).press('Enter');
  await expect(own.locator('.error-summary')).toContainText('不能审批自己提交的记录');
  await expectNoAxeViolations(page, 'four-eyes refusal');
  await own.getByRole('button', { name: '取消' }).press('Enter');

  // A second officer approves them from the approval queue.
  const ctx2 = await browser.newContext();
  const page2 = await ctx2.newPage();
  await signIn(page2, 'demo_district');
  await page2.goto('/benefits/approvals');
  await expect(page2.locator('h1')).toHaveText('待遇审批');
  await page2.getByRole('link', { name: '残疾人交通补贴 · 2027年6月' }).click();
  await expect(page2.getByRole('heading', { name: /2027年6月：待审批/ })).toBeVisible();
  await expect(page2.getByRole('link', { name: firstName }).first()).toBeVisible();
  await expectNoAxeViolations(page2, 'approval queue');
  await page2.getByRole('button', { name: '审批通过' }).press('Enter');
  const approve = page2.getByRole('dialog', { name: '审批通过？' });
  await approve.getByRole('button', { name: '确认通过' }).press('Enter');
  await expect(
    page2
      .locator('#main')
      .getByText(/已审批通过 \d+ 条/)
      .first(),
  ).toBeVisible();
  await ctx2.close();
});

test('a resident sees their benefits, objects and declines; an officer answers the objection', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await signInResident(page, '17000000001');
  await page.goto('/me/benefits');
  await expect(page.locator('h1')).toHaveText('我的待遇');
  const card = page.locator('article', { has: page.getByRole('heading', { name: /残疾人交通补贴/ }) });
  await expect(card).toContainText('正在领取');
  await expect(card).toContainText('45.00 元');
  await card.getByText('为什么是这样？').click();
  await expect(card).toContainText('年龄');
  await expectNoAxeViolations(page, 'my benefits');

  // Object: a short text is refused with a plain message, then sent.
  await card.getByRole('button', { name: '我有不同意见（提出异议）' }).press('Enter');
  const object = page.getByRole('dialog', { name: /提出异议/ });
  await expect(object.getByLabel('您的意见')).toBeFocused();
  await page.keyboard.type('不对');
  await object.getByRole('button', { name: '提交意见' }).press('Enter');
  await expect(object.locator('.error-summary')).toContainText('请至少写 5 个字');
  await object.getByLabel('您的意见').fill('我的补贴金额好像不对，请帮我核实。');
  await object.getByRole('button', { name: '提交意见' }).press('Enter');
  await expect(
    page
      .locator('#main')
      .getByText(/已收到您对“残疾人交通补贴”的意见/)
      .first(),
  ).toBeVisible();
  await expect(card).toContainText('您提出的意见正在处理中');

  // Decline: the confirmation says it takes effect from next month; "no" is the safe default.
  await card.getByRole('button', { name: '我不要这项补贴（放弃）' }).press('Enter');
  const decline = page.getByRole('dialog', { name: /放弃“残疾人交通补贴”/ });
  await expect(decline).toContainText('从下个月');
  await expect(decline.getByRole('button', { name: '不放弃，返回' })).toBeFocused();
  await decline.getByRole('button', { name: '确认放弃' }).press('Enter');
  await expect(
    page
      .locator('#main')
      .getByText(/起不再发放“残疾人交通补贴”/)
      .first(),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: '我提出的意见' })).toBeVisible();
  await expectNoAxeViolations(page, 'my benefits after objecting and declining');

  // An officer answers the objection.
  const ctx2 = await browser.newContext();
  const staff = await ctx2.newPage();
  await signIn(staff, 'demo_district');
  await staff.goto('/benefits/objections');
  await expect(staff.locator('h1')).toHaveText('异议处理');
  await staff
    .getByRole('button', { name: /^处理 .* 的异议$/ })
    .first()
    .press('Enter');
  const drawer = staff.getByRole('dialog', { name: /的异议$/ });
  await expect(drawer).toContainText('我的补贴金额好像不对');
  await drawer.getByLabel('异议不成立').check();
  await drawer.getByLabel('答复内容').fill('经核实，您本月的交通补贴为 45 元，金额正确。');
  await drawer.getByRole('button', { name: '提交答复' }).press('Enter');
  await expect(
    staff
      .locator('#main')
      .getByText(/已答复 .* 的异议/)
      .first(),
  ).toBeVisible();
  await ctx2.close();

  await page.reload();
  await expect(page.locator('#main').getByText('经核实，原结果不变。')).toBeVisible();
});

test('the server’s validation errors are shown next to the condition they are about', async ({ page }) => {
  await signIn(page, 'demo_district');
  // The server refuses the rule (as it does for a type mismatch): errors[].path names the condition.
  await page.route('**/api/v1/benefits/programs/transport_subsidy/versions', (route) =>
    route.fulfill({
      status: 400,
      contentType: 'application/problem+json',
      body: JSON.stringify({
        status: 400,
        code: 'validation_failed',
        detail: '提交的信息有误，请按提示修改。',
        errors: [
          { path: 'rule.args.1.value', code: 'type_mismatch', message: '比较方式与该条件项的类型不符。' },
        ],
      }),
    }),
  );
  await page.goto('/benefits/programs/transport_subsidy?version=new');
  await expect(page.getByRole('heading', { name: /新的规则版本/ })).toBeVisible();
  await page.getByRole('button', { name: '保存为草稿' }).press('Enter');
  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  // The second condition of the rule in force is "年龄 小于 65": the message is in its fieldset.
  const second = page.getByRole('group', { name: '条件 2', exact: true });
  await expect(second).toContainText('比较方式与该条件项的类型不符。');
  await summary.getByRole('link', { name: '比较方式与该条件项的类型不符。' }).press('Enter');
  await expect(second.getByLabel('值')).toBeFocused();
  await expect(second.getByLabel('值')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page, 'rule editor with a server error');
});
