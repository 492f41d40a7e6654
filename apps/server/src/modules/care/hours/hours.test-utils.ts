/** Test helpers for service hours: HTTP calls (with PUT), a volunteer with an account, a record. */
import { eq } from 'drizzle-orm';
import type { TestEnv, TestUser } from '../../../../test/harness.js';
import { makeUser } from '../../../../test/harness.js';
import { careVolunteers } from '../care.tables.js';
import { created, nextPhone } from '../care.test-utils.js';
import { todayInShanghai } from './hours.mapper.js';

export function call(
  t: TestEnv,
  u: TestUser,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) {
  return t.app.inject({
    method,
    url: `/api/v1/care${url}`,
    headers: { ...u.auth, ...headers },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
}

export const thisYear = () => Number(todayInShanghai().slice(0, 4));

/** A volunteer profile linked to a signed-in `volunteer` user, with an ID number and volunteer number. */
export async function makeVolunteerUser(t: TestEnv, manager: TestUser, name = '李志愿') {
  const user = await makeUser(t, ['volunteer']);
  const v = await created(
    await call(t, manager, 'POST', '/volunteers', {
      name,
      phone: nextPhone(),
      idNumber: '11010519491231002X',
      userId: user.id,
    }),
  );
  const volunteerNo = `SH${v.id.slice(-8)}`;
  await t.p.database.db
    .update(careVolunteers)
    .set({ volunteerNo, idType: 'resident_id' })
    .where(eq(careVolunteers.id, v.id));
  return { user, volunteer: v, volunteerNo };
}

export async function addRecord(
  t: TestEnv,
  coordinator: TestUser,
  volunteerId: string,
  over: Record<string, unknown> = {},
) {
  return created<{ minutes: number; serviceDate: string; state: string }>(
    await call(t, coordinator, 'POST', `/volunteers/${volunteerId}/hours`, {
      serviceDate: `${thisYear()}-01-02`,
      minutes: 120,
      activity: '助残日活动',
      content: '现场引导',
      ...over,
    }),
  );
}

export async function setIssuer(t: TestEnv, u: TestUser) {
  const cur = await call(t, u, 'GET', '/settings/issuer');
  return call(
    t,
    u,
    'PUT',
    '/settings/issuer',
    {
      name: '上海市静安区残疾人联合会',
      personInCharge: '张主任',
      handler: '王经办',
      contact: '021-62000000',
    },
    { 'if-match': String(cur.json().version) },
  );
}
