/** Who may use meetings and work plans (care.plans), and which needs a caller may link or see. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  communityOf,
  createTestEnv,
  makeUser,
  type TestEnv,
  type TestUser,
} from '../../../../test/harness.js';
import { call, created, makeFamily } from '../care.test-utils.js';
import { makeNeed, patch } from './plans.test-utils.js';

let t: TestEnv;
let officer: TestUser;
let coordinator: TestUser;
/** A street-A worker who also coordinates volunteers: care.plans, but only street A's needs. */
let plannerA: TestUser;
let needA: { id: string; ref: string };
let needB: { id: string; ref: string };

beforeAll(async () => {
  t = await createTestEnv();
  officer = await makeUser(t, ['district_officer']);
  coordinator = await makeUser(t, ['volunteer_coordinator']);
  plannerA = await makeUser(t, ['street_officer', 'volunteer_coordinator'], { streetCode: 'linfenlu' });
  const officerA = await makeUser(t, ['street_officer'], { streetCode: 'linfenlu' });
  const officerB = await makeUser(t, ['street_officer'], { streetCode: 'beizhan' });
  needA = await makeNeed(t, await makeFamily(t, officerA, 'linfenlu'), '甲街道的诉求');
  needB = await makeNeed(t, await makeFamily(t, officerB, 'beizhan'), '乙街道的诉求');
}, 90_000);
afterAll(async () => t?.close());

const meeting = (needIds: string[]) => ({
  kind: 'joint_meeting',
  title: '联席会议',
  heldAt: '2026-05-01T09:00:00+08:00',
  needIds,
});

describe('care.plans access', () => {
  it('roles without care.plans are refused (403) on every route', async () => {
    const ID = '01900000-0000-7000-8000-000000000000';
    for (const roles of [
      ['street_officer'],
      ['community_worker'],
      ['volunteer'],
      ['district_admin'],
    ] as const) {
      const area =
        roles[0] === 'street_officer'
          ? { streetCode: 'linfenlu' }
          : roles[0] === 'community_worker'
            ? { communityId: await communityOf(t, 'linfenlu') }
            : {};
      const u = await makeUser(t, [...roles], area);
      for (const [method, url] of [
        ['GET', '/projects'],
        ['POST', '/projects'],
        ['GET', `/projects/${ID}/progress`],
        ['GET', '/meetings'],
        ['POST', '/meetings'],
        ['GET', `/meetings/${ID}`],
        ['GET', '/work-items'],
        ['PATCH', `/work-items/${ID}`],
        ['GET', '/queue/work-items'],
        ['GET', '/planners'],
        ['GET', `/plan-needs?ref=${needA.ref}`],
      ] as const) {
        const res = await call(t, u, method, url, method === 'GET' ? undefined : {});
        expect(res.statusCode, `${roles[0]} ${method} ${url}`).toBe(403);
      }
    }
    const resident = await makeUser(t, ['resident']);
    expect((await call(t, resident, 'GET', '/meetings')).statusCode).toBe(403);
  });

  it('a need out of the caller’s scope cannot be linked (not found) nor looked up; linked ones stay hidden', async () => {
    // Street A's planner: street A's need yes, street B's not.
    const refusedB = await call(t, plannerA, 'POST', '/meetings', meeting([needB.id]));
    expect(refusedB.statusCode).toBe(400);
    expect(refusedB.json().errors[0]).toMatchObject({ path: 'needIds', message: '所选内容不存在。' });
    const mA = await created(await call(t, plannerA, 'POST', '/meetings', meeting([needA.id])));
    expect((await call(t, plannerA, 'GET', `/plan-needs?ref=${needA.ref}`)).json()).toHaveLength(1);
    expect((await call(t, plannerA, 'GET', `/plan-needs?ref=${needB.ref}`)).json()).toEqual([]);

    // A district officer links both; street A's planner sees only A's and a count of the rest.
    const both = await created(await call(t, officer, 'POST', '/meetings', meeting([needA.id, needB.id])));
    const seenByA = (await call(t, plannerA, 'GET', `/meetings/${both.id}`)).json();
    expect(seenByA.needs.map((n: { id: string }) => n.id)).toEqual([needA.id]);
    expect(seenByA.hiddenNeedCount).toBe(1);
    expect(JSON.stringify(seenByA)).not.toContain(needB.ref);
    // Editing the needs keeps the one they cannot see.
    const edited = await patch(t, plannerA, `/meetings/${both.id}`, { needIds: [needA.id] }, 1);
    expect(edited.json().hiddenNeedCount).toBe(1);
    const forOfficer = (await call(t, officer, 'GET', `/meetings/${both.id}`)).json();
    expect(forOfficer.needs.map((n: { id: string }) => n.id).sort()).toEqual([needA.id, needB.id].sort());

    // An item from street B's need: not found for A's planner, fine for the district officer.
    const item = { title: '跟进', ownerUserId: coordinator.id, deadline: '2026-05-31', meetingId: both.id };
    const refusedItem = await call(t, plannerA, 'POST', '/work-items', { ...item, needId: needB.id });
    expect(refusedItem.json().errors[0]).toMatchObject({ path: 'needId', code: 'not_found' });
    const itemB = await created<{ need: unknown }>(
      await call(t, officer, 'POST', '/work-items', { ...item, needId: needB.id }),
    );
    expect(itemB.need).toMatchObject({ ref: needB.ref });
    // Read by someone whose scope does not cover the need: the item, without the need.
    const byA = (await call(t, plannerA, 'GET', `/work-items/${itemB.id}`)).json();
    expect(byA.needId).toBe(needB.id);
    expect(byA.need).toBeNull();

    // A coordinator (no area) sees no need at all.
    expect((await call(t, coordinator, 'POST', '/meetings', meeting([needA.id]))).statusCode).toBe(400);
    const byCoordinator = (await call(t, coordinator, 'GET', `/meetings/${mA.id}`)).json();
    expect(byCoordinator).toMatchObject({ needs: [], hiddenNeedCount: 1 });
  });
});
