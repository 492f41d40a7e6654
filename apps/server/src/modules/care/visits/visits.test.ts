/** Home visits through HTTP: plan, record with participants (→ hours), next visit by the plan, missed / cancelled, edit, If-Match, validation. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import {
  communityOf,
  createTestEnv,
  makeUser,
  type TestEnv,
  type TestUser,
} from '../../../../test/harness.js';
import { call, created, makeTeam, makeVolunteer } from '../care.test-utils.js';
import { makePerson } from '../../benefits/benefits.test-utils.js';
import { auditCount, rows, serviceRecords } from './visits.test-utils.js';

let t: TestEnv;
let officer: TestUser;
let streetA: TestUser;
let streetB: TestUser;
let worker: TestUser;
let community: string;
let family: string;
let vol: { id: string };
let vol2: { id: string };

const chinese = /[\u4e00-\u9fa5]/;
const fieldErrors = (res: { json(): { errors?: { path: string; message: string }[] } }) =>
  Object.fromEntries(
    (res.json().errors ?? []).map((e) => [e.path.replace(/^\/|^body\./, '').replace(/\//g, '.'), e.message]),
  );

beforeAll(async () => {
  t = await createTestEnv();
  officer = await makeUser(t, ['district_officer']);
  streetA = await makeUser(t, ['street_officer'], { streetCode: 'linfenlu' });
  streetB = await makeUser(t, ['street_officer'], { streetCode: 'beizhan' });
  community = await communityOf(t, 'linfenlu');
  worker = await makeUser(t, ['community_worker'], { communityId: community });
  family = await makePerson(t, streetA, { streetCode: 'linfenlu', over: { communityId: community } });
  vol = await makeVolunteer(t, officer);
  vol2 = await makeVolunteer(t, officer, { name: '李志愿' });
}, 90_000);
afterAll(async () => t?.close());

async function pairing(
  plan: { every: number; unit: 'week' | 'month' },
  startOn: string,
  over: Record<string, unknown> = {},
) {
  return created<{ nextVisitOn: string | null; ownerUserId: string | null; version: number }>(
    await call(t, worker, 'POST', '/pairings', {
      personId: family,
      volunteerId: vol.id,
      startOn,
      visitPlan: plan,
      ownerUserId: worker.id,
      ...over,
    }),
  );
}

const getPairing = async (id: string) => (await call(t, worker, 'GET', `/pairings/${id}`)).json();

async function plan(pairingId: string, plannedOn: string) {
  return created<{ state: string; ownerUserId: string | null; personId: string }>(
    await call(t, worker, 'POST', '/visits', { pairingId, plannedOn }),
  );
}

function record(id: string, version: number, body: Record<string, unknown>) {
  return call(t, worker, 'POST', `/visits/${id}/record`, body, { 'if-match': String(version) });
}

describe('pairings: responsible worker and next visit', () => {
  it('starts the next visit at the start date; refuses an owner whose area does not cover the family', async () => {
    const p = await pairing({ every: 1, unit: 'month' }, '2026-01-31');
    expect(p.nextVisitOn).toBe('2026-01-31');
    expect(p.ownerUserId).toBe(worker.id);
    const bad = await call(t, worker, 'POST', '/pairings', {
      personId: family,
      volunteerId: vol.id,
      startOn: '2026-01-01',
      visitPlan: { every: 1, unit: 'month' },
      ownerUserId: streetB.id,
    });
    expect(bad.statusCode).toBe(400);
    expect(fieldErrors(bad).ownerUserId).toBe('负责人须为负责该人员所在街镇或居委的工作人员。');
    const patched = await call(
      t,
      worker,
      'PATCH',
      `/pairings/${p.id}`,
      { ownerUserId: streetB.id },
      { 'if-match': '1' },
    );
    expect(patched.statusCode).toBe(400);
    // The owner picker lists the workers whose area covers the family (not street B's officer).
    const workers = (await call(t, worker, 'GET', `/visit-workers/${family}`)).json() as { id: string }[];
    expect(workers.map((w) => w.id)).toEqual(expect.arrayContaining([worker.id, streetA.id]));
    expect(workers.map((w) => w.id)).not.toContain(streetB.id);
    expect((await call(t, streetB, 'GET', `/visit-workers/${family}`)).statusCode).toBe(404);
    // Ending the pairing clears the next visit.
    const ended = await call(
      t,
      worker,
      'PATCH',
      `/pairings/${p.id}`,
      { state: 'ended' },
      { 'if-match': '1' },
    );
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json().nextVisitOn).toBeNull();
  });
});

describe('visits', () => {
  it('plans a visit, records it with a volunteer and a worker: hours, next visit (31 Jan + 1 month = 28 Feb)', async () => {
    const p = await pairing({ every: 1, unit: 'month' }, '2026-01-31');
    const v = await plan(p.id, '2026-01-31');
    expect(v.state).toBe('planned');
    expect(v.ownerUserId).toBe(worker.id);
    expect(v.personId).toBe(family);
    expect(await auditCount(t, 'care.visit.plan', v.id)).toBe(1);

    const res = await record(v.id, 1, {
      visitedAt: '2026-01-31T10:00:00+08:00',
      minutes: 90,
      findings: '老人腿脚不便，需要助行器',
      participants: [{ volunteerId: vol.id, minutes: 80 }, { userId: worker.id }, { volunteerId: vol2.id }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const done = res.json();
    expect(done.state).toBe('done');
    expect(done.version).toBe(2);
    expect(res.headers.etag).toBe('"2"');
    expect(done.participants).toHaveLength(3);
    expect(done.participants[1].userName).toBeTruthy();
    const recs = await serviceRecords(t, v.id);
    expect(recs.map((r) => [r.volunteer_id, r.minutes, r.state]).sort()).toEqual(
      [
        [vol.id, 80, 'recorded'],
        [vol2.id, 90, 'recorded'], // no minutes given: the visit's
      ].sort(),
    );
    expect((await getPairing(p.id)).nextVisitOn).toBe('2026-02-28');
    expect(await auditCount(t, 'care.visit.record', v.id)).toBe(1);

    // A stale If-Match is refused.
    const stale = await call(t, worker, 'PATCH', `/visits/${v.id}`, { minutes: 60 }, { 'if-match': '1' });
    expect(stale.statusCode).toBe(412);

    // Editing the visit updates the hours (one row per volunteer) and the next visit.
    const edit = await call(
      t,
      worker,
      'PATCH',
      `/visits/${v.id}`,
      { visitedAt: '2026-03-31T09:00:00+08:00', participants: [{ volunteerId: vol.id, minutes: 120 }] },
      { 'if-match': '2' },
    );
    expect(edit.statusCode, edit.body).toBe(200);
    const after = await serviceRecords(t, v.id);
    expect(after.map((r) => [r.volunteer_id, r.minutes, r.state]).sort()).toEqual(
      [
        [vol.id, 120, 'recorded'],
        [vol2.id, 90, 'void'],
      ].sort(),
    );
    expect((await getPairing(p.id)).nextVisitOn).toBe('2026-04-30');

    // Cancelling a done visit voids its hours; the next visit falls back to the start.
    const cancel = await call(
      t,
      worker,
      'POST',
      `/visits/${v.id}/cancel`,
      { reason: '记录有误' },
      { 'if-match': '3' },
    );
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect(cancel.json().state).toBe('cancelled');
    expect((await serviceRecords(t, v.id)).every((r) => r.state === 'void')).toBe(true);
    expect((await getPairing(p.id)).nextVisitOn).toBe('2026-01-31');
    // A cancelled visit cannot be recorded.
    expect((await record(v.id, 4, { visitedAt: '2026-02-01T10:00:00+08:00', minutes: 30 })).statusCode).toBe(
      409,
    );
  });

  it('moves a weekly plan by weeks from the visit’s Shanghai date', async () => {
    const p = await pairing({ every: 2, unit: 'week' }, '2026-02-01');
    // 23:30 UTC on 24 Feb is 25 Feb in Shanghai.
    const res = await call(t, worker, 'POST', '/visits/record', {
      pairingId: p.id,
      visitedAt: '2026-02-24T23:30:00Z',
      minutes: 45,
      mode: 'phone',
    });
    const v = await created<{ plannedOn: string; state: string }>(res);
    expect(v.state).toBe('done');
    expect(v.plannedOn).toBe('2026-02-25');
    expect((await getPairing(p.id)).nextVisitOn).toBe('2026-03-11');
  });

  it('marks a planned visit missed with a reason; a reason is required', async () => {
    const p = await pairing({ every: 1, unit: 'month' }, '2026-05-01');
    const v = await plan(p.id, '2026-05-03');
    const none = await call(t, worker, 'POST', `/visits/${v.id}/miss`, { reason: '' }, { 'if-match': '1' });
    expect(none.statusCode).toBe(400);
    expect(fieldErrors(none).reason).toMatch(chinese);
    const missed = await call(
      t,
      worker,
      'POST',
      `/visits/${v.id}/miss`,
      { reason: '家中无人' },
      { 'if-match': '1' },
    );
    expect(missed.statusCode, missed.body).toBe(200);
    expect(missed.json()).toMatchObject({ state: 'missed', reason: '家中无人' });
    expect((await getPairing(p.id)).nextVisitOn).toBe('2026-05-01');
    // A missed visit can still be recorded later; a missed one cannot be missed again.
    expect(
      (await call(t, worker, 'POST', `/visits/${v.id}/miss`, { reason: 'x' }, { 'if-match': '2' }))
        .statusCode,
    ).toBe(409);
    const rec = await record(v.id, 2, { visitedAt: '2026-05-05T15:00:00+08:00', minutes: 30 });
    expect(rec.statusCode, rec.body).toBe(200);
    expect((await getPairing(p.id)).nextVisitOn).toBe('2026-06-05');
    // Without If-Match: 428.
    expect((await call(t, worker, 'POST', `/visits/${v.id}/cancel`, { reason: 'x' })).statusCode).toBe(428);
  });

  it('says per field, in Chinese, what is wrong', async () => {
    const p = await pairing({ every: 1, unit: 'month' }, '2026-01-01');
    const missing = await call(t, worker, 'POST', '/visits', { pairingId: p.id });
    expect(missing.statusCode).toBe(400);
    expect(fieldErrors(missing).plannedOn).toMatch(chinese);
    const neither = await call(t, worker, 'POST', '/visits', { plannedOn: '2026-02-01' });
    expect(fieldErrors(neither).personId).toBe('请选择一个结对或一位走访对象。');
    const otherOwner = await call(t, worker, 'POST', '/visits', {
      personId: family,
      plannedOn: '2026-02-01',
      ownerUserId: streetB.id,
    });
    expect(fieldErrors(otherOwner).ownerUserId).toMatch(chinese);
    const v = await plan(p.id, '2026-02-01');
    const both = await record(v.id, 1, {
      visitedAt: '2026-02-01T10:00:00+08:00',
      minutes: 30,
      participants: [{ volunteerId: vol.id, userId: worker.id }],
    });
    expect(both.statusCode).toBe(400);
    expect(fieldErrors(both)['participants.0.volunteerId']).toBe(
      '每位参与人须为一名志愿者或一名工作人员（只选一项）。',
    );
    const twice = await record(v.id, 1, {
      visitedAt: '2026-02-01T10:00:00+08:00',
      minutes: 30,
      participants: [{ volunteerId: vol.id }, { volunteerId: vol.id }],
    });
    expect(fieldErrors(twice)['participants.1']).toBe('同一参与人只能填写一次。');
    const future = await record(v.id, 1, { visitedAt: '2099-01-01T10:00:00+08:00', minutes: 30 });
    expect(fieldErrors(future).visitedAt).toBe('走访时间不能晚于现在。');
    const long = await record(v.id, 1, { visitedAt: '2026-02-01T10:00:00+08:00', minutes: 2000 });
    expect(fieldErrors(long).minutes).toMatch(chinese);
    // A planned visit's recorded facts are not edited by PATCH.
    const notNow = await call(t, worker, 'PATCH', `/visits/${v.id}`, { findings: 'x' }, { 'if-match': '1' });
    expect(fieldErrors(notNow).findings).toBe('走访当前的状态下不能修改此项。');
    // Nothing was written by the refused calls.
    expect((await call(t, worker, 'GET', `/visits/${v.id}`)).json()).toMatchObject({
      state: 'planned',
      version: 1,
    });
  });

  it('raises needs on a visit as needs cases of the family', async () => {
    const team = await makeTeam(t, officer, '临汾路社工队');
    const p = await pairing({ every: 1, unit: 'month' }, '2026-01-01', {
      volunteerId: null,
      teamId: team.id,
    });
    const res = await call(t, worker, 'POST', '/visits/record', {
      pairingId: p.id,
      visitedAt: '2026-03-02T10:00:00+08:00',
      minutes: 60,
      findings: '家中卫生间需要无障碍改造',
      needs: [{ category: 'accessibility', urgency: 'high', title: '卫生间加装扶手' }],
    });
    const v = await created<{ needs: { id: string; ref: string; title: string }[] }>(res);
    expect(v.needs).toHaveLength(1);
    expect(v.needs[0]!.ref).toMatch(/^XQ-\d{4}-\d{6}$/);
    const [need] = await rows<{ person_id: string; visit_id: string; source: string; owner_user_id: string }>(
      t,
      sql`SELECT person_id, visit_id, source, owner_user_id FROM care_needs WHERE id = ${v.needs[0]!.id}`,
    );
    expect(need).toMatchObject({ person_id: family, visit_id: v.id, source: 'visit' });
  });

  it('lists by pairing, state, owner and date range with keyset paging', async () => {
    const p = await pairing({ every: 1, unit: 'week' }, '2026-07-01');
    const a = await plan(p.id, '2026-07-01');
    const b = await plan(p.id, '2026-07-08');
    const c = await plan(p.id, '2026-07-15');
    const first = (await call(t, worker, 'GET', `/visits?pairingId=${p.id}&limit=2`)).json();
    expect(first.items.map((x: { id: string }) => x.id)).toEqual([c.id, b.id]);
    const second = (
      await call(
        t,
        worker,
        'GET',
        `/visits?pairingId=${p.id}&limit=2&cursor=${encodeURIComponent(first.nextCursor)}`,
      )
    ).json();
    expect(second.items.map((x: { id: string }) => x.id)).toEqual([a.id]);
    expect(second.nextCursor).toBeNull();
    const ranged = (
      await call(t, worker, 'GET', `/visits?pairingId=${p.id}&from=2026-07-02&to=2026-07-14`)
    ).json();
    expect(ranged.items.map((x: { id: string }) => x.id)).toEqual([b.id]);
    const mineNow = (
      await call(t, worker, 'GET', `/visits?ownerUserId=${worker.id}&state=planned&personId=${family}`)
    ).json();
    expect(mineNow.items.map((x: { id: string }) => x.id)).toEqual(
      expect.arrayContaining([a.id, b.id, c.id]),
    );
    expect(mineNow.items.every((x: { state: string }) => x.state === 'planned')).toBe(true);
  });
});
