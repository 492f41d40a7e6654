/** Change history: who made each change, by display name for staff (issue 3). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { communityOf, createTestEnv, makeUser, type TestEnv, type TestUser } from '../../../test/harness.js';
import { systemActor } from '../../platform/access/actor.js';
import { personBody } from '../../../test/factories.js';

let t: TestEnv;
let officerA: TestUser;

beforeAll(async () => {
  t = await createTestEnv();
  officerA = await makeUser(t, ['street_officer'], { streetCode: 'linfenlu' });
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

describe('change history', () => {
  it('names the staff member who made each change, for any staff who may read the person', async () => {
    // A community worker (persons.read, not users.read) sees the officer's display name.
    const communityId = await communityOf(t, 'linfenlu');
    const p = await register(officerA, { communityId });
    const worker = await makeUser(t, ['community_worker'], { communityId });
    const res = await t.app.inject({ url: `/api/v1/persons/${p.id}/history`, headers: worker.auth });
    expect(res.statusCode, res.body).toBe(200);
    const officer = await t.services.users.get(systemActor(), officerA.id);
    expect(res.json().items.at(-1)).toMatchObject({
      action: 'create',
      actorId: officerA.id,
      actorName: officer.displayName,
    });
  });

  it('leaves the name out for changes by the system and by residents', async () => {
    const p = await register(officerA);
    const resident = await makeUser(t, ['resident']);
    await t.p.database.db.transaction(async (tx) => {
      const { insertHistory } = await import('./registry.repo.js');
      const { newId } = await import('../../platform/ids.js');
      await insertHistory(tx, { id: newId(), personId: p.id, actorId: null, action: 'import', changes: {} });
      await insertHistory(tx, {
        id: newId(),
        personId: p.id,
        actorId: resident.id,
        action: 'update',
        changes: {},
      });
    });
    const items = (
      await t.app.inject({ url: `/api/v1/persons/${p.id}/history`, headers: officerA.auth })
    ).json().items as { actorId: string | null; actorName: string | null }[];
    expect(items.find((h) => h.actorId === null)?.actorName).toBeNull();
    expect(items.find((h) => h.actorId === resident.id)?.actorName).toBeNull();
    expect(items.find((h) => h.actorId === officerA.id)?.actorName).toEqual(expect.any(String));
  });
});
