/**
 * Hospital accompaniment through HTTP: assignment (automatic, override, accept, decline), the visit
 * at the desk and the hours it adds, feedback, reminders, the unfilled alert and the counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { createTestEnv, makeUser, type TestEnv, type TestUser } from '../../../test/harness.js';
import { makePerson } from '../benefits/benefits.test-utils.js';
import { careServiceRecords } from '../care/hours/hours.tables.js';
import { accompanimentOf } from './accompaniment.module.js';
import { acc, accKit, inDays, makeHospitalSession, ok, type AccKit } from './accompaniment.test-utils.js';

let t: TestEnv;
let coordinator: TestUser;
let district: TestUser;
let street: TestUser;
let k: AccKit;
beforeAll(async () => {
  t = await createTestEnv();
  coordinator = await makeUser(t, ['volunteer_coordinator']);
  district = await makeUser(t, ['district_officer']);
  street = await makeUser(t, ['street_officer'], { streetCode: 'linfenlu' });
  k = accKit(t, coordinator, district);
});
afterAll(async () => t.close());

describe('assignment and the visit', () => {
  it('offers to an eligible volunteer, who accepts; checks in and out at the desk; hours recorded; feedback', async () => {
    const s = await makeHospitalSession(t, coordinator, inDays(3));
    const phone = `174${String(Date.now() % 1e8).padStart(8, '0')}`;
    const person = await makePerson(t, street, { phone });
    const resident = await makeUser(t, ['resident'], { phone });
    const b = await ok<{ id: string }>(await k.book(street, s, { personId: person }), 201);
    const guideOnly = await k.volunteerAt(s.hospitalId, [{ skill: 'blind_guiding', level: 3 }]);
    const signer = await k.volunteerAt(s.hospitalId);
    const run = await ok<{ offered: number }>(await acc(t, coordinator, 'POST', '/assign'));
    expect(run.offered).toBeGreaterThanOrEqual(1);
    expect(await ok<unknown[]>(await acc(t, guideOnly.user, 'GET', '/me/accompaniment/offers'))).toEqual([]);
    const offers = await ok<{ id: string; booking: { id: string; personName: string } }[]>(
      await acc(t, signer.user, 'GET', '/me/accompaniment/offers'),
    );
    const offer = offers.find((o) => o.booking.id === b.id)!;
    expect(offer).toBeDefined();
    expect(Object.keys(offer.booking).sort()).toEqual([
      'date',
      'department',
      'endsAt',
      'hospital',
      'id',
      'note',
      'personName',
      'ref',
      'service',
      'startsAt',
      'state',
    ]);
    await ok(await acc(t, signer.user, 'POST', `/me/accompaniment/offers/${offer.id}/accept`));
    const seen = await ok<{ volunteer: { id: string } | null }>(
      await acc(t, street, 'GET', `/bookings/${b.id}`),
    );
    expect(seen.volunteer?.id).toBe(signer.id);
    expect(
      (await k.delivered()).some((m) => m.userId === resident.id && m.template === 'accompaniment.volunteer'),
    ).toBe(true);

    // The desk of this hospital sees the day list with only what it needs; another desk does not.
    const desk = await makeUser(t, ['hospital_desk']);
    await ok(await acc(t, coordinator, 'PUT', '/desk-users', { userId: desk.id, hospitalId: s.hospitalId }));
    const desks = await ok<{ userId: string; hospitalId: string | null }[]>(
      await acc(t, coordinator, 'GET', '/desk-users'),
    );
    expect(desks.find((d) => d.userId === desk.id)?.hospitalId).toBe(s.hospitalId);
    expect(Object.keys(desks[0]!).sort()).toEqual(['displayName', 'hospitalId', 'userId', 'username']);
    const notDesk = await acc(t, coordinator, 'PUT', '/desk-users', {
      userId: coordinator.id,
      hospitalId: s.hospitalId,
    });
    expect(k.fieldCode(notDesk)).toMatchObject({ path: 'userId', code: 'not_a_desk' });
    const other = await makeHospitalSession(t, coordinator, inDays(3));
    const deskB = await makeUser(t, ['hospital_desk']);
    await ok(
      await acc(t, coordinator, 'PUT', '/desk-users', { userId: deskB.id, hospitalId: other.hospitalId }),
    );
    const day = await ok<{ rows: Record<string, unknown>[] }>(
      await acc(t, desk, 'GET', `/desk?date=${s.date}`),
    );
    expect(day.rows.map((r) => r.id)).toContain(b.id);
    expect(Object.keys(day.rows[0]!).sort()).toEqual([
      'checkedInAt',
      'checkedOutAt',
      'department',
      'endsAt',
      'id',
      'personName',
      'ref',
      'service',
      'startsAt',
      'state',
      'version',
      'volunteerName',
    ]);
    expect((await ok<{ rows: unknown[] }>(await acc(t, deskB, 'GET', `/desk?date=${s.date}`))).rows).toEqual(
      [],
    );
    expect((await acc(t, deskB, 'POST', `/bookings/${b.id}/check-in`)).statusCode).toBe(404);

    // Feedback before the visit is refused.
    const early = await acc(t, resident, 'POST', `/me/accompaniment/bookings/${b.id}/feedback`, {
      rating: 5,
    });
    expect(k.fieldCode(early)).toMatchObject({ code: 'feedback_after_visit' });
    await ok(await acc(t, desk, 'POST', `/bookings/${b.id}/check-in`));
    const out = await ok<{ state: string; minutes: number }>(
      await acc(t, signer.user, 'POST', `/bookings/${b.id}/check-out`, {
        minutes: 150,
        steps: ['registration', 'consultation', 'interpretation'],
        note: '就诊顺利',
      }),
    );
    expect(out).toMatchObject({ state: 'completed', minutes: 150 });
    const records = await t.p.database.db
      .select()
      .from(careServiceRecords)
      .where(and(eq(careServiceRecords.source, 'accompaniment'), eq(careServiceRecords.sourceId, b.id)));
    expect(records.map((r) => [r.volunteerId, r.minutes, r.state])).toEqual([[signer.id, 150, 'recorded']]);
    expect(records[0]!.content).toContain('挂号');
    const rated = await ok<{ rating: number; feedback: string }>(
      await acc(t, resident, 'POST', `/me/accompaniment/bookings/${b.id}/feedback`, {
        rating: 5,
        comment: '志愿者很耐心',
      }),
    );
    expect(rated).toMatchObject({ rating: 5, feedback: '志愿者很耐心' });
  });

  it('a decline goes to the next volunteer on the next run, never back; the override needs the skill and a free volunteer', async () => {
    const s = await makeHospitalSession(t, coordinator, inDays(2));
    const b = await ok<{ id: string }>(
      await k.book(street, s, { personId: await makePerson(t, street) }),
      201,
    );
    const a = await k.volunteerAt(s.hospitalId);
    const c = await k.volunteerAt(s.hospitalId);
    await ok(await acc(t, coordinator, 'POST', '/assign'));
    const holder = (
      await ok<{ booking: { id: string } }[]>(await acc(t, a.user, 'GET', '/me/accompaniment/offers'))
    ).some((o) => o.booking.id === b.id)
      ? a
      : c;
    const next = holder === a ? c : a;
    const [offer] = (
      await ok<{ id: string; booking: { id: string } }[]>(
        await acc(t, holder.user, 'GET', '/me/accompaniment/offers'),
      )
    ).filter((o) => o.booking.id === b.id);
    await ok(
      await acc(t, holder.user, 'POST', `/me/accompaniment/offers/${offer!.id}/decline`, {
        reason: '临时有事',
      }),
    );
    await ok(await acc(t, coordinator, 'POST', '/assign'));
    const nextOffers = await ok<{ booking: { id: string } }[]>(
      await acc(t, next.user, 'GET', '/me/accompaniment/offers'),
    );
    expect(nextOffers.some((o) => o.booking.id === b.id)).toBe(true);
    const holderOffers = await ok<{ state: string; booking: { id: string } }[]>(
      await acc(t, holder.user, 'GET', '/me/accompaniment/offers'),
    );
    expect(holderOffers.filter((o) => o.booking.id === b.id && o.state === 'offered')).toEqual([]);

    const guide = await k.volunteerAt(s.hospitalId, [{ skill: 'blind_guiding', level: 2 }]);
    const noSkill = await acc(t, coordinator, 'POST', `/bookings/${b.id}/assign`, {
      volunteerId: guide.id,
      reason: '电话确认',
    });
    expect(k.fieldCode(noSkill)).toMatchObject({ path: 'volunteerId', code: 'lacks_skill' });
    // `next` holds this booking's offer; a second booking at the same time cannot go to them.
    const b2 = await ok<{ id: string }>(
      await k.book(street, s, { personId: await makePerson(t, street) }),
      201,
    );
    const busy = await acc(t, coordinator, 'POST', `/bookings/${b2.id}/assign`, {
      volunteerId: next.id,
      reason: '电话确认',
    });
    expect(k.fieldCode(busy)).toMatchObject({ path: 'volunteerId', code: 'double_booked' });
    const chosen = await ok<{ offer: { volunteerId: string; state: string } }>(
      await acc(t, coordinator, 'POST', `/bookings/${b2.id}/assign`, {
        volunteerId: holder.id,
        reason: '电话确认',
      }),
    );
    expect(chosen.offer).toEqual({ volunteerId: holder.id, state: 'offered' });
  });
});

describe('the session’s minimum skill level', () => {
  it('is required by the automatic assignment and by the override', async () => {
    const s = await makeHospitalSession(t, coordinator, inDays(9));
    const session = await ok<{ version: number; minLevel: number }>(
      await acc(t, coordinator, 'PATCH', `/sessions/${s.sessionId}`, { minLevel: 3 }, { 'if-match': '"1"' }),
    );
    expect(session.minLevel).toBe(3);
    const b = await ok<{ id: string }>(
      await k.book(street, s, { personId: await makePerson(t, street) }),
      201,
    );
    const qualified = await k.volunteerAt(s.hospitalId, [{ skill: 'sign_language', level: 2 }]);
    const run = await ok<{ unfilled: { bookingId: string; refusals: Record<string, string> }[] }>(
      await acc(t, coordinator, 'POST', '/assign'),
    );
    expect(run.unfilled.find((u) => u.bookingId === b.id)?.refusals[qualified.id]).toBe('level');
    const refused = await acc(t, coordinator, 'POST', `/bookings/${b.id}/assign`, {
      volunteerId: qualified.id,
      reason: '电话确认',
    });
    expect(k.fieldCode(refused)).toMatchObject({ path: 'volunteerId', code: 'lacks_skill' });
    const expert = await k.volunteerAt(s.hospitalId, [{ skill: 'sign_language', level: 3 }]);
    await ok(await acc(t, coordinator, 'POST', '/assign'));
    const offers = await ok<{ booking: { id: string } }[]>(
      await acc(t, expert.user, 'GET', '/me/accompaniment/offers'),
    );
    expect(offers.some((o) => o.booking.id === b.id)).toBe(true);
  });
});

const jobsOf = () => accompanimentOf(t.p).jobs;

describe('jobs and counts', () => {
  it('counts a session as held only when it served someone, by ISO week', async () => {
    const s = await makeHospitalSession(t, coordinator, inDays(7));
    const db = t.p.database.db;
    // The session has run for three weeks; only the one a fortnight ago served a resident.
    await db.execute(sql`UPDATE acc_sessions SET valid_from = ${inDays(-21)} WHERE id = ${s.sessionId}`);
    const b = await ok<{ id: string }>(
      await k.book(street, s, { personId: await makePerson(t, street) }),
      201,
    );
    const past = inDays(-14);
    await db.execute(
      sql`UPDATE acc_bookings SET date = ${past}, starts_at = starts_at - interval '21 days',
          ends_at = ends_at - interval '21 days', state = 'completed' WHERE id = ${b.id}`,
    );
    const year = Number(past.slice(0, 4));
    const stats = await jobsOf().stats(year);
    const monday = (d: string) => {
      const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
      return new Date(Date.parse(`${d}T00:00:00Z`) - ((wd + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
    };
    const served = stats.weeks.find((w) => w.monday === monday(past));
    expect(served?.personTimes).toBeGreaterThanOrEqual(1);
    expect(served?.sessionsHeld).toBeGreaterThanOrEqual(1);
    // The weeks before and after it had this session on the timetable but served nobody with it.
    const before = stats.weeks.find((w) => w.monday === monday(inDays(-21)));
    expect(before?.sessionsHeld ?? 0).toBe(0);
  });

  it('reminds the day before once, alerts coordinators about an unfilled booking once, counts person-times', async () => {
    const s = await makeHospitalSession(t, coordinator, inDays(1));
    const phone = `175${String(Date.now() % 1e8).padStart(8, '0')}`;
    const person = await makePerson(t, street, { phone });
    const resident = await makeUser(t, ['resident'], { phone });
    const b = await ok<{ id: string }>(await k.book(street, s, { personId: person }), 201);
    const jobs = accompanimentOf(t.p).jobs;
    expect(await jobs.remind()).toBeGreaterThanOrEqual(1);
    expect(await jobs.remind()).toBe(0);
    const reminders = (await k.delivered()).filter(
      (m) => m.userId === resident.id && m.template === 'accompaniment.reminder',
    );
    expect(reminders).toHaveLength(1);
    expect(String(reminders[0]!.payload.text)).toContain('集合地点');
    expect(await jobs.alertUnfilled()).toBeGreaterThanOrEqual(1);
    expect(
      (await k.delivered()).some(
        (m) =>
          m.userId === coordinator.id &&
          m.template === 'accompaniment.unfilled' &&
          m.payload.bookingId === b.id,
      ),
    ).toBe(true);
    expect(await jobs.alertUnfilled()).toBe(0);
    const year = Number(inDays(1).slice(0, 4));
    const stats = await ok<{
      targets: { sessionsPerWeek: number; personTimesPerYear: number };
      personTimes: number;
    }>(await acc(t, district, 'GET', `/stats?year=${year}`));
    expect(stats.targets).toEqual({ sessionsPerWeek: 3, personTimesPerYear: 2000 });
    expect(stats.personTimes).toBeGreaterThanOrEqual(1);
  });
});
