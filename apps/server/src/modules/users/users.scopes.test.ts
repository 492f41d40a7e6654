/** Data scopes: a street-A officer cannot see street B's records by id, in a list or in a count. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestEnv, makeUser, communityOf, type TestEnv, type TestUser } from '../../../test/harness.js';
import { auditLog, breakGlass } from '../../platform/db/schema.js';

let t: TestEnv;
let officerA: TestUser; // 临汾路街道
let officerB: TestUser; // 北站街道
let workerA: TestUser; // a 临汾路 community
let staffA: TestUser; // a community worker of street A, as a record to look at
let staffB: TestUser;

beforeAll(async () => {
  t = await createTestEnv();
  officerA = await makeUser(t, ['street_officer'], { streetCode: 'linfenlu' });
  officerB = await makeUser(t, ['street_officer'], { streetCode: 'beizhan' });
  workerA = await makeUser(t, ['community_worker'], { communityId: await communityOf(t, 'linfenlu') });
  staffA = await makeUser(t, ['community_worker'], { communityId: await communityOf(t, 'linfenlu') });
  staffB = await makeUser(t, ['community_worker'], { communityId: await communityOf(t, 'beizhan') });
});
afterAll(async () => t.close());

const get = (u: TestUser, url: string) => t.app.inject({ url, headers: u.auth });

describe('street scope on users', () => {
  it('by id: own street 200, other street 404', async () => {
    expect((await get(officerA, `/api/v1/users/${staffA.id}`)).statusCode).toBe(200);
    const other = await get(officerA, `/api/v1/users/${staffB.id}`);
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('not_found');
  });

  it('in a list and in a search, other streets never appear', async () => {
    const list = (await get(officerA, '/api/v1/users?limit=200')).json();
    const ids = list.items.map((u: { id: string }) => u.id);
    expect(ids).toContain(staffA.id);
    expect(ids).not.toContain(staffB.id);
    expect(ids).not.toContain(officerB.id);
    for (const u of list.items) expect(u.streetCode).toBe('linfenlu');
    const search = (await get(officerA, `/api/v1/users?q=${staffB.username}`)).json();
    expect(search.items).toEqual([]);
    const filtered = (await get(officerA, '/api/v1/users?streetCode=beizhan')).json();
    expect(filtered.items).toEqual([]);
  });

  it('in a count, only own street is counted', async () => {
    const district = await makeUser(t, ['district_officer']);
    const all = (await get(district, '/api/v1/users/count')).json().count;
    const a = (await get(officerA, '/api/v1/users/count')).json().count;
    const b = (await get(officerB, '/api/v1/users/count')).json().count;
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    expect(a + b).toBeLessThan(all);
    const listA = (await get(officerA, '/api/v1/users?limit=200')).json().items.length;
    expect(a).toBe(listA);
  });

  it('areas: a street officer sees only their street; another street is 404', async () => {
    const areas = (await get(officerA, '/api/v1/areas')).json();
    expect(areas.items.map((s: { code: string }) => s.code)).toEqual(['linfenlu']);
    expect(areas.items[0].communities.length).toBeGreaterThan(10);
    expect((await get(officerA, '/api/v1/areas/beizhan')).statusCode).toBe(404);
    const worker = (await get(workerA, '/api/v1/areas')).json();
    expect(worker.items).toHaveLength(1);
    expect(worker.items[0].communities).toHaveLength(1);
  });
});

describe('break the glass', () => {
  it('needs a reason, widens the scope for a while, is audited and visible to the auditor', async () => {
    const tooShort = await t.app.inject({
      method: 'POST',
      url: '/api/v1/access/break-glass',
      headers: officerA.auth,
      payload: { reason: 'urgent', streetCode: 'beizhan' },
    });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json().errors[0].path).toBe('reason');

    const grant = await t.app.inject({
      method: 'POST',
      url: '/api/v1/access/break-glass',
      headers: officerA.auth,
      payload: { reason: '居民临时转至北站街道安置，需核对其助残员信息', streetCode: 'beizhan', minutes: 30 },
    });
    expect(grant.statusCode).toBe(201);
    const g = grant.json();
    expect(new Date(g.expiresAt).getTime() - Date.now()).toBeGreaterThan(29 * 60_000);
    expect((await get(officerA, `/api/v1/users/${staffB.id}`)).statusCode).toBe(200);

    const audited = await t.p.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'access.break_glass'), eq(auditLog.objectId, g.id)));
    expect(audited).toHaveLength(1);
    expect(audited[0]!.actorId).toBe(officerA.id);

    const auditor = await makeUser(t, ['auditor']);
    const seen = (await get(auditor, '/api/v1/access/break-glass')).json().items;
    expect(seen.map((x: { id: string }) => x.id)).toContain(g.id);
    // Others don't see someone else's grants.
    expect((await get(officerB, '/api/v1/access/break-glass')).json().items).toEqual([]);

    const revoked = await t.app.inject({
      method: 'POST',
      url: `/api/v1/access/break-glass/${g.id}/revoke`,
      headers: officerA.auth,
    });
    expect(revoked.statusCode).toBe(200);
    expect((await get(officerA, `/api/v1/users/${staffB.id}`)).statusCode).toBe(404);
  });

  it('an expired grant widens the scope no more', async () => {
    const officer = await makeUser(t, ['street_officer'], { streetCode: 'linfenlu' });
    const grant = await t.app.inject({
      method: 'POST',
      url: '/api/v1/access/break-glass',
      headers: officer.auth,
      payload: { reason: '居民临时转至北站街道安置，需核对其助残员信息', streetCode: 'beizhan', minutes: 30 },
    });
    expect(grant.statusCode).toBe(201);
    expect((await get(officer, `/api/v1/users/${staffB.id}`)).statusCode).toBe(200);
    await t.p.database.db
      .update(breakGlass)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(breakGlass.id, grant.json().id));
    expect((await get(officer, `/api/v1/users/${staffB.id}`)).statusCode).toBe(404);
  });
});
