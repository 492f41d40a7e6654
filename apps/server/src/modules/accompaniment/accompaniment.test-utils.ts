/** Test helpers for hospital accompaniment: a hospital with a weekly session, volunteers, dates. */
import { expect } from 'vitest';
import { makeUser, type TestEnv, type TestUser } from '../../../test/harness.js';
import { call as careCall, nextPhone } from '../care/care.test-utils.js';

export function acc(
  t: TestEnv,
  u: TestUser,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT',
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) {
  return t.app.inject({
    method,
    url: url.startsWith('/me/') ? `/api/v1${url}` : `/api/v1/accompaniment${url}`,
    headers: { ...u.auth, ...headers },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
}

export async function ok<T = Record<string, unknown>>(
  res: { statusCode: number; body: string; json: () => unknown },
  status = 200,
): Promise<T> {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as T;
}

const SHANGHAI = 8 * 3_600_000;
/** The Shanghai date `days` from today. */
export const inDays = (days: number) =>
  new Date(Date.now() + SHANGHAI + days * 86_400_000).toISOString().slice(0, 10);
/** ISO weekday (1 = Monday) of a date. */
export const weekdayOf = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
};

let codeSeq = 0;
/** A hospital with departments and a weekly session on the weekday of `date` (13:30–16:30). */
export async function makeHospitalSession(
  t: TestEnv,
  coordinator: TestUser,
  date: string,
  over: { capacity?: number; services?: string[] } = {},
) {
  const code = `h${Date.now().toString(36)}${codeSeq++}`;
  const hospital = await ok<{ id: string }>(
    await acc(t, coordinator, 'POST', '/hospitals', {
      code,
      name: '华东医院',
      address: '静安区延安西路221号',
      meetingPoint: '门诊大厅一楼志愿者服务台',
      departments: [
        { code: 'ent', name: '耳鼻喉科' },
        { code: 'ophthalmology', name: '眼科' },
      ],
    }),
    201,
  );
  const session = await ok<{ id: string; version: number }>(
    await acc(t, coordinator, 'POST', '/sessions', {
      hospitalId: hospital.id,
      weekday: weekdayOf(date),
      startsAt: '13:30',
      endsAt: '16:30',
      services: over.services ?? ['sign_language', 'blind_guide'],
      capacity: over.capacity ?? 4,
      validFrom: inDays(0),
    }),
    201,
  );
  return { hospitalId: hospital.id, sessionId: session.id, date };
}

/** Booking, delivered notices, field errors and volunteers for one test environment. */
export function accKit(t: TestEnv, coordinator: TestUser, district: TestUser) {
  const kit = {
    book: (u: TestUser, s: { sessionId: string; date: string }, over: Record<string, unknown> = {}) =>
      acc(t, u, 'POST', '/bookings', {
        sessionId: s.sessionId,
        date: s.date,
        service: 'sign_language',
        department: 'ent',
        ...over,
      }),
    /** Messages delivered so far (the outbox is flushed first). */
    delivered: async () => {
      await t.p.notifier.flush(1000);
      return t.sent;
    },
    fieldCode: (res: { json: () => unknown }) =>
      (res.json() as { errors?: { path: string; code: string; message: string }[] }).errors?.[0],
    /** A volunteer with an account, the skill and daytime availability every day, serving at the hospital. */
    volunteerAt: async (hospitalId: string, skills = [{ skill: 'sign_language', level: 2 }]) => {
      const user = await makeUser(t, ['volunteer']);
      const all = Object.fromEntries(
        ['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, [{ from: '08:00', to: '18:00' }]]),
      );
      const v = await ok<{ id: string }>(
        await careCall(t, district, 'POST', '/volunteers', {
          name: '手语志愿者',
          phone: nextPhone(),
          userId: user.id,
          skills,
          availability: { weekly: all, exceptions: [] },
        }),
        201,
      );
      await ok(
        await acc(t, coordinator, 'PUT', `/volunteers/${v.id}/hospitals`, { hospitalIds: [hospitalId] }),
      );
      return { user, id: v.id };
    },
  };
  return kit;
}
export type AccKit = ReturnType<typeof accKit>;
