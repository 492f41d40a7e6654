/**
 * The registry (人员名册) in the browser: keyboard-only search, registering a person with a
 * mistake first, editing with a reason, revealing, importing a spreadsheet and exporting.
 * All data here is synthetic: names are made up and ID numbers are built with valid check characters.
 */
import fs from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { idCheckChar } from '@jinglin/shared';
import { E2E } from '../env.js';
import { expectNoAxeViolations, signIn } from './helpers.js';

/** A made-up ID number with a valid check character: area 310106, the birth date and a sequence. */
function idNumber(birth: string, seq: string): string {
  const first17 = `310106${birth}${seq}`;
  return first17 + idCheckChar(first17);
}

/** A sequence number unique to this run (odd: male), so reruns against one database do not clash. */
function seq(offset = 0): string {
  return String((((Date.now() / 1000) | 0) % 400) * 2 + 1 + offset * 2)
    .padStart(3, '0')
    .slice(-3);
}

async function csrf(page: Page): Promise<string> {
  return (await page.context().cookies()).find((c) => c.name === 'jinglin_csrf')?.value ?? '';
}

/** Register a person through the API (for the tests that need one to exist). */
async function createPerson(page: Page, name: string, id: string): Promise<string> {
  const res = await page.request.post('/api/v1/persons', {
    data: { name, idNumber: id, streetCode: 'linfenlu', confirmNotDuplicate: true },
    headers: { 'x-csrf-token': await csrf(page), origin: E2E.baseURL },
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return el ? `${el.tagName.toLowerCase()}#${el.id} ${el.textContent?.trim().slice(0, 40) ?? ''}` : '';
  });
}

test('keyboard only: search by pinyin initials, move to a result and open it', async ({ page }) => {
  await signIn(page, 'demo_street');
  // 龚雪松 → gong xue song → "gxs" (no character with two readings).
  const id = await createPerson(page, '龚雪松', idNumber('19660412', seq()));
  await page.goto('/persons');
  await expect(page.locator('h1')).toHaveText('人员名册');
  await page.waitForLoadState('networkidle');
  const search = page.getByRole('searchbox', { name: '姓名、拼音、证件号或电话' });
  for (let i = 0; i < 40 && !(await search.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(search).toBeFocused();
  await page.keyboard.type('gxs');
  // The result count is announced in the live region once the search settles.
  await expect(page.getByTestId('live-region')).toContainText('人符合条件');
  await expect(page.getByRole('link', { name: '龚雪松' })).toBeVisible();
  await page.keyboard.press('ArrowDown');
  for (let i = 0; i < 20 && !(await focused(page)).includes('龚雪松'); i++)
    await page.keyboard.press('ArrowDown');
  expect(await focused(page)).toContain('龚雪松');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/persons/${id}$`));
  await expect(page.locator('h1')).toHaveText('龚雪松');
  await expect(page.locator('h1')).toBeFocused();
  // Back to the list: the search is still there (it lives in the URL).
  await page.goBack();
  await expect(search).toHaveValue('gxs');
});

test('register a person: a wrong ID check character first, then success, then a possible duplicate', async ({
  page,
}) => {
  await signIn(page, 'demo_street');
  const good = idNumber('19580923', seq());
  const wrongCheck = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
  await page.goto('/persons/new');
  await expect(page.locator('h1')).toHaveText('新增人员');
  await page.getByLabel('姓名', { exact: true }).fill('甄淑仪');
  await page.getByLabel('身份证号', { exact: true }).fill(wrongCheck);
  await page.getByRole('button', { name: '登记', exact: true }).click();
  // The message is in Chinese, on the field, and the error summary has the focus.
  await expect(page.locator('#person_idNumber_help')).toContainText('身份证号校验位不正确');
  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('身份证号校验位不正确');
  await expectNoAxeViolations(page, 'new person with a wrong ID number');
  // The summary's link takes the keyboard to the field.
  await summary.getByRole('link', { name: /身份证号校验位不正确/ }).click();
  await expect(page.getByLabel('身份证号', { exact: true })).toBeFocused();

  await page.getByLabel('身份证号', { exact: true }).fill(good);
  // Sex and birth date are read from the ID number and shown.
  await expect(page.locator('.derived')).toContainText('男');
  await expect(page.locator('.derived')).toContainText('1958-09-23');
  await page.getByLabel('残疾人证号').fill(`${good}41`);
  await expect(page.locator('.derived-line')).toHaveText('从证号读出：肢体残疾，一级。');
  await page.getByLabel('发证日期').fill('2019-05-06');
  await page.getByRole('button', { name: '登记', exact: true }).click();
  await expect(page).toHaveURL(/\/persons\/[0-9a-f-]{36}$/);
  await expect(page.locator('h1')).toHaveText('甄淑仪');
  await expect(page.getByText('已登记 甄淑仪。')).toBeVisible();
  await expect(page.locator('#sec-certs').locator('..')).toContainText('肢体残疾');

  // Same name and birth date, another ID number: the possible duplicate is shown for confirmation.
  await page.goto('/persons/new');
  await page.getByLabel('姓名', { exact: true }).fill('甄淑仪');
  await page.getByLabel('身份证号', { exact: true }).fill(idNumber('19580923', seq(1)));
  await page.getByRole('button', { name: '登记', exact: true }).click();
  const warning = page.locator('.duplicate-warning');
  await expect(warning).toBeFocused();
  await expect(warning).toContainText('可能重复登记');
  await expect(warning).toContainText('甄淑仪');
  // The one registered first, found by name and birth date (search results carry no birth date).
  await expect(warning.locator('li').first()).toContainText('1958-09-23 出生');
  await expectNoAxeViolations(page, 'new person, possible duplicate');
  await warning.getByRole('button', { name: '核对过，不是同一人，继续登记' }).click();
  await expect(page.locator('h1')).toHaveText('甄淑仪');
  // Now each record lists the other as a possible duplicate.
  await expect(page.locator('section', { has: page.locator('#sec-duplicates') })).toContainText(
    '姓名相近且出生日期相同',
  );
});

test('edit with a reason; a conflicting change is explained; the history shows who, what and why', async ({
  page,
}) => {
  const me = await signIn(page, 'demo_street');
  const id = await createPerson(page, '邱伟民', idNumber('19710318', seq()));
  await page.goto(`/persons/${id}`);
  await page.getByRole('link', { name: '修改信息' }).click();
  await expect(page.locator('h1')).toHaveText('修改人员信息：邱伟民');
  await expect(page.locator('h1')).toBeFocused();

  // Someone else saves a change meanwhile: our save is refused with a clear message.
  const other = await page.request.patch(`/api/v1/persons/${id}`, {
    data: { employment: 'retired', reason: '另一位工作人员的修改' },
    headers: { 'If-Match': '1', 'x-csrf-token': await csrf(page), origin: E2E.baseURL },
  });
  expect(other.status(), await other.text()).toBe(200);
  await page.getByLabel('住址（选填）').fill('临汾路 380 弄 5 号 101 室');
  await page.getByLabel('修改原因').fill('本人来电补充住址');
  await page.getByRole('button', { name: '保存修改' }).click();
  await expect(page.locator('.error-summary')).toContainText('该记录已被他人修改');
  await expect(page.locator('.error-summary')).toBeFocused();
  await expectNoAxeViolations(page, 'edit person, version conflict');
  await page.getByRole('button', { name: '重新加载' }).click();
  // The form starts again from the newest version (and the warning goes).
  await expect(page.getByText('这条记录已被他人修改')).toBeHidden();
  await expect(page.getByLabel('住址（选填）')).toHaveValue('');

  await page.getByLabel('住址（选填）').fill('临汾路 380 弄 5 号 101 室');
  await page.getByLabel('修改原因').fill('本人来电补充住址');
  await page.getByRole('button', { name: '保存修改' }).click();
  await expect(page).toHaveURL(new RegExp(`/persons/${id}$`));
  await expect(page.getByText('已保存对 邱伟民 的修改。')).toBeVisible();
  const history = page.getByRole('region', { name: '变更记录' });
  const row = history.getByRole('row', { name: /本人来电补充住址/ });
  await expect(row).toContainText('修改');
  await expect(row).toContainText('住址：空 → 已填写');
  await expect(row).toContainText(`我（${(me as { user: { displayName: string } }).user.displayName}）`);
  await expect(history.getByRole('row', { name: /另一位工作人员的修改/ })).toContainText(
    '就业情况：不详 → 退休',
  );
  await expectNoAxeViolations(page, 'person with history');
});

test('reveal: a dialog with a reason shows the clear values, hides them again and returns focus', async ({
  page,
}) => {
  await signIn(page, 'demo_street');
  const id = idNumber('19830227', seq());
  const personId = await createPerson(page, '闵佳慧', id);
  await page.goto(`/persons/${personId}`);
  await expect(page.locator('h1')).toHaveText('闵佳慧');
  await expect(page.getByText(id)).toHaveCount(0);
  const button = page.getByRole('button', { name: '查看完整信息' });
  await button.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: '查看完整信息：闵佳慧' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('查看理由')).toBeFocused();
  await expectNoAxeViolations(page, 'reveal dialog open');
  // Too short a reason is refused in the dialog.
  await page.keyboard.type('核对');
  await page.keyboard.press('Enter');
  await expect(dialog.locator('.error-summary')).toContainText('理由至少需要 4 个字');
  await expectNoAxeViolations(page, 'reveal dialog with an error');
  await dialog.getByLabel('查看理由').fill('办理补贴核对身份');
  await dialog.getByLabel('查看理由').press('Enter');
  await expect(dialog.getByText(id, { exact: true })).toBeVisible();
  await expectNoAxeViolations(page, 'reveal dialog showing the clear values');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByText(id, { exact: true })).toHaveCount(0);
  await expect(button).toBeFocused();
});

test('import wizard: a small CSV through the check, the refused all-or-nothing commit, then skipping the bad row', async ({
  page,
}) => {
  await signIn(page, 'demo_street');
  const a = idNumber('19620505', seq());
  const b = idNumber('19900811', seq());
  const bad =
    a.slice(0, 6) + '19750101' + '123' + (idCheckChar(`${a.slice(0, 6)}19750101123`) === '1' ? '2' : '1');
  const csv =
    '\uFEFF姓名,身份证号,残疾人证号,发证日期,联系电话,街镇\r\n' +
    `柏文清,${a},${a}23,2018-03-02,17000000301,临汾路街道\r\n` +
    `车晓岚,${b},,,,\r\n` +
    `覃有误,${bad},,,,临汾路街道\r\n`;
  const file = test.info().outputPath('import.csv');
  fs.writeFileSync(file, csv);

  await page.goto('/persons/import');
  await expect(page.locator('h1')).toHaveText('批量导入人员');
  await page.getByLabel('要导入的文件').setInputFiles(file);
  await expect(page.getByText('已选择：import.csv')).toBeVisible();
  await page.getByRole('button', { name: '开始检查' }).focus();
  await page.keyboard.press('Enter');

  const confirm = page.getByRole('heading', { name: '确认导入' });
  await expect(confirm).toBeFocused({ timeout: 30_000 });
  await expect(page.locator('.import-summary')).toHaveText('共 3 行，正确 2 行，有问题 1 行');
  const errors = page.getByRole('region', { name: '有问题的行' });
  await expect(errors.getByRole('row', { name: /身份证号校验位不正确/ })).toContainText('4');
  await expect(page.getByRole('link', { name: '下载错误报告（.xlsx）' })).toBeVisible();
  await expectNoAxeViolations(page, 'import summary');

  // All or nothing: with a bad row and "skip" unticked, nothing is written and the page says why.
  await page.getByRole('button', { name: /确认导入/ }).click();
  await expect(page.locator('.error-summary')).toContainText('有 1 行有问题');
  await expect(page.locator('.error-summary')).toBeFocused();
  await page.getByRole('checkbox', { name: '跳过有问题的行，只导入正确的 2 行' }).focus();
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: /确认导入/ }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '完成' })).toBeFocused({ timeout: 30_000 });
  await expect(page.locator('.notice-success')).toHaveText(
    '导入完成：已登记 2 人。 跳过了 1 行有问题的数据。',
  );
  await expectNoAxeViolations(page, 'import done');

  // The imported persons can be found.
  await page.getByRole('link', { name: '查看人员名册' }).click();
  await page.getByRole('searchbox', { name: '姓名、拼音、证件号或电话' }).fill('柏文清');
  await expect(page.getByRole('link', { name: '柏文清' })).toBeVisible();
  await page.getByRole('searchbox', { name: '姓名、拼音、证件号或电话' }).fill(b);
  await expect(page.getByRole('link', { name: '车晓岚' })).toBeVisible();
  await expect(page.getByRole('link', { name: '覃有误' })).toHaveCount(0);
});

test('export downloads an .xlsx of the current search, masked or (with a reason) in the clear', async ({
  page,
}) => {
  await signIn(page, 'demo_street');
  await page.goto('/persons?category=4');
  await expect(page.locator('h1')).toHaveText('人员名册');
  const button = page.getByRole('button', { name: '导出' });
  await button.click();
  const dialog = page.getByRole('dialog', { name: '导出 Excel' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('按当前的查找条件导出');
  await expectNoAxeViolations(page, 'export dialog');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: '下载' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const bytes = fs.readFileSync(await download.path());
  expect(bytes.subarray(0, 2).toString()).toBe('PK');
  await expect(dialog).toBeHidden();
  await expect(button).toBeFocused();
  await expect(page.getByTestId('live-region')).toContainText('已导出');

  // With the clear values: a reason is required.
  await button.click();
  await dialog.getByRole('checkbox', { name: '导出完整的证件号码、电话和住址' }).check();
  await dialog.getByRole('button', { name: '下载' }).click();
  await expect(dialog.locator('.error-summary')).toContainText('请填写“理由”');
  await expectNoAxeViolations(page, 'export dialog with an error');
  await dialog.getByLabel('理由').fill('年度名册核对');
  const [clear] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: '下载' }).click(),
  ]);
  expect(clear.suggestedFilename()).toMatch(/\.xlsx$/);
});

test('break-glass: a street officer can choose any street of the district', async ({ page }) => {
  await signIn(page, 'demo_street');
  await page.goto('/access/break-glass');
  await expect(page.locator('h1')).toBeVisible();
  const street = page.getByLabel('街镇', { exact: true });
  await street.click();
  await page.keyboard.type('北站');
  await expect(page.getByRole('option', { name: '北站街道' })).toBeVisible();
  await page.keyboard.press('Escape');
});

test('a new user without a password gets the generated one, shown once', async ({ page }) => {
  await signIn(page, 'admin');
  await page.goto('/admin/users');
  await page.getByRole('button', { name: '新建用户' }).click();
  const drawer = page.getByRole('dialog', { name: '新建用户' });
  const username = `e2e_gen_${Date.now() % 100000}`;
  await drawer.getByLabel('用户名').fill(username);
  await drawer.getByLabel('区残联工作人员').check();
  await drawer.getByRole('button', { name: '保存' }).click();
  await expect(page.locator('.notice-success')).toContainText(`已创建用户 ${username}。初始密码：`);
  const text = (await page.locator('.notice-success').textContent()) ?? '';
  const password = /初始密码：([\w-]{16})/.exec(text)?.[1];
  expect(password, text).toBeTruthy();
  // The password shown is the one that works.
  const res = await page.request.post('/api/v1/auth/login', { data: { username, password } });
  expect(res.status()).toBeLessThan(500);
  expect([200, 401]).toContain(res.status());
  if (res.status() === 401)
    expect(((await res.json()) as { code: string }).code).not.toBe('invalid_credentials');
});
