/** Volunteers' ID type and number, volunteer number, phone search and the phone reveal, through HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { idCheckChar } from '@jinglin/shared';
import { createTestEnv, makeUser, type TestEnv, type TestUser } from '../../../../test/harness.js';
import { call, makeVolunteer, nextPhone } from '../care.test-utils.js';

let t: TestEnv;
let coordinator: TestUser;
let streetOfficer: TestUser;
let volunteerUser: TestUser;

const residentId = (first17: string) => first17 + idCheckChar(first17);
const errorsOf = (res: { json(): { errors?: { path: string; message: string }[] } }) =>
  (res.json().errors ?? []).map((e) => [e.path, e.message]);

beforeAll(async () => {
  t = await createTestEnv();
  coordinator = await makeUser(t, ['volunteer_coordinator']);
  streetOfficer = await makeUser(t, ['street_officer'], { streetCode: 'linfenlu' });
  volunteerUser = await makeUser(t, ['volunteer']);
}, 60_000);
afterAll(async () => t?.close());

async function audits(action: string, objectId: string) {
  return t.p.database.rows<{ actor_id: string; details: Record<string, unknown> }>(
    sql`SELECT actor_id, details FROM audit_log WHERE action = ${action} AND object_id = ${objectId}`,
  );
}

describe('volunteer ID document and number', () => {
  it('checks the number by its type: a resident ID in full (GB 11643), others by form; errors per field in Chinese', async () => {
    const good = residentId('31010619850505901');
    const v = await makeVolunteer(t, coordinator, { idNumber: good, volunteerNo: 'SZY-0001' });
    expect(v).toMatchObject({ idType: 'resident_id', volunteerNo: 'SZY-0001' });
    expect(v.idNumber as string).toMatch(/^310106\*{8}/);

    const wrong = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const bad = await call(t, coordinator, 'POST', '/volunteers', {
      name: '李',
      phone: nextPhone(),
      idNumber: wrong,
    });
    expect(bad.statusCode).toBe(400);
    expect(errorsOf(bad)).toEqual([['idNumber', '身份证号校验位不正确，请核对。']]);

    const permit = await makeVolunteer(t, coordinator, { idType: 'hk_macao_permit', idNumber: 'H12345678' });
    expect(permit).toMatchObject({ idType: 'hk_macao_permit' });
    const mismatch = await call(t, coordinator, 'POST', '/volunteers', {
      name: '陈',
      phone: nextPhone(),
      idType: 'passport',
      idNumber: '护照号码待补充',
    });
    expect(errorsOf(mismatch)).toEqual([['idNumber', '证件号码的格式与所选证件类型不符，请核对。']]);
    const badType = await call(t, coordinator, 'POST', '/volunteers', {
      name: '陈',
      phone: nextPhone(),
      idType: 'driving_licence',
    });
    expect(errorsOf(badType).map((e) => e[0])).toEqual(['idType']);

    // Changing only the type re-checks the number kept, and names the type.
    const retyped = await call(
      t,
      coordinator,
      'PATCH',
      `/volunteers/${v.id}`,
      { idType: 'passport' },
      { 'if-match': '1' },
    );
    expect(errorsOf(retyped)).toEqual([['idType', '证件号码的格式与所选证件类型不符，请核对。']]);
    const both = await call(
      t,
      coordinator,
      'PATCH',
      `/volunteers/${v.id}`,
      { idType: 'passport', idNumber: 'E12345678' },
      { 'if-match': '1' },
    );
    expect(both.statusCode, both.body).toBe(200);
    expect(both.json()).toMatchObject({ idType: 'passport', idNumber: expect.not.stringContaining('12345') });
  });

  it('a volunteer number is one volunteer’s: taken → per-field error, on create and on change', async () => {
    await makeVolunteer(t, coordinator, { volunteerNo: 'SZY-0100' });
    const dup = await call(t, coordinator, 'POST', '/volunteers', {
      name: '赵',
      phone: nextPhone(),
      volunteerNo: 'SZY-0100',
    });
    expect(dup.statusCode).toBe(400);
    expect(errorsOf(dup)).toEqual([['volunteerNo', '已被占用，请换一个。']]);
    const other = await makeVolunteer(t, coordinator, { volunteerNo: 'SZY-0101' });
    const taken = await call(
      t,
      coordinator,
      'PATCH',
      `/volunteers/${other.id}`,
      { volunteerNo: 'SZY-0100' },
      { 'if-match': '1' },
    );
    expect(errorsOf(taken)).toEqual([['volunteerNo', '已被占用，请换一个。']]);
    // Its own number again is no conflict.
    const same = await call(
      t,
      coordinator,
      'PATCH',
      `/volunteers/${other.id}`,
      { volunteerNo: 'SZY-0101' },
      { 'if-match': '1' },
    );
    expect(same.statusCode, same.body).toBe(200);
  });

  it('finds a volunteer by the exact mobile number (blind index), by name otherwise', async () => {
    const phone = nextPhone();
    const v = await makeVolunteer(t, coordinator, { name: '欧阳志愿', phone });
    const byPhone = await call(t, coordinator, 'GET', `/volunteers?q=${phone}`);
    expect(byPhone.json().items.map((x: { id: string }) => x.id)).toEqual([v.id]);
    const partial = await call(t, coordinator, 'GET', `/volunteers?q=${phone.slice(0, 7)}`);
    expect(partial.json().items).toEqual([]);
    const byName = await call(t, coordinator, 'GET', `/volunteers?q=${encodeURIComponent('欧阳')}`);
    expect(byName.json().items.map((x: { id: string }) => x.id)).toContain(v.id);
  });
});

describe('volunteer phone reveal', () => {
  it('gives the phone (never the ID number) to care.manage with a reason, audited with the reason', async () => {
    const phone = nextPhone();
    const v = await makeVolunteer(t, coordinator, { phone, idNumber: residentId('31010619900303901') });
    const res = await call(t, coordinator, 'POST', `/volunteers/${v.id}/reveal`, {
      reason: '联系志愿者安排走访',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ phone });
    const rows = await audits('care.volunteer.reveal', v.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.actor_id).toBe(coordinator.id);
    expect(rows[0]!.details).toMatchObject({ reason: '联系志愿者安排走访', fields: ['phone'] });
    expect(JSON.stringify(rows[0]!.details)).not.toContain(phone);
  });

  it('needs a reason (per-field error), and is refused without care.manage; unknown volunteer 404', async () => {
    const v = await makeVolunteer(t, coordinator);
    const none = await call(t, coordinator, 'POST', `/volunteers/${v.id}/reveal`, {});
    expect(none.statusCode).toBe(400);
    expect(errorsOf(none).map((e) => e[0])).toEqual(['reason']);
    const short = await call(t, coordinator, 'POST', `/volunteers/${v.id}/reveal`, { reason: '  看 ' });
    expect(errorsOf(short).map((e) => e[0])).toEqual(['reason']);
    // Street officers read volunteers (care.read) but do not manage them; volunteers not at all.
    for (const u of [streetOfficer, volunteerUser]) {
      const refused = await call(t, u, 'POST', `/volunteers/${v.id}/reveal`, {
        reason: '联系志愿者安排走访',
      });
      expect(refused.statusCode).toBe(404);
      expect(refused.body).not.toContain('139');
    }
    expect(await audits('care.volunteer.reveal', v.id)).toHaveLength(0);
    const missing = await call(
      t,
      coordinator,
      'POST',
      `/volunteers/0190e0b8-0000-7000-8000-000000000000/reveal`,
      {
        reason: '联系志愿者安排走访',
      },
    );
    expect(missing.statusCode).toBe(404);
  });
});

describe("a volunteer's memberships", () => {
  it('lists current memberships first with the organisation, then ended ones; care.read only', async () => {
    const v = await makeVolunteer(t, coordinator);
    const a = await call(t, coordinator, 'POST', '/organisations', {
      kind: 'vanguard_team',
      name: '甲先锋队',
    });
    const b = await call(t, coordinator, 'POST', '/organisations', {
      kind: 'social_work_team',
      name: '乙社工队',
    });
    const ma = await call(t, coordinator, 'POST', `/organisations/${a.json().id}/members`, {
      volunteerId: v.id,
      role: 'leader',
      partyMember: true,
    });
    expect(ma.statusCode, ma.body).toBe(201);
    await call(t, coordinator, 'POST', `/organisations/${b.json().id}/members`, { volunteerId: v.id });
    const end = await call(
      t,
      coordinator,
      'PATCH',
      `/organisations/${a.json().id}/members/${ma.json().id}`,
      { leftOn: '2026-10-01' },
      { 'if-match': '1' },
    );
    expect(end.statusCode, end.body).toBe(200);
    const res = await call(t, streetOfficer, 'GET', `/volunteers/${v.id}/memberships`);
    expect(res.statusCode, res.body).toBe(200);
    expect(
      res
        .json()
        .map((m: Record<string, unknown>) => [m.organisationName, m.organisationKind, m.role, m.leftOn]),
    ).toEqual([
      ['乙社工队', 'social_work_team', 'member', null],
      ['甲先锋队', 'vanguard_team', 'leader', '2026-10-01'],
    ]);
    expect((await call(t, volunteerUser, 'GET', `/volunteers/${v.id}/memberships`)).statusCode).toBe(404);
  });
});
