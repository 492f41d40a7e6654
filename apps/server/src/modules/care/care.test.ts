/** Care network through HTTP: organisations and teams, members, volunteers, pairings; validation, If-Match, audit. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestEnv, makeUser, type TestEnv, type TestUser } from '../../../test/harness.js';
import {
  call,
  created,
  makeFamily,
  makePairing,
  makeTeam,
  makeVolunteer,
  nextPhone,
} from './care.test-utils.js';

let t: TestEnv;
let officer: TestUser;
let streetOfficer: TestUser;

beforeAll(async () => {
  t = await createTestEnv();
  officer = await makeUser(t, ['district_officer']);
  streetOfficer = await makeUser(t, ['street_officer'], { streetCode: 'linfenlu' });
}, 60_000);
afterAll(async () => t?.close());

async function auditCount(action: string, objectId: string) {
  const r = await t.p.database.db.execute(
    sql`SELECT count(*)::int AS n FROM audit_log WHERE action = ${action} AND object_id = ${objectId}`,
  );
  return (r as unknown as { rows: { n: number }[] }).rows[0]!.n;
}

describe('organisations and teams', () => {
  it('builds corps → sub-teams, partners with contributions; rules on parents in Chinese', async () => {
    const corps = await created(
      await call(t, officer, 'POST', '/organisations', { kind: 'corps', name: '静安区扶残助残志愿服务总队' }),
    );
    const sub = await created<{ parentId: string }>(
      await call(t, officer, 'POST', '/organisations', {
        kind: 'sub_team',
        name: '同济大学分队',
        parentId: corps.id,
      }),
    );
    expect(sub.parentId).toBe(corps.id);
    const partner = await created<{ contributionCategories: string[] }>(
      await call(t, officer, 'POST', '/organisations', {
        kind: 'partner',
        name: '某党建联建单位',
        contribution: '提供活动场地和志愿者',
        contributionCategories: ['venue', 'volunteers'],
      }),
    );
    expect(partner.contributionCategories).toEqual(['venue', 'volunteers']);
    const renamed = await call(
      t,
      officer,
      'PATCH',
      `/organisations/${partner.id}`,
      { name: '联建单位' },
      { 'if-match': '1' },
    );
    expect(renamed.json()).toMatchObject({ name: '联建单位', contribution: '提供活动场地和志愿者' });
    expect(renamed.json().contributionCategories).toEqual(['venue', 'volunteers']);

    const orphan = await call(t, officer, 'POST', '/organisations', { kind: 'sub_team', name: '无上级分队' });
    expect(orphan.statusCode).toBe(400);
    expect(orphan.json().errors[0]).toMatchObject({
      path: 'parentId',
      message: '分队的上级须为志愿服务总队。',
    });
    const bad = await call(t, officer, 'POST', '/organisations', { kind: 'club', name: '' });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['kind', 'name']);
    expect(bad.json().errors[0].message).toMatch(/[\u4e00-\u9fff]/);

    const subs = await call(t, officer, 'GET', `/organisations?parentId=${corps.id}`);
    expect(subs.json().items.map((o: { id: string }) => o.id)).toEqual([sub.id]);
    const partners = await call(t, officer, 'GET', '/organisations?kind=partner&limit=1');
    expect(partners.json().items).toHaveLength(1);
  });

  it('updates with If-Match: 428 without, 412 on a stale version; each change audited', async () => {
    const team = await makeTeam(t, officer);
    const url = `/organisations/${team.id}`;
    expect((await call(t, officer, 'PATCH', url, { name: '新名称' })).statusCode).toBe(428);
    const ok = await call(t, officer, 'PATCH', url, { name: '新名称' }, { 'if-match': '1' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ name: '新名称', version: 2, kind: 'vanguard_team' });
    expect(ok.headers.etag).toBe('"2"');
    const stale = await call(t, officer, 'PATCH', url, { name: '再改' }, { 'if-match': '1' });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().detail).toBe('该记录已被他人修改，请刷新后重试。');
    expect(await auditCount('care.organisation.create', team.id)).toBe(1);
    expect(await auditCount('care.organisation.update', team.id)).toBe(1);
  });

  it('adds members with role and Party membership, once per team; a street officer cannot manage', async () => {
    const team = await makeTeam(t, officer);
    const v = await makeVolunteer(t, officer);
    const m = await created<{ role: string; partyMember: boolean; volunteerName: string }>(
      await call(t, officer, 'POST', `/organisations/${team.id}/members`, {
        volunteerId: v.id,
        role: 'leader',
        partyMember: true,
      }),
    );
    expect(m).toMatchObject({ role: 'leader', partyMember: true, volunteerName: '王志愿' });
    const again = await call(t, officer, 'POST', `/organisations/${team.id}/members`, { volunteerId: v.id });
    expect(again.json().errors[0]).toMatchObject({
      path: 'volunteerId',
      message: '该志愿者已是本组织的成员。',
    });
    const left = await call(
      t,
      officer,
      'PATCH',
      `/organisations/${team.id}/members/${m.id}`,
      { leftOn: '2026-11-01' },
      { 'if-match': '1' },
    );
    expect(left.json()).toMatchObject({ leftOn: '2026-11-01', version: 2 });
    expect((await call(t, officer, 'GET', `/organisations/${team.id}`)).json().memberCount).toBe(0);
    expect(await auditCount('care.member.update', m.id)).toBe(1);
    expect(
      (await call(t, streetOfficer, 'POST', '/organisations', { kind: 'corps', name: 'x' })).statusCode,
    ).toBe(403);
  });
});

describe('hierarchy and partners', () => {
  it('refuses a cycle, a corps with a parent, and pairing a partner organisation', async () => {
    const corps = await created(
      await call(t, officer, 'POST', '/organisations', { kind: 'corps', name: '总队' }),
    );
    const team = await created(
      await call(t, officer, 'POST', '/organisations', {
        kind: 'vanguard_team',
        name: '先锋队',
        parentId: corps.id,
      }),
    );
    const child = await created(
      await call(t, officer, 'POST', '/organisations', {
        kind: 'social_work_team',
        name: '社工队',
        parentId: team.id,
      }),
    );
    const cycle = await call(
      t,
      officer,
      'PATCH',
      `/organisations/${team.id}`,
      { parentId: child.id },
      { 'if-match': '1' },
    );
    expect(cycle.json().errors[0]).toMatchObject({
      path: 'parentId',
      message: '上级组织不能是本组织或其下级。',
    });
    const corpsParent = await call(t, officer, 'POST', '/organisations', {
      kind: 'corps',
      name: '另一总队',
      parentId: corps.id,
    });
    expect(corpsParent.json().errors[0]).toMatchObject({ message: '志愿服务总队不能有上级组织。' });
    const partner = await created(
      await call(t, officer, 'POST', '/organisations', { kind: 'partner', name: '联建' }),
    );
    const person = await makeFamily(t, streetOfficer, 'linfenlu');
    const res = await call(t, streetOfficer, 'POST', '/pairings', {
      personId: person,
      teamId: partner.id,
      startOn: '2026-01-01',
      visitPlan: { every: 1, unit: 'month' },
    });
    expect(res.json().errors[0]).toMatchObject({
      path: 'teamId',
      message: '所选组织不是团队（合作单位不能结对）。',
    });
  });
});

describe('volunteers', () => {
  it('stores phone and ID number encrypted, answers them masked; skills, availability, records', async () => {
    const phone = nextPhone();
    const v = await created<Record<string, unknown>>(
      await call(t, officer, 'POST', '/volunteers', {
        name: '李手语',
        phone,
        idNumber: '310106199001011236',
        skills: [{ skill: 'sign_language', level: 3 }],
        languages: ['上海话', '中国手语'],
        availability: { weekly: { '3': [{ from: '08:00', to: '12:00' }] }, exceptions: [] },
        training: [{ course: '手语培训（初级）', completedOn: '2026-03-01', hours: 16 }],
        awards: [{ title: '优秀志愿者', awardedOn: '2025-12-05', by: '区残联' }],
        evaluations: [{ on: '2026-06-30', rating: 5, note: '' }],
      }),
    );
    expect(v.phone).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    expect(v.idNumber).toBe('310106********1236');
    const raw = await t.p.database.db.execute(sql`SELECT * FROM care_volunteers WHERE id = ${v.id}`);
    expect(JSON.stringify(raw)).not.toContain(phone);
    expect(JSON.stringify(raw)).not.toContain('310106199001011236');

    const dup = await call(t, officer, 'POST', '/volunteers', { name: '重复', phone });
    expect(dup.json().errors[0]).toMatchObject({ path: 'phone', message: '已被占用，请换一个。' });
    const bad = await call(t, officer, 'POST', '/volunteers', {
      name: '坏',
      phone: '123',
      skills: [{ skill: 'sign_language', level: 4 }],
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['phone', 'skills.0.level']);

    const bySkill = await call(t, officer, 'GET', '/volunteers?skill=sign_language');
    expect(bySkill.json().items.map((x: { id: string }) => x.id)).toContain(v.id);
    const none = await call(t, officer, 'GET', '/volunteers?skill=legal');
    expect(none.json().items.map((x: { id: string }) => x.id)).not.toContain(v.id);

    const patched = await call(
      t,
      officer,
      'PATCH',
      `/volunteers/${v.id}`,
      { active: false },
      { 'if-match': '1' },
    );
    // A patch changes only what it names (no defaults re-applied).
    expect(patched.json()).toMatchObject({
      active: false,
      version: 2,
      skills: [{ skill: 'sign_language', level: 3 }],
      languages: ['上海话', '中国手语'],
      idNumber: '310106********1236',
    });
    expect(patched.json().training).toHaveLength(1);
    expect(
      (await call(t, officer, 'PATCH', `/volunteers/${v.id}`, { active: true }, { 'if-match': '1' }))
        .statusCode,
    ).toBe(412);
    expect(await auditCount('care.volunteer.update', v.id)).toBe(1);
  });

  it('links a user account only of role volunteer, one profile per account', async () => {
    const staff = await makeUser(t, ['district_officer']);
    const res = await call(t, officer, 'POST', '/volunteers', {
      name: '张',
      phone: nextPhone(),
      userId: staff.id,
    });
    expect(res.json().errors[0]).toMatchObject({ path: 'userId', message: '所选账号不是志愿者角色。' });
  });

  it('pages the list with a cursor', async () => {
    for (let i = 0; i < 3; i++) await makeVolunteer(t, officer);
    const first = (await call(t, officer, 'GET', '/volunteers?limit=2')).json();
    expect(first.items).toHaveLength(2);
    const second = (await call(t, officer, 'GET', `/volunteers?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items[0].id > first.items[1].id).toBe(true);
  });
});

describe('pairings', () => {
  it('pairs a team or a volunteer with a family, never both; ends with If-Match; audited', async () => {
    const team = await makeTeam(t, officer);
    const v = await makeVolunteer(t, officer);
    const person = await makeFamily(t, streetOfficer, 'linfenlu');
    const p = await makePairing(t, streetOfficer, person, { teamId: team.id });
    expect(p).toMatchObject({ personId: person, state: 'active', visitPlan: { every: 1, unit: 'month' } });

    const both = await call(t, streetOfficer, 'POST', '/pairings', {
      personId: person,
      teamId: team.id,
      volunteerId: v.id,
      startOn: '2026-01-01',
      visitPlan: { every: 2, unit: 'week' },
    });
    expect(both.json().errors[0]).toMatchObject({ message: '结对方须为一个团队或一名志愿者（只选一项）。' });
    const backwards = await call(t, streetOfficer, 'POST', '/pairings', {
      personId: person,
      volunteerId: v.id,
      startOn: '2026-06-01',
      endOn: '2026-01-01',
      visitPlan: { every: 2, unit: 'week' },
    });
    expect(backwards.json().errors[0]).toMatchObject({
      path: 'endOn',
      message: '结束日期不能早于开始日期。',
    });

    const ended = await call(
      t,
      streetOfficer,
      'PATCH',
      `/pairings/${p.id}`,
      { state: 'ended' },
      { 'if-match': '1' },
    );
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toMatchObject({ state: 'ended', version: 2, endOn: expect.any(String) });
    expect(
      (await call(t, streetOfficer, 'PATCH', `/pairings/${p.id}`, { goals: 'x' }, { 'if-match': '1' }))
        .statusCode,
    ).toBe(412);
    expect(await auditCount('care.pairing.create', p.id)).toBe(1);
    expect(await auditCount('care.pairing.update', p.id)).toBe(1);
    const active = await call(t, officer, 'GET', `/pairings?state=active&personId=${person}`);
    expect(active.json().items).toEqual([]);
  });
});
