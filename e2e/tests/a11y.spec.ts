/** axe on every page of the web app, in Chinese, in care mode and in English. */
import { test, expect } from '@playwright/test';
import { PAGES, type PageDef } from '../../apps/web/src/routes.js';
import { expectNoAxeViolations, setPreferences, signIn } from './helpers.js';

/** A demo account that may open the page. */
function accountFor(page: PageDef): string | null {
  if (!page.needsLogin && page.layout !== 'any') return null;
  if (page.id === 'audit') return 'demo_auditor';
  if (page.id === 'break-glass') return 'demo_street';
  return 'admin';
}

const VARIANTS = [
  { name: 'zh-CN', prefs: { careMode: false, language: 'zh-CN' as const } },
  { name: 'care mode', prefs: { careMode: true, language: 'zh-CN' as const } },
  { name: 'English', prefs: { careMode: false, language: 'en' as const } },
];

// Preferences persist per user on the server: put them back so later journeys start in Chinese.
test.afterEach(async ({ page }) => {
  const me = await page.request.get('/api/v1/auth/me');
  if (me.ok()) await setPreferences(page, { careMode: false, language: 'zh-CN' });
});

for (const variant of VARIANTS) {
  test.describe(`every page, ${variant.name}`, () => {
    for (const p of PAGES) {
      test(`${p.id} (${p.url})`, async ({ page }) => {
        const account = accountFor(p);
        if (account) {
          await signIn(page, account);
          await setPreferences(page, variant.prefs);
        } else {
          await page.addInitScript((prefs) => {
            localStorage.setItem('jinglin.language', prefs.language);
            localStorage.setItem('jinglin.careMode', prefs.careMode ? '1' : '0');
          }, variant.prefs);
        }
        await page.goto(p.url);
        await expect(page.locator('h1')).toBeVisible();
        await page.waitForLoadState('networkidle');
        await expectNoAxeViolations(page, `${p.id} (${variant.name})`);
      });
    }
  });
}
