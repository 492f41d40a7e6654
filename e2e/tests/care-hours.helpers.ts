/**
 * Service hours in the e2e runs: the demo volunteer's profile id, a service record and a proof of
 * service for them (issued by demo_district, with the issuer's facts filled in). Used by the a11y
 * sweep for the pages with a volunteer's or a proof's ":id", and by care-hours.spec.ts.
 */
import { expect, request, type APIRequestContext } from '@playwright/test';
import { E2E } from '../env.js';

export const ISSUER = {
  name: '上海市静安区残疾人联合会',
  personInCharge: '陈负责',
  handler: '王经办',
  contact: '021-62880000',
};

/** An API session of a demo account (its own cookies; CSRF and origin on writes). */
export async function apiAs(username: string) {
  const ctx = await request.newContext({ baseURL: E2E.baseURL });
  const res = await ctx.post('/api/v1/auth/login', { data: { username, password: E2E.password } });
  expect(res.status(), await res.text()).toBe(200);
  const headers = async (extra: Record<string, string> = {}) => {
    const csrf = (await ctx.storageState()).cookies.find((c) => c.name === 'jinglin_csrf')?.value ?? '';
    return { 'x-csrf-token': csrf, origin: E2E.baseURL, ...extra };
  };
  return { ctx, headers };
}

export async function ensureIssuer(api: {
  ctx: APIRequestContext;
  headers: (e?: Record<string, string>) => Promise<Record<string, string>>;
}) {
  const cur = await api.ctx.get('/api/v1/care/settings/issuer');
  expect(cur.status(), await cur.text()).toBe(200);
  const body = (await cur.json()) as typeof ISSUER & { version: number };
  if (body.personInCharge && body.handler && body.contact) return body;
  const put = await api.ctx.put('/api/v1/care/settings/issuer', {
    data: ISSUER,
    headers: await api.headers({ 'if-match': String(body.version) }),
  });
  expect(put.status(), await put.text()).toBe(200);
  return put.json();
}

let cached: { volunteerId: string; proofId: string } | null = null;

/** demo_volunteer's profile id and a proof issued for them (made once per run). */
export async function demoVolunteerProof(): Promise<{ volunteerId: string; proofId: string }> {
  if (cached) return cached;
  const vol = await apiAs('demo_volunteer');
  const me = await vol.ctx.get('/api/v1/care/me/volunteer');
  expect(me.status(), await me.text()).toBe(200);
  const volunteerId = ((await me.json()) as { profile: { id: string } }).profile.id;
  await vol.ctx.dispose();

  const staff = await apiAs('demo_district');
  await ensureIssuer(staff);
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const year = today.slice(0, 4);
  const rec = await staff.ctx.post(`/api/v1/care/volunteers/${volunteerId}/hours`, {
    data: {
      serviceDate: `${year}-01-02`,
      minutes: 150,
      activity: '助残日志愿服务',
      content: '现场引导和手语翻译',
    },
    headers: await staff.headers(),
  });
  expect(rec.status(), await rec.text()).toBe(201);
  const proof = await staff.ctx.post(`/api/v1/care/volunteers/${volunteerId}/proofs`, {
    data: { periodFrom: `${year}-01-01`, periodTo: today },
    headers: await staff.headers(),
  });
  expect(proof.status(), await proof.text()).toBe(201);
  cached = { volunteerId, proofId: ((await proof.json()) as { id: string }).id };
  await staff.ctx.dispose();
  return cached;
}
