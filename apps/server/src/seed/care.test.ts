/** The care-network demo seed: the demo accounts, the network's shape, synthetic data only, idempotent. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { idDocumentProblem, idNumberProblem, type IdDocumentType } from '@jinglin/shared';
import { createTestEnv, PASSWORD, type TestEnv } from '../../test/harness.js';
import { seedDemo } from './demo.js';
import { seedPersons } from './persons.js';
import { DEMO_VOLUNTEERS, seedCare } from './care.js';
import { DEMO_PAIRINGS } from './care.activity.js';
import { isSyntheticName } from './synthetic.js';

let t: TestEnv;
let seconds = 0;
beforeAll(async () => {
  t = await createTestEnv();
  await seedDemo(t.p, { password: PASSWORD });
  await seedPersons(t.p, { count: 300, seed: 1 });
  const started = performance.now();
  const accounts = await seedCare(t.p, { password: PASSWORD });
  seconds = (performance.now() - started) / 1000;
  expect(accounts.map((a) => a.username)).toEqual(['demo_volunteer', 'demo_coordinator']);
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

describe('care demo seed', () => {
  it('demo_volunteer signs in and sees their own profile: sign language 2, blind guiding 1, two teams', async () => {
    const auth = await login('demo_volunteer');
    const res = await t.app.inject({ url: '/api/v1/care/me/volunteer', headers: auth });
    expect(res.statusCode, res.body).toBe(200);
    const { profile } = res.json();
    expect(profile.skills).toEqual([
      { skill: 'sign_language', level: 2 },
      { skill: 'blind_guiding', level: 1 },
    ]);
    const kinds = await t.p.database.rows<{ kind: string }>(sql`
      SELECT o.kind FROM care_members m JOIN care_organisations o ON o.id = m.organisation_id
      WHERE m.volunteer_id = ${profile.id} AND m.left_on IS NULL ORDER BY o.kind`);
    expect(kinds.map((k) => k.kind)).toEqual(['sub_team', 'vanguard_team']);
  });

  it('demo_coordinator manages volunteers', async () => {
    const auth = await login('demo_coordinator');
    const res = await t.app.inject({ url: '/api/v1/care/volunteers?limit=200', headers: auth });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toHaveLength(DEMO_VOLUNTEERS);
  });

  it('sets a synthetic issuer, so demo_coordinator can issue a proof of service at once', async () => {
    const auth = await login('demo_coordinator');
    const list = await t.app.inject({ url: '/api/v1/care/volunteers?limit=200', headers: auth });
    const issued = [];
    for (const v of list.json().items as { id: string }[]) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/care/volunteers/${v.id}/proofs`,
        headers: auth,
        payload: { periodFrom: '2020-01-01', periodTo: new Date().toISOString().slice(0, 10) },
      });
      if (res.statusCode === 201) issued.push(res.json());
      if (issued.length) break;
    }
    expect(issued).toHaveLength(1);
    expect(issued[0].certificateNo).toMatch(/^JLZM-\d{4}-\d{6}$/);
    const print = await t.app.inject({ url: `/api/v1/care/proofs/${issued[0].id}`, headers: auth });
    expect(print.statusCode, print.body).toBe(200);
    expect(print.json().issuer).toMatchObject({
      personInCharge: '演示负责人（合成）',
      handler: '演示经办人（合成）',
    });
  });

  it('the hierarchy: a corps with three sub-teams, two vanguard teams, a social-work team, two partners', async () => {
    const rows = await t.p.database.rows<{
      kind: string;
      name: string;
      parent: string | null;
      contribution: string;
    }>(sql`
      SELECT o.kind, o.name, p.name AS parent, o.contribution FROM care_organisations o
      LEFT JOIN care_organisations p ON p.id = o.parent_id ORDER BY o.kind, o.name`);
    const byKind = (k: string) => rows.filter((r) => r.kind === k);
    expect(byKind('corps').map((r) => r.name)).toEqual(['扶残助残志愿服务总队']);
    expect(
      byKind('sub_team')
        .map((r) => r.name)
        .sort(),
    ).toEqual(['卫健系统分队', '同济大学分队', '静安置业"置爱益生"分队'].sort());
    expect(byKind('sub_team').every((r) => r.parent === '扶残助残志愿服务总队')).toBe(true);
    expect(
      byKind('vanguard_team')
        .map((r) => r.name)
        .sort(),
    ).toEqual(['机关党员突击队', '残疾人党员先锋队'].sort());
    expect(byKind('social_work_team')).toHaveLength(1);
    expect(byKind('partner')).toHaveLength(2);
    expect(byKind('partner').every((r) => r.contribution.length > 0)).toBe(true);
  });

  it('volunteers are synthetic: generated names (a rare character, a minority name), 1709 phones, valid ID numbers', async () => {
    const vols = await t.p.database.rows<{
      name: string;
      phone_enc: Buffer;
      id_number_enc: Buffer | null;
      id_type: string;
    }>(sql`SELECT name, phone_enc, id_number_enc, id_type FROM care_volunteers`);
    expect(vols).toHaveLength(DEMO_VOLUNTEERS);
    for (const v of vols) expect(isSyntheticName(v.name), v.name).toBe(true);
    expect(vols.some((v) => v.name.includes('·'))).toBe(true);
    expect(vols.some((v) => [...v.name].some((c) => c.codePointAt(0)! > 0xffff))).toBe(true);
    for (const v of vols) expect(t.p.crypto.decrypt(v.phone_enc)).toMatch(/^1709\d{7}$/);
    const residentIds = vols.filter((v) => v.id_type === 'resident_id' && v.id_number_enc);
    expect(residentIds.length).toBeGreaterThan(20);
    for (const v of residentIds) expect(idNumberProblem(t.p.crypto.decrypt(v.id_number_enc!))).toBeNull();
    // Every document number fits its type (the check the API applies).
    const typed = vols.filter((v) => v.id_number_enc);
    expect(new Set(typed.map((v) => v.id_type)).size).toBeGreaterThan(1);
    for (const v of typed)
      expect(idDocumentProblem(v.id_type as IdDocumentType, t.p.crypto.decrypt(v.id_number_enc!))).toBeNull();
    const leaders = await t.p.database.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM care_members WHERE role = 'leader' AND left_on IS NULL`,
    );
    expect(leaders[0]!.n).toBe(6);
  });

  it('pairings, visits (done, planned, overdue, missed), service hours, needs in every status, a project and a meeting', async () => {
    const count = async (q: ReturnType<typeof sql>) => (await t.p.database.rows<{ n: number }>(q))[0]!.n;
    expect(await count(sql`SELECT count(*)::int AS n FROM care_pairings`)).toBe(DEMO_PAIRINGS);
    // Persons in several streets; linfenlu's are owned by demo_street or (its community) demo_community.
    expect(
      await count(
        sql`SELECT count(DISTINCT p.street_code)::int AS n FROM care_pairings c JOIN persons p ON p.id = c.person_id`,
      ),
    ).toBeGreaterThan(3);
    const owners = await t.p.database.rows<{
      username: string | null;
      street: string;
      same_community: boolean;
    }>(sql`
      SELECT u.username, p.street_code AS street, (u.community_id IS NOT DISTINCT FROM p.community_id) AS same_community
      FROM care_pairings c JOIN persons p ON p.id = c.person_id LEFT JOIN users u ON u.id = c.owner_user_id
      WHERE p.street_code = 'linfenlu'`);
    expect(owners.length).toBeGreaterThan(0);
    for (const o of owners) {
      expect(['demo_street', 'demo_community']).toContain(o.username);
      if (o.username === 'demo_community') expect(o.same_community).toBe(true);
    }
    expect(await count(sql`SELECT count(*)::int AS n FROM care_visits WHERE state = 'done'`)).toBe(
      DEMO_PAIRINGS,
    );
    expect(
      await count(sql`SELECT count(*)::int AS n FROM care_visits WHERE state = 'missed'`),
    ).toBeGreaterThan(0);
    expect(
      await count(
        sql`SELECT count(*)::int AS n FROM care_visits WHERE state = 'planned' AND planned_on < (now() AT TIME ZONE 'Asia/Shanghai')::date`,
      ),
    ).toBeGreaterThan(3);
    // Each pairing's next visit is its planned visit.
    expect(
      await count(sql`SELECT count(*)::int AS n FROM care_pairings c WHERE NOT EXISTS (
        SELECT 1 FROM care_visits v WHERE v.pairing_id = c.id AND v.state = 'planned' AND v.planned_on = c.next_visit_on)`),
    ).toBe(0);
    // A service record per volunteer of a visit done, with the visit's minutes.
    expect(
      await count(sql`SELECT count(*)::int AS n FROM care_visit_participants pa JOIN care_visits v ON v.id = pa.visit_id
        LEFT JOIN care_service_records r ON r.source = 'visit' AND r.source_id = v.id AND r.volunteer_id = pa.volunteer_id
        WHERE r.id IS NULL OR r.minutes <> v.minutes`),
    ).toBe(0);
    expect(await count(sql`SELECT count(*)::int AS n FROM care_service_records`)).toBeGreaterThan(
      DEMO_PAIRINGS,
    );
    const statuses = await t.p.database.rows<{ status: string }>(
      sql`SELECT DISTINCT status FROM care_needs ORDER BY status`,
    );
    expect(statuses.map((s) => s.status)).toEqual(['closed', 'in_progress', 'open', 'resolved', 'withdrawn']);
    expect(
      await count(
        sql`SELECT count(*)::int AS n FROM care_needs WHERE status IN ('open','in_progress') AND due_at < now()`,
      ),
    ).toBe(1);
    expect(
      await count(sql`SELECT count(*)::int AS n FROM care_projects WHERE jsonb_array_length(stages) = 4`),
    ).toBe(1);
    expect(
      await count(
        sql`SELECT count(*)::int AS n FROM care_meetings WHERE kind = 'joint_meeting' AND cardinality(need_ids) > 0`,
      ),
    ).toBe(1);
    expect(
      await count(
        sql`SELECT count(*)::int AS n FROM care_work_items WHERE meeting_id IS NOT NULL AND stage_key IS NOT NULL`,
      ),
    ).toBe(4);
  });

  it('demo_volunteer sees their own pairings (their profile and their teams)', async () => {
    const auth = await login('demo_volunteer');
    const res = await t.app.inject({ url: '/api/v1/care/me/pairings', headers: auth });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().length).toBeGreaterThan(1);
  });

  it('is fast and idempotent', async () => {
    expect(seconds).toBeLessThan(2);
    expect(await seedCare(t.p, { password: PASSWORD })).toEqual([]);
    const [n] = await t.p.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM care_volunteers`);
    expect(n!.n).toBe(DEMO_VOLUNTEERS);
  });
});
