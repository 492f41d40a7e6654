/**
 * Hospital accompaniment in the browser, keyboard only (Tab, arrows, Space, Enter, typing): the
 * demo resident books a visit — sending the empty form first (the Chinese error summary takes
 * focus), then a valid booking with the confirmation and its reference — sees it in 我的陪诊,
 * changes its date and cancels it; demo_volunteer accepts a visit offered by the automatic
 * assignment; the demo guardian rates their ward's finished visit in words. axe on every step.
 */
import { test, expect, type Locator, type Page } from '@playwright/test';
import { expectNoAxeViolations, signIn, signInResident, writeHeaders } from './helpers.js';

const RESIDENT = '17000000001';
const GUARDIAN = '17000000002';

/** Presses Tab until the locator has focus (a keyboard user's way to a control). */
async function tabTo(page: Page, target: Locator, max = 250) {
  for (let i = 0; i < max && !(await target.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(target).toBeFocused();
}

test('keyboard only: the resident books a hospital visit, sees it in 我的陪诊 and cancels it', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signInResident(page, RESIDENT);

  // 我的陪诊: the seeded visit to come (a volunteer confirmed) and the rated one before.
  await page.goto('/me/accompaniment');
  await expect(page.locator('h1')).toHaveText('我的陪诊');
  await expect(page.getByText(/已确认：.+ 陪您就医/)).toBeVisible();
  await expect(page.getByText('您的评价：很满意。')).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expectNoAxeViolations(page, 'my accompaniment');
  await tabTo(page, page.getByRole('link', { name: '预约陪同就医' }).last());
  await page.keyboard.press('Enter');
  await expect(page.locator('h1')).toHaveText('预约陪同就医');
  await page.waitForLoadState('networkidle');
  await expectNoAxeViolations(page, 'book a visit');
  await page.screenshot({ path: 'test-results/accompaniment-book.png', fullPage: true });

  // Sending nothing: the errors in Chinese, in the summary (which takes focus) and on the fields.
  await tabTo(page, page.getByRole('button', { name: '确认预约' }));
  await page.keyboard.press('Enter');
  const summary = page.getByRole('alert').filter({ hasText: '请填写“需要什么帮助”。' });
  await expect(summary).toBeVisible();
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('请填写“去哪家医院”。');
  await expect(summary).toContainText('请填写“哪一天”。');
  await expect(summary).toContainText('请填写“看哪个科室”。');
  await expectNoAxeViolations(page, 'book a visit with errors');

  // The help: radio cards, chosen with Space.
  await tabTo(page, page.getByRole('radio', { name: /手语翻译/ }));
  await page.keyboard.press('Space');
  await expect(page.getByRole('radio', { name: /手语翻译/ })).toBeChecked();
  // The hospital: 上海市第十人民医院, with the arrow keys.
  await tabTo(page, page.getByRole('radio', { name: /华东医院/ }));
  await page.keyboard.press('Space');
  const shiyuan = page.getByRole('radio', { name: /上海市第十人民医院/ });
  for (let i = 0; i < 3 && !(await shiyuan.isChecked()); i++) await page.keyboard.press('ArrowDown');
  await expect(shiyuan).toBeChecked();
  // The date: the first one that can be chosen (Tab lands on it: disabled ones are skipped).
  const firstOpen = page.getByRole('radio', { name: /还可以预约/ }).first();
  await tabTo(page, firstOpen);
  await page.keyboard.press('Space');
  await expect(firstOpen).toBeChecked();
  // The department: typed into the searchable list, chosen with Enter.
  const department = page.getByRole('combobox', { name: '看哪个科室' });
  await tabTo(page, department);
  await page.keyboard.type('耳鼻');
  await page.keyboard.press('Enter');
  await expect(page.locator('.ant-select-content, .ant-select-selection-item').first()).toContainText(
    '耳鼻喉科',
  );
  await tabTo(page, page.getByLabel(/想告诉志愿者的话/));
  await page.keyboard.type('第一次去这家医院（端到端）');
  await expectNoAxeViolations(page, 'book a visit, filled in');
  await tabTo(page, page.getByRole('button', { name: '确认预约' }));
  await page.keyboard.press('Enter');

  // The confirmation: the heading has focus, the reference is read out, the meeting point shown.
  await expect(page.getByRole('heading', { name: '预约成功' })).toBeFocused();
  const ref = (await page.getByTestId('acc-ref').textContent())!.trim();
  expect(ref).toMatch(/^PZ-\d{4}-\d{6}$/);
  await expect(page.getByTestId('live-region')).toContainText('预约编号是 P Z');
  await expect(page.getByText('门诊楼一楼志愿者服务台', { exact: true })).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expectNoAxeViolations(page, 'visit booked');

  // 我的陪诊 lists it among the visits to come, volunteer not yet confirmed; cancel it.
  await tabTo(page, page.getByRole('link', { name: '查看我的陪诊' }));
  await page.keyboard.press('Enter');
  await expect(page.locator('h1')).toHaveText('我的陪诊');
  const card = page.locator(`article[data-ref="${ref}"]`);
  await expect(card).toContainText('上海市第十人民医院 — 已预约');
  await expect(card).toContainText('正在安排志愿者');
  await expect(card).toContainText('耳鼻喉科');
  await page.waitForLoadState('networkidle');
  await expectNoAxeViolations(page, 'my accompaniment with the new visit');
  await page.screenshot({ path: 'test-results/accompaniment-my-visits.png', fullPage: true });

  // Change the date: the dialog offers the other dates at the same hospital; choose the first open one.
  const before = await card.locator('dd').first().textContent();
  await tabTo(page, card.getByRole('button', { name: '改日期' }));
  await page.keyboard.press('Enter');
  const move = page.getByRole('dialog', { name: '改日期' });
  await expect(move).toBeVisible();
  await expect(move.getByText(/现在的预约：/)).toBeFocused();
  await expect(move.getByRole('radio', { name: /还可以预约/ }).first()).toBeVisible();
  await expectNoAxeViolations(page, 'reschedule dialog');
  const newDate = move.getByRole('radio', { name: /还可以预约/ }).first();
  await tabTo(page, newDate);
  await page.keyboard.press('Space');
  await expect(newDate).toBeChecked();
  await tabTo(page, move.getByRole('button', { name: '确认改期' }));
  await page.keyboard.press('Enter');
  await expect(move).toBeHidden();
  await expect(page.getByTestId('live-region')).toContainText(`预约 ${ref} 已改期`);
  await expect(card.locator('dd').first()).not.toHaveText(before!);

  await tabTo(page, card.getByRole('button', { name: '取消预约' }));
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: '取消预约' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('取消的原因')).toBeFocused();
  // Without a reason: said in Chinese.
  await tabTo(page, dialog.getByRole('button', { name: '确认取消' }));
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('alert')).toContainText('请写一下取消的原因');
  await expectNoAxeViolations(page, 'cancel dialog with an error');
  await tabTo(page, dialog.getByLabel('取消的原因'));
  await page.keyboard.type('时间不方便');
  await tabTo(page, dialog.getByRole('button', { name: '确认取消' }));
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('live-region')).toContainText(`预约 ${ref} 已取消`);
  await expect(card).toContainText('上海市第十人民医院 — 已取消');
  await expectNoAxeViolations(page, 'my accompaniment after cancelling');
  const mine = (await (await page.request.get('/api/v1/me/accompaniment/bookings')).json()) as {
    ref: string;
    state: string;
  }[];
  expect(mine.find((b) => b.ref === ref)?.state).toBe('cancelled');
});

interface Occ {
  sessionId: string;
  hospitalId: string;
  date: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
  booked: number;
  services: string[];
  off: unknown;
}

test('keyboard only: demo_volunteer accepts a visit the automatic assignment offered', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  // The coordinator runs the assignment first (the demo's open bookings get their offers).
  const coordContext = await browser.newContext();
  const coord = await coordContext.newPage();
  await signIn(coord, 'demo_coordinator');
  const run = await coord.request.post('/api/v1/accompaniment/assign', {
    headers: await writeHeaders(coord),
  });
  expect(run.status(), await run.text()).toBe(200);

  // A date in the next 13 days when demo_volunteer serves nothing yet (华东 or 十院: inside their hours).
  await signIn(page, 'demo_volunteer');
  const busy = (
    (await (await page.request.get('/api/v1/me/accompaniment/offers')).json()) as {
      state: string;
      booking: { startsAt: string; endsAt: string };
    }[]
  ).filter((o) => o.state === 'offered' || o.state === 'accepted');
  const hospitals = (await (await coord.request.get('/api/v1/accompaniment/hospitals')).json()) as {
    id: string;
    code: string;
  }[];
  const served = new Set(hospitals.filter((h) => h.code !== 'shibei').map((h) => h.id));
  const cal = (await (await coord.request.get('/api/v1/accompaniment/calendar')).json()) as Occ[];
  const soon = Date.now() + 13 * 86_400_000;
  const occ = cal.find(
    (o) =>
      served.has(o.hospitalId) &&
      !o.off &&
      o.booked < o.capacity &&
      o.services.includes('sign_language') &&
      Date.parse(o.startsAt) > Date.now() &&
      Date.parse(o.startsAt) < soon &&
      !busy.some(
        (b) =>
          Date.parse(b.booking.startsAt) < Date.parse(o.endsAt) &&
          Date.parse(o.startsAt) < Date.parse(b.booking.endsAt),
      ),
  );
  expect(occ, 'a free date for demo_volunteer in the next 13 days').toBeTruthy();

  // The demo guardian books it for their ward (through the API); the coordinator runs the assignment.
  const guardianContext = await browser.newContext();
  const guardian = await guardianContext.newPage();
  await signInResident(guardian, GUARDIAN);
  const booked = await guardian.request.post('/api/v1/me/accompaniment/bookings', {
    data: {
      sessionId: occ!.sessionId,
      date: occ!.date,
      service: 'sign_language',
      department: '内科',
      note: '',
    },
    headers: await writeHeaders(guardian),
  });
  expect(booked.status(), await booked.text()).toBe(201);
  const { ref } = (await booked.json()) as { ref: string };
  // (The server's worker runs the assignment too: the offer may be there before this run.)
  const again = await coord.request.post('/api/v1/accompaniment/assign', {
    headers: await writeHeaders(coord),
  });
  expect(again.status(), await again.text()).toBe(200);
  await expect
    .poll(async () => {
      const list = (await (await page.request.get('/api/v1/me/accompaniment/offers')).json()) as {
        state: string;
        booking: { ref: string };
      }[];
      return list.find((o) => o.booking.ref === ref)?.state;
    })
    .toBe('offered');
  await guardianContext.close();
  await coordContext.close();

  // 我的陪诊任务: the offer, with the resident's name, hospital, time, department; accept it.
  await page.goto('/me/accompaniment/offers');
  await expect(page.locator('h1')).toHaveText('我的陪诊任务');
  const card = page.locator(`article[data-ref="${ref}"]`);
  await expect(card).toContainText('内科');
  await expect(card).toContainText('手语翻译');
  await page.waitForLoadState('networkidle');
  await expectNoAxeViolations(page, 'my accompaniment offers');
  await page.screenshot({ path: 'test-results/accompaniment-offers.png', fullPage: true });
  await tabTo(page, card.getByRole('button', { name: '接受' }));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('live-region')).toContainText(`已接受任务 ${ref}`);
  const accepted = page.getByRole('heading', { name: /我接受的任务/ });
  await expect(accepted).toBeVisible();
  await expect(card).toContainText('（已预约）');
  await expect(card.getByRole('button', { name: '接受' })).toHaveCount(0);
  await expectNoAxeViolations(page, 'my accompaniment offers after accepting');
  const offers = (await (await page.request.get('/api/v1/me/accompaniment/offers')).json()) as {
    state: string;
    booking: { ref: string };
  }[];
  expect(offers.find((o) => o.booking.ref === ref)?.state).toBe('accepted');
});

test('keyboard only: the demo guardian rates their ward’s finished visit in words', async ({ page }) => {
  test.setTimeout(120_000);
  await signInResident(page, GUARDIAN);
  await page.goto('/me/accompaniment');
  await expect(page.locator('h1')).toHaveText('我的陪诊');
  const form = page.getByRole('region', { name: '给这次服务打分' }).first();
  await expect(form).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expectNoAxeViolations(page, 'my accompaniment (guardian) with a visit to rate');
  // Sending without a choice: said in Chinese.
  await tabTo(page, form.getByRole('button', { name: '提交评价' }));
  await page.keyboard.press('Enter');
  await expect(form.getByRole('alert')).toContainText('请选择您的满意程度');
  await expectNoAxeViolations(page, 'rating with an error');
  // The choices are words (很满意 … 很不满意), chosen with the arrow keys.
  await tabTo(page, form.getByRole('radio', { name: '很满意' }));
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowDown');
  await expect(form.getByRole('radio', { name: '满意', exact: true })).toBeChecked();
  await tabTo(page, form.getByLabel(/想说的话/));
  await page.keyboard.type('志愿者带着孩子走完了全程（端到端）');
  await tabTo(page, form.getByRole('button', { name: '提交评价' }));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('live-region')).toContainText('谢谢您的评价！');
  await expect(page.getByText('您的评价：满意。')).toBeVisible();
  await expectNoAxeViolations(page, 'rated');
  const mine = (await (await page.request.get('/api/v1/me/accompaniment/bookings')).json()) as {
    rating: number | null;
    feedback: string;
  }[];
  expect(mine.some((b) => b.rating === 4 && b.feedback.includes('端到端'))).toBe(true);
});
