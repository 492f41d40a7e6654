/**
 * Volunteer service hours in the browser: the issuer settings form; a coordinator issues a proof of
 * service, whose print page is printed to PDF by Chromium — exactly one A4 page carrying every
 * required field; a volunteer asks for a correction with the keyboard only and a coordinator
 * approves it; axe on each page.
 */
import fs from 'node:fs';
import { test, expect, type Locator, type Page } from '@playwright/test';
import { expectNoAxeViolations, setPreferences, signIn, writeHeaders } from './helpers.js';
import { apiAs, demoVolunteerProof, ensureIssuer, ISSUER } from './care-hours.helpers.js';

test.afterEach(async ({ page }) => {
  const me = await page.request.get('/api/v1/auth/me');
  if (me.ok()) await setPreferences(page, { careMode: false, language: 'zh-CN' });
});

async function tabTo(page: Page, target: Locator, max = 200) {
  for (let i = 0; i < max && !(await target.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(target).toBeFocused();
}

/** `/Type /Page` objects (not `/Pages`) in a PDF: Chromium (Skia) writes page dictionaries uncompressed. */
function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

const year = () => Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));

test('the issuer settings form: inline errors in Chinese, saved with the keyboard; axe', async ({ page }) => {
  await signIn(page, 'demo_district');
  await page.goto('/care/settings/issuer');
  await expect(page.locator('h1')).toHaveText('证明出具单位');
  await page.waitForLoadState('networkidle');
  await expectNoAxeViolations(page, 'issuer settings');
  const name = page.getByLabel('出具单位名称');
  await expect(name).toHaveValue(ISSUER.name);
  await name.fill('');
  await tabTo(page, page.getByRole('button', { name: '保存' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: '请填写“出具单位名称”。' })).toBeVisible();
  await name.fill(ISSUER.name);
  await page.getByLabel('负责人').fill(ISSUER.personInCharge);
  await page.getByLabel('经办人').fill(ISSUER.handler);
  await page.getByLabel('联系电话').fill(ISSUER.contact);
  await page.getByRole('button', { name: '保存' }).press('Enter');
  await expect(page.locator('.notice-success')).toHaveText('已保存。');
});

test('a coordinator issues a proof; Chromium prints it on exactly one A4 page with every required field', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const staff = await apiAs('demo_district');
  await ensureIssuer(staff);
  await staff.ctx.dispose();

  await signIn(page, 'demo_coordinator');
  // A seeded volunteer with a resident ID (not demo_volunteer, whom the other journeys use).
  const list = await page.request.get('/api/v1/care/volunteers?limit=50');
  expect(list.status(), await list.text()).toBe(200);
  const { volunteerId } = await demoVolunteerProof();
  const vol = (
    (await list.json()).items as { id: string; name: string; idNumber: string | null; idType?: string }[]
  ).find((v) => v.id !== volunteerId && v.idNumber && (v.idType ?? 'resident_id') === 'resident_id');
  expect(vol, 'a demo volunteer with an ID number').toBeTruthy();

  // Twenty services over ten months of last year: more than one page would hold one by one.
  const y = year() - 1;
  for (let i = 0; i < 20; i++) {
    const month = String(Math.floor(i / 2) + 1).padStart(2, '0');
    const res = await page.request.post(`/api/v1/care/volunteers/${vol!.id}/hours`, {
      data: {
        serviceDate: `${y}-${month}-${i % 2 ? '18' : '06'}`,
        minutes: 90 + (i % 3) * 30,
        activity: i % 2 ? '陪同就医（手语翻译）' : '结对上门探访',
        content: '了解生活情况，协助办理相关事务',
      },
      headers: await writeHeaders(page),
    });
    expect(res.status(), await res.text()).toBe(201);
  }

  await page.goto(`/care/volunteers/${vol!.id}/hours`);
  await expect(page.locator('h1')).toHaveText(`${vol!.name} 的志愿服务时长`);
  await page.waitForLoadState('networkidle');
  await expectNoAxeViolations(page, 'volunteer hours');
  await page.screenshot({ path: test.info().outputPath('volunteer-hours.png'), fullPage: true });

  await page.getByRole('button', { name: '出具服务证明' }).click();
  const dialog = page.getByRole('dialog', { name: '出具志愿服务证明' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('证明期间：从').fill(`${y}-01-01`);
  await dialog.getByLabel('到', { exact: true }).fill(`${y}-12-31`);
  await expectNoAxeViolations(page, 'issue proof dialog');
  await dialog.getByRole('button', { name: '出具证明' }).click();
  await expect(page).toHaveURL(/\/care\/proofs\/[0-9a-f-]+\/print$/);
  await expect(page.locator('h1')).toHaveText('志愿服务证明');
  const proofId = /\/care\/proofs\/([0-9a-f-]+)\/print/.exec(page.url())![1]!;
  await page.waitForLoadState('networkidle');
  await expectNoAxeViolations(page, 'proof print page');

  // What the server certifies (the full ID number is on the proof only).
  const data = await (await page.request.get(`/api/v1/care/proofs/${proofId}`)).json();
  expect(data.records).toHaveLength(20);
  expect(data.certificateNo).toMatch(/^JLZM-\d{4}-\d{6}$/);

  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.app-header')).toBeHidden();
  await expect(page.locator('.side-nav')).toBeHidden();
  await expect(page.getByRole('button', { name: '打印' })).toBeHidden();
  const sheet = page.getByTestId('proof-sheet');
  const text = (await sheet.innerText()).replace(/\s+/g, ' ');
  const total = data.totalMinutes as number;
  const required: [string, string][] = [
    ['name', data.volunteer.name],
    ['ID type', '居民身份证'],
    ['ID number', data.volunteer.idNumber],
    ['volunteer number', data.volunteer.volunteerNo],
    ['period', `${y} 年 01 月 01 日 – ${y} 年 12 月 31 日`],
    ['total hours', `${Math.floor(total / 60)} 小时`],
    ['records (per month)', `${y} 年 1 月`],
    ['records: activity', '结对上门探访'],
    ['issuer', ISSUER.name],
    ['person in charge', ISSUER.personInCharge],
    ['handler', ISSUER.handler],
    ['contact', ISSUER.contact],
    ['certificate number', data.certificateNo],
    ['issue date', '出具日期'],
    ['seal', '（盖章）'],
  ];
  for (const [what, value] of required) expect(text, what).toContain(value);
  expect(await sheet.locator('.proof-records tbody tr').count()).toBe(10);

  // The printable area of A4 with the page margins (180 × 270 mm at 96 dpi): look at it.
  await page.setViewportSize({ width: 680, height: 1020 });
  await page.screenshot({ path: '/tmp/care-proof-print.png', fullPage: true });
  expect(
    await page.evaluate(() => document.documentElement.scrollHeight),
    'fits the A4 height',
  ).toBeLessThanOrEqual(1020);
  await page.setViewportSize({ width: 1280, height: 720 });
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
  fs.writeFileSync('/tmp/care-proof.pdf', pdf);
  fs.writeFileSync(test.info().outputPath('care-proof.pdf'), pdf);
  expect(pdfPageCount(pdf), 'the proof prints on one page').toBe(1);

  // A short proof lists each record (date, activity, content, time) and still prints on one page.
  await page.emulateMedia({ media: 'screen' });
  const short = await page.request.post(`/api/v1/care/volunteers/${vol!.id}/proofs`, {
    data: { periodFrom: `${y}-01-01`, periodTo: `${y}-02-28` },
    headers: await writeHeaders(page),
  });
  expect(short.status(), await short.text()).toBe(201);
  await page.goto(`/care/proofs/${(await short.json()).id}/print`);
  await expect(page.locator('h1')).toHaveText('志愿服务证明');
  await page.emulateMedia({ media: 'print' });
  const rows = page.getByTestId('proof-sheet').locator('.proof-records tbody tr');
  await expect(rows).toHaveCount(4);
  await expect(page.getByTestId('proof-sheet').locator('.proof-records thead')).toContainText('服务内容');
  await expect(rows.first()).toContainText('了解生活情况');
  const pdf2 = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
  expect(pdfPageCount(pdf2)).toBe(1);

  // Fourteen records with long texts (listed one by one): still one page, one line per row.
  await page.emulateMedia({ media: 'screen' });
  const y2 = y - 1;
  for (let i = 0; i < 14; i++) {
    const res = await page.request.post(`/api/v1/care/volunteers/${vol!.id}/hours`, {
      data: {
        serviceDate: `${y2}-03-${String(i + 1).padStart(2, '0')}`,
        minutes: 60,
        activity: '静安区扶残助残志愿服务总队“暖心行动”结对帮扶上门探访活动',
        content:
          '上门了解家庭生活、康复和就医情况，协助整理药品，陪同到社区卫生服务中心配药，并向居委会反映无障碍改造需求',
      },
      headers: await writeHeaders(page),
    });
    expect(res.status(), await res.text()).toBe(201);
  }
  const long = await page.request.post(`/api/v1/care/volunteers/${vol!.id}/proofs`, {
    data: { periodFrom: `${y2}-01-01`, periodTo: `${y2}-12-31` },
    headers: await writeHeaders(page),
  });
  expect(long.status(), await long.text()).toBe(201);
  await page.goto(`/care/proofs/${(await long.json()).id}/print`);
  await expect(page.locator('h1')).toHaveText('志愿服务证明');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('proof-sheet').locator('.proof-records tbody tr')).toHaveCount(14);
  await page.setViewportSize({ width: 680, height: 1020 });
  await page.screenshot({ path: '/tmp/care-proof-print-14.png', fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });
  const pdf3 = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
  expect(pdfPageCount(pdf3), 'fourteen long records on one page').toBe(1);

  await page.emulateMedia({ media: 'screen' });
  await page.goto('/care/proofs');
  await expect(page.locator('h1')).toHaveText('志愿服务证明');
  await page.waitForLoadState('networkidle');
  await expectNoAxeViolations(page, 'proofs list');
});

test('keyboard only: a volunteer asks for a record to be corrected; a coordinator approves; the volunteer sees it', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await demoVolunteerProof(); // a record and a proof of demo_volunteer
  await signIn(page, 'demo_volunteer');
  await page.goto('/me/hours');
  await expect(page.locator('h1')).toHaveText('我的志愿服务时长');
  await page.waitForLoadState('networkidle');
  await expectNoAxeViolations(page, 'my hours');
  await expect(
    page.getByRole('region', { name: '已出具的证明' }).getByRole('link', { name: /查看和打印证明/ }),
  ).toBeVisible();

  // Sending the empty form names each missing field inline.
  await tabTo(page, page.getByRole('button', { name: '提交申请' }));
  await page.keyboard.press('Enter');
  const summary = page.getByRole('alert').filter({ hasText: '请填写“服务日期”。' });
  await expect(summary).toBeVisible();
  await expect(summary).toContainText('请填写“理由”。');

  // The record to correct, found by typing part of its activity (a searchable list).
  const record = page.getByLabel('要更正的记录');
  await tabTo(page, record);
  await page.keyboard.type('助残日志愿服务');
  await page.keyboard.press('Enter');
  await expect(
    page.locator('#askCorrection_recordId').locator('xpath=ancestor::div[contains(@class,"ant-select")][1]'),
  ).toContainText('助残日志愿服务');
  // A changed record asks for the right time and a reason only.
  await expect(page.getByLabel('服务日期')).toHaveCount(0);
  await tabTo(page, page.getByLabel('正确的时长（分钟）'));
  await page.keyboard.type('180');
  await tabTo(page, page.getByLabel('理由'));
  await page.keyboard.type('签到表上写的是 3 小时');
  await tabTo(page, page.getByRole('button', { name: '提交申请' }));
  await page.keyboard.press('Enter');
  await expect(page.locator('.notice-success')).toHaveText('申请已提交，处理后会通知您。');
  const mine = page.getByRole('region', { name: '我的更正申请' });
  await expect(mine.getByRole('row').filter({ hasText: '助残日志愿服务' })).toContainText('待处理');
  await expect(mine.getByRole('row').filter({ hasText: '助残日志愿服务' })).toContainText('改为 3 小时');
  await expectNoAxeViolations(page, 'my hours after asking');
  await page.screenshot({ path: test.info().outputPath('my-hours.png'), fullPage: true });

  // The coordinator approves it in the queue, with the keyboard.
  await page.context().clearCookies();
  await signIn(page, 'demo_coordinator');
  await page.goto('/care/hours/corrections');
  await expect(page.locator('h1')).toHaveText('服务时长更正申请');
  await page.waitForLoadState('networkidle');
  await expectNoAxeViolations(page, 'corrections queue');
  await page.screenshot({ path: test.info().outputPath('corrections.png'), fullPage: true });
  const row = page.getByRole('row').filter({ hasText: '助残日志愿服务' });
  const approve = row.getByRole('button', { name: /^同意/ });
  await tabTo(page, approve);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: '同意更正申请' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('处理说明（选填）')).toBeFocused();
  await expectNoAxeViolations(page, 'approve dialog');
  await tabTo(page, dialog.getByRole('button', { name: '同意', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page.locator('.notice-success')).toContainText('已同意');

  await page.context().clearCookies();
  await signIn(page, 'demo_volunteer');
  await page.goto('/me/hours');
  await expect(
    page.getByRole('region', { name: '我的更正申请' }).getByRole('row').filter({ hasText: '助残日志愿服务' }),
  ).toContainText('已同意');
  await expect(
    page
      .getByRole('region', { name: '服务记录（最新的在前）' })
      .getByRole('row')
      .filter({ hasText: '助残日志愿服务' })
      .first(),
  ).toContainText('3 小时');
});
