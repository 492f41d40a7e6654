/**
 * The person page and form, issue 3's last parts: households (new, picked from a search by a
 * member, or by a pasted number), the constituent disabilities of a category-7 certificate, and
 * the names of the staff in the change history. Synthetic data only.
 */
import { test, expect, type Browser, type Page } from '@playwright/test';
import { idCheckChar } from '@jinglin/shared';
import { E2E } from '../env.js';
import { expectNoAxeViolations, signIn } from './helpers.js';

function idNumber(birth: string, seq: string): string {
  const first17 = `310106${birth}${seq}`;
  return first17 + idCheckChar(first17);
}

/** A sequence number unique to this run (even: female), so reruns against one database do not clash. */
function seq(offset = 0): string {
  return String((((Date.now() / 1000) | 0) % 400) * 2 + 2 + offset * 2)
    .padStart(3, '0')
    .slice(-3);
}

async function csrf(page: Page): Promise<string> {
  return (await page.context().cookies()).find((c) => c.name === 'jinglin_csrf')?.value ?? '';
}

async function createPerson(page: Page, name: string, id: string, extra: Record<string, unknown> = {}) {
  const res = await page.request.post('/api/v1/persons', {
    data: { name, idNumber: id, streetCode: 'linfenlu', confirmNotDuplicate: true, ...extra },
    headers: { 'x-csrf-token': await csrf(page), origin: E2E.baseURL },
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** A screenshot kept with the test's output, to look at. */
const shot = (page: Page, name: string) =>
  page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });

test('households: a new one, one picked by a member’s name, one by its pasted number', async ({ page }) => {
  await signIn(page, 'demo_street');
  const head = await createPerson(page, '庞月华', idNumber('19620304', seq()));
  const spouse = await createPerson(page, '庞志坚', idNumber('19600811', seq(1)));
  const child = await createPerson(page, '庞小雨', idNumber('19900105', seq(2)));

  // 1. A new household for the first person.
  await page.goto(`/persons/${head}`);
  await expect(page.locator('h1')).toHaveText('庞月华');
  await page.getByRole('button', { name: '加入或新建家庭户' }).click();
  const drawer = page.getByRole('dialog', { name: '家庭户：庞月华' });
  await expect(drawer.getByRole('radio', { name: '新建家庭户' })).toBeChecked();
  await drawer.getByRole('button', { name: '保存' }).click();
  await expect(page.locator('#main').getByText('已更新家庭户。')).toBeVisible();
  const number = (await page
    .locator('#sec-household')
    .locator('..')
    .locator('dd.mono')
    .textContent())!.trim();
  expect(number).toMatch(/^[0-9a-f-]{36}$/);

  // 2. The spouse: find the household by a member's name (keyboard: Enter searches), pick it.
  await page.goto(`/persons/${spouse}`);
  await page.getByRole('button', { name: '加入或新建家庭户' }).click();
  const d2 = page.getByRole('dialog', { name: '家庭户：庞志坚' });
  await d2.getByRole('radio', { name: '按成员查找已有的家庭户' }).check();
  // Saving with nothing picked: the message is on the form, in Chinese.
  const search = d2.getByLabel('家庭成员');
  await search.fill('庞月华');
  await search.press('Enter');
  await expect(d2.getByRole('status')).toHaveText('找到 1 个家庭户，请在下面选择一个。');
  await d2.getByRole('button', { name: '保存' }).click();
  await expect(d2.locator('.error-summary')).toContainText('请选择一个家庭户。');
  const option = d2.getByRole('radio', { name: /庞月华（户主）/ });
  await option.focus();
  await page.keyboard.press('Space');
  await expect(option).toBeChecked();
  await d2.getByLabel('在户中的身份').click();
  await page.keyboard.type('配偶');
  await page.keyboard.press('Enter');
  await expectNoAxeViolations(page, 'household drawer, a household picked from a search');
  await shot(page, 'household-find');
  await d2.getByRole('button', { name: '保存' }).click();
  await expect(page.locator('#main').getByText('已更新家庭户。')).toBeVisible();
  const members = page.locator('#sec-household').locator('..');
  await expect(members.getByRole('link', { name: '庞月华' })).toBeVisible();
  await expect(members).toContainText('庞志坚 （本人）');

  // 3. The child: paste the household's number; the members are shown before saving.
  await page.goto(`/persons/${child}`);
  await page.getByRole('button', { name: '加入或新建家庭户' }).click();
  const d3 = page.getByRole('dialog', { name: '家庭户：庞小雨' });
  await d3.getByRole('radio', { name: '输入已有家庭户的户编号' }).check();
  await d3.getByRole('textbox', { name: '户编号' }).fill('not-a-number');
  await d3.getByRole('button', { name: '保存' }).click();
  await expect(d3.locator('.error-summary')).toContainText('户编号格式不正确');
  await expectNoAxeViolations(page, 'household drawer, a malformed number');
  await d3.getByRole('textbox', { name: '户编号' }).fill(` ${number.toUpperCase()} `);
  await expect(d3.getByText(/该户成员：/)).toContainText('庞月华（户主）');
  await expect(d3.getByText(/该户成员：/)).toContainText('庞志坚（配偶）');
  await shot(page, 'household-number');
  await d3.getByRole('button', { name: '保存' }).click();
  await expect(page.locator('#main').getByText('已更新家庭户。')).toBeVisible();
  await expect(page.locator('#sec-household').locator('..').locator('dd.mono')).toHaveText(number);
});

test('category 7: the constituent disabilities, with inline messages, keyboard only', async ({ page }) => {
  await signIn(page, 'demo_street');
  const id = idNumber('19750214', seq(3));
  await page.goto('/persons/new');
  await page.getByLabel('姓名', { exact: true }).fill('钟慧敏');
  await page.getByLabel('身份证号', { exact: true }).fill(id);
  await page.getByLabel('残疾人证号').fill(`${id}71`);
  await page.getByLabel('发证日期').fill('2021-03-02');
  const group = page.getByRole('group', { name: '构成多重残疾的各类残疾' });
  await expect(group).toBeVisible();

  // Nothing chosen: a message on each field, and the summary takes the focus.
  await page.getByRole('button', { name: '登记', exact: true }).click();
  await expect(page.locator('.error-summary')).toBeFocused();
  await expect(group).toContainText('请选择第 1 项的残疾类别。');
  await expect(group).toContainText('请选择第 2 项的等级。');

  const choose = async (label: string, text: string) => {
    await page.getByLabel(label).focus();
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
  };
  await choose('第 1 项：残疾类别', '视力');
  await choose('第 1 项：等级', '二级');
  await choose('第 2 项：残疾类别', '视力');
  await choose('第 2 项：等级', '三级');
  await page.getByRole('button', { name: '登记', exact: true }).click();
  await expect(group).toContainText('同一类残疾只能填写一次。');
  await choose('第 2 项：残疾类别', '肢体');
  await page.getByRole('button', { name: '登记', exact: true }).click();
  // The certificate says grade 1; the most severe listed is grade 2.
  await expect(group).toContainText('证上的等级为一级，应与各类残疾中最重的一项相同（现在最重的是二级）。');
  await expectNoAxeViolations(page, 'new person, category 7 with a wrong grade');
  await shot(page, 'disabilities-error');
  await choose('第 1 项：等级', '一级');
  await page.getByRole('button', { name: '登记', exact: true }).click();
  await expect(page.locator('h1')).toHaveText('钟慧敏');
  await expect(page.locator('#sec-certs').locator('..')).toContainText(
    '多重残疾 (视力残疾 一级、肢体残疾 三级)',
  );
});

async function staffPage(browser: Browser, username: string) {
  const context = await browser.newContext({ baseURL: E2E.baseURL, locale: 'zh-CN' });
  const page = await context.newPage();
  const me = (await signIn(page, username)) as { user: { displayName: string; communityId: string | null } };
  return { page, me, close: () => context.close() };
}

test('the history names the staff member who made a change, for a worker without users.read', async ({
  page,
  browser,
}) => {
  const worker = (await signIn(page, 'demo_community')) as { user: { communityId: string } };
  const officer = await staffPage(browser, 'demo_street');
  const id = await createPerson(officer.page, '葛秀兰', idNumber('19530620', seq(4)), {
    streetCode: undefined,
    communityId: worker.user.communityId,
  });
  const patch = await officer.page.request.patch(`/api/v1/persons/${id}`, {
    data: { employment: 'retired', reason: '街道核对后更正' },
    headers: { 'If-Match': '1', 'x-csrf-token': await csrf(officer.page), origin: E2E.baseURL },
  });
  expect(patch.status(), await patch.text()).toBe(200);
  await officer.close();

  await page.goto(`/persons/${id}`);
  const history = page.locator('section', { has: page.locator('#sec-history') });
  const row = history.getByRole('row', { name: /街道核对后更正/ });
  await expect(row).toContainText(officer.me.user.displayName);
  await expect(history).not.toContainText('其他工作人员');
  await expectNoAxeViolations(page, 'person history seen by a community worker');
  await shot(page, 'history-names');
});
