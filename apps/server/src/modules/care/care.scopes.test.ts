/** Who sees which pairings: street workers their street's; a volunteer their own (and their teams'), with minimum family data. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, makeUser, type TestEnv, type TestUser } from '../../../test/harness.js';
import { call, makeFamily, makePairing, makeTeam, makeVolunteer } from './care.test-utils.js';

let t: TestEnv;
let officer: TestUser;
let officerA: TestUser;
let officerB: TestUser;
let volunteer: TestUser;
let stranger: TestUser;
let mine: { id: string };
let viaTeam: { id: string };
let other: { id: string };

beforeAll(async () => {
  t = await createTestEnv();
  officer = await makeUser(t, ['district_officer']);
  officerA = await makeUser(t, ['street_officer'], { streetCode: 'linfenlu' });
  officerB = await makeUser(t, ['street_officer'], { streetCode: 'beizhan' });
  volunteer = await makeUser(t, ['volunteer']);
  stranger = await makeUser(t, ['volunteer']);
  const v = await makeVolunteer(t, officer, { userId: volunteer.id });
  const otherV = await makeVolunteer(t, officer, { name: '赵志愿' });
  const team = await makeTeam(t, officer);
  const add = await call(t, officer, 'POST', `/organisations/${team.id}/members`, { volunteerId: v.id });
  expect(add.statusCode, add.body).toBe(201);
  const familyA = await makeFamily(t, officerA, 'linfenlu');
  const familyA2 = await makeFamily(t, officerA, 'linfenlu');
  const familyB = await makeFamily(t, officerB, 'beizhan');
  mine = await makePairing(t, officerA, familyA, { volunteerId: v.id });
  viaTeam = await makePairing(t, officerA, familyA2, { teamId: team.id });
  other = await makePairing(t, officerB, familyB, { volunteerId: otherV.id });
}, 90_000);
afterAll(async () => t?.close());

const ids = (res: { json(): { items: { id: string }[] } }) =>
  res
    .json()
    .items.map((x) => x.id)
    .sort();

describe('care scopes', () => {
  it("a street officer sees and changes only their street's pairings", async () => {
    expect(ids(await call(t, officerA, 'GET', '/pairings'))).toEqual([mine.id, viaTeam.id].sort());
    expect(ids(await call(t, officerB, 'GET', '/pairings'))).toEqual([other.id]);
    expect(ids(await call(t, officer, 'GET', '/pairings'))).toEqual([mine.id, viaTeam.id, other.id].sort());
    expect((await call(t, officerA, 'GET', `/pairings/${other.id}`)).statusCode).toBe(404);
    expect(
      (await call(t, officerA, 'PATCH', `/pairings/${other.id}`, { goals: 'x' }, { 'if-match': '1' }))
        .statusCode,
    ).toBe(404);
  });

  it('a street officer cannot pair a family of another street', async () => {
    const familyB = await makeFamily(t, officerB, 'beizhan');
    const v = await makeVolunteer(t, officer);
    const res = await call(t, officerA, 'POST', '/pairings', {
      personId: familyB,
      volunteerId: v.id,
      startOn: '2026-01-01',
      visitPlan: { every: 1, unit: 'month' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ path: 'personId', message: '所选内容不存在。' });
  });

  it("a volunteer sees their own and their team's pairings with the family's name and address only", async () => {
    const res = await call(t, volunteer, 'GET', '/me/pairings');
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json() as { id: string; family: Record<string, unknown> }[];
    expect(list.map((p) => p.id).sort()).toEqual([mine.id, viaTeam.id].sort());
    for (const p of list) {
      expect(Object.keys(p.family).sort()).toEqual(['address', 'name']);
      expect(p.family.address).toContain('临汾路');
    }
    expect(JSON.stringify(list)).not.toMatch(/idNumber|certificate|lowIncome|phone|personId/);
    // A team's pairing names the team (the page tells it from the volunteer's own).
    const named = list as unknown as { id: string; teamName: string | null }[];
    expect(named.find((p) => p.id === viaTeam.id)?.teamName).toBeTruthy();
    expect(named.find((p) => p.id === mine.id)?.teamName).toBeNull();
    expect((await call(t, volunteer, 'GET', `/me/pairings/${mine.id}`)).statusCode).toBe(200);
    expect((await call(t, volunteer, 'GET', `/me/pairings/${other.id}`)).statusCode).toBe(404);
    expect((await call(t, volunteer, 'GET', `/pairings/${other.id}`)).statusCode).toBe(404);
    expect((await call(t, volunteer, 'GET', '/pairings')).statusCode).toBe(403);
    expect((await call(t, volunteer, 'GET', '/volunteers')).statusCode).toBe(403);
    const me = await call(t, volunteer, 'GET', '/me/volunteer');
    expect(me.json().profile).toMatchObject({ name: '王志愿' });
  });

  it('a volunteer without a profile sees nothing', async () => {
    expect((await call(t, stranger, 'GET', '/me/pairings')).json()).toEqual([]);
    expect((await call(t, stranger, 'GET', '/me/volunteer')).json()).toEqual({ profile: null });
    expect((await call(t, stranger, 'GET', `/me/pairings/${mine.id}`)).statusCode).toBe(404);
  });
});
