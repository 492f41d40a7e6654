/** Test helpers for needs cases: HTTP calls with If-Match, a family with a resident account. */
import { expect } from 'vitest';
import { sql } from 'drizzle-orm';
import { makeUser, type TestEnv, type TestUser } from '../../../../test/harness.js';
import { makePerson } from '../../benefits/benefits.test-utils.js';

let phoneSeq = 17100000000 + Math.floor(Math.random() * 1e6) * 10;
export const residentPhone = () => String(phoneSeq++);

export function api(
  t: TestEnv,
  u: TestUser,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT',
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) {
  return t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { ...u.auth, ...headers },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
}

export type Case = {
  id: string;
  ref: string;
  version: number;
  status: string;
  dueAt: string;
  createdAt: string;
  ownerUserId: string | null;
  outcomeNotifiedAt: string | null;
  mustPhone: boolean;
  actions: { kind: string; detail: Record<string, unknown>; note: string }[];
};

export async function openCase(
  t: TestEnv,
  u: TestUser,
  personId: string,
  over: Record<string, unknown> = {},
) {
  const res = await api(t, u, 'POST', '/care/needs', {
    personId,
    source: 'counter',
    category: 'assistive_device',
    title: '轮椅需要维修',
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Case;
}

/** A change with the version as If-Match. */
export function act(
  t: TestEnv,
  u: TestUser,
  c: { id: string; version: number },
  path: string,
  body: unknown,
) {
  return api(t, u, path === '' ? 'PATCH' : 'POST', `/care/needs/${c.id}${path}`, body, {
    'if-match': String(c.version),
  });
}

/** A family in a street with a resident account signed in by the phone registered on the person. */
export async function familyWithResident(t: TestEnv, street: TestUser, streetCode: string) {
  const phone = residentPhone();
  const personId = await makePerson(t, street, { streetCode, phone });
  const resident = await makeUser(t, ['resident'], { phone });
  return { personId, resident };
}

/** A guardian account linked to the person by the guardian record. */
export async function guardianOf(t: TestEnv, personId: string) {
  const guardian = await makeUser(t, ['guardian']);
  await t.p.database.db.execute(sql`
    INSERT INTO guardians (id, person_id, name, relationship, is_primary, user_id)
    VALUES (gen_random_uuid(), ${personId}, '监护人（测试）', 'parent', true, ${guardian.id})`);
  return guardian;
}
