/**
 * Hospital accompaniment, staff pages, keyboard only: a coordinator opens the calendar of a fresh
 * test hospital, runs the assignment (the booking stays unfilled, the reasons said in words),
 * chooses a volunteer for it — one already busy at that time first, refused in Chinese on the
 * field — then the demo volunteer, who accepts; the hospital's desk checks the resident in and out
 * (minutes and steps); the statistics page counts the person-time. axe on each step.
 */
import { test, expect, type Page } from '@playwright/test';
import { chooseByTyping, expectNoAxeViolations, setPreferences, signIn } from './helpers.js';
import { apiAs } from './care-hours.helpers.js';
import { ok, staffScenario } from './accompaniment-staff.helpers.js';
import { E2E } from '../env.js';

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

/** A native select, with the keyboard: arrow down until it holds the value. */
async function arrowToValue(page: Page, select: ReturnType<Page['locator']>, value: string) {
  await tabTo(page, select);
  for (let i = 0; i < 200 && (await select.inputValue()) !== value; i++)
    await page.keyboard.press('ArrowDown');
  await expect(select).toHaveValue(value);
}

const sundayOf = (day: string) => {
  const wd = new Date(`${day}T00:00:00Z`).getUTCDay();
  return new Date(Date.parse(`${day}T00:00:00Z`) + ((7 - wd) % 7) * 86_400_000).toISOString().slice(0, 10);
};
const mondayOf = (day: string) => {
  const wd = new Date(`${day}T00:00:00Z`).getUTCDay();
  return new Date(Date.parse(`${day}T00:00:00Z`) - ((wd + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
};
const shanghaiToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** A volunteer whose name no other listed name contains (typing it picks exactly them). */
function distinct(vols: { id: string; name: string }[], not: string) {
  return vols.find((v) => v.id !== not && vols.every((w) => w.id === v.id || !w.name.includes(v.name)));
}

test('keyboard only: calendar, assignment, a refused then accepted volunteer, desk check-in and out, the person-time counted', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const s = await staffScenario();
  const [a, b] = s.bookings as [(typeof s.bookings)[0], (typeof s.bookings)[0]];
  const vols = await ok<{ items: { id: string; name: string }[] }>(
    await s.coord.ctx.get('/api/v1/care/volunteers?skill=blind_guiding&limit=200'),
  );
  const volApi = await apiAs('demo_volunteer');
  const me = await ok<{ profile: { id: string; name: string } }>(
    await volApi.ctx.get('/api/v1/care/me/volunteer'),
  );
  expect(
    vols.items.some((v) => v.id === me.profile.id),
    'demo_volunteer guides blind residents',
  ).toBe(true);
  expect(
    vols.items.filter((v) => v.name.includes(me.profile.name)).length,
    'the demo volunteer’s name is distinct',
  ).toBe(1);
  const busy = distinct(vols.items, me.profile.id);
  expect(busy, 'another volunteer with blind guiding').toBeTruthy();
  // The other volunteer is offered booking A: busy for the whole slot.
  await ok(
    await s.coord.ctx.post(`/api/v1/accompaniment/bookings/${a.id}/assign`, {
      data: { volunteerId: busy!.id, reason: '端到端测试：占用这个时段' },
      headers: await s.coord.headers(),
    }),
  );
  const before = await ok<{ personTimes: number }>(await s.coord.ctx.get('/api/v1/accompaniment/stats'));

  // 陪诊日历: the test hospital's week; the occurrence's counts in words.
  await signIn(page, 'demo_coordinator');
  await page.goto('/accompaniment/calendar');
  await expect(page.locator('h1')).toHaveText('陪诊日历');
  // The menu lists the accompaniment pages together under 陪同就医.
  const group = page.getByRole('navigation', { name: '主菜单' }).getByRole('list', { name: '陪同就医' });
  await expect(group.getByRole('link', { name: '陪诊日历' })).toHaveAttribute('aria-current', 'page');
  await expect(group.getByRole('link')).toHaveText([
    '陪诊日历',
    '陪诊预约',
    '电话预约陪诊',
    '陪诊医院与门诊',
    '陪诊服务统计',
  ]);
  await arrowToValue(page, page.locator('#acc-cal-hospital'), s.hospital.id);
  if (s.slot.day > sundayOf(shanghaiToday())) {
    await tabTo(page, page.getByRole('button', { name: '下一周' }));
    await page.keyboard.press('Enter');
  }
  const open = page.getByRole('button', { name: `查看 ${s.slot.day} ${s.slot.startsAt} 的预约` });
  const row = page.locator('tr', { has: open });
  await expect(row).toContainText('已约 2 人，共 4 个名额');
  await expect(row).toContainText('2 人未安排志愿者');
  await page.waitForLoadState('networkidle');
  await expectNoAxeViolations(page, 'accompaniment calendar');

  // Run the assignment: nobody serves at the test hospital, so booking B stays unfilled, said why.
  await tabTo(page, page.getByRole('button', { name: '立即运行自动派单' }));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('acc-assign-counts')).toContainText('仍无人可派');
  const result = page.locator('.acc-refusals > li', { hasText: b.ref });
  await expect(result).toContainText(b.personName);
  await expect(result).toContainText('不在这家医院服务');
  await page.waitForLoadState('networkidle');
  await expectNoAxeViolations(page, 'assignment run');

  // The occurrence's bookings.
  await tabTo(page, open);
  await page.keyboard.press('Enter');
  await expect(page.locator('#acc-occ-h')).toBeFocused();
  const bRow = page.locator('#acc-occ-h ~ * tr', { hasText: b.personName });
  await expect(bRow).toContainText('未安排');
  await expectNoAxeViolations(page, 'occurrence bookings');

  // Choose a volunteer: the busy one first — refused on the field, in Chinese.
  await tabTo(page, page.getByRole('button', { name: `为 ${b.personName} 指派志愿者` }));
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  const picker = dialog.locator('#accOverride_volunteerId');
  await expect(picker).toBeFocused();
  await chooseByTyping(page, dialog, busy!.name);
  await tabTo(page, dialog.locator('#accOverride_reason'));
  await page.keyboard.type('熟悉眼科流程');
  await tabTo(page, dialog.getByRole('button', { name: '派给这位志愿者' }));
  await page.keyboard.press('Enter');
  await expect(dialog.locator('#accOverride_volunteerId_help')).toContainText(
    '该志愿者在这个时段已有其他陪诊任务',
  );
  await expectNoAxeViolations(page, 'override refused');

  // Then the demo volunteer.
  await tabTo(page, picker);
  await chooseByTyping(page, dialog, me.profile.name);
  await tabTo(page, dialog.getByRole('button', { name: '派给这位志愿者' }));
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(bRow).toContainText('已派单，待志愿者确认');
  await expectNoAxeViolations(page, 'override done');

  // The volunteer accepts (their own pages are the portal helper's).
  const offers = await ok<{ id: string; booking: { id: string } }[]>(
    await volApi.ctx.get('/api/v1/me/accompaniment/offers'),
  );
  const offer = offers.find((o) => o.booking.id === b.id);
  expect(offer, 'the offer reached the demo volunteer').toBeTruthy();
  await ok(
    await volApi.ctx.post(`/api/v1/me/accompaniment/offers/${offer!.id}/accept`, {
      data: {},
      headers: await volApi.headers(),
    }),
  );
  await volApi.ctx.dispose();

  // The test hospital's desk: a hospital_desk account made its desk.
  const admin = await apiAs('admin');
  const deskName = `e2e_desk_${s.stamp}`;
  const made = await ok<{ user: { id: string } }>(
    await admin.ctx.post('/api/v1/users', {
      data: {
        username: deskName,
        password: E2E.password,
        displayName: '测试医院服务台',
        roles: ['hospital_desk'],
      },
      headers: await admin.headers(),
    }),
    201,
  );
  await admin.ctx.dispose();
  await ok(
    await s.coord.ctx.put('/api/v1/accompaniment/desk-users', {
      data: { userId: made.user.id, hospitalId: s.hospital.id },
      headers: await s.coord.headers(),
    }),
  );
  await s.coord.ctx.dispose();

  await page.context().clearCookies();
  await signIn(page, deskName);
  await page.goto('/accompaniment/desk');
  await expect(page.locator('h1')).toHaveText('服务台');
  await expect(page.getByText(s.hospital.name)).toBeVisible();
  if (s.slot.day !== shanghaiToday()) {
    await tabTo(page, page.getByRole('button', { name: '后一天' }));
    await page.keyboard.press('Enter');
  }
  const card = page.locator('.acc-desk-card', { hasText: b.personName });
  await expect(card).toContainText(me.profile.name);
  await expect(card).toContainText('眼科');
  await page.waitForLoadState('networkidle');
  await expectNoAxeViolations(page, 'desk');

  await tabTo(page, card.getByRole('button', { name: `${b.personName} 签到` }));
  await page.keyboard.press('Enter');
  await expect(card).toContainText('已签到');
  await tabTo(page, card.getByRole('button', { name: `${b.personName} 签退` }));
  await page.keyboard.press('Enter');
  const out = page.getByRole('dialog');
  await expect(out.locator('#accCheckOut_minutes')).toBeFocused();
  await page.keyboard.type('95');
  for (const step of ['挂号', '就诊', '取药']) {
    await tabTo(page, out.getByRole('checkbox', { name: step }));
    await page.keyboard.press('Space');
  }
  await expectNoAxeViolations(page, 'check-out dialog');
  await tabTo(page, out.getByRole('button', { name: '确认签退' }));
  await page.keyboard.press('Enter');
  await expect(out).toBeHidden();
  await expect(card).toContainText('已完成');
  await expectNoAxeViolations(page, 'desk after check-out');

  // The statistics count the visit.
  await page.context().clearCookies();
  await signIn(page, 'demo_coordinator');
  await page.goto('/accompaniment/stats');
  await expect(page.locator('h1')).toHaveText('服务统计');
  await expect(page.getByTestId('acc-person-times')).toContainText(
    `已服务 ${before.personTimes + 1} 人次，全年目标 2000 人次`,
  );
  await expect(page.getByRole('progressbar')).toHaveAttribute(
    'aria-valuenow',
    String(before.personTimes + 1),
  );
  await page.waitForLoadState('networkidle');
  await expectNoAxeViolations(page, 'stats');
});

test('keyboard only: a coordinator adds a hospital with departments and a weekly session, books by the caller’s ID number (a wrong number refused in Chinese first), moves the booking and calls that occurrence off', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const stamp = Date.now().toString(36);
  const name = `键盘医院${stamp}`;
  await signIn(page, 'demo_coordinator');
  await page.goto('/accompaniment/hospitals');
  await expect(page.locator('h1')).toHaveText('医院与门诊安排');
  await page.waitForLoadState('networkidle');
  await expectNoAxeViolations(page, 'hospitals');

  // A hospital: name, code, two departments added and one removed with the keyboard.
  await tabTo(page, page.getByRole('button', { name: '添加医院' }));
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog.locator('#accHospital_name')).toBeFocused();
  await page.keyboard.type(name);
  await tabTo(page, dialog.locator('#accHospital_code'));
  await page.keyboard.type(`kb_${stamp}`);
  const addDept = dialog.getByRole('button', { name: '添加科室' });
  await tabTo(page, addDept);
  await page.keyboard.press('Enter');
  await expect(dialog.locator('#accHospital_departments_0_name')).toBeFocused();
  await page.keyboard.type('眼科');
  await tabTo(page, addDept);
  await page.keyboard.press('Enter');
  await expect(dialog.locator('#accHospital_departments_1_name')).toBeFocused();
  await page.keyboard.type('骨科');
  await expectNoAxeViolations(page, 'hospital dialog');
  await tabTo(page, dialog.getByRole('button', { name: '删除第 2 个科室' }));
  await page.keyboard.press('Enter');
  await expect(addDept).toBeFocused();
  await expect(dialog.locator('#accHospital_departments_1_name')).toHaveCount(0);
  await tabTo(page, dialog.getByRole('button', { name: '保存' }));
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  const row = page.locator('tr', { hasText: name });
  await expect(row).toContainText('1 个科室');

  // Its weekly session (the form's defaults: Tuesday 13:30–16:30, sign language and blind guiding).
  const hospitals = (await (await page.request.get('/api/v1/accompaniment/hospitals')).json()) as {
    id: string;
    name: string;
  }[];
  const hospital = hospitals.find((h) => h.name === name)!;
  await arrowToValue(page, page.locator('#acc-sessions-hospital'), hospital.id);
  await tabTo(page, page.getByRole('button', { name: `为 ${name} 添加每周门诊` }));
  await page.keyboard.press('Enter');
  const sessionDialog = page.getByRole('dialog');
  await expect(sessionDialog.locator('#accSession_weekday')).toBeFocused();
  await tabTo(page, sessionDialog.getByRole('button', { name: '保存' }));
  await page.keyboard.press('Enter');
  await expect(sessionDialog).toBeHidden();
  await expect(page.locator('#acc-sessions-h ~ * tr', { hasText: '周二' })).toContainText('13:30–16:30');
  await expectNoAxeViolations(page, 'hospital with a session');

  // A day off on a Sunday two weeks on (no session is held on Sundays), typed into the date field.
  const sunday = sundayOf(new Date(Date.now() + 8 * 3600_000 + 14 * 86_400_000).toISOString().slice(0, 10));
  await arrowToValue(page, page.locator('#acc-holiday-year'), sunday.slice(0, 4));
  await tabTo(page, page.locator('#accHoliday_date'));
  // The browser's date field takes month, day, year (each segment moves on when full).
  const [yy, mm, dd] = sunday.split('-') as [string, string, string];
  await page.keyboard.type(`${mm}${dd}${yy}`);
  await expect(page.locator('#accHoliday_date')).toHaveValue(sunday);
  await tabTo(page, page.locator('#accHoliday_name'));
  await page.keyboard.type('测试休息日');
  await tabTo(page, page.getByRole('button', { name: '添加', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page.locator('#acc-holidays-h ~ ul')).toContainText(
    `${sunday}（周日） 测试休息日：放假，停诊`,
  );

  // A real caller: a person of demo_street's area, their number revealed with a reason.
  const street = await apiAs('demo_street');
  const persons = await ok<{ items: { id: string; name: string }[] }>(
    await street.ctx.get('/api/v1/persons?limit=50'),
  );
  const person = persons.items[Math.floor(Math.random() * persons.items.length)]!;
  const revealed = await ok<{ idNumber: string }>(
    await street.ctx.post(`/api/v1/persons/${person.id}/reveal`, {
      data: { reason: '端到端测试：热线预约' },
      headers: await street.headers(),
    }),
  );
  await street.ctx.dispose();

  // 电话预约: a wrong number first.
  await page.goto('/accompaniment/book');
  await expect(page.locator('h1')).toHaveText('电话预约');
  await tabTo(page, page.locator('#accBook_idNumber'));
  await page.keyboard.type('110101190001011237');
  await tabTo(page, page.locator('#accBook_hospitalId'));
  await chooseByTyping(page, page, name);
  const firstDate = page.locator('#accBook_slot input[type=radio]').first();
  await tabTo(page, firstDate);
  await page.keyboard.press('Space');
  const firstService = page.locator('#accBook_service input[type=radio]').first();
  await tabTo(page, firstService);
  await page.keyboard.press('Space');
  await tabTo(page, page.locator('#accBook_department'));
  await page.keyboard.type('眼科');
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByRole('button', { name: '预约', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page.locator('#accBook_idNumber_help')).toContainText('未找到这个证件号码对应的人员');
  await expectNoAxeViolations(page, 'hotline booking refused');

  // The caller's number: booked, on the booking's page.
  await tabTo(page, page.locator('#accBook_idNumber'));
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(revealed.idNumber);
  await tabTo(page, page.getByRole('button', { name: '预约', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/accompaniment\/bookings\/[0-9a-f-]{36}$/);
  await expect(page.locator('h1')).toContainText('预约 ');
  await expect(page.locator('.acc-dl')).toContainText(person.name);
  await expect(page.locator('.acc-dl')).toContainText('热线预约');
  await expect(page.locator('.acc-dl')).toContainText(name);
  await expect(page.locator('.acc-dl')).toContainText('眼科');
  await page.waitForLoadState('networkidle');
  await expectNoAxeViolations(page, 'booking page');
  const bookingUrl = page.url();

  // 改约: to the next occurrence offered.
  const next = page.locator('#accReschedule_slot label').first();
  const nextDay = /\d{4}-\d{2}-\d{2}/.exec((await next.textContent()) ?? '')![0];
  await tabTo(page, page.locator('#accReschedule_slot input[type=radio]').first());
  await page.keyboard.press('Space');
  await tabTo(page, page.getByRole('button', { name: '改到这一场' }));
  await page.keyboard.press('Enter');
  await expect(page.locator('.acc-dl')).toContainText(nextDay);

  // The coordinator calls that occurrence off: warned that its booking is cancelled and told.
  await page.goto('/accompaniment/calendar');
  await arrowToValue(page, page.locator('#acc-cal-hospital'), hospital.id);
  const weeks = Math.round(
    (Date.parse(mondayOf(nextDay)) - Date.parse(mondayOf(shanghaiToday()))) / (7 * 86_400_000),
  );
  for (let i = 0; i < weeks; i++) {
    await tabTo(page, page.getByRole('button', { name: '下一周' }));
    await page.keyboard.press('Enter');
  }
  const openNext = page.getByRole('button', { name: `查看 ${nextDay} 13:30 的预约` });
  await expect(page.locator('tr', { has: openNext })).toContainText('已约 1 人，共 6 个名额');
  await tabTo(page, openNext);
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByRole('button', { name: '取消本场服务' }));
  await page.keyboard.press('Enter');
  const callOff = page.getByRole('dialog');
  await expect(callOff).toContainText('本场已有 1 个预约，取消后这些预约都会被取消，并通知居民。');
  await expect(callOff.locator('#accCancelOcc_reason')).toBeFocused();
  await expectNoAxeViolations(page, 'call off dialog');
  await page.keyboard.type('医院临时停诊');
  await tabTo(page, callOff.getByRole('button', { name: '确认取消本场' }));
  await page.keyboard.press('Enter');
  await expect(callOff).toBeHidden();
  await expect(page.locator('tr', { has: openNext })).toContainText('已取消：医院临时停诊');
  await expectNoAxeViolations(page, 'calendar with a called-off occurrence');
  await page.goto(bookingUrl);
  await expect(page.locator('.acc-dl')).toContainText('已取消');
});

test('a coordinator sets where a volunteer serves and which hospital a desk account serves, keyboard only', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, 'demo_coordinator');
  // A fresh volunteer, so the demo's own data is left as it is.
  const phone = `1709${String(Date.now()).slice(-7)}`;
  const made = await page.request.post('/api/v1/care/volunteers', {
    data: { name: '陪诊测试志愿者', phone, skills: [{ skill: 'sign_language', level: 2 }] },
    headers: {
      'x-csrf-token': (await page.context().cookies()).find((c) => c.name === 'jinglin_csrf')?.value ?? '',
      origin: E2E.baseURL,
    },
  });
  expect(made.status(), await made.text()).toBe(201);
  const vol = (await made.json()) as { id: string };
  await page.goto(`/care/volunteers/${vol.id}`);
  const section = page.getByRole('region', { name: '陪同就医：服务的医院' });
  await expect(section).toBeVisible();
  const huadong = section.getByRole('checkbox', { name: '华东医院' });
  await tabTo(page, huadong);
  await page.keyboard.press('Space');
  await expect(huadong).toBeChecked();
  await tabTo(page, section.getByRole('button', { name: '保存服务医院' }));
  await page.keyboard.press('Enter');
  await expect(page.getByText('服务医院已保存。')).toBeAttached();
  const saved = await page.request.get(`/api/v1/accompaniment/volunteers/${vol.id}/hospitals`);
  expect(((await saved.json()) as { hospitalIds: string[] }).hospitalIds).toHaveLength(1);
  await expectNoAxeViolations(page, 'volunteer hospitals');

  await page.goto('/accompaniment/hospitals');
  const desks = page.getByRole('region', { name: '服务台账号' });
  await expect(desks).toContainText('demo_desk');
  const hospitals = (await (await page.request.get('/api/v1/accompaniment/hospitals')).json()) as {
    id: string;
    name: string;
  }[];
  const shibei = hospitals.find((h) => h.name === '上海市市北医院')!;
  const deskUsers = (await (await page.request.get('/api/v1/accompaniment/desk-users')).json()) as {
    userId: string;
    username: string;
    hospitalId: string;
  }[];
  const demoDesk = deskUsers.find((u) => u.username === 'demo_desk')!;
  await arrowToValue(page, desks.getByLabel('服务台账号'), demoDesk.userId);
  await arrowToValue(page, desks.getByLabel('医院'), shibei.id);
  await tabTo(page, desks.getByRole('button', { name: '设为本院服务台' }));
  await page.keyboard.press('Enter');
  await expect(desks).toContainText('demo_desk）（上海市市北医院）');
  await expectNoAxeViolations(page, 'desk accounts');
  // Put the demo desk back at 华东医院 for the other journeys.
  const back = await page.request.put('/api/v1/accompaniment/desk-users', {
    data: { userId: demoDesk.userId, hospitalId: demoDesk.hospitalId },
    headers: {
      'x-csrf-token': (await page.context().cookies()).find((c) => c.name === 'jinglin_csrf')?.value ?? '',
      origin: E2E.baseURL,
    },
  });
  expect(back.status()).toBe(200);
});
