/** Test helpers for the care network: HTTP calls, a team, a volunteer, a family and a pairing. */
import { expect } from 'vitest';
import type { TestEnv, TestUser } from '../../../test/harness.js';
import { makePerson } from '../benefits/benefits.test-utils.js';

let phoneSeq = 13900000000;
export const nextPhone = () => String(phoneSeq++);

export function call(
  t: TestEnv,
  u: TestUser,
  method: 'GET' | 'POST' | 'PATCH',
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

export async function created<T = Record<string, unknown>>(
  res: Awaited<ReturnType<typeof call>>,
): Promise<T & { id: string; version: number }> {
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

export async function makeTeam(t: TestEnv, manager: TestUser, name = '临汾路先锋队') {
  return created(await call(t, manager, 'POST', '/organisations', { kind: 'vanguard_team', name }));
}

export async function makeVolunteer(t: TestEnv, manager: TestUser, over: Record<string, unknown> = {}) {
  return created(
    await call(t, manager, 'POST', '/volunteers', { name: '王志愿', phone: nextPhone(), ...over }),
  );
}

/** A registry person (a family in need) in a street, made by that street's officer. */
export async function makeFamily(t: TestEnv, streetOfficer: TestUser, streetCode: string) {
  return makePerson(t, streetOfficer, { streetCode });
}

export async function makePairing(
  t: TestEnv,
  u: TestUser,
  personId: string,
  partner: { teamId: string } | { volunteerId: string },
) {
  return created<{ personId: string; state: string }>(
    await call(t, u, 'POST', '/pairings', {
      personId,
      ...partner,
      startOn: '2026-01-01',
      goals: '每月上门探访，了解生活困难',
      visitPlan: { every: 1, unit: 'month' },
    }),
  );
}
