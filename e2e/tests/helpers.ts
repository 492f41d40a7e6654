import fs from 'node:fs';
import { expect, type Cookie, type Locator, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import type { LoginResult, SessionUser } from '@jinglin/shared';
import { E2E } from '../env.js';

export const TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'];

/** Signs in through the API (the browser context keeps the session and CSRF cookies). */
export async function signIn(page: Page, username: string, password = E2E.password) {
  const res = await page.request.post('/api/v1/auth/login', { data: { username, password } });
  expect(res.status(), await res.text()).toBe(200);
  return res.json();
}

/**
 * The session cookies of each staff account the a11y sweep signed in (this worker): a password
 * sign-in (argon2id on the server) once per account, not once per page. A saved session is reused
 * while the server still accepts it. Returns the signed-in user (GET /api/v1/auth/me).
 */
const staffSessions = new Map<string, Cookie[]>();

export async function signInReusingSession(page: Page, username: string): Promise<SessionUser> {
  const saved = staffSessions.get(username);
  if (saved) {
    await page.context().addCookies(saved);
    const me = await page.request.get('/api/v1/auth/me');
    if (me.ok()) return (await me.json()) as SessionUser;
    await page.context().clearCookies();
    staffSessions.delete(username);
  }
  const { user } = (await signIn(page, username)) as LoginResult;
  staffSessions.set(username, await page.context().cookies());
  return user;
}

export async function csrf(page: Page): Promise<string> {
  const cookies = await page.context().cookies();
  return cookies.find((c) => c.name === 'jinglin_csrf')?.value ?? '';
}

/** Headers for a changing API request from the page's session (CSRF token and origin). */
export async function writeHeaders(page: Page, extra: Record<string, string> = {}) {
  return { 'x-csrf-token': await csrf(page), origin: E2E.baseURL, ...extra };
}

export async function setPreferences(page: Page, prefs: { careMode?: boolean; language?: 'zh-CN' | 'en' }) {
  const res = await page.request.patch('/api/v1/auth/me/preferences', {
    data: prefs,
    headers: { 'x-csrf-token': await csrf(page), origin: E2E.baseURL },
  });
  expect(res.status(), await res.text()).toBe(200);
}

/**
 * axe-core with the WCAG 2.0/2.1/2.2 A and AA tags: zero violations, explained when not.
 *
 * `axe.run` in the page itself (AxeBuilder's "legacy mode"): the default runs `axe.runPartial` in
 * each frame and then `axe.finishRun` in a new blank tab, injecting axe-core's 570 kB again there —
 * twice the time, for isolating cross-origin iframes, which the web app has none of (same rules,
 * tags and results: compared on eight pages, every rule's nodes alike).
 */
export async function expectNoAxeViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).withTags(TAGS).setLegacyMode().analyze();
  const summary = results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join('\n    ')}`,
  );
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

/**
 * Chooses in a focused searchable select with the keyboard: types the text, waits until the
 * matching option is the active one (the list filters, or loads, as one types: an Enter pressed
 * before it settles chooses nothing), presses Enter, and waits until the select shows the choice.
 * `within`: the dialog or form that holds the select.
 */
export async function chooseByTyping(page: Page, within: Locator | Page, text: string) {
  await page.keyboard.type(text);
  await expect(page.locator('.ant-select-item-option-active', { hasText: text }).first()).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(within.locator('.ant-select-content-has-value', { hasText: text }).first()).toBeVisible();
}

/** The newest one-time code sent to a phone number (from the e2e server's file channel). */
export function lastCodeFor(phone: string): string | undefined {
  if (!fs.existsSync(E2E.outbox)) return undefined;
  const lines = fs.readFileSync(E2E.outbox, 'utf8').trim().split('\n').filter(Boolean);
  const msgs = lines.map(
    (l) => JSON.parse(l) as { address: string; template: string; payload: { code?: string } },
  );
  return msgs.filter((m) => m.address === phone && m.template === 'login_code').at(-1)?.payload.code;
}

/**
 * The session cookies of each resident signed in during this run: the server sends at most 5 codes
 * an hour to one number, and the a11y sweep and the journeys sign the same demo guardian in more
 * often than that. A saved session is reused while the server still accepts it.
 */
const residentSessions = new Map<string, Cookie[]>();

/** Signs a resident in through the API: a one-time code to the phone, read from the e2e channel. */
export async function signInResident(page: Page, phone: string) {
  const saved = residentSessions.get(phone);
  if (saved) {
    await page.context().addCookies(saved);
    const me = await page.request.get('/api/v1/auth/me');
    if (me.ok()) return me.json();
    await page.context().clearCookies();
    residentSessions.delete(phone);
  }
  const out = await signInWithCode(page, phone);
  residentSessions.set(phone, await page.context().cookies());
  return out;
}

async function signInWithCode(page: Page, phone: string) {
  const before = lastCodeFor(phone);
  const req = await page.request.post('/api/v1/auth/otp/request', {
    data: { phone },
    headers: { origin: E2E.baseURL },
  });
  expect(req.status(), await req.text()).toBe(202);
  await expect.poll(() => lastCodeFor(phone), { timeout: 10_000 }).not.toBe(before);
  const res = await page.request.post('/api/v1/auth/otp/verify', {
    data: { phone, code: lastCodeFor(phone) },
  });
  expect(res.status(), await res.text()).toBe(200);
  return res.json();
}
