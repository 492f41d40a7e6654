/** The hospital accompaniment demo seed: hospitals, sessions, willing volunteers, the desk, bookings; idempotent. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestEnv, PASSWORD, type TestEnv } from '../../test/harness.js';
import { seedDemo } from './demo.js';
import { seedPersons } from './persons.js';
import { linkDemoResidents } from './benefits.js';
import { seedCare } from './care.js';
import { seedAccompaniment } from './accompaniment.js';

let t: TestEnv;
let seconds = 0;
beforeAll(async () => {
  t = await createTestEnv();
  await seedDemo(t.p, { password: PASSWORD });
  await seedPersons(t.p, { count: 300, seed: 1 });
  await linkDemoResidents(t.p);
  await seedCare(t.p, { password: PASSWORD });
  const started = performance.now();
  const accounts = await seedAccompaniment(t.p, { password: PASSWORD });
  seconds = (performance.now() - started) / 1000;
  expect(accounts.map((a) => a.username)).toEqual(['demo_desk']);
}, 120_000);
afterAll(async () => t?.close());

async function login(username: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: PASSWORD },
  });
  expect(res.statusCode, res.body).toBe(200);
  return { authorization: `Bearer ${res.json().token as string}` };
}

/** A resident or guardian signs in as in the portal: a one-time code to the phone. */
async function codeAuth(phone: string) {
  await t.app.inject({ method: 'POST', url: '/api/v1/auth/otp/request', payload: { phone } });
  const code = t.sent.filter((m) => m.address === phone).at(-1)?.payload.code;
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/otp/verify',
    payload: { phone, code },
  });
  expect(res.statusCode, res.body).toBe(200);
  return { authorization: `Bearer ${res.json().token as string}` };
}

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

describe('accompaniment demo seed', () => {
  it('three hospitals with departments and meeting points; three weekly sessions (the weekly target)', async () => {
    const auth = await login('demo_coordinator');
    const hospitals = (
      await t.app.inject({ url: '/api/v1/accompaniment/hospitals', headers: auth })
    ).json() as {
      id: string;
      name: string;
      address: string;
      meetingPoint: string;
      departments: { name: string }[];
    }[];
    expect(hospitals.map((h) => h.name).sort()).toEqual(
      ['上海市市北医院', '上海市第十人民医院', '华东医院'].sort(),
    );
    expect(hospitals.find((h) => h.name === '华东医院')!.address).toBe('静安区延安西路221号');
    expect(hospitals.find((h) => h.name === '上海市第十人民医院')!.address).toBe('静安区延长中路301号');
    expect(hospitals.find((h) => h.name === '上海市市北医院')!.address).toBe('待核实');
    for (const h of hospitals) {
      expect(h.meetingPoint.length).toBeGreaterThan(0);
      expect(h.departments.map((d) => d.name)).toEqual(
        expect.arrayContaining(['耳鼻喉科', '眼科', '内科', '骨科']),
      );
    }
    const sessions = (
      await t.app.inject({ url: '/api/v1/accompaniment/sessions', headers: auth })
    ).json() as {
      weekday: number;
    }[];
    expect(sessions.length).toBeGreaterThanOrEqual(3);
    // The calendar of the next four weeks has at least three occurrences a week, with room.
    const cal = (await t.app.inject({ url: '/api/v1/accompaniment/calendar', headers: auth })).json() as {
      booked: number;
      capacity: number;
      off: unknown;
    }[];
    expect(cal.filter((o) => !o.off).length).toBeGreaterThanOrEqual(11);
    expect(cal.every((o) => o.booked < o.capacity)).toBe(true);
  });

  it('demo_volunteer is willing at all three hospitals; others with a matching skill at some', async () => {
    const rows = await t.p.database.rows<{ username: string | null; n: number }>(sql`
      SELECT u.username, count(*)::int AS n FROM acc_volunteer_hospitals w
      JOIN care_volunteers v ON v.id = w.volunteer_id LEFT JOIN users u ON u.id = v.user_id
      GROUP BY u.username, v.id`);
    expect(rows.find((r) => r.username === 'demo_volunteer')?.n).toBe(3);
    expect(rows.filter((r) => r.username === null).length).toBeGreaterThanOrEqual(6);
  });

  it('demo_desk signs in and sees 华东医院 as its desk', async () => {
    const auth = await login('demo_desk');
    const res = await t.app.inject({ url: '/api/v1/accompaniment/desk', headers: auth });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().hospital.name).toBe('华东医院');
  });

  it('the demo resident has a future booking confirmed by demo_volunteer and a past one rated', async () => {
    const res = await t.app.inject({
      url: '/api/v1/me/accompaniment/bookings',
      headers: await codeAuth('17000000001'),
    });
    expect(res.statusCode, res.body).toBe(200);
    const mine = res.json() as {
      date: string;
      state: string;
      ref: string;
      rating: number | null;
      volunteer: { name: string } | null;
      hospital: { meetingPoint: string };
    }[];
    const future = mine.filter((b) => b.date > today());
    const past = mine.filter((b) => b.date < today());
    expect(future).toHaveLength(1);
    expect(future[0]!.state).toBe('booked');
    expect(future[0]!.volunteer).not.toBeNull();
    expect(future[0]!.ref).toMatch(/^PZ-\d{4}-\d{6}$/);
    expect(past).toHaveLength(1);
    expect(past[0]!.state).toBe('completed');
    expect(past[0]!.rating).toBe(5);
    // The guardian's ward has a completed visit awaiting a rating.
    const ward = (
      await t.app.inject({
        url: '/api/v1/me/accompaniment/bookings',
        headers: await codeAuth('17000000002'),
      })
    ).json() as { state: string; rating: number | null }[];
    expect(ward.some((b) => b.state === 'completed' && b.rating === null)).toBe(true);
  });

  it('demo_volunteer sees the accepted assignment; completed visits counted their hours', async () => {
    const auth = await login('demo_volunteer');
    const offers = (await t.app.inject({ url: '/api/v1/me/accompaniment/offers', headers: auth })).json() as {
      state: string;
    }[];
    expect(offers.some((o) => o.state === 'accepted')).toBe(true);
    const [hours] = await t.p.database.rows<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM care_service_records WHERE source = 'accompaniment'`);
    expect(hours!.n).toBeGreaterThanOrEqual(3);
  });

  it('bookings in several states; refs unique; all synthetic persons of the registry', async () => {
    const states = await t.p.database.rows<{ state: string; n: number }>(
      sql`SELECT state, count(*)::int AS n FROM acc_bookings GROUP BY state`,
    );
    const by = Object.fromEntries(states.map((s) => [s.state, s.n]));
    expect(by.booked).toBeGreaterThanOrEqual(3);
    expect(by.completed).toBeGreaterThanOrEqual(3);
    expect(by.no_show).toBe(1);
    // Unfilled future bookings for the coordinator's assignment.
    const [unfilled] = await t.p.database.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM acc_bookings WHERE state = 'booked' AND volunteer_id IS NULL`,
    );
    expect(unfilled!.n).toBeGreaterThanOrEqual(2);
  });

  it('the automatic assignment offers the open bookings it can to demo_volunteer (inside their hours)', async () => {
    const auth = await login('demo_coordinator');
    const run = await t.app.inject({ method: 'POST', url: '/api/v1/accompaniment/assign', headers: auth });
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json().offered).toBeGreaterThanOrEqual(1);
  });

  it('is idempotent and fast', async () => {
    expect(seconds).toBeLessThan(5);
    expect(await seedAccompaniment(t.p, { password: PASSWORD })).toEqual([]);
    const [n] = await t.p.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM acc_hospitals`);
    expect(n!.n).toBe(3);
  });
});
