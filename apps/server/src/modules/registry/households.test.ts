/** Households: create one, link to an existing one by its number or by picking it from a search; scopes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, makeUser, type TestEnv, type TestUser } from '../../../test/harness.js';
import { personBody } from '../../../test/factories.js';

let t: TestEnv;
let officerA: TestUser;
let officerB: TestUser;

beforeAll(async () => {
  t = await createTestEnv();
  officerA = await makeUser(t, ['street_officer'], { streetCode: 'linfenlu' });
  officerB = await makeUser(t, ['street_officer'], { streetCode: 'beizhan' });
});
afterAll(async () => t.close());

async function register(
  u: TestUser,
  over: Record<string, unknown> = {},
): Promise<{ id: string; name: string }> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/persons',
    headers: u.auth,
    payload: personBody(over),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const link = (u: TestUser, personId: string, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: `/api/v1/persons/${personId}/household`, headers: u.auth, payload });

const find = (u: TestUser, q: string) =>
  t.app.inject({ url: `/api/v1/households?q=${encodeURIComponent(q)}`, headers: u.auth });

describe('households', () => {
  it('creates a household, then links another person to it by its number', async () => {
    const head = await register(officerA, { name: '户主测试甲' });
    const created = await link(officerA, head.id, { role: 'head' });
    expect(created.statusCode, created.body).toBe(200);
    const household = created.json();
    expect(household.members).toEqual([{ id: head.id, name: '户主测试甲', role: 'head' }]);

    const spouse = await register(officerA, { name: '配偶测试乙' });
    const linked = await link(officerA, spouse.id, { householdId: household.id, role: 'spouse' });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(
      linked
        .json()
        .members.map((m: { name: string; role: string }) => [m.name, m.role])
        .sort(),
    ).toEqual([
      ['户主测试甲', 'head'],
      ['配偶测试乙', 'spouse'],
    ]);
    const person = (
      await t.app.inject({ url: `/api/v1/persons/${spouse.id}`, headers: officerA.auth })
    ).json();
    expect(person.householdId).toBe(household.id);
  });

  it('finds households to pick by a member’s name, pinyin or the household’s number, only in scope', async () => {
    const member = await register(officerA, { name: '家庭查找丙' });
    const h = (await link(officerA, member.id, { role: 'head' })).json();
    const byName = await find(officerA, '家庭查找');
    expect(byName.statusCode, byName.body).toBe(200);
    expect(byName.json().items).toEqual([
      {
        id: h.id,
        streetCode: 'linfenlu',
        communityId: null,
        members: [{ id: member.id, name: '家庭查找丙', role: 'head' }],
      },
    ]);
    const byPinyin = (await find(officerA, 'jiatingchazhao')).json().items;
    expect(byPinyin.map((x: { id: string }) => x.id)).toEqual([h.id]);
    // A pasted number, with stray spaces and in capitals.
    const byId = (await find(officerA, ` ${h.id.toUpperCase()} `)).json().items;
    expect(byId.map((x: { id: string }) => x.id)).toEqual([h.id]);
    // Another street's officer finds nothing, by name or by number.
    expect((await find(officerB, '家庭查找')).json().items).toEqual([]);
    expect((await find(officerB, h.id)).json().items).toEqual([]);
    // A person without a household is not a household.
    await register(officerA, { name: '无户测试丁' });
    expect((await find(officerA, '无户测试')).json().items).toEqual([]);
  });

  it('a household outside the caller’s scope is "not found", to read and to link to', async () => {
    const other = await register(officerB, { name: '外街户主戊', streetCode: 'beizhan' });
    const hB = (await link(officerB, other.id, { role: 'head' })).json();
    const read = await t.app.inject({ url: `/api/v1/households/${hB.id}`, headers: officerA.auth });
    expect(read.statusCode).toBe(404);
    const mine = await register(officerA, { name: '本街测试己' });
    const res = await link(officerA, mine.id, { householdId: hB.id, role: 'spouse' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ path: 'householdId', code: 'not_found' })]);
    // The same as a number that does not exist at all.
    const none = await link(officerA, mine.id, {
      householdId: '01890000-0000-7000-8000-000000000000',
      role: 'spouse',
    });
    expect(none.statusCode).toBe(400);
    expect(none.json().errors).toEqual(res.json().errors);
    // Nothing changed.
    const person = (await t.app.inject({ url: `/api/v1/persons/${mine.id}`, headers: officerA.auth })).json();
    expect(person.householdId).toBeNull();
  });

  it('rejects a malformed number; a blank search lists the households in scope', async () => {
    const p = await register(officerA);
    expect((await link(officerA, p.id, { householdId: '12345', role: 'head' })).statusCode).toBe(400);
    const all = (await find(officerA, ' ')).json().items as { streetCode: string }[];
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((h) => h.streetCode === 'linfenlu')).toBe(true);
    const allB = (await find(officerB, '')).json().items as { members: { name: string }[] }[];
    expect(allB.flatMap((h) => h.members.map((m) => m.name))).toEqual(['外街户主戊']);
  });
});
