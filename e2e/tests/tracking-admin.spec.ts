/**
 * Tracking administration in the browser: keyboard-only device registration and binding with the
 * guardian's consent (no consent, no binding), an SOS raised through the OsmAnd route and seen in
 * the centre staff's alert inbox with the banner and flashing frame, acknowledged and closed with
 * the keyboard; day-centre opening hours and the tracking settings with inline errors; axe on each.
 */
import { test, expect, type Page } from '@playwright/test';
import { idCheckChar } from '@jinglin/shared';
import { E2E } from '../env.js';
import { expectNoAxeViolations, setPreferences, signIn, writeHeaders } from './helpers.js';

/** A screenshot among the test's results (to look at, and kept by CI); dialogs: the viewport. */
async function shot(page: Page, name: string, fullPage = true) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage });
}

// Preferences persist per user on the server: put them back so later journeys start in Chinese.
test.afterEach(async ({ page }) => {
  const me = await page.request.get('/api/v1/auth/me');
  if (me.ok()) await setPreferences(page, { careMode: false, language: 'zh-CN' });
});

/** Presses Tab until the locator has focus (a keyboard user's way to a control). */
async function tabTo(page: Page, target: ReturnType<Page['locator']>, max = 200) {
  for (let i = 0; i < max && !(await target.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(target).toBeFocused();
}

/** An account that manages devices and may search the registry (district_admin + district_officer). */
async function trackingManager(page: Page): Promise<string> {
  await signIn(page, 'admin');
  const username = `e2e_trk_${Date.now().toString(36)}`;
  const res = await page.request.post('/api/v1/users', {
    data: {
      username,
      password: E2E.password,
      displayName: '定位设备管理（测试）',
      roles: ['district_admin', 'district_officer'],
    },
    headers: await writeHeaders(page),
  });
  expect(res.status(), await res.text()).toBe(201);
  await page.context().clearCookies();
  await signIn(page, username);
  return username;
}

test('keyboard only: register a device, bind it with consent; its SOS flashes in the inbox and is acknowledged and closed', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const manager = await trackingManager(page);
  // A trainee of 临汾路 (the demo centre there is staffed by demo_centre).
  const found = await page.request.get('/api/v1/persons?streetCode=linfenlu&category=5&limit=20');
  expect(found.status(), await found.text()).toBe(200);
  const people = (await found.json()).items as { id: string; name: string; idNumber: string }[];
  const boundIds = new Set(
    (
      (await (await page.request.get('/api/v1/tracking/devices')).json()).items as {
        personId: string | null;
      }[]
    ).map((d) => d.personId),
  );
  const person = people.find((p) => !boundIds.has(p.id)) ?? people[0]!;
  expect(person, 'a category-5 person in 临汾路').toBeTruthy();
  const phone = `1770${String(Date.now()).slice(-7)}`;

  await page.goto('/tracking/devices');
  await expect(page.locator('h1')).toHaveText('定位设备');
  await page.waitForLoadState('networkidle');

  // Register: the dialog opens on the device id; a letter in a JT/T 808 id is refused inline.
  await tabTo(page, page.getByRole('button', { name: '登记新设备' }));
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: '登记新设备' });
  await expect(dialog).toBeVisible();
  const uniqueId = dialog.getByLabel('设备号');
  await expect(uniqueId).toBeFocused();
  await page.keyboard.type(`0${phone.slice(0, 5)}A`);
  await tabTo(page, dialog.getByRole('button', { name: '登记' }));
  await page.keyboard.press('Enter');
  await expect(dialog.locator('.error-summary')).toContainText('JT/T 808 设备号是终端手机号，只能是数字');
  await expectNoAxeViolations(page, 'device dialog with an error');
  await uniqueId.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(`0${phone}`);
  await tabTo(page, dialog.getByLabel('型号'));
  await page.keyboard.type('北斗定位手表 E2E');
  await tabTo(page, dialog.getByLabel('所属阳光之家'));
  await page.keyboard.type('临汾路');
  await page.keyboard.press('Enter');
  await tabTo(page, dialog.getByRole('button', { name: '登记' }));
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('devices-notice')).toHaveText(`已登记设备 ${phone}。`);
  const row = page.getByRole('row', { name: new RegExp(phone) });
  await expect(row).toContainText('临汾路街道阳光之家');
  await expect(row).toContainText('未绑定');

  // Bind: without a trainee and consent the form refuses, saying so.
  await tabTo(page, page.getByRole('button', { name: `绑定设备 ${phone} 到学员` }));
  await page.keyboard.press('Enter');
  const bind = page.getByRole('dialog', { name: `绑定设备 ${phone} 到学员` });
  await expect(bind).toBeVisible();
  await expect(bind).toContainText('没有监护人（或本人）的同意，就不能绑定');
  await expect(bind.getByLabel('查找学员')).toBeFocused();
  await tabTo(page, bind.getByRole('button', { name: '绑定' }));
  await page.keyboard.press('Enter');
  const summary = bind.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('请先查找并选择一位学员。');
  await expect(summary).toContainText('请填写“同意人”：没有同意，不能绑定。');
  await expect(summary).toContainText('请勾选确认已取得同意。');
  await expectNoAxeViolations(page, 'bind dialog with errors');

  await bind.getByLabel('查找学员').focus();
  await page.keyboard.type(person.name);
  await page.keyboard.press('Enter');
  await expect(bind.getByRole('status')).toContainText('请选择一位');
  const choice = bind.getByRole('radio', { name: new RegExp(person.idNumber.replace(/\*/g, '\\*')) });
  await tabTo(page, bind.getByRole('radio').first());
  await page.keyboard.press('Space');
  for (let i = 0; i < 10 && !(await choice.isChecked()); i++) await page.keyboard.press('ArrowDown');
  await expect(choice).toBeChecked();
  await tabTo(page, bind.getByLabel('同意人'));
  await page.keyboard.type('王某（母亲，监护人）');
  await page.keyboard.press('Tab');
  await page.keyboard.type('书面同意书已存档（测试）');
  await tabTo(page, bind.getByRole('checkbox', { name: '我确认已取得上述同意，并已存档凭据。' }));
  await page.keyboard.press('Space');
  await tabTo(page, bind.getByRole('button', { name: '绑定' }));
  await page.keyboard.press('Enter');
  await expect(bind).toBeHidden();
  await expect(page.getByTestId('devices-notice')).toContainText(`已将设备 ${phone} 绑定到学员`);
  await expect(row).toContainText('已记录同意');
  await expect(row).toContainText(`${[...person.name][0]}*`);
  await expect(row.getByRole('link', { name: `查看设备 ${phone} 的轨迹` })).toHaveAttribute(
    'href',
    /\/tracking\/devices\/[0-9a-f-]+\/track$/,
  );
  await expectNoAxeViolations(page, 'devices with a bound device');
  await shot(page, 'devices');

  // The watch sends an SOS (OsmAnd: alarm=sos).
  const sos = await request.get(
    `/api/v1/tracking/osmand?id=${phone}&lat=31.3177&lon=121.4506&timestamp=${Math.floor(Date.now() / 1000)}&batt=76&alarm=sos`,
  );
  expect(sos.status(), await sos.text()).toBe(200);

  // The centre's staff: banner, flashing frame, nav count; in reduced motion a steady frame.
  await page.context().clearCookies();
  await signIn(page, 'demo_centre');
  await page.goto('/');
  const banner = page.getByTestId('alarm-banner');
  await expect(banner).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-alarm', 'on');
  await expect(page.locator('.alarm-edge')).toBeAttached();
  await expect(page.getByTestId('nav-open-alerts')).toBeVisible();
  expect(await page.locator('.alarm-edge').evaluate((el) => getComputedStyle(el).animationName)).toBe(
    'alarm-flash',
  );
  expect(await page.locator('.alarm-edge').evaluate((el) => getComputedStyle(el).animationDuration)).toBe(
    '1s',
  );
  await page.getByRole('link', { name: '查看警报' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('h1')).toHaveText('定位警报');
  const alertRow = page.getByRole('row', { name: new RegExp(person.name) }).filter({ hasText: 'SOS 求助' });
  await expect(alertRow).toBeVisible({ timeout: 15_000 });
  await expect(alertRow).toContainText('临汾路街道阳光之家');
  await expect(alertRow).toContainText('未处理');
  await expect(banner).toContainText('SOS 求助');
  await expectNoAxeViolations(page, 'alert inbox with an open SOS');
  await shot(page, 'alerts-open');
  await page.emulateMedia({ reducedMotion: 'reduce' });
  expect(await page.locator('.alarm-edge').evaluate((el) => getComputedStyle(el).animationName)).toBe('none');
  expect(await page.locator('.alarm-edge').evaluate((el) => getComputedStyle(el).borderTopColor)).toBe(
    'rgb(168, 7, 26)',
  );
  await page.emulateMedia({ reducedMotion: 'no-preference' });

  // Acknowledge with the keyboard: the announcement, the row leaves "open".
  await tabTo(page, alertRow.getByRole('button', { name: /^确认警报：SOS 求助/ }), 120);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('live-region')).toHaveText('已确认警报：SOS 求助。');
  await expect(alertRow).toBeHidden();

  // Acknowledged → close.
  await tabTo(page, page.getByRole('radio', { name: '未处理' }));
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('radio', { name: '已确认' })).toBeChecked();
  const acked = page.getByRole('row', { name: new RegExp(person.name) }).filter({ hasText: 'SOS 求助' });
  await expect(acked).toContainText('已确认');
  await tabTo(page, acked.getByRole('button', { name: /^关闭警报：SOS 求助/ }), 120);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('live-region')).toHaveText('已关闭警报：SOS 求助。');
  await page.getByRole('radio', { name: '已确认' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('radio', { name: '已关闭' })).toBeChecked();
  await expect(
    page.getByRole('row', { name: new RegExp(person.name) }).filter({ hasText: 'SOS 求助' }),
  ).toContainText('已关闭');
  await expectNoAxeViolations(page, 'alert inbox, closed');

  // Back as the manager: change the model (If-Match), then unbind after the confirmation.
  await page.context().clearCookies();
  await signIn(page, manager);
  await page.goto('/tracking/devices');
  await expect(page.locator('h1')).toHaveText('定位设备');
  await tabTo(page, page.getByRole('button', { name: `编辑设备 ${phone}` }));
  await page.keyboard.press('Enter');
  const edit = page.getByRole('dialog', { name: `编辑设备 ${phone}` });
  await expect(edit.getByLabel('型号')).toBeFocused();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('北斗定位手表 E2E-2');
  await tabTo(page, edit.getByRole('button', { name: '保存' }));
  await page.keyboard.press('Enter');
  await expect(edit).toBeHidden();
  await expect(page.getByTestId('devices-notice')).toHaveText(`已保存设备 ${phone}。`);
  await expect(row).toContainText('北斗定位手表 E2E-2');
  const unbindButton = page.getByRole('button', { name: `解除设备 ${phone} 的绑定` });
  await tabTo(page, unbindButton);
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('dialog', { name: `解除设备 ${phone} 的绑定？` });
  await expect(confirm).toContainText('解除后');
  await expectNoAxeViolations(page, 'unbind confirmation');
  // Escape cancels and gives focus back to the button.
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(unbindButton).toBeFocused();
  await expect(row).toContainText('已记录同意');
  await page.keyboard.press('Enter');
  await tabTo(page, confirm.getByRole('button', { name: '解除绑定' }));
  await page.keyboard.press('Enter');
  await expect(confirm).toBeHidden();
  await expect(page.getByTestId('devices-notice')).toContainText(`已解除设备 ${phone} 的绑定`);
  await expect(row).toContainText('未绑定');
});

test('the banner can be dismissed; the alert stays open until acknowledged', async ({ page, request }) => {
  // An unbound device's alerts are the administrator's.
  await signIn(page, 'admin');
  const id = `e2e-${Date.now().toString(36)}`;
  const created = await page.request.post('/api/v1/tracking/devices', {
    data: { uniqueId: id, protocol: 'osmand', model: '测试' },
    headers: await writeHeaders(page),
  });
  expect(created.status(), await created.text()).toBe(201);
  const sos = await request.get(
    `/api/v1/tracking/osmand?id=${id}&lat=31.3&lon=121.45&timestamp=${Math.floor(Date.now() / 1000)}&alarm=sos`,
  );
  expect(sos.status(), await sos.text()).toBe(200);
  await page.goto('/tracking/alerts');
  const banner = page.getByTestId('alarm-banner');
  await expect(banner).toContainText('SOS 求助');
  await expect(banner).toContainText(`未绑定 ${id}`);
  await expect(page.getByRole('button', { name: '关闭提示音' })).toBeVisible();
  // Care mode: large text, the steady frame (no flashing); English.
  await setPreferences(page, { careMode: true });
  await page.reload();
  await expect(banner).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-care', 'on');
  await expectNoAxeViolations(page, 'alarm in care mode');
  await shot(page, 'alarm-care-mode');
  await setPreferences(page, { careMode: false, language: 'en' });
  await page.reload();
  await expect(banner).toContainText('SOS');
  await expect(page.locator('h1')).toHaveText('Location alerts');
  await expectNoAxeViolations(page, 'alarm in English');
  await shot(page, 'alarm-english');
  await setPreferences(page, { language: 'zh-CN' });
  // 320 px wide: the banner and its buttons reflow, the table scrolls on its own.
  await page.setViewportSize({ width: 320, height: 720 });
  await page.reload();
  await expect(banner).toBeVisible();
  await expectNoAxeViolations(page, 'alarm at 320 px');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await shot(page, 'alarm-320');
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.reload();
  await page.getByRole('button', { name: '停止闪烁' }).focus();
  await page.keyboard.press('Enter');
  await expect(banner).toBeHidden();
  await expect(page.locator('html')).not.toHaveAttribute('data-alarm', 'on');
  const row = page.getByRole('row', { name: new RegExp(id) });
  await expect(row).toContainText('未处理');
  // Stays dismissed after a reload (this session), still open.
  await page.reload();
  await expect(page.locator('h1')).toHaveText('定位警报');
  await expect(row).toContainText('未处理');
  await expect(banner).toBeHidden();
  await row.getByRole('button', { name: /^确认警报/ }).focus();
  await page.keyboard.press('Enter');
  await expect(row).toBeHidden();
});

test('the administrator (no registry access) finds the trainee by ID number: masked name, bound with consent', async ({
  page,
}) => {
  // A synthetic person registered by a street officer; the administrator has only the ID number.
  await signIn(page, 'demo_street');
  const first17 = `31010619720314${String(Date.now() % 1000).padStart(3, '0')}`;
  const id = first17 + idCheckChar(first17);
  const person = await page.request.post('/api/v1/persons', {
    data: { name: '蔺书桐', idNumber: id, streetCode: 'linfenlu', confirmNotDuplicate: true },
    headers: await writeHeaders(page),
  });
  expect(person.status(), await person.text()).toBe(201);
  await page.context().clearCookies();
  await signIn(page, 'admin');
  const uniqueId = `w${Date.now().toString(36)}`;
  const created = await page.request.post('/api/v1/tracking/devices', {
    data: { uniqueId, protocol: 'watch', model: '测试手表' },
    headers: await writeHeaders(page),
  });
  expect(created.status(), await created.text()).toBe(201);

  await page.goto('/tracking/devices');
  await expect(page.locator('h1')).toHaveText('定位设备');
  await tabTo(page, page.getByRole('button', { name: `绑定设备 ${uniqueId} 到学员` }));
  await page.keyboard.press('Enter');
  const bind = page.getByRole('dialog', { name: `绑定设备 ${uniqueId} 到学员` });
  const number = bind.getByLabel('身份证号或残疾人证号');
  await expect(number).toBeFocused();
  await page.keyboard.type(id.slice(0, 10));
  await page.keyboard.press('Enter');
  await expect(bind).toContainText('请输入完整的身份证号（18 位）或残疾人证号（20 位）。');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(id);
  await page.keyboard.press('Enter');
  const choice = bind.getByRole('radio', { name: /^蔺\*桐，/ });
  await expect(choice).toBeVisible();
  await expect(bind).not.toContainText('蔺书桐');
  await tabTo(page, choice);
  await page.keyboard.press('Space');
  await expect(choice).toBeChecked();
  await tabTo(page, bind.getByLabel('同意人'));
  await page.keyboard.type('蔺某（父亲，监护人）');
  await tabTo(page, bind.getByRole('checkbox', { name: '我确认已取得上述同意，并已存档凭据。' }));
  await page.keyboard.press('Space');
  await expectNoAxeViolations(page, 'bind by ID number');
  await shot(page, 'bind-by-number', false);
  await tabTo(page, bind.getByRole('button', { name: '绑定' }));
  await page.keyboard.press('Enter');
  await expect(bind).toBeHidden();
  const row = page.getByRole('row', { name: new RegExp(uniqueId) });
  await expect(row).toContainText('蔺*桐');
  await expect(row).toContainText('已记录同意');
  await expect(row.getByRole('link', { name: /查看档案/ })).toHaveCount(0);
});

test('day centre hours with the keyboard: a wrong time is named inline, then saved; settings out of range refused', async ({
  page,
}) => {
  await signIn(page, 'admin');
  await page.goto('/tracking/centres');
  await expect(page.locator('h1')).toHaveText('阳光之家');
  const row = page.getByRole('row', { name: /大宁路街道阳光之家/ });
  await expect(row).toContainText('周一至周五 08:30–16:00');
  await tabTo(page, row.getByRole('button', { name: '编辑 大宁路街道阳光之家' }));
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: '编辑 大宁路街道阳光之家' });
  await expect(dialog.getByLabel('名称')).toBeFocused();
  // Saturday: add a period, make it end before it starts.
  await tabTo(page, dialog.getByRole('button', { name: '周六加一段' }));
  await page.keyboard.press('Enter');
  const from = dialog.getByLabel('周六第 1 段开始');
  const to = dialog.getByLabel('周六第 1 段结束');
  // Focus moves to the new period.
  await expect(from).toBeFocused();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('9:00');
  await page.keyboard.press('Tab');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('08:00');
  await tabTo(page, dialog.getByRole('button', { name: '保存' }));
  await page.keyboard.press('Enter');
  const summary = dialog.locator('.error-summary');
  await expect(summary).toContainText('周六第 1 段：结束时间要晚于开始时间。');
  await expect(to).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page, 'centre dialog with an hours error');
  await shot(page, 'centre-hours-error', false);
  // The summary's link takes the keyboard to the period.
  await summary.getByRole('link').first().focus();
  await page.keyboard.press('Enter');
  await expect(from).toBeFocused();
  await to.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('1130');
  await tabTo(page, dialog.getByRole('button', { name: '保存' }));
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByText('已保存 大宁路街道阳光之家。')).toBeVisible();
  await expect(row).toContainText('周六 09:00–11:30');
  // Put the centre's hours back (its zone follows them; later journeys expect weekdays only).
  const centres = (await (await page.request.get('/api/v1/tracking/centres')).json()) as {
    id: string;
    name: string;
    version: number;
    openingHours: Record<string, unknown>;
  }[];
  const daning = centres.find((c) => c.name === '大宁路街道阳光之家')!;
  const { '6': _saturday, ...weekdays } = daning.openingHours;
  const restored = await page.request.patch(`/api/v1/tracking/centres/${daning.id}`, {
    data: { openingHours: weekdays },
    headers: await writeHeaders(page, { 'if-match': String(daning.version) }),
  });
  expect(restored.status(), await restored.text()).toBe(200);

  await page.goto('/tracking/settings');
  await expect(page.locator('h1')).toHaveText('定位设置');
  const low = page.getByLabel('低电量提醒（%）');
  await expect(low).toHaveValue('15');
  await low.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('150');
  await tabTo(page, page.getByRole('button', { name: '保存' }));
  await page.keyboard.press('Enter');
  await expect(page.locator('.error-summary')).toContainText('“低电量提醒（%）”要在 0 到 100 之间。');
  await expectNoAxeViolations(page, 'settings with an error');
  await low.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('20');
  await tabTo(page, page.getByRole('button', { name: '保存' }));
  await page.keyboard.press('Enter');
  await expect(page.getByText('定位设置已保存。', { exact: true }).first()).toBeVisible();
  const saved = await page.request.get('/api/v1/tracking/settings');
  expect((await saved.json()).lowBatteryPercent).toBe(20);
  // Put it back for other journeys.
  const back = await page.request.put('/api/v1/tracking/settings', {
    data: { lowBatteryPercent: 15 },
    headers: await writeHeaders(page),
  });
  expect(back.status()).toBe(200);
});

test('the escalation ladder with the keyboard: a wrong wait is named, then a level is changed and one added', async ({
  page,
}) => {
  await signIn(page, 'admin');
  const before = (await (await page.request.get('/api/v1/tracking/settings')).json()) as {
    escalationLadder: unknown[];
  };
  await page.goto('/tracking/settings');
  await expect(page.getByRole('group', { name: '警报升级：每一级通知谁' })).toBeVisible();
  const level1 = page.getByRole('group', { name: '第 1 级' });
  const wait1 = level1.getByLabel('上一级通知后等待（分钟）');
  await wait1.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('0');
  await tabTo(page, page.getByRole('button', { name: '保存' }));
  await page.keyboard.press('Enter');
  await expect(page.locator('.error-summary')).toContainText(
    '第 1 级的等待分钟数要是 1 到 1440 之间的整数，或者留空。',
  );
  await expect(wait1).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page, 'ladder with an error');

  await wait1.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('5');
  // Level 1: Space on the guardians' checkbox turns them off (or on again).
  await level1.getByLabel('学员的监护人（有账号的）').focus();
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: '增加一级' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('group', { name: `第 ${before.escalationLadder.length} 级` })).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: '保存' }));
  await page.keyboard.press('Enter');
  await expect(page.getByText('定位设置已保存。', { exact: true }).first()).toBeVisible();
  const saved = (await (await page.request.get('/api/v1/tracking/settings')).json()) as {
    escalationLadder: { groups: string[]; afterMinutes: number | null }[];
  };
  expect(saved.escalationLadder).toHaveLength(before.escalationLadder.length + 1);
  expect(saved.escalationLadder[1]).toMatchObject({ afterMinutes: 5 });
  const groups1 = (before.escalationLadder[1] as { groups: string[] }).groups;
  const expected = groups1.includes('guardians')
    ? groups1.filter((g) => g !== 'guardians')
    : [...groups1, 'guardians'];
  expect([...saved.escalationLadder[1]!.groups].sort()).toEqual(expected.sort());
  await expectNoAxeViolations(page, 'ladder saved');
  // Put it back for other journeys.
  const back = await page.request.put('/api/v1/tracking/settings', {
    data: { escalationLadder: before.escalationLadder },
    headers: await writeHeaders(page),
  });
  expect(back.status(), await back.text()).toBe(200);
});
