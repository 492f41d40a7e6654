/** Proofs: unique numbers under concurrent issue, a frozen snapshot, the full ID number only to the allowed, audited. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import {
  communityOf,
  createTestEnv,
  makeUser,
  type TestEnv,
  type TestUser,
} from '../../../../test/harness.js';
import { careVolunteers } from '../care.tables.js';
import { addRecord, call, makeVolunteerUser, setIssuer, thisYear } from './hours.test-utils.js';

let t: TestEnv;
let officer: TestUser;
let coordinator: TestUser;

beforeAll(async () => {
  t = await createTestEnv();
  officer = await makeUser(t, ['district_officer']);
  coordinator = await makeUser(t, ['volunteer_coordinator']);
}, 60_000);
afterAll(async () => t?.close());

async function audit(action: string, objectId: string) {
  const r = await t.p.database.db.execute(
    sql`SELECT actor_id, details FROM audit_log WHERE action = ${action} AND object_id = ${objectId}`,
  );
  return (r as unknown as { rows: { actor_id: string; details: Record<string, unknown> }[] }).rows;
}

const period = () => ({ periodFrom: `${thisYear()}-01-01`, periodTo: `${thisYear()}-01-31` });

describe('issuer settings', () => {
  it('defaults to the federation; care.settings edits with If-Match; a coordinator cannot', async () => {
    const cur = await call(t, officer, 'GET', '/settings/issuer');
    expect(cur.json()).toMatchObject({ name: '上海市静安区残疾人联合会', personInCharge: '', version: 0 });
    expect((await call(t, coordinator, 'GET', '/settings/issuer')).statusCode).toBe(403);
    const saved = await setIssuer(t, officer);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ personInCharge: '张主任', version: 1 });
    const stale = await call(t, officer, 'PUT', '/settings/issuer', { name: 'X' }, { 'if-match': '0' });
    expect(stale.statusCode).toBe(412);
  });
});

describe('proofs', () => {
  it('issues with a frozen snapshot: later edits and voids do not change it; period rules', async () => {
    await setIssuer(t, officer);
    const { volunteer, volunteerNo } = await makeVolunteerUser(t, officer);
    const a = await addRecord(t, coordinator, volunteer.id, {
      serviceDate: `${thisYear()}-01-03`,
      minutes: 60,
    });
    await addRecord(t, coordinator, volunteer.id, {
      serviceDate: `${thisYear()}-01-10`,
      minutes: 90,
      activity: '陪同就医',
    });
    await addRecord(t, coordinator, volunteer.id, { serviceDate: `${thisYear()}-02-10`, minutes: 30 });

    const empty = await call(t, coordinator, 'POST', `/volunteers/${volunteer.id}/proofs`, {
      periodFrom: `${thisYear() - 3}-01-01`,
      periodTo: `${thisYear() - 3}-12-31`,
    });
    expect(empty.json().errors[0]).toMatchObject({ path: 'periodFrom', code: 'no_service_in_period' });

    const issued = await call(t, coordinator, 'POST', `/volunteers/${volunteer.id}/proofs`, period());
    expect(issued.statusCode, issued.body).toBe(201);
    const proof = issued.json();
    expect(proof.certificateNo).toMatch(new RegExp(`^JLZM-${thisYear()}-\\d{6}$`));
    expect(proof).toMatchObject({ totalMinutes: 150, recordCount: 2, revokedAt: null });

    // Later: a record voided, another's minutes changed by a correction-like edit.
    await call(
      t,
      coordinator,
      'POST',
      `/hours/records/${a.id}/void`,
      { reason: '登记错误' },
      { 'if-match': '1' },
    );
    await t.p.database.db
      .update(careVolunteers)
      .set({ name: '李志愿（改）' })
      .where(eq(careVolunteers.id, volunteer.id));

    const printed = await call(t, coordinator, 'GET', `/proofs/${proof.id}`);
    expect(printed.statusCode, printed.body).toBe(200);
    const p = printed.json();
    expect(p.totalMinutes).toBe(150);
    expect(
      p.records.map((r: { minutes: number; serviceDate: string }) => [r.serviceDate, r.minutes]),
    ).toEqual([
      [`${thisYear()}-01-03`, 60],
      [`${thisYear()}-01-10`, 90],
    ]);
    expect(p.volunteer).toEqual({
      name: '李志愿（改）',
      idType: 'resident_id',
      idNumber: '11010519491231002X',
      volunteerNo,
    });
    expect(p.issuer).toEqual({
      name: '上海市静安区残疾人联合会',
      personInCharge: '张主任',
      handler: '王经办',
      contact: '021-62000000',
    });

    // The issuer changes later: the proof keeps what it printed.
    const cur = await call(t, officer, 'GET', '/settings/issuer');
    await call(
      t,
      officer,
      'PUT',
      '/settings/issuer',
      { ...p.issuer, handler: '赵经办' },
      { 'if-match': String(cur.json().version) },
    );
    expect((await call(t, coordinator, 'GET', `/proofs/${proof.id}`)).json().issuer.handler).toBe('王经办');
  });

  it('certificate numbers stay unique when many proofs are issued at once', async () => {
    await setIssuer(t, officer);
    const vols = [];
    for (let i = 0; i < 6; i++) {
      const { volunteer } = await makeVolunteerUser(t, officer, `并发${i}`);
      await addRecord(t, coordinator, volunteer.id, { serviceDate: `${thisYear()}-01-04` });
      vols.push(volunteer);
    }
    const results = await Promise.all(
      vols.flatMap((v) =>
        [0, 1].map(() => call(t, coordinator, 'POST', `/volunteers/${v.id}/proofs`, period())),
      ),
    );
    for (const r of results) expect(r.statusCode, r.body).toBe(201);
    const numbers = results.map((r) => r.json().certificateNo as string);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('the full ID number goes to care.hours and to the volunteer themselves only; every read is audited', async () => {
    await setIssuer(t, officer);
    const mine = await makeVolunteerUser(t, officer, '本人');
    const other = await makeVolunteerUser(t, officer, '他人');
    await addRecord(t, coordinator, mine.volunteer.id, { serviceDate: `${thisYear()}-01-06` });
    const proof = (
      await call(t, coordinator, 'POST', `/volunteers/${mine.volunteer.id}/proofs`, period())
    ).json();

    const own = await call(t, mine.user, 'GET', `/me/hours/proofs/${proof.id}`);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().volunteer.idNumber).toBe('11010519491231002X');
    expect((await call(t, mine.user, 'GET', '/me/hours/proofs')).json()).toEqual([
      expect.objectContaining({ id: proof.id, certificateNo: proof.certificateNo }),
    ]);
    const views = await audit('care.proof.view', proof.id);
    expect(views).toEqual([
      expect.objectContaining({ actor_id: mine.user.id, details: expect.objectContaining({ own: true }) }),
    ]);

    expect((await call(t, other.user, 'GET', `/me/hours/proofs/${proof.id}`)).statusCode).toBe(404);
    expect((await call(t, other.user, 'GET', `/proofs/${proof.id}`)).statusCode).toBe(404);
    for (const role of ['street_officer', 'community_worker', 'district_admin'] as const) {
      const area =
        role === 'street_officer'
          ? { streetCode: 'linfenlu' }
          : role === 'community_worker'
            ? { communityId: await communityOf(t, 'linfenlu') }
            : {};
      const u = await makeUser(t, [role], area);
      const res = await call(t, u, 'GET', `/proofs/${proof.id}`);
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('11010519491231002X');
    }
    expect(await audit('care.proof.view', proof.id)).toHaveLength(1);
    // The volunteer's profile still shows the number masked.
    const profile = await call(t, officer, 'GET', `/volunteers/${mine.volunteer.id}`);
    expect(profile.body).not.toContain('11010519491231002X');
  });

  it('revokes with a reason (once); refuses without an ID number or with the issuer incomplete', async () => {
    await setIssuer(t, officer);
    const { volunteer } = await makeVolunteerUser(t, officer);
    await addRecord(t, coordinator, volunteer.id, { serviceDate: `${thisYear()}-01-07` });
    const proof = (await call(t, coordinator, 'POST', `/volunteers/${volunteer.id}/proofs`, period())).json();
    const revoked = await call(t, coordinator, 'POST', `/proofs/${proof.id}/revoke`, {
      reason: '期间填写错误',
    });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json().revokedAt).toBeTruthy();
    expect(
      (await call(t, coordinator, 'POST', `/proofs/${proof.id}/revoke`, { reason: '再次' })).statusCode,
    ).toBe(409);
    expect((await audit('care.proof.revoke', proof.id))[0]!.details).toMatchObject({
      reason: '期间填写错误',
    });
    const list = await call(t, coordinator, 'GET', `/proofs?volunteerId=${volunteer.id}`);
    expect(list.json().items).toEqual([expect.objectContaining({ id: proof.id })]);

    await t.p.database.db
      .update(careVolunteers)
      .set({ idNumberEnc: null, idNumberBidx: null })
      .where(eq(careVolunteers.id, volunteer.id));
    const noId = await call(t, coordinator, 'POST', `/volunteers/${volunteer.id}/proofs`, period());
    expect(noId.json().errors[0]).toMatchObject({ path: 'idNumber', code: 'id_number_required' });

    const cur = await call(t, officer, 'GET', '/settings/issuer');
    await call(
      t,
      officer,
      'PUT',
      '/settings/issuer',
      { name: '上海市静安区残疾人联合会', personInCharge: '', handler: '', contact: '' },
      { 'if-match': String(cur.json().version) },
    );
    const other = await makeVolunteerUser(t, officer);
    await addRecord(t, coordinator, other.volunteer.id, { serviceDate: `${thisYear()}-01-07` });
    const incomplete = await call(
      t,
      coordinator,
      'POST',
      `/volunteers/${other.volunteer.id}/proofs`,
      period(),
    );
    expect(incomplete.json().errors[0]).toMatchObject({ path: 'issuer', code: 'issuer_incomplete' });
  });
});
