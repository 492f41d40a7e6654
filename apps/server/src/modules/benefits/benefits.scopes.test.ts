import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { communityOf, createTestEnv, makeUser, type TestEnv, type TestUser } from '../../../test/harness.js';
import { entitlementsOf, makePerson, makeProgram, runCycle } from './benefits.test-utils.js';
import { periodOf, shanghaiToday } from './periods.js';

let t: TestEnv;
let manager: TestUser;
let linfen: TestUser;
let beizhan: TestUser;
let community: TestUser;
let resident: TestUser;
let cycleId: string;
let code: string;
let linfenPerson: string;
beforeAll(async () => {
  t = await createTestEnv();
  manager = await makeUser(t, ['district_officer']);
  linfen = await makeUser(t, ['street_officer'], { streetCode: 'linfenlu' });
  beizhan = await makeUser(t, ['street_officer'], { streetCode: 'beizhan' });
  community = await makeUser(t, ['community_worker'], { communityId: await communityOf(t, 'linfenlu') });
  resident = await makeUser(t, ['resident']);
  const p = await makeProgram(t, manager);
  code = p.code;
  linfenPerson = await makePerson(t, linfen, { tag: p.tag });
  await makePerson(t, manager, { tag: p.tag, streetCode: 'beizhan' });
  await makePerson(t, manager, { tag: p.tag, streetCode: 'beizhan' });
  cycleId = await runCycle(t, manager, code, periodOf(shanghaiToday(), 'monthly'));
});
afterAll(async () => t.close());

describe('benefits scopes', () => {
  it('a street officer sees, counts, submits and approves only their street’s entitlements', async () => {
    expect((await entitlementsOf(t, manager, cycleId)).length).toBe(3);
    const mine = await entitlementsOf(t, beizhan, cycleId);
    expect(mine.map((e) => e.streetCode)).toEqual(['beizhan', 'beizhan']);
    const asked = await entitlementsOf(t, beizhan, cycleId, '&streetCode=linfenlu');
    expect(asked).toEqual([]);
    const c = await t.app.inject({
      method: 'GET',
      url: `/api/v1/benefits/cycles/${cycleId}`,
      headers: beizhan.auth,
    });
    expect(c.json().counts).toEqual({ draft: 2 });
    // Submitting "everything" or a linfenlu entitlement by id changes nothing outside the street.
    const linfenEnt = (await entitlementsOf(t, linfen, cycleId))[0]!;
    const byId = await t.app.inject({
      method: 'POST',
      url: `/api/v1/benefits/cycles/${cycleId}/entitlements/bulk`,
      headers: beizhan.auth,
      payload: { action: 'submit', ids: [linfenEnt.id] },
    });
    expect(byId.json()).toEqual({ changed: 0, skipped: 1 });
    const all = await t.app.inject({
      method: 'POST',
      url: `/api/v1/benefits/cycles/${cycleId}/entitlements/bulk`,
      headers: beizhan.auth,
      payload: { action: 'submit' },
    });
    expect(all.json()).toEqual({ changed: 2, skipped: 0 });
    expect((await entitlementsOf(t, linfen, cycleId))[0]!.state).toBe('draft');
  });

  it('review queue and objections: only in scope; deciding one outside it is "not found"', async () => {
    const v = (
      await t.app.inject({ method: 'GET', url: `/api/v1/persons/${linfenPerson}`, headers: linfen.auth })
    ).json().version;
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/persons/${linfenPerson}`,
      headers: { ...linfen.auth, 'if-match': String(v) },
      payload: { lowIncome: 'dibao', reason: '纳入低保（测试）' }, // qualifies, not yet granted → a grant review
    });
    await t.p.events.dispatch();
    const own = await t.app.inject({
      method: 'GET',
      url: `/api/v1/benefits/reviews?programCode=${code}`,
      headers: linfen.auth,
    });
    const other = await t.app.inject({
      method: 'GET',
      url: `/api/v1/benefits/reviews?programCode=${code}`,
      headers: beizhan.auth,
    });
    expect(own.json().items.map((r: { person: { id: string } }) => r.person.id)).toContain(linfenPerson);
    expect(
      other.json().items.every((r: { person: { streetCode: string } }) => r.person.streetCode === 'beizhan'),
    ).toBe(true);
    const review = own.json().items.find((r: { person: { id: string } }) => r.person.id === linfenPerson);
    const foreign = await t.app.inject({
      method: 'POST',
      url: `/api/v1/benefits/reviews/${review.id}/decision`,
      headers: beizhan.auth,
      payload: { decision: 'dismiss' },
    });
    expect(foreign.statusCode).toBe(404);
  });

  it('community workers read but do not run or approve; residents and admins see nothing of staff work', async () => {
    const read = await t.app.inject({
      method: 'GET',
      url: `/api/v1/benefits/cycles/${cycleId}/entitlements`,
      headers: community.auth,
    });
    expect(read.statusCode).toBe(200);
    const run = await t.app.inject({
      method: 'POST',
      url: `/api/v1/benefits/cycles/${cycleId}/run`,
      headers: community.auth,
    });
    expect(run.statusCode).toBe(403);
    const admin = await makeUser(t, ['district_admin']);
    for (const u of [resident, admin]) {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/benefits/programs', headers: u.auth });
      expect(res.statusCode).toBe(403);
    }
    const otherEligibility = await t.app.inject({
      method: 'GET',
      url: `/api/v1/persons/${linfenPerson}/eligibility`,
      headers: resident.auth,
    });
    expect(otherEligibility.statusCode).toBe(404);
    const mine = await t.app.inject({ method: 'GET', url: '/api/v1/me/benefits', headers: resident.auth });
    expect(mine.json()).toEqual({ persons: [], notices: [], objections: [] });
  });
});
