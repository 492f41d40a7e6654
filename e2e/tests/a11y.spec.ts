/** axe on every page of the web app, in Chinese, in care mode and in English. */
import { test, expect, type Page } from '@playwright/test';
import { PAGES, type PageDef } from '../../apps/web/src/routes.js';
import { demoVolunteerProof } from './care-hours.helpers.js';
import { accBookingSample } from './accompaniment-staff.helpers.js';
import type { SessionUser } from '@jinglin/shared';
import { E2E } from '../env.js';
import {
  expectNoAxeViolations,
  setPreferences,
  signInResident,
  signInReusingSession,
  writeHeaders,
} from './helpers.js';

/** A demo account that may open the page. */
function accountFor(page: PageDef): string | null {
  if (!page.needsLogin && page.layout !== 'any') return null;
  if (page.id === 'audit') return 'demo_auditor';
  if (page.id === 'break-glass') return 'demo_street';
  // The care network's organisations and volunteers as the volunteer coordinator (care.manage).
  if (CARE_NETWORK_PAGES.has(page.id)) return 'demo_coordinator';
  // The alert inbox as a day centre's staff (who see their trainees' alerts); the other tracking
  // administration pages (tracking.manage) as the administrator, below.
  if (page.id === 'tracking-alerts') return 'demo_centre';
  // The registry's pages: a street officer holds every persons.* permission.
  if (page.anyOf.some((p) => p.startsWith('persons.'))) return 'demo_street';
  // Benefits: the resident's own page, and the staff pages as a district officer (who holds them all).
  if (page.anyOf.includes('benefits.own')) return RESIDENT;
  if (page.anyOf.some((p) => p.startsWith('benefits.'))) return 'demo_district';
  // Tracking maps: a centre's live map and a watch's track as its staff (the zone editor,
  // tracking.manage, as the administrator); the guardian's page as the demo guardian.
  if (page.anyOf.includes('tracking.own')) return RESIDENT;
  // Pairings, visits and the worker's queue (care.pairings / care.visits) as a community worker.
  if (page.anyOf.includes('care.visits') || page.anyOf.includes('care.pairings')) return 'demo_community';
  // Needs cases (care.needs) as a street officer; the portal's needs (care.needs.own) as the demo guardian.
  if (page.anyOf.includes('care.needs.own')) return RESIDENT;
  // The portal's hospital visits (accompaniment.own) as the demo guardian; a volunteer's offers
  // (care.own) as demo_volunteer, below.
  if (page.anyOf.includes('accompaniment.own')) return RESIDENT;
  if (page.anyOf.includes('care.needs')) return 'demo_street';
  // Service hours: a volunteer's own pages as demo_volunteer; care.hours and care.settings pages
  // as a district officer.
  if (page.anyOf.includes('care.own')) return 'demo_volunteer';
  if (page.anyOf.includes('care.hours') || page.anyOf.includes('care.settings')) return 'demo_district';
  if (page.id === 'tracking-live' || page.id === 'tracking-track') return 'demo_centre';
  // Meetings and work plans (care.plans) as a district officer.
  if (page.anyOf.includes('care.plans') && page.id !== 'care-queue') return 'demo_district';
  // Accompaniment staff pages: the hospital desk as demo_desk (华东医院), the others as the
  // volunteer coordinator (accompaniment.read/manage/book).
  if (page.anyOf.includes('accompaniment.desk')) return 'demo_desk';
  if (page.anyOf.some((p) => p.startsWith('accompaniment.'))) return 'demo_coordinator';
  return 'admin';
}

/**
 * The demo guardian (signs in by phone and one-time code; a ward's benefits). The resident's number
 * is left to the journeys: the server sends at most 5 codes an hour to one number.
 */
const RESIDENT = 'phone:17000000002';

const CARE_NETWORK_PAGES = new Set<string>([
  'care-home',
  'care-organisations',
  'care-organisation',
  'care-volunteers',
  'care-volunteer-new',
  'care-volunteer',
  'care-volunteer-edit',
]);

/** The page's URL, with a real record for an ":id" (one the signed-in account may see). */
async function urlFor(page: Page, p: PageDef): Promise<string> {
  if (p.sample === 'program') {
    const res = await page.request.get('/api/v1/benefits/programs');
    expect(res.status(), await res.text()).toBe(200);
    const list = (await res.json()) as { code: string }[];
    expect(list.length, 'the demo programmes are seeded').toBeGreaterThan(0);
    return p.url.replace(':code', list[0]!.code);
  }
  if (p.sample === 'cycle') {
    const res = await page.request.get('/api/v1/benefits/cycles');
    expect(res.status(), await res.text()).toBe(200);
    const list = (await res.json()) as { id: string }[];
    expect(list.length, 'the demo district has payment cycles').toBeGreaterThan(0);
    return p.url.replace(':id', list[0]!.id);
  }
  if (p.sample === 'device') {
    const centres = await page.request.get('/api/v1/tracking/centres');
    expect(centres.status(), await centres.text()).toBe(200);
    const [first] = (await centres.json()) as { id: string }[];
    expect(first, 'the demo has day centres').toBeTruthy();
    const live = await page.request.get(`/api/v1/tracking/centres/${first!.id}/live`);
    expect(live.status(), await live.text()).toBe(200);
    const rows = (await live.json()) as { deviceId: string }[];
    expect(rows.length, "the demo centre's trainees wear watches").toBeGreaterThan(0);
    return p.url.replace(':id', rows[0]!.deviceId);
  }
  if (p.sample === 'project' || p.sample === 'meeting')
    return p.url.replace(':id', await planSample(page, p.sample));
  if (p.sample === 'pairing' || p.sample === 'visit')
    return p.url.replace(':id', await visitSample(page, p.sample));
  if (p.sample === 'volunteer' || p.sample === 'proof' || p.sample === 'myProof') {
    // demo_volunteer's profile, and a proof issued for them (made once per run).
    const demo = await demoVolunteerProof();
    return p.url.replace(':id', p.sample === 'volunteer' ? demo.volunteerId : demo.proofId);
  }
  if (p.sample === 'organisation') {
    const res = await page.request.get('/api/v1/care/organisations?limit=1');
    expect(res.status(), await res.text()).toBe(200);
    const { items } = (await res.json()) as { items: { id: string }[] };
    expect(items.length, 'the demo care network has organisations').toBeGreaterThan(0);
    return p.url.replace(':id', items[0]!.id);
  }
  if (p.sample === 'need') return p.url.replace(':id', await needSample(page));
  if (p.sample === 'accBooking') return p.url.replace(':id', await accBookingSample());
  if (p.sample !== 'person') return p.url;
  const res = await page.request.get('/api/v1/persons?limit=1');
  expect(res.status(), await res.text()).toBe(200);
  const { items } = (await res.json()) as { items: { id: string }[] };
  expect(items.length, 'the demo district has persons').toBeGreaterThan(0);
  return p.url.replace(':id', items[0]!.id);
}

/** A 暖心行动 project or a meeting to open: the first one, else one made now (district officer). */
async function planSample(page: Page, kind: 'project' | 'meeting'): Promise<string> {
  const path = kind === 'project' ? '/api/v1/care/projects' : '/api/v1/care/meetings';
  const res = await page.request.get(`${path}?limit=1`);
  expect(res.status(), await res.text()).toBe(200);
  const { items } = (await res.json()) as { items: { id: string }[] };
  if (items[0]) return items[0].id;
  const body =
    kind === 'project'
      ? {
          name: '无障碍测试项目',
          stages: [{ key: 's1', name: '走访摸底', tasks: [{ task: '入户', standard: '一户一档' }] }],
        }
      : {
          kind: 'joint_meeting',
          title: '无障碍测试会议',
          heldAt: '2026-03-02T09:30:00+08:00',
          attendees: [{ name: '来宾' }],
        };
  const made = await page.request.post(path, { data: body, headers: await writeHeaders(page) });
  expect(made.status(), await made.text()).toBe(201);
  return ((await made.json()) as { id: string }).id;
}

/** An active pairing, or a planned visit (else any visit), in the community worker's area. */
async function visitSample(page: Page, kind: 'pairing' | 'visit'): Promise<string> {
  const urls =
    kind === 'pairing'
      ? ['/api/v1/care/pairings?state=active&limit=1']
      : ['/api/v1/care/visits?state=planned&limit=1', '/api/v1/care/visits?limit=1'];
  for (const url of urls) {
    const res = await page.request.get(url);
    expect(res.status(), await res.text()).toBe(200);
    const { items } = (await res.json()) as { items: { id: string }[] };
    if (items[0]) return items[0].id;
  }
  throw new Error(`the demo seed has no ${kind} in demo_community's area`);
}

/** A needs case the signed-in street officer may see: the first in their area, else one opened for a person there. */
async function needSample(page: Page): Promise<string> {
  const res = await page.request.get('/api/v1/care/needs?limit=1');
  expect(res.status(), await res.text()).toBe(200);
  const [first] = ((await res.json()) as { items: { id: string }[] }).items;
  if (first) return first.id;
  const persons = await page.request.get('/api/v1/persons?limit=1');
  const [person] = ((await persons.json()) as { items: { id: string }[] }).items;
  expect(person, 'the demo street has persons').toBeTruthy();
  const made = await page.request.post('/api/v1/care/needs', {
    data: { personId: person!.id, source: 'counter', category: 'other', title: '咨询（无障碍检查）' },
    headers: await writeHeaders(page),
  });
  expect(made.status(), await made.text()).toBe(201);
  return ((await made.json()) as { id: string }).id;
}

/**
 * Signs the page in as the account (a saved session of this worker when the server still accepts
 * it: one password or one-time-code sign-in per account, not per page) and gives the account the
 * variant's preferences. They persist per user on the server, so they are changed only when the
 * server's differ (consecutive pages of one account and variant share them), and put back after
 * the sweep (test.afterAll) so later journeys start in Chinese without care mode.
 */
async function signInWithPreferences(page: Page, account: string, prefs: Preferences) {
  const me = account.startsWith('phone:')
    ? await residentMe(page, account.slice('phone:'.length))
    : await signInReusingSession(page, account);
  touched.add(account);
  const now = me.preferences;
  if (now?.careMode !== prefs.careMode || now?.language !== prefs.language) await setPreferences(page, prefs);
}

async function residentMe(page: Page, phone: string): Promise<SessionUser> {
  await signInResident(page, phone);
  const me = await page.request.get('/api/v1/auth/me');
  expect(me.status(), await me.text()).toBe(200);
  return (await me.json()) as SessionUser;
}

type Preferences = { careMode: boolean; language: 'zh-CN' | 'en' };
const ZH: Preferences = { careMode: false, language: 'zh-CN' };

const VARIANTS: { name: string; prefs: Preferences }[] = [
  { name: 'zh-CN', prefs: ZH },
  { name: 'care mode', prefs: { careMode: true, language: 'zh-CN' } },
  { name: 'English', prefs: { careMode: false, language: 'en' } },
];

/** The accounts this worker signed in (and may have left in care mode or English). */
const touched = new Set<string>();

// Preferences persist per user on the server: put them back so later journeys start in Chinese.
// (A worker that fails a test runs this before it stops; the next worker runs it again.)
test.afterAll(async ({ browser }) => {
  const context = await browser.newContext({ baseURL: E2E.baseURL });
  try {
    for (const account of touched) {
      await context.clearCookies();
      const page = await context.newPage();
      await signInWithPreferences(page, account, ZH);
      await page.close();
    }
  } finally {
    await context.close();
  }
});

/**
 * Each variant checks the web app's own markup, which no database changes, so CI checks each once:
 * Chinese and care mode on embedded PGlite (its first pass), English on PostgreSQL (its second).
 * Every page still renders against both databases. Set JINGLIN_E2E_ALL_VARIANTS=1 for all three
 * on either database.
 */
const variants = E2E.allVariants
  ? VARIANTS
  : process.env.TEST_DATABASE_URL
    ? VARIANTS.filter((v) => v.prefs.language === 'en')
    : VARIANTS.filter((v) => v.prefs.language === 'zh-CN');

for (const variant of variants) {
  test.describe(`every page, ${variant.name}`, () => {
    for (const p of PAGES) {
      test(`${p.id} (${p.url})`, async ({ page }) => {
        const account = accountFor(p);
        await test.step('sign in, preferences', async () => {
          if (account) {
            await signInWithPreferences(page, account, variant.prefs);
          } else {
            await page.addInitScript((prefs) => {
              localStorage.setItem('jinglin.language', prefs.language);
              localStorage.setItem('jinglin.careMode', prefs.careMode ? '1' : '0');
            }, variant.prefs);
          }
        });
        await test.step('open the page', async () => {
          await page.goto(await urlFor(page, p));
          await expect(page.locator('h1')).toBeVisible();
        });
        await test.step('wait until loaded', async () => {
          await page.waitForLoadState('networkidle');
          // The page's language follows its messages (English is loaded on demand).
          await expect(page.locator('html')).toHaveAttribute('lang', variant.prefs.language);
        });
        await test.step('axe', () => expectNoAxeViolations(page, `${p.id} (${variant.name})`));
      });
    }
  });
}
