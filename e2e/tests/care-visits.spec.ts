/**
 * Home visits in the browser, keyboard only: a community worker finds an overdue pairing in
 * 我的待办, plans a visit, records it with the paired volunteer taking part; the pairing's next
 * visit moves a month on and the queue no longer lists it as overdue. Inline errors in Chinese;
 * axe on each page.
 */
import { test, expect, type Page } from '@playwright/test';
import { expectNoAxeViolations, setPreferences, signIn, writeHeaders } from './helpers.js';

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

const shanghaiDay = (offsetDays = 0) =>
  new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** A month on, kept to the month's end (31 Jan + 1 month = 28 Feb), as the server counts. */
function plusMonth(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const next = new Date(Date.UTC(y, m, Math.min(d, last)));
  return next.toISOString().slice(0, 10);
}

/** A fresh pairing of a family in demo_community's area with a volunteer, 40 days overdue, owned by demo_community. */
async function overduePairing(page: Page) {
  const me = (await (await page.request.get('/api/v1/auth/me')).json()) as { id: string };
  const persons = await page.request.get('/api/v1/persons?limit=50');
  expect(persons.status(), await persons.text()).toBe(200);
  const people = ((await persons.json()) as { items: { id: string; name: string }[] }).items;
  expect(people.length, 'demo_community sees persons').toBeGreaterThan(0);
  const person = people[Math.floor(Math.random() * people.length)]!;
  const vols = await page.request.get('/api/v1/care/volunteers?limit=5');
  expect(vols.status(), await vols.text()).toBe(200);
  const volunteer = ((await vols.json()) as { items: { id: string; name: string }[] }).items[0]!;
  const res = await page.request.post('/api/v1/care/pairings', {
    data: {
      personId: person.id,
      volunteerId: volunteer.id,
      startOn: shanghaiDay(-40),
      goals: '每月上门探访（端到端测试）',
      visitPlan: { every: 1, unit: 'month' },
      ownerUserId: me.id,
    },
    headers: await writeHeaders(page),
  });
  expect(res.status(), await res.text()).toBe(201);
  const pairing = (await res.json()) as { id: string; nextVisitOn: string };
  expect(pairing.nextVisitOn).toBe(shanghaiDay(-40));
  return { pairing, person, volunteer };
}

test('keyboard only: plan and record a visit with a volunteer; the next visit moves and the queue clears', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signIn(page, 'demo_community');
  const { pairing, person, volunteer } = await overduePairing(page);

  // 我的待办: the pairing is overdue, said in words.
  await page.goto('/care/queue');
  await expect(page.locator('h1')).toHaveText('我的待办');
  const link = page.locator(`a[href="/care/pairings/${pairing.id}"]`);
  await expect(link).toBeVisible();
  const row = page.locator('tr', { has: link });
  await expect(row).toContainText('逾期 40 天');
  await page.waitForLoadState('networkidle');
  await expectNoAxeViolations(page, 'care queue');

  // The pairing page.
  await tabTo(page, link);
  await page.keyboard.press('Enter');
  await expect(page.locator('h1')).toHaveText(person.name);
  await expect(page.getByTestId('pairing-next-visit')).toContainText('已逾期 40 天');
  await page.waitForLoadState('networkidle');
  await expectNoAxeViolations(page, 'pairing');

  // Plan a visit: the date defaults to the next visit due.
  await tabTo(page, page.getByRole('link', { name: '安排走访' }));
  await page.keyboard.press('Enter');
  await expect(page.locator('h1')).toHaveText('安排走访');
  await page.waitForLoadState('networkidle');
  await expectNoAxeViolations(page, 'plan visit');
  await tabTo(page, page.getByRole('button', { name: '安排走访' }));
  await page.keyboard.press('Enter');
  await expect(page.locator('h1')).toContainText(`走访 ${person.name}`);
  await expect(page.getByTestId('visit-state')).toHaveText('已计划');

  // Record it: minutes missing → the error in Chinese on the field and in the summary.
  await tabTo(page, page.getByRole('link', { name: '记录走访' }));
  await page.keyboard.press('Enter');
  await expect(page.locator('h1')).toHaveText(`记录走访：${person.name}`);
  await page.waitForLoadState('networkidle');
  await tabTo(page, page.getByRole('button', { name: '保存走访记录' }));
  await page.keyboard.press('Enter');
  const summary = page.getByRole('alert').filter({ hasText: '请填写时长（分钟）。' });
  await expect(summary).toBeVisible();
  await expect(summary).toBeFocused();
  await expectNoAxeViolations(page, 'record visit with an error');
  await tabTo(page, page.getByLabel('时长（分钟）', { exact: true }));
  await page.keyboard.type('60');
  // The paired volunteer is listed already; their minutes.
  await expect(page.locator('.participant-row')).toContainText(volunteer.name);
  await tabTo(page, page.getByLabel(/第 1 位参与人的时长/));
  await page.keyboard.type('45');
  await tabTo(page, page.getByLabel('走访情况（选填）'));
  await page.keyboard.type('老人身体尚好，需要助听器');
  await tabTo(page, page.getByRole('button', { name: '保存走访记录' }));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('visit-state')).toHaveText('已完成');
  await expect(page.getByText(`${volunteer.name}（志愿者，45 分钟）`)).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expectNoAxeViolations(page, 'visit done');

  // The pairing's next visit moved a month on from today, no longer overdue.
  await tabTo(page, page.getByRole('link', { name: '所属结对' }));
  await page.keyboard.press('Enter');
  await expect(page.locator('h1')).toHaveText(person.name);
  await expect(page.getByTestId('pairing-next-visit')).toHaveText(plusMonth(shanghaiDay()));

  // The queue no longer lists it.
  await page.goto('/care/queue');
  await expect(page.locator('h1')).toHaveText('我的待办');
  await page.waitForLoadState('networkidle');
  await expect(page.locator(`a[href="/care/pairings/${pairing.id}"]`)).toHaveCount(0);

  // The volunteer's hours: a service record of 45 minutes for the visit.
  const visits = await page.request.get(`/api/v1/care/visits?pairingId=${pairing.id}&state=done`);
  const [done] = (
    (await visits.json()) as { items: { participants: { volunteerId: string; minutes: number }[] }[] }
  ).items;
  expect(done!.participants).toEqual([expect.objectContaining({ volunteerId: volunteer.id, minutes: 45 })]);
});

test('keyboard only: a volunteer records a visit to one of their families; it counts as their time', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, 'demo_volunteer');
  const mine = await page.request.get('/api/v1/care/me/pairings');
  expect(mine.status(), await mine.text()).toBe(200);
  const family = (
    (await mine.json()) as {
      id: string;
      state: string;
      teamId: string | null;
      teamName: string | null;
      family: { name: string };
    }[]
  ).find((p) => p.state === 'active');
  expect(family, 'demo_volunteer is paired with a family').toBeTruthy();
  // The page tells a team's pairing from the volunteer's own (one family can be both).
  const label = `${family!.family.name}（${family!.teamId ? `${family!.teamName}结对` : '本人结对'}）`;

  await page.goto('/me/care');
  await expect(page.locator('h1')).toHaveText('我的结对家庭');
  await page.waitForLoadState('networkidle');
  await tabTo(page, page.getByRole('button', { name: `记录对 ${label} 的走访` }));
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: `记录对 ${label} 的走访` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('走访日期')).toBeFocused();
  // Without the length: the error in Chinese.
  await tabTo(page, dialog.getByRole('button', { name: '保存走访记录' }));
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('alert')).toContainText('请填写时长（分钟）。');
  await expectNoAxeViolations(page, 'my care, record dialog with an error');
  await tabTo(page, dialog.getByLabel('时长（分钟）'));
  await page.keyboard.type('35');
  await tabTo(page, dialog.getByRole('button', { name: '保存走访记录' }));
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  // The page's notice (the same words are also read out through the live region).
  await expect(
    page.locator('#main').getByRole('status').filter({ hasText: '已记录。谢谢您！' }),
  ).toBeVisible();
  await expect(page.getByRole('region', { name: '走访记录' })).toContainText('35 分钟');
  await expectNoAxeViolations(page, 'my care after recording');
});
