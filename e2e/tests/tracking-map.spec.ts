/**
 * The tracking maps: a zone created from the keyboard alone with typed coordinates (and one with
 * a mistake first), the live map's table of the demo centre's trainees, a day's track moved with the
 * arrow keys, and the guardian's page — each checked with axe. Screenshots go to test-results.
 */
import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { expectNoAxeViolations, signIn, signInResident } from './helpers.js';

/** Screenshots to look at (the repository's test-results/, not kept in git). */
const SHOTS = path.resolve('test-results/tracking-map');

/** Press Tab until the element has focus (keyboard only; fails after `max` presses). */
async function tabTo(page: Page, selector: string, max = 40) {
  const target = page.locator(selector);
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

test('zone editor: a circle and a polygon created with the keyboard only, coordinates typed in', async ({
  page,
}) => {
  await signIn(page, 'admin');
  await page.goto('/tracking/zones');
  await expect(page.getByRole('heading', { level: 1, name: '安全区' })).toBeVisible();
  await expect(page.getByRole('region', { name: /安全区地图/ })).toBeVisible();
  await expect(page.getByText('未配置地图底图')).toBeVisible();

  await tabTo(page, '#zone-create');
  await page.keyboard.press('Enter');
  await expect(page.locator('#zone-editor-title')).toBeFocused();

  // Saving with nothing typed: the error summary takes focus and each field says what is wrong.
  await tabTo(page, 'form button[type=submit]');
  await page.keyboard.press('Enter');
  const summary = page.locator('.error-summary').first();
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('请填写安全区名称。');
  await expect(page.locator('#zone-name-error')).toHaveText('请填写安全区名称。');
  await expect(page.locator('#zone-center-lat-error')).toContainText('纬度须是 -90 到 90 之间的数字');
  await expectNoAxeViolations(page, 'zone editor with errors');

  await tabTo(page, '#zone-name');
  await page.keyboard.type('小花园（键盘）');
  await tabTo(page, '#zone-center-lat');
  await page.keyboard.type('31.3181');
  await page.keyboard.press('Tab');
  await expect(page.locator('#zone-center-lng')).toBeFocused();
  await page.keyboard.type('121.4510');
  await page.keyboard.press('Tab');
  await expect(page.locator('#zone-radius')).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('80');
  // Watched on chosen weekdays: the schedule's radio group, arrow keys.
  await tabTo(page, '#zone-schedule-centre');
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('#zone-schedule-custom')).toBeChecked();
  await tabTo(page, 'form button[type=submit]');
  await page.keyboard.press('Enter');
  const notice = page.locator('.notice-success').filter({ hasText: '已保存安全区“小花园（键盘）”' });
  await expect(notice).toBeVisible();
  const row = page.getByRole('row', { name: /小花园（键盘）/ });
  await expect(row).toContainText('半径 80 米');
  await expect(row).toContainText('周一、周二、周三、周四、周五 08:30–16:00');
  await expect(row).toContainText('31.3181000');

  // Edit it (PUT with If-Match): a mouse user clicks the map for the centre; the radius is typed.
  await page.getByRole('button', { name: '编辑安全区“小花园（键盘）”' }).click();
  await expect(page.locator('#zone-editor-title')).toBeFocused();
  await expect(page.locator('#zone-center-lat')).toHaveValue('31.3181000');
  const mapBox = (await page.getByRole('region', { name: /安全区地图/ }).boundingBox())!;
  await page.mouse.click(mapBox.x + mapBox.width / 2 + 40, mapBox.y + mapBox.height / 2);
  await expect(page.locator('#zone-center-lat')).not.toHaveValue('31.3181000');
  await expect(page.locator('#zone-center-lat')).toHaveValue(/^31\.3\d{5}/);
  await expect(page.locator('#zone-center-lng')).toHaveValue(/^121\.4\d{5}/);
  await page.locator('#zone-radius').fill('90');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(
    page.locator('.notice-success').filter({ hasText: '已保存安全区“小花园（键盘）”' }),
  ).toBeVisible();
  await expect(row).toContainText('半径 90 米');

  // A polygon: three vertices typed into the coordinates table.
  await tabTo(page, '#zone-create');
  await page.keyboard.press('Enter');
  await tabTo(page, '#zone-name');
  await page.keyboard.type('活动室（多边形）');
  await tabTo(page, '#zone-kind-circle');
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('#zone-kind-polygon')).toBeChecked();
  const vertices = [
    ['31.3175', '121.4502'],
    ['31.3179', '121.4502'],
    ['31.3179', '121.4508'],
  ];
  for (const [i, [lat, lng]] of vertices.entries()) {
    await tabTo(page, '#zone-add-point');
    await page.keyboard.press('Enter');
    await expect(page.locator(`#zone-point-${i + 1}-lat`)).toBeFocused();
    await page.keyboard.type(lat!);
    await page.keyboard.press('Tab');
    await expect(page.locator(`#zone-point-${i + 1}-lng`)).toBeFocused();
    await page.keyboard.type(lng!);
  }
  await expect(page.locator('.tm-vertex')).toHaveCount(3);
  await page.screenshot({ path: `${SHOTS}/zone-editor-polygon.png`, fullPage: true });
  await expectNoAxeViolations(page, 'zone editor, polygon');
  await tabTo(page, 'form button[type=submit]');
  await page.keyboard.press('Enter');
  await expect(
    page.locator('.notice-success').filter({ hasText: '已保存安全区“活动室（多边形）”' }),
  ).toBeVisible();
  await expect(page.getByRole('row', { name: /活动室（多边形）/ })).toContainText('多边形：3 个顶点');

  // Delete it again: the dialog opens on 取消; 删除 confirms; the notice says so.
  await tabTo(page, 'button[aria-label="删除安全区“活动室（多边形）”"]');
  await page.keyboard.press('Enter');
  await expect(page.locator('#zone-delete-no')).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(
    page.locator('.notice-success').filter({ hasText: '已删除安全区“活动室（多边形）”' }),
  ).toBeVisible();
  await expect(page.getByRole('row', { name: /活动室（多边形）/ })).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/zones.png`, fullPage: true });
  await expectNoAxeViolations(page, 'zones');
});

test("live map: the demo centre's trainees in the table next to the map, refreshed every 5 s", async ({
  page,
}) => {
  // The administrator is on no centre's staff: told so, no positions.
  await signIn(page, 'admin');
  await page.goto('/tracking/live');
  await expect(page.getByText('只有这个阳光之家的工作人员可以查看学员的位置')).toBeVisible();
  await expect(page.locator('.tm-marker')).toHaveCount(0);

  await signIn(page, 'demo_centre');
  await page.goto('/tracking/live');
  await expect(page.getByRole('heading', { level: 1, name: '实时位置' })).toBeVisible();
  const table = page.getByRole('region', { name: /学员位置列表/ }).getByRole('table');
  const rows = table.locator('tbody tr');
  await expect(rows.first()).not.toContainText('还没有');
  expect(await rows.count()).toBeGreaterThan(0);
  await expect(rows.first().locator('th')).not.toBeEmpty();
  await expect(rows.first()).toContainText(/在安全区内|在安全区外|未判断/);
  await expect(rows.first()).toContainText(/\d+%/);
  await expect(rows.first()).toContainText(/分钟前|小时前|刚刚/);
  await expect(page.getByRole('status').filter({ hasText: /共 \d+ 名学员：\d+ 人手表离线/ })).toBeVisible();
  // The markers carry text (initials), one per trainee with a fix.
  await expect(page.locator('.tm-marker')).toHaveCount(await rows.count());
  // Polling: the "last refreshed" time changes within ~5 s.
  const refresh = page.getByText(/每 5 秒自动刷新，最近一次/);
  const first = await refresh.textContent();
  await expect.poll(() => refresh.textContent(), { timeout: 12_000 }).not.toBe(first);
  await page.screenshot({ path: `${SHOTS}/live.png`, fullPage: true });
  await expectNoAxeViolations(page, 'live map');
});

test('track: the slider moves along the day with the arrow keys; invalid fixes marked', async ({ page }) => {
  await signIn(page, 'demo_centre');
  await page.goto('/tracking/live');
  const link = page.getByRole('link', { name: /查看.*的活动轨迹/ }).first();
  await link.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: /^\S+的活动轨迹$/ })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /共 \d+ 个定位点/ })).toBeVisible();
  const slider = page.getByRole('slider', { name: '时间滑块' });
  await expect(slider).toHaveAttribute(
    'aria-valuetext',
    /^\d{2}:\d{2}:\d{2}，第 30 个定位点，共 30 个，有效$/,
  );
  const last = await slider.getAttribute('aria-valuetext');
  await slider.focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(slider).toHaveAttribute('aria-valuetext', /第 28 个定位点，共 30 个/);
  await expect(page.locator('path.tm-track')).toHaveCount(1);
  await page.screenshot({ path: `${SHOTS}/track.png`, fullPage: true });
  expect(await slider.getAttribute('aria-valuetext')).not.toBe(last);
  await expect(page.locator('tr[aria-current="true"] th')).toContainText(
    (await slider.getAttribute('aria-valuetext'))!.slice(0, 8),
  );
  // The demo's invalid fix (the 13th): the slider says so, the list marks it.
  await page.keyboard.press('Home');
  for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveAttribute('aria-valuetext', /第 13 个定位点，共 30 个，无效定位/);
  await expect(page.locator('tr[aria-current="true"]')).toContainText('× 无效定位');
  await expect(page.locator('.tm-fix-bad')).toHaveCount(1);
  await page.screenshot({ path: `${SHOTS}/track-invalid-fix.png` });
  await expectNoAxeViolations(page, 'track');
});

test("guardian: the ward's last position in words and on a map, and the alerts", async ({ page }) => {
  await signInResident(page, '17000000002');
  await page.goto('/me/tracking');
  await expect(page.getByRole('heading', { level: 1, name: '定位手表' })).toBeVisible();
  const ward = page.getByRole('region', { name: /现在在哪里/ });
  await expect(ward).toContainText(/最后一次定位：\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  await expect(ward).toContainText(/手表电量：\d+%/);
  await expect(ward).toContainText(/安全区|监控时间/);
  const map = ward.getByRole('region', { name: /最后位置地图/ });
  await expect(map).toBeVisible();
  // The centre's safe zones (the demo's, and the one made above) are drawn around the marker.
  await expect(map.locator('path.tm-zone').first()).toBeAttached();
  await expect(map.locator('.tm-zone-label', { hasText: '安全区' }).first()).toBeVisible();
  await expect(map.locator('.tm-marker')).toHaveCount(1);
  await expect(page.getByRole('heading', { level: 2, name: '最近 30 天的提醒' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/guardian.png`, fullPage: true });
  await expectNoAxeViolations(page, 'guardian tracking');
});

test('320 px wide: the live map, the track and the zone editor reflow (tables scroll on their own)', async ({
  page,
}) => {
  await page.setViewportSize({ width: 320, height: 720 });
  const noSideways = async (label: string) => {
    await expect(page.locator('.tm-map').first()).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth), label).toBeLessThanOrEqual(320);
    await expectNoAxeViolations(page, `${label} at 320 px`);
  };
  await signIn(page, 'demo_centre');
  await page.goto('/tracking/live');
  await expect(
    page
      .getByRole('region', { name: /学员位置列表/ })
      .locator('tbody tr')
      .first(),
  ).toBeVisible();
  await noSideways('live map');
  await page.screenshot({ path: `${SHOTS}/live-320.png`, fullPage: true });
  await page
    .getByRole('link', { name: /查看.*的活动轨迹/ })
    .first()
    .click();
  await expect(page.getByRole('slider', { name: '时间滑块' })).toBeVisible();
  await noSideways('track');
  await signIn(page, 'admin');
  await page.goto('/tracking/zones');
  await page.locator('#zone-create').click();
  await page.locator('#zone-kind-polygon').check();
  await page.locator('#zone-add-point').click();
  await noSideways('zone editor');
  await page.screenshot({ path: `${SHOTS}/zones-320.png`, fullPage: true });
});

test.describe('with tiles', () => {
  // The server allows the configured tile host in its CSP (tracking.map.test.ts); this server has
  // none configured, so the page's CSP is bypassed for the fake tile host here.
  test.use({ bypassCSP: true });

  test('with tiles (an operator-configured URL, here served by the test): tiles drawn under the data, the attribution shown', async ({
    page,
  }) => {
    // A 1×1 beige PNG for every tile; the map settings say GCJ-02 tiles like AMap's.
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGN48ew+AAVnAq5689O4AAAAAElFTkSuQmCC',
      'base64',
    );
    const tiles: string[] = [];
    await page.route('https://tiles.example.test/**', (route) => {
      tiles.push(route.request().url());
      return route.fulfill({ status: 200, contentType: 'image/png', body: png });
    });
    await page.route('**/api/v1/tracking/map-config', (route) =>
      route.fulfill({
        json: {
          tileUrl: 'https://tiles.example.test/{z}/{x}/{y}.png',
          tileCrs: 'gcj02',
          attribution: '© 测试底图',
        },
      }),
    );
    await signIn(page, 'demo_centre');
    await page.goto('/tracking/live');
    const map = page.getByRole('region', { name: /学员位置地图/ });
    await expect(map.locator('img.leaflet-tile').first()).toBeAttached();
    await expect(map.getByText('© 测试底图')).toBeVisible();
    await expect(page.getByText('未配置地图底图')).toHaveCount(0);
    await expect(map.locator('.tm-marker').first()).toBeVisible();
    expect(tiles.length).toBeGreaterThan(0);
    expect(tiles[0]).toMatch(/^https:\/\/tiles\.example\.test\/\d+\/\d+\/\d+\.png$/);
    await page.screenshot({ path: `${SHOTS}/live-with-tiles.png` });
    await expectNoAxeViolations(page, 'live map with tiles');
  });
});
