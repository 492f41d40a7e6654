/** Service hours through HTTP: records and totals by Shanghai dates, manual records, void, own hours. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestEnv, makeUser, type TestEnv, type TestUser } from '../../../../test/harness.js';
import { newId } from '../../../platform/ids.js';
import { makeVolunteer } from '../care.test-utils.js';
import { recordServiceForSource } from './hours.recorder.js';
import { addRecord, call, makeVolunteerUser, thisYear } from './hours.test-utils.js';

let t: TestEnv;
let officer: TestUser;
let coordinator: TestUser;

beforeAll(async () => {
  t = await createTestEnv();
  officer = await makeUser(t, ['district_officer']);
  coordinator = await makeUser(t, ['volunteer_coordinator']);
}, 60_000);
afterAll(async () => t?.close());

async function auditRows(action: string, objectId: string) {
  const r = await t.p.database.db.execute(
    sql`SELECT details FROM audit_log WHERE action = ${action} AND object_id = ${objectId}`,
  );
  return (r as unknown as { rows: { details: Record<string, unknown> }[] }).rows;
}

describe('records and totals', () => {
  it('totals all time, this Shanghai year and a range; a visit recorded by its organiser counts', async () => {
    const v = await makeVolunteer(t, officer);
    const y = thisYear();
    // 00:30 on 1 January in Shanghai is still 31 December in UTC: it belongs to this year.
    const jan1 = await addRecord(t, coordinator, v.id, {
      serviceDate: `${y}-01-01`,
      startTime: '00:30',
      minutes: 60,
    });
    expect(jan1).toMatchObject({ serviceDate: `${y}-01-01`, state: 'recorded' });
    // 23:30 on 31 December last year in Shanghai: last year.
    await addRecord(t, coordinator, v.id, { serviceDate: `${y - 1}-12-31`, startTime: '23:30', minutes: 30 });
    await t.p.database.db.transaction((tx) =>
      recordServiceForSource(tx, {
        source: 'visit',
        sourceId: newId(),
        activity: '结对走访',
        startedAt: new Date(`${y}-01-02T10:00:00+08:00`),
        entries: [{ volunteerId: v.id, minutes: 45 }],
        recordedBy: null,
      }),
    );

    const all = await call(t, coordinator, 'GET', `/volunteers/${v.id}/hours`);
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json().totals).toMatchObject({
      allMinutes: 135,
      year: y,
      yearMinutes: 105,
      rangeMinutes: null,
      recordCount: 3,
    });
    expect(all.json().records.map((r: { serviceDate: string }) => r.serviceDate)).toEqual([
      `${y}-01-02`,
      `${y}-01-01`,
      `${y - 1}-12-31`,
    ]);
    expect(all.json().records[0]).toMatchObject({ source: 'visit', minutes: 45 });

    const day = await call(t, coordinator, 'GET', `/volunteers/${v.id}/hours?from=${y}-01-01&to=${y}-01-01`);
    expect(day.json().totals).toMatchObject({
      from: `${y}-01-01`,
      to: `${y}-01-01`,
      rangeMinutes: 60,
      allMinutes: 135,
    });
    expect(day.json().records).toHaveLength(1);

    const backwards = await call(
      t,
      coordinator,
      'GET',
      `/volunteers/${v.id}/hours?from=${y}-02-01&to=${y}-01-01`,
    );
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors[0].path).toBe('to');
  });

  it('a manual record: validation in Chinese, a future date refused, audited', async () => {
    const v = await makeVolunteer(t, officer);
    const bad = await call(t, coordinator, 'POST', `/volunteers/${v.id}/hours`, {
      serviceDate: '2026-13-01',
      minutes: 0,
      activity: '',
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['activity', 'minutes', 'serviceDate']);
    expect(bad.json().errors[0].message).toMatch(/[\u4e00-\u9fff]/);
    const future = await call(t, coordinator, 'POST', `/volunteers/${v.id}/hours`, {
      serviceDate: `${thisYear() + 1}-06-01`,
      minutes: 60,
      activity: '活动',
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().errors[0]).toMatchObject({ path: 'serviceDate', message: '日期不能晚于今天。' });
    const r = await addRecord(t, coordinator, v.id);
    expect(r).toMatchObject({ minutes: 120, state: 'recorded' });
    expect(await auditRows('care.hours.record.create', r.id)).toHaveLength(1);
    const missing = await call(t, coordinator, 'POST', `/volunteers/${newId()}/hours`, {
      serviceDate: `${thisYear()}-01-02`,
      minutes: 60,
      activity: '活动',
    });
    expect(missing.statusCode).toBe(404);
  });

  it('voids a record with a reason (If-Match): it stops counting, stays listed on request, audit keeps the reason', async () => {
    const v = await makeVolunteer(t, officer);
    const r = await addRecord(t, coordinator, v.id, { minutes: 90 });
    const noMatch = await call(t, coordinator, 'POST', `/hours/records/${r.id}/void`, { reason: '重复登记' });
    expect(noMatch.statusCode).toBe(428);
    const stale = await call(
      t,
      coordinator,
      'POST',
      `/hours/records/${r.id}/void`,
      { reason: '重复登记' },
      { 'if-match': '7' },
    );
    expect(stale.statusCode).toBe(412);
    const ok = await call(
      t,
      coordinator,
      'POST',
      `/hours/records/${r.id}/void`,
      { reason: '重复登记' },
      { 'if-match': '1' },
    );
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'void', version: 2 });
    const again = await call(
      t,
      coordinator,
      'POST',
      `/hours/records/${r.id}/void`,
      { reason: '重复登记' },
      { 'if-match': '2' },
    );
    expect(again.statusCode).toBe(409);
    const hours = await call(t, coordinator, 'GET', `/volunteers/${v.id}/hours`);
    expect(hours.json().totals.allMinutes).toBe(0);
    expect(hours.json().records).toEqual([]);
    const withVoid = await call(t, coordinator, 'GET', `/volunteers/${v.id}/hours?includeVoid=true`);
    expect(withVoid.json().records).toHaveLength(1);
    expect((await auditRows('care.hours.record.void', r.id))[0]!.details).toMatchObject({
      reason: '重复登记',
      minutes: 90,
    });
  });

  it('a volunteer reads their own hours only; staff without care.hours and volunteers cannot read others', async () => {
    const { user, volunteer } = await makeVolunteerUser(t, officer);
    await addRecord(t, coordinator, volunteer.id, { minutes: 75 });
    const mine = await call(t, user, 'GET', '/me/hours');
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json()).toMatchObject({ volunteer: { id: volunteer.id }, totals: { allMinutes: 75 } });
    expect((await call(t, user, 'GET', `/volunteers/${volunteer.id}/hours`)).statusCode).toBe(404);
    const street = await makeUser(t, ['street_officer'], { streetCode: 'linfenlu' });
    expect((await call(t, street, 'GET', `/volunteers/${volunteer.id}/hours`)).statusCode).toBe(404);
    expect((await call(t, street, 'GET', '/hours/corrections')).statusCode).toBe(403);
    const unlinked = await makeUser(t, ['volunteer']);
    const none = await call(t, unlinked, 'GET', '/me/hours');
    expect(none.statusCode).toBe(200);
    expect(none.json()).toMatchObject({ volunteer: null, totals: { allMinutes: 0 }, records: [] });
    expect((await call(t, unlinked, 'GET', '/me/hours/corrections')).json()).toEqual([]);
    expect((await call(t, unlinked, 'GET', '/me/hours/proofs')).json()).toEqual([]);
    const ask = await call(t, unlinked, 'POST', '/me/hours/corrections', { minutes: 30, reason: '漏记' });
    expect(ask.statusCode).toBe(404);
  });
});
