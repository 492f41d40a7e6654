/** Tracking API: devices (uniqueId normalisation, binding with consent), zones, history limits and paging, auth codes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../../test/harness.js';
import { trackingOf } from './tracking.module.js';
import { at, makeTrainee, pos, positionCount, send, setup, type Fixture } from './tracking.test-utils.js';
import { makePerson } from '../benefits/benefits.test-utils.js';
import { seedPersons } from '../../seed/persons.js';
import { seedTracking } from '../../seed/tracking.js';
import { PASSWORD } from '../../../test/harness.js';

let t: TestEnv;
let f: Fixture;
beforeAll(async () => {
  t = await createTestEnv();
  f = await setup(t);
}, 60_000);
afterAll(async () => t?.close());

describe('tracking API', () => {
  it('registers a JT/T 808 device by its phone without leading zeros, refuses duplicates, issues and checks auth codes', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tracking/devices',
      headers: f.admin.auth,
      payload: { uniqueId: '013912345678', protocol: 'jt808', simPhone: '13912345678' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      uniqueId: '13912345678',
      personId: null,
      consent: false,
      status: 'unknown',
    });
    expect(res.body).not.toContain('simPhone');
    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tracking/devices',
      headers: f.admin.auth,
      payload: { uniqueId: '13912345678', protocol: 'jt808' },
    });
    expect(dup.statusCode).toBe(400);
    const sink = trackingOf(t.p).sink;
    expect(await sink.findDevice('0013912345678', 'jt808')).toMatchObject({ id: res.json().id });
    expect(await sink.registerTerminal('99999')).toEqual({ ok: false, result: 4 });
    const reg = await sink.registerTerminal('013912345678');
    expect(reg.ok).toBe(true);
    if (reg.ok) {
      expect(await sink.checkAuthCode('13912345678', reg.authCode)).toBe(true);
      expect(await sink.checkAuthCode('13912345678', 'nope')).toBe(false);
    }
  });

  it('binding with consent starts storage; without, nothing is stored; unbinding stops the trainee link', async () => {
    const d = await makeTrainee(t, f, { consent: false, zone: false });
    await send(t, d.device, [pos({ fixTime: at(0) })]);
    expect(await positionCount(t, d.device.id)).toBe(0);
    const bound = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tracking/devices/${d.device.id}/bind`,
      headers: f.admin.auth,
      payload: { personId: d.personId, consent: { by: '监护人', note: '同意书 2026-11' } },
    });
    expect(bound.statusCode, bound.body).toBe(200);
    expect(bound.json()).toMatchObject({ personId: d.personId, consent: true });
    await send(t, d.device, [pos({ fixTime: at(10) })]);
    expect(await positionCount(t, d.device.id)).toBe(1);
    const un = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tracking/devices/${d.device.id}/unbind`,
      headers: f.admin.auth,
    });
    expect(un.json()).toMatchObject({ personId: null, consent: false });
  });

  it('history is time-bounded (7 days at most) and paginated in fix-time order', async () => {
    const d = await makeTrainee(t, f, { zone: false });
    await send(
      t,
      d.device,
      [5, 1, 4, 2, 3].map((i) => pos({ fixTime: at(i * 10) })),
    );
    const base = `/api/v1/tracking/devices/${d.device.id}/positions`;
    const tooLong = await t.app.inject({
      url: `${base}?from=${at(-8 * 86400).toISOString()}&to=${at(0).toISOString()}`,
      headers: f.staff.auth,
    });
    expect(tooLong.statusCode).toBe(400);
    const seen: string[] = [];
    let cursor = '';
    for (let i = 0; i < 5; i++) {
      const r = await t.app.inject({
        url: `${base}?from=${at(0).toISOString()}&to=${at(3600).toISOString()}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        headers: f.staff.auth,
      });
      expect(r.statusCode, r.body).toBe(200);
      seen.push(...r.json().items.map((p: { fixTime: string }) => p.fixTime));
      cursor = r.json().nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual([1, 2, 3, 4, 5].map((i) => at(i * 10).toISOString()));
  });

  it('settings live in the database, changed by the administrator only', async () => {
    const get = await t.app.inject({ url: '/api/v1/tracking/settings', headers: f.admin.auth });
    expect(get.json()).toMatchObject({ exitConfirmFixes: 3, exitConfirmSeconds: 60, retentionDays: 90 });
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/tracking/settings',
      headers: f.admin.auth,
      payload: { retentionDays: 120 },
    });
    expect(put.json()).toMatchObject({ retentionDays: 120, exitConfirmFixes: 3 });
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/tracking/settings',
      headers: f.admin.auth,
      payload: { exitConfirmFixes: 0 },
    });
    expect(bad.statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/v1/tracking/settings', headers: f.staff.auth })).statusCode).toBe(
      403,
    );
    await t.app.inject({
      method: 'PUT',
      url: '/api/v1/tracking/settings',
      headers: f.admin.auth,
      payload: { retentionDays: 90 },
    });
  });

  it('zones: circle or polygon, changed with If-Match', async () => {
    const personId = await makePerson(t, f.worker);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tracking/zones',
      headers: f.admin.auth,
      payload: {
        name: '街区',
        kind: 'polygon',
        points: [
          { latitude: 31.31, longitude: 121.44 },
          { latitude: 31.32, longitude: 121.44 },
          { latitude: 31.32, longitude: 121.46 },
        ],
        schedule: { weekdays: [1, 2, 3, 4, 5], ranges: [{ from: '08:00', to: '17:00' }] },
        centreId: f.centreId,
        personId,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const z = res.json();
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/tracking/zones/${z.id}`,
      headers: { ...f.admin.auth, 'if-match': '"1"' },
      payload: {
        name: '街区',
        kind: 'circle',
        center: { latitude: 31.3175, longitude: 121.45 },
        radiusM: 200,
        schedule: { useCentreHours: true },
        centreId: f.centreId,
        personId,
      },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ kind: 'circle', radiusM: 200, version: 2 });
    const stale = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/tracking/zones/${z.id}`,
      headers: { ...f.admin.auth, 'if-match': '"1"' },
      payload: {
        name: 'x',
        kind: 'circle',
        center: { latitude: 31.3175, longitude: 121.45 },
        radiusM: 200,
        schedule: {},
        centreId: f.centreId,
      },
    });
    expect(stale.statusCode).toBe(412);
  });

  it('the demo: three centres with trainees (category 5) bound with consent, seen by demo_centre; idempotent', async () => {
    await seedPersons(t.p, { count: 400, seed: 7 });
    const accounts = await seedTracking(t.p, { password: PASSWORD });
    expect(accounts.map((a) => a.username)).toEqual(['demo_centre']);
    expect(await seedTracking(t.p, { password: PASSWORD })).toEqual([]);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'demo_centre', password: PASSWORD },
    });
    const auth = { authorization: `Bearer ${login.json().token}` };
    const centres = (await t.app.inject({ url: '/api/v1/tracking/centres', headers: auth })).json();
    const demo = centres.filter((c: { name: string }) => c.name.endsWith('街道阳光之家'));
    expect(demo).toHaveLength(3);
    let trainees = 0;
    for (const c of demo) {
      const live = await t.app.inject({ url: `/api/v1/tracking/centres/${c.id}/live`, headers: auth });
      expect(live.statusCode).toBe(200);
      trainees += live.json().length;
    }
    expect(trainees).toBeGreaterThan(0);
  });
});
