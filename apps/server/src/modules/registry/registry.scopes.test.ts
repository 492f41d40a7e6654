/** Street A cannot reach street B's persons by id, in lists, search, counts or related records. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, makeUser, communityOf, type TestEnv, type TestUser } from '../../../test/harness.js';
import { personBody } from '../../../test/factories.js';

let t: TestEnv;
let officerA: TestUser;
let officerB: TestUser;
let workerA: TestUser;
let personB: { id: string; name: string };
let bodyB: ReturnType<typeof personBody>;
let personA2: { id: string };

beforeAll(async () => {
  t = await createTestEnv();
  officerA = await makeUser(t, ['street_officer'], { streetCode: 'linfenlu' });
  officerB = await makeUser(t, ['street_officer'], { streetCode: 'beizhan' });
  const communityA = await communityOf(t, 'linfenlu');
  workerA = await makeUser(t, ['community_worker'], { communityId: communityA });
  bodyB = personBody({ name: '范围测试乙', streetCode: 'beizhan' });
  personB = (
    await t.app.inject({ method: 'POST', url: '/api/v1/persons', headers: officerB.auth, payload: bodyB })
  ).json();
  await t.app.inject({
    method: 'POST',
    url: '/api/v1/persons',
    headers: officerA.auth,
    payload: personBody({ name: '范围测试甲' }),
  });
  // A person in street A but another community than the worker's.
  personA2 = (
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/persons',
      headers: officerA.auth,
      payload: personBody({ name: '范围测试丙' }),
    })
  ).json();
});
afterAll(async () => t.close());

describe('registry scopes', () => {
  it('by id and on every related route: 404', async () => {
    const id = personB.id;
    const routes: [string, string, unknown?][] = [
      ['GET', `/api/v1/persons/${id}`],
      ['GET', `/api/v1/persons/${id}/history`],
      ['GET', `/api/v1/persons/${id}/certificates`],
      ['GET', `/api/v1/persons/${id}/guardians`],
      ['GET', `/api/v1/persons/${id}/duplicates`],
      ['POST', `/api/v1/persons/${id}/reveal`, { reason: '越权测试' }],
      ['POST', `/api/v1/persons/${id}/guardians`, { name: '某', relationship: 'parent' }],
      [
        'POST',
        `/api/v1/persons/${id}/certificates`,
        { number: `${bodyB.idNumber}11`, issuedAt: '2024-01-01' },
      ],
      ['POST', `/api/v1/persons/${id}/household`, { role: 'head' }],
    ];
    for (const [method, url, payload] of routes) {
      const res = await t.app.inject({
        method: method as 'GET',
        url,
        headers: officerA.auth,
        ...(payload ? { payload: payload as object } : {}),
      });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/persons/${id}`,
      headers: { ...officerA.auth, 'if-match': '1' },
      payload: { livingStatus: 'deceased' },
    });
    expect(patch.statusCode).toBe(404);
    // And nothing changed.
    const own = (await t.app.inject({ url: `/api/v1/persons/${id}`, headers: officerB.auth })).json();
    expect(own).toMatchObject({ livingStatus: 'normal', version: 1 });
  });

  it('lists, search by name, pinyin, exact ID and counts never include street B', async () => {
    for (const q of [
      '范围测试',
      'fanweiceshi',
      'fwcs',
      bodyB.idNumber as string,
      (bodyB.certificate as { number: string }).number,
    ]) {
      const list = (
        await t.app.inject({ url: `/api/v1/persons?q=${encodeURIComponent(q)}`, headers: officerA.auth })
      ).json();
      expect(
        list.items.map((i: { id: string }) => i.id),
        q,
      ).not.toContain(personB.id);
    }
    const filtered = (
      await t.app.inject({ url: '/api/v1/persons?streetCode=beizhan', headers: officerA.auth })
    ).json();
    expect(filtered.items).toEqual([]);
    const countA = (
      await t.app.inject({ url: '/api/v1/persons/count?q=范围测试', headers: officerA.auth })
    ).json().count;
    const countB = (
      await t.app.inject({ url: '/api/v1/persons/count?q=范围测试', headers: officerB.auth })
    ).json().count;
    expect(countA).toBe(2);
    expect(countB).toBe(1);
  });

  it('a merge cannot pull in a record from outside the scope', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/persons/${personA2.id}/merge`,
      headers: officerA.auth,
      payload: { intoId: personB.id, reason: '越权合并' },
    });
    expect(res.statusCode).toBe(404);
  });

  it('a community worker sees only their community', async () => {
    const list = (
      await t.app.inject({
        url: `/api/v1/persons?q=${encodeURIComponent('范围测试')}`,
        headers: workerA.auth,
      })
    ).json();
    expect(list.items).toEqual([]); // the test persons have a street but no community
    expect(
      (await t.app.inject({ url: `/api/v1/persons/${personA2.id}`, headers: workerA.auth })).statusCode,
    ).toBe(404);
  });
});
