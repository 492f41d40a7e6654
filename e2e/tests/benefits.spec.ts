/**
 * Benefits granted without application (免申即享) in the browser: an officer builds a rule version
 * with the keyboard, simulates and publishes it; a cycle runs with a progress bar and is submitted;
 * the submitter cannot approve it (four eyes) but a second officer can; a resident reads their
 * benefits, objects and declines, and an officer answers the objection.
 */
import { test, expect, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { expectNoAxeViolations, signIn, signInResident, writeHeaders } from './helpers.js';

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
  // The editor takes focus to its heading once open (as a keyboard user meets it): wait for that.
  await expect(page.locator('#version-heading')).toBeFocused();

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
  // The dialog moves focus to its note once it has opened: a keyboard user confirms after that.
  await expect(submit.locator('#bulk-note')).toBeFocused();
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
  await expect(own.locator('#bulk-note')).toBeFocused();
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
  await expect(approve.locator('#bulk-note')).toBeFocused();
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

/** A JSON API call from the page's session that must answer `status`. */
async function call<T>(
  page: Page,
  method: 'get' | 'post' | 'patch',
  url: string,
  opts: { data?: unknown; headers?: Record<string, string>; status?: number } = {},
): Promise<T> {
  const res = await page.request[method](url, {
    ...(opts.data !== undefined ? { data: opts.data } : {}),
    headers: method === 'get' ? opts.headers : await writeHeaders(page, opts.headers),
  });
  expect(res.status(), `${method.toUpperCase()} ${url}: ${await res.text()}`).toBe(opts.status ?? 200);
  return (await res.json()) as T;
}

interface Ent {
  id: string;
  state: string;
  paymentRef: string | null;
  paymentError: string | null;
  person: { id: string; name: string };
}

/** The masked phone of the demo resident (the journeys and the resident's benefits use that person). */
const DEMO_RESIDENT_PHONE = /^170\*+0001$/;

async function notDemoResident(page: Page, personId: string): Promise<boolean> {
  const p = await call<{ phone: string | null }>(page, 'get', `/api/v1/persons/${personId}`);
  return !DEMO_RESIDENT_PHONE.test(p.phone ?? '');
}

test('payment: the street’s payment file is downloaded and the bank’s results imported', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await signIn(page, 'demo_street');
  const me = await call<{ streetCode: string }>(page, 'get', '/api/v1/auth/me');

  // A cycle of its own (not the one the four-eyes journey submits), run through the API.
  const cycle = await call<{ id: string }>(
    page,
    'post',
    '/api/v1/benefits/programs/transport_subsidy/cycles',
    {
      data: { period: '2027-09' },
      status: 201,
    },
  );
  await call(page, 'post', `/api/v1/benefits/cycles/${cycle.id}/run`, { data: {}, status: 202 });
  await expect
    .poll(
      async () => (await call<{ state: string }>(page, 'get', `/api/v1/benefits/cycles/${cycle.id}`)).state,
      {
        timeout: 60_000,
      },
    )
    .toBe('ready');

  // Two of the street's entitlements (not the demo resident's): submitted by the street officer…
  const drafts = await call<{ items: Ent[] }>(
    page,
    'get',
    `/api/v1/benefits/cycles/${cycle.id}/entitlements?state=draft&streetCode=${me.streetCode}&limit=20`,
  );
  const chosen: Ent[] = [];
  for (const e of drafts.items) {
    if (chosen.length === 2) break;
    if (await notDemoResident(page, e.person.id)) chosen.push(e);
  }
  expect(chosen, 'two entitlements in the street').toHaveLength(2);
  const [paid, failed] = chosen as [Ent, Ent];
  const ids = chosen.map((e) => e.id);
  await call(page, 'post', `/api/v1/benefits/cycles/${cycle.id}/entitlements/bulk`, {
    data: { action: 'submit', ids },
  });
  // …and approved by a second officer (four eyes).
  const ctx2 = await browser.newContext();
  const district = await ctx2.newPage();
  await signIn(district, 'demo_district');
  const approved = await call<{ changed: number }>(
    district,
    'post',
    `/api/v1/benefits/cycles/${cycle.id}/entitlements/bulk`,
    { data: { action: 'approve', ids } },
  );
  expect(approved.changed).toBe(2);
  await ctx2.close();

  // The payment file: the street's approved entitlements, as .xlsx with the bank's header row.
  await page.goto(`/benefits/cycles/${cycle.id}`);
  await expect(page.getByRole('heading', { name: '付款', exact: true })).toBeVisible();
  await expect(page.getByLabel('街镇', { exact: true }).last()).toHaveValue(me.streetCode);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '下载付款文件（.xlsx）' }).press('Enter'),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await download.path());
  const sheet = wb.worksheets[0]!;
  const cells = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1).map((v) => String(v ?? ''));
  expect(cells(1)).toEqual(['付款编号', '姓名', '身份证号', '社保卡账户', '金额（元）', '期间', '街镇']);
  const rows = Array.from({ length: sheet.rowCount - 1 }, (_, i) => cells(i + 2)).filter((r) => r[0]);
  expect(rows.map((r) => r[0]).sort()).toEqual([...ids].sort());
  expect(rows.find((r) => r[0] === paid.id)?.[1]).toBe(paid.person.name);

  // The bank's results: one paid, one failed, uploaded through the page's file control.
  const csv = [
    '付款编号,结果,失败原因,银行流水号',
    `${paid.id},成功,,E2E-BANK-0001`,
    `${failed.id},失败,账户已销户,`,
  ].join('\r\n');
  await page.getByLabel('银行结果文件（.xlsx 或 .csv）').setInputFiles({
    name: 'bank-results.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`${csv}\r\n`, 'utf8'),
  });
  await expect(page.locator('#pay-file-help')).toHaveText('已选择：bank-results.csv');
  await page.getByRole('button', { name: '导入结果' }).press('Enter');
  await expect(page.locator('.import-summary')).toHaveText('共 2 行：发放成功 1 人，失败 1 人。');

  // The entitlements changed: the paid one with the bank's reference, the failed one still approved.
  const table = page.getByRole('table', { name: '应发名单' });
  const rowOf = (e: Ent) => table.locator('tr', { has: page.getByRole('link', { name: e.person.name }) });
  await expect(rowOf(paid)).toContainText('已发放');
  await expect(rowOf(paid)).toContainText('付款流水 E2E-BANK-0001');
  await expect(rowOf(failed)).toContainText('已审批');
  await expect(rowOf(failed)).toContainText('付款失败：账户已销户');
  const after = await call<{ items: Ent[] }>(
    page,
    'get',
    `/api/v1/benefits/cycles/${cycle.id}/entitlements?streetCode=${me.streetCode}&limit=200`,
  );
  const stateOf = (e: Ent) => after.items.find((x) => x.id === e.id);
  expect(stateOf(paid)).toMatchObject({ state: 'paid', paymentRef: 'E2E-BANK-0001' });
  expect(stateOf(failed)).toMatchObject({ state: 'approved', paymentError: '账户已销户' });
  await expectNoAxeViolations(page, 'cycle page after importing bank results');
});

test('a change in the registry raises a review; an officer accepts it with the keyboard', async ({
  page,
}) => {
  test.setTimeout(120_000);
  // The demo district seeds last month's paid transport-subsidy cycle and its enrolments: someone
  // enrolled there (in another street than the street officer's journeys, not the demo resident).
  await signIn(page, 'demo_street');
  const streetOfficer = await call<{ streetCode: string }>(page, 'get', '/api/v1/auth/me');
  await signIn(page, 'demo_district');
  const cycles = await call<{ id: string; period: string }[]>(
    page,
    'get',
    '/api/v1/benefits/cycles?programCode=transport_subsidy&limit=50',
  );
  // The oldest: the journeys create theirs in 2027.
  const seeded = [...cycles].sort((a, b) => a.period.localeCompare(b.period))[0];
  expect(seeded, 'the seeded cycle').toBeDefined();
  const paid = await call<{ items: (Ent & { streetCode: string })[] }>(
    page,
    'get',
    `/api/v1/benefits/cycles/${seeded!.id}/entitlements?state=paid&limit=200`,
  );
  let person: { id: string; name: string; version: number } | undefined;
  for (const e of [...paid.items].reverse()) {
    if (e.streetCode === streetOfficer.streetCode) continue;
    const p = await call<{
      id: string;
      name: string;
      version: number;
      phone: string | null;
      livingStatus: string;
    }>(page, 'get', `/api/v1/persons/${e.person.id}`);
    if (p.livingStatus === 'normal' && !DEMO_RESIDENT_PHONE.test(p.phone ?? '')) {
      person = p;
      break;
    }
  }
  expect(person, 'an enrolled person to change').toBeDefined();
  const { id, name, version } = person!;

  // They move out of the district: the worker (every 2 s) raises a "stop" review.
  await call(page, 'patch', `/api/v1/persons/${id}`, {
    data: { livingStatus: 'moved_out', reason: '已迁出本区（e2e 复核）' },
    headers: { 'If-Match': String(version) },
  });
  await expect
    .poll(
      async () => {
        const r = await call<{ items: { kind: string; person: { id: string } }[] }>(
          page,
          'get',
          '/api/v1/benefits/reviews?state=open&programCode=transport_subsidy&limit=200',
        );
        return r.items.find((x) => x.person.id === id)?.kind ?? null;
      },
      { timeout: 30_000, message: 'a review is raised for the changed person' },
    )
    .toBe('stop');

  await page.goto('/benefits/reviews');
  await expect(page.locator('h1')).toHaveText('变动复核');
  const heading = page.getByRole('heading', { name: `${name}：建议停止“残疾人交通补贴”` });
  await expect(heading).toBeVisible();
  const card = page.locator('article', { has: heading });
  await expect(card).toContainText('人员信息有变更');
  await expectNoAxeViolations(page, 'review queue with an open review');

  // Keyboard only: from the person's link, Tab to the note, type it, Tab to "accept", Enter.
  await card.getByRole('link', { name }).focus();
  const note = card.getByLabel('备注（选填）');
  for (let i = 0; i < 20 && !(await note.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(note).toBeFocused();
  await page.keyboard.type('已核实：本人已迁出本区。');
  await page.keyboard.press('Tab');
  await expect(card.getByRole('button', { name: '采纳：停止发放' })).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(page.locator('#main .notice-success')).toHaveText(`已采纳关于 ${name} 的建议。`);
  await expect(page.locator('#reviews-list')).toBeFocused();
  await expect(heading).toHaveCount(0);
  await expectNoAxeViolations(page, 'review queue after accepting');

  // It is in the accepted list, with the note.
  await page.getByLabel('状态', { exact: true }).selectOption('accepted');
  const done = page.locator('article', {
    has: page.getByRole('heading', { name: `${name}：建议停止“残疾人交通补贴”` }),
  });
  await expect(done).toContainText('已核实：本人已迁出本区。');
});
