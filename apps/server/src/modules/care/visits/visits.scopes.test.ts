/**
 * Who sees which visits: a street's workers their street's (another street's is 404 and never
 * listed); a volunteer the visits of their own pairings, with the family's name and address only,
 * and can record a visit only for their own pairing. The queue: due and overdue with a fixed clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  communityOf,
  createTestEnv,
  makeUser,
  type TestEnv,
  type TestUser,
} from '../../../../test/harness.js';
import { call, created, makeFamily, makeVolunteer } from '../care.test-utils.js';
import { makePerson } from '../../benefits/benefits.test-utils.js';
import { visitQueue } from './visits.queue.js';
import { actorFor, auditCount, serviceRecords } from './visits.test-utils.js';

let t: TestEnv;
let officer: TestUser;
let officerA: TestUser;
let officerB: TestUser;
let worker: TestUser;
let community: string;
let volunteer: TestUser;
let myVol: { id: string };
let otherVol: { id: string };
let pairA: { id: string };
let pairB: { id: string };
let visitA: { id: string };
let visitB: { id: string };

async function pair(u: TestUser, personId: string, over: Record<string, unknown>) {
  return created(
    await call(t, u, 'POST', '/pairings', {
      personId,
      startOn: '2026-01-01',
      visitPlan: { every: 1, unit: 'month' },
      ...over,
    }),
  );
}

beforeAll(async () => {
  t = await createTestEnv();
  officer = await makeUser(t, ['district_officer']);
  officerA = await makeUser(t, ['street_officer'], { streetCode: 'linfenlu' });
  officerB = await makeUser(t, ['street_officer'], { streetCode: 'beizhan' });
  community = await communityOf(t, 'linfenlu');
  worker = await makeUser(t, ['community_worker'], { communityId: community });
  volunteer = await makeUser(t, ['volunteer']);
  myVol = await makeVolunteer(t, officer, { userId: volunteer.id });
  otherVol = await makeVolunteer(t, officer, { name: '赵志愿' });
  const familyA = await makePerson(t, officerA, { streetCode: 'linfenlu', over: { communityId: community } });
  const familyB = await makeFamily(t, officerB, 'beizhan');
  pairA = await pair(officerA, familyA, { volunteerId: myVol.id, ownerUserId: worker.id });
  pairB = await pair(officerB, familyB, { volunteerId: otherVol.id, ownerUserId: officerB.id });
  visitA = await created(
    await call(t, officerA, 'POST', '/visits', { pairingId: pairA.id, plannedOn: '2026-02-01' }),
  );
  visitB = await created(
    await call(t, officerB, 'POST', '/visits', { pairingId: pairB.id, plannedOn: '2026-02-01' }),
  );
}, 90_000);
afterAll(async () => t?.close());

const ids = (res: { json(): { items: { id: string }[] } }) =>
  res
    .json()
    .items.map((x) => x.id)
    .sort();

describe('visit scopes', () => {
  it("street A sees and changes only street A's visits; street B's are 404 and never listed", async () => {
    expect(ids(await call(t, officerA, 'GET', '/visits'))).toEqual([visitA.id]);
    expect(ids(await call(t, officerB, 'GET', '/visits'))).toEqual([visitB.id]);
    expect(ids(await call(t, officer, 'GET', '/visits'))).toEqual([visitA.id, visitB.id].sort());
    expect(ids(await call(t, worker, 'GET', '/visits'))).toEqual([visitA.id]);
    expect(ids(await call(t, officerA, 'GET', `/visits?pairingId=${pairB.id}`))).toEqual([]);
    expect((await call(t, officerA, 'GET', `/visits/${visitB.id}`)).statusCode).toBe(404);
    const m = { 'if-match': '1' };
    expect((await call(t, officerA, 'PATCH', `/visits/${visitB.id}`, { mode: 'phone' }, m)).statusCode).toBe(
      404,
    );
    expect(
      (await call(t, officerA, 'POST', `/visits/${visitB.id}/miss`, { reason: 'x' }, m)).statusCode,
    ).toBe(404);
    expect(
      (await call(t, officerA, 'POST', `/visits/${visitB.id}/cancel`, { reason: 'x' }, m)).statusCode,
    ).toBe(404);
    const rec = await call(
      t,
      officerA,
      'POST',
      `/visits/${visitB.id}/record`,
      { visitedAt: '2026-02-01T10:00:00+08:00', minutes: 30 },
      m,
    );
    expect(rec.statusCode).toBe(404);
    // Street B's family or pairing cannot be visited from street A.
    const viaPairing = await call(t, officerA, 'POST', '/visits', {
      pairingId: pairB.id,
      plannedOn: '2026-03-01',
    });
    expect(viaPairing.statusCode).toBe(400);
    expect(viaPairing.json().errors[0].path).toMatch(/pairingId/);
    expect((await call(t, officerA, 'GET', `/visits/${visitB.id}`)).statusCode).toBe(404);
    expect((await call(t, officerB, 'GET', `/visits/${visitB.id}`)).json().version).toBe(1);
  });

  it('a volunteer sees the visits of their own pairings with the family name and address only', async () => {
    expect((await call(t, volunteer, 'GET', '/visits')).statusCode).toBe(403);
    expect((await call(t, volunteer, 'GET', `/visits/${visitA.id}`)).statusCode).toBe(404);
    const before = await auditCount(t, 'care.visit.own.list');
    const res = await call(t, volunteer, 'GET', '/me/visits');
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json() as Record<string, unknown>[];
    expect(list.map((v) => v.id)).toEqual([visitA.id]);
    expect(Object.keys(list[0]!).sort()).toEqual(
      ['family', 'id', 'minutes', 'mode', 'myMinutes', 'pairingId', 'plannedOn', 'state', 'visitedAt'].sort(),
    );
    expect(Object.keys(list[0]!.family as object).sort()).toEqual(['address', 'name']);
    expect(JSON.stringify(list)).not.toMatch(/personId|idNumber|phone|findings/);
    expect(await auditCount(t, 'care.visit.own.list')).toBe(before + 1);
    expect((await call(t, volunteer, 'GET', `/me/visits?pairingId=${pairB.id}`)).json()).toEqual([]);
  });

  it("a volunteer's visit takes the place of the one planned for then", async () => {
    const familyP = await makePerson(t, officerA, {
      streetCode: 'linfenlu',
      over: { communityId: community },
    });
    const p = await pair(officerA, familyP, { volunteerId: myVol.id, ownerUserId: officerA.id });
    const planned = await created(
      await call(t, worker, 'POST', '/visits', { pairingId: p.id, plannedOn: '2026-04-05' }),
    );
    const res = await call(t, volunteer, 'POST', `/me/pairings/${p.id}/visits`, {
      visitedAt: '2026-04-01T15:00:00+08:00',
      minutes: 50,
    });
    const v = await created<{ plannedOn: string }>(res);
    expect(v.id).toBe(planned.id);
    expect(v.plannedOn).toBe('2026-04-05');
    const seen = (await call(t, worker, 'GET', `/visits/${planned.id}`)).json();
    expect(seen).toMatchObject({ state: 'done', minutes: 50, version: 2 });
    expect((await call(t, worker, 'GET', `/pairings/${p.id}`)).json().nextVisitOn).toBe('2026-05-01');
  });

  it('a volunteer records a visit only for their own pairing, and takes part with their minutes', async () => {
    // Before the visit planned for 1 Feb: a visit of its own.
    const body = { visitedAt: '2026-01-20T10:00:00+08:00', minutes: 75, findings: '一切安好' };
    expect((await call(t, volunteer, 'POST', `/me/pairings/${pairB.id}/visits`, body)).statusCode).toBe(404);
    const res = await call(t, volunteer, 'POST', `/me/pairings/${pairA.id}/visits`, body);
    const v = await created<{ myMinutes: number; state: string }>(res);
    expect(v).toMatchObject({ state: 'done', myMinutes: 75 });
    expect((await serviceRecords(t, v.id)).map((r) => [r.volunteer_id, r.minutes, r.state])).toEqual([
      [myVol.id, 75, 'recorded'],
    ]);
    expect(await auditCount(t, 'care.visit.own.record', v.id)).toBe(1);
    expect((await call(t, worker, 'GET', `/pairings/${pairA.id}`)).json().nextVisitOn).toBe('2026-02-20');
    // The worker sees it, with the volunteer as participant; street B does not.
    const seen = (await call(t, worker, 'GET', `/visits/${v.id}`)).json();
    expect(seen.participants).toEqual([
      { volunteerId: myVol.id, volunteerName: '王志愿', userId: null, userName: null, minutes: 75 },
    ]);
    expect((await call(t, officerB, 'GET', `/visits/${v.id}`)).statusCode).toBe(404);
    // Staff cannot use the volunteer's route (a single-record route: 404).
    expect((await call(t, worker, 'POST', `/me/pairings/${pairA.id}/visits`, body)).statusCode).toBe(404);
  });
});

describe('my visits due', () => {
  it('lists due and overdue pairings and planned visits of the owner, overdue first; unassigned in the area', async () => {
    const familyC = await makePerson(t, officerA, {
      streetCode: 'linfenlu',
      over: { communityId: community },
    });
    const due = await pair(officerA, familyC, {
      volunteerId: otherVol.id,
      ownerUserId: worker.id,
      startOn: '2026-06-05',
    });
    const later = await pair(officerA, familyC, {
      volunteerId: otherVol.id,
      ownerUserId: worker.id,
      startOn: '2026-06-20',
    });
    const nobody = await pair(officerA, familyC, { volunteerId: otherVol.id, startOn: '2026-06-01' });
    const planned = await created(
      await call(t, worker, 'POST', '/visits', { personId: familyC, plannedOn: '2026-06-03' }),
    );
    // 1 June 2026, 20:00 UTC = 2 June in Shanghai.
    const now = new Date('2026-06-01T20:00:00Z');
    const q = await visitQueue(t.p, actorFor(worker, { communityId: community }), now);
    expect(q.today).toBe('2026-06-02');
    expect(q.dueBy).toBe('2026-06-09');
    // pairA: next visit 2026-02-20 (the volunteer's visit) → 102 days overdue; `due` on 5 June: due, not overdue.
    expect(q.pairings.map((p) => [p.pairingId, p.overdueDays])).toEqual([
      [pairA.id, 102],
      [due.id, 0],
    ]);
    expect(q.pairings.map((p) => p.pairingId)).not.toContain(later.id);
    expect(q.visits.map((v) => [v.visitId, v.plannedOn, v.overdueDays])).toEqual([
      [visitA.id, '2026-02-01', 121],
      [planned.id, '2026-06-03', 0],
    ]);
    expect(q.unassigned.map((p) => p.pairingId)).toEqual([nobody.id]);
    // Street B's worker sees none of it.
    const qb = await visitQueue(t.p, actorFor(officerB, { streetCode: 'beizhan' }), now);
    expect(qb.pairings.map((p) => p.pairingId)).toEqual([pairB.id]);
    expect(qb.unassigned).toEqual([]);

    // Recording the overdue visit takes pairA out of the overdue list.
    const rec = await call(
      t,
      worker,
      'POST',
      `/visits/${visitA.id}/record`,
      { visitedAt: '2026-06-01T10:00:00+08:00', minutes: 40, participants: [{ volunteerId: myVol.id }] },
      { 'if-match': '1' },
    );
    expect(rec.statusCode, rec.body).toBe(200);
    const after = await visitQueue(t.p, actorFor(worker, { communityId: community }), now);
    expect(after.pairings.map((p) => p.pairingId)).toEqual([due.id]);
    expect(after.visits.map((v) => v.visitId)).toEqual([planned.id]);
    // Through HTTP (today's clock): the same shape.
    const http = await call(t, worker, 'GET', '/queue/visits');
    expect(http.statusCode, http.body).toBe(200);
    expect(http.json()).toHaveProperty('unassigned');
  });
});
