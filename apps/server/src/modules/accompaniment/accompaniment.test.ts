/**
 * Hospital accompaniment through HTTP: sessions and the calendar, bookings by every channel with
 * their checks, scopes (another street, the hotline, residents' own).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, makeUser, type TestEnv, type TestUser } from '../../../test/harness.js';
import { makePerson } from '../benefits/benefits.test-utils.js';
import { rng, syntheticIdNumber } from '../../seed/synthetic.js';
import { acc, accKit, inDays, makeHospitalSession, ok, type AccKit } from './accompaniment.test-utils.js';

let t: TestEnv;
let coordinator: TestUser;
let district: TestUser;
let street: TestUser;
let streetB: TestUser;
let k: AccKit;
beforeAll(async () => {
  t = await createTestEnv();
  coordinator = await makeUser(t, ['volunteer_coordinator']);
  district = await makeUser(t, ['district_officer']);
  street = await makeUser(t, ['street_officer'], { streetCode: 'linfenlu' });
  streetB = await makeUser(t, ['street_officer'], { streetCode: 'beizhan' });
  k = accKit(t, coordinator, district);
});
afterAll(async () => t.close());

describe('sessions and the calendar', () => {
  it('lists occurrences with counts; a holiday and a cancellation are off and cannot be booked', async () => {
    const s = await makeHospitalSession(t, coordinator, inDays(7));
    const cal = await ok<{ date: string; off: unknown; booked: number }[]>(
      await acc(t, street, 'GET', `/calendar?hospitalId=${s.hospitalId}&from=${inDays(1)}&to=${inDays(20)}`),
    );
    expect(cal.map((o) => o.date)).toEqual([inDays(7), inDays(14)]);
    expect(cal.every((o) => o.off === null && o.booked === 0)).toBe(true);
    await ok(await acc(t, coordinator, 'PUT', '/holidays', { date: inDays(7), name: '测试假日' }));
    await ok(
      await acc(t, coordinator, 'POST', `/sessions/${s.sessionId}/cancellations`, {
        date: inDays(14),
        reason: '医院停诊',
      }),
    );
    const after = await ok<{ off: { kind: string } | null }[]>(
      await acc(t, street, 'GET', `/calendar?hospitalId=${s.hospitalId}&from=${inDays(1)}&to=${inDays(20)}`),
    );
    expect(after.map((o) => o.off?.kind)).toEqual(['holiday', 'cancelled']);
    const person = await makePerson(t, street);
    const res = await k.book(street, s, { personId: person });
    expect(res.statusCode).toBe(400);
    expect(k.fieldCode(res)).toMatchObject({ path: 'date', code: 'not_bookable_date' });
  });

  it('refuses an end before the start and an unknown hospital, field by field in Chinese', async () => {
    const res = await acc(t, coordinator, 'POST', '/sessions', {
      hospitalId: '00000000-0000-7000-8000-000000000000',
      weekday: 2,
      startsAt: '13:30',
      endsAt: '16:30',
      services: ['sign_language'],
      capacity: 2,
      validFrom: inDays(0),
    });
    expect(res.statusCode).toBe(400);
    expect(k.fieldCode(res)).toMatchObject({ path: 'hospitalId', code: 'not_found' });
    const s = await makeHospitalSession(t, coordinator, inDays(3));
    const bad = await acc(t, coordinator, 'POST', '/sessions', {
      hospitalId: s.hospitalId,
      weekday: 2,
      startsAt: '16:30',
      endsAt: '13:30',
      services: ['sign_language'],
      capacity: 2,
      validFrom: inDays(0),
    });
    expect(bad.statusCode).toBe(400);
    expect(k.fieldCode(bad)).toMatchObject({ path: 'endsAt', code: 'ends_before_starts' });
    expect(k.fieldCode(bad)!.message).toMatch(/结束时间/);
  });
});

describe('bookings', () => {
  it('a street worker books for a person of the street: confirmed, the resident told; the checks hold', async () => {
    const s = await makeHospitalSession(t, coordinator, inDays(5), {
      capacity: 2,
      services: ['sign_language'],
    });
    const phone = `171${String(Date.now() % 1e8).padStart(8, '0')}`;
    const person = await makePerson(t, street, { phone });
    const resident = await makeUser(t, ['resident'], { phone });
    const b = await ok<{
      ref: string;
      channel: string;
      state: string;
      personName: string;
      hospital: { meetingPoint: string };
    }>(await k.book(street, s, { personId: person, note: '需要手语翻译，听力完全丧失' }), 201);
    expect(b).toMatchObject({
      channel: 'community',
      state: 'booked',
      hospital: { meetingPoint: '门诊大厅一楼志愿者服务台' },
    });
    expect(b.ref).toMatch(/^PZ-\d{4}-\d{6}$/);
    expect(
      (await k.delivered()).some((m) => m.userId === resident.id && m.template === 'accompaniment.booked'),
    ).toBe(true);
    expect(
      JSON.stringify(t.sent.filter((m) => m.template === 'accompaniment.booked').map((m) => m.payload)),
    ).not.toContain(b.personName);

    const again = await k.book(street, s, { personId: person });
    expect(k.fieldCode(again)).toMatchObject({ path: 'date', code: 'already_booked' });
    expect(
      k.fieldCode(await k.book(street, s, { personId: await makePerson(t, street), service: 'blind_guide' })),
    ).toMatchObject({ code: 'service_not_offered' });
    expect(
      k.fieldCode(
        await k.book(street, s, { personId: await makePerson(t, street), department: 'dentistry' }),
      ),
    ).toMatchObject({ path: 'department', code: 'unknown_department' });
    await ok(await k.book(street, s, { personId: await makePerson(t, street) }), 201);
    const full = await k.book(street, s, { personId: await makePerson(t, street) });
    expect(k.fieldCode(full)).toMatchObject({ path: 'date', code: 'session_full' });
  });

  it('another street cannot book for, see or list the person; the hotline finds a caller by ID number only with .manage', async () => {
    const s = await makeHospitalSession(t, coordinator, inDays(6));
    const birthDate = '1961-04-05';
    const idNumber = syntheticIdNumber(rng(4242), birthDate, 'female');
    const person = await makePerson(t, street, {
      birthDate,
      over: { idNumber, certificate: { number: `${idNumber}42`, issuedAt: '2020-05-01' } },
    });
    expect(k.fieldCode(await k.book(streetB, s, { personId: person }))).toMatchObject({
      path: 'personId',
      code: 'not_found',
    });
    expect((await k.book(streetB, s, { idNumber })).statusCode).toBe(403);
    const b = await ok<{ id: string; channel: string }>(
      await k.book(coordinator, s, { idNumber: idNumber.toLowerCase() }),
      201,
    );
    expect(b.channel).toBe('hotline');
    expect((await acc(t, streetB, 'GET', `/bookings/${b.id}`)).statusCode).toBe(404);
    const listB = await ok<{ id: string }[]>(
      await acc(t, streetB, 'GET', `/bookings?from=${inDays(0)}&to=${inDays(30)}`),
    );
    expect(listB.map((x) => x.id)).not.toContain(b.id);
    const listA = await ok<{ id: string }[]>(
      await acc(t, street, 'GET', `/bookings?from=${inDays(0)}&to=${inDays(30)}`),
    );
    expect(listA.map((x) => x.id)).toContain(b.id);
    const miss = await k.book(coordinator, s, { idNumber: syntheticIdNumber(rng(4243), birthDate, 'male') });
    expect(k.fieldCode(miss)).toMatchObject({ path: 'idNumber', code: 'not_found_by_number' });
  });

  it('a resident books for themselves, sees only their own, cancels with If-Match; others get 404', async () => {
    const s = await makeHospitalSession(t, coordinator, inDays(4));
    const phone = `172${String(Date.now() % 1e8).padStart(8, '0')}`;
    await makePerson(t, street, { phone });
    const resident = await makeUser(t, ['resident'], { phone });
    const other = await makeUser(t, ['resident'], {
      phone: `173${String(Date.now() % 1e8).padStart(8, '0')}`,
    });
    const mine = await ok<{ id: string; channel: string; version: number }>(
      await acc(t, resident, 'POST', '/me/accompaniment/bookings', {
        sessionId: s.sessionId,
        date: s.date,
        service: 'blind_guide',
        department: '眼科',
      }),
      201,
    );
    expect(mine.channel).toBe('portal');
    const whom = await ok<{ persons: { name: string; self: boolean }[] }>(
      await acc(t, resident, 'GET', '/me/accompaniment/persons'),
    );
    expect(whom.persons).toHaveLength(1);
    expect(whom.persons[0]!.self).toBe(true);
    expect(
      (await ok<{ persons: unknown[] }>(await acc(t, other, 'GET', '/me/accompaniment/persons'))).persons,
    ).toEqual([]);
    expect((await ok<unknown[]>(await acc(t, resident, 'GET', '/me/accompaniment/bookings'))).length).toBe(1);
    expect((await acc(t, other, 'GET', `/me/accompaniment/bookings/${mine.id}`)).statusCode).toBe(404);
    expect(
      (
        await acc(
          t,
          other,
          'POST',
          `/me/accompaniment/bookings/${mine.id}/cancel`,
          { reason: 'x' },
          { 'if-match': '"1"' },
        )
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await acc(
          t,
          resident,
          'POST',
          `/me/accompaniment/bookings/${mine.id}/cancel`,
          { reason: '身体不适' },
          { 'if-match': '"9"' },
        )
      ).statusCode,
    ).toBe(412);
    const cancelled = await ok<{ state: string }>(
      await acc(
        t,
        resident,
        'POST',
        `/me/accompaniment/bookings/${mine.id}/cancel`,
        { reason: '身体不适' },
        { 'if-match': `"${mine.version}"` },
      ),
    );
    expect(cancelled.state).toBe('cancelled');
  });
});
