/**
 * Hospital accompaniment staff journeys in the e2e runs: a fresh test hospital with a weekly
 * session a couple of hours ahead (no volunteer serves there, so the assignment leaves its
 * bookings unfilled) and two bookings by demo_street for persons of its area. Used by
 * accompaniment-staff.spec.ts and by the a11y sweep (a booking's page).
 */
import { expect } from '@playwright/test';
import { apiAs } from './care-hours.helpers.js';

type Api = Awaited<ReturnType<typeof apiAs>>;

export async function ok<T>(res: Awaited<ReturnType<Api['ctx']['get']>>, status = 200): Promise<T> {
  expect(res.status(), await res.text()).toBe(status);
  return (await res.json()) as T;
}

/** A Shanghai day and an hour-long slot starting at least an hour from now (tomorrow 09:00 late in the evening). */
export function nextSlot(now = Date.now()) {
  const sh = new Date(now + 8 * 3600_000);
  let day = sh.toISOString().slice(0, 10);
  let hour = sh.getUTCHours() + 2;
  if (hour > 21) {
    day = new Date(now + 8 * 3600_000 + 86_400_000).toISOString().slice(0, 10);
    hour = 9;
  }
  const wd = new Date(`${day}T00:00:00Z`).getUTCDay();
  const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;
  return { day, weekday: wd === 0 ? 7 : wd, startsAt: hh(hour), endsAt: hh(hour + 1) };
}

export interface Scenario {
  stamp: string;
  hospital: { id: string; name: string };
  sessionId: string;
  slot: ReturnType<typeof nextSlot>;
  bookings: { id: string; ref: string; personName: string }[];
  coord: Api;
}

export async function staffScenario(): Promise<Scenario> {
  const stamp = Date.now().toString(36);
  const coord = await apiAs('demo_coordinator');
  const hospital = await ok<{ id: string; name: string }>(
    await coord.ctx.post('/api/v1/accompaniment/hospitals', {
      data: {
        code: `e2e_${stamp}`,
        name: `测试医院${stamp}`,
        address: '静安区（端到端测试）',
        meetingPoint: '门诊一楼服务台',
        departments: [
          { code: 'eye', name: '眼科' },
          { code: 'ent', name: '耳鼻喉科' },
        ],
      },
      headers: await coord.headers(),
    }),
    201,
  );
  const slot = nextSlot();
  const session = await ok<{ id: string }>(
    await coord.ctx.post('/api/v1/accompaniment/sessions', {
      data: {
        hospitalId: hospital.id,
        weekday: slot.weekday,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        services: ['sign_language', 'blind_guide'],
        capacity: 4,
        validFrom: slot.day,
      },
      headers: await coord.headers(),
    }),
    201,
  );
  const street = await apiAs('demo_street');
  const persons = await ok<{ items: { id: string; name: string }[] }>(
    await street.ctx.get('/api/v1/persons?limit=50'),
  );
  expect(persons.items.length, 'demo_street sees persons').toBeGreaterThan(1);
  const start = Math.floor(Math.random() * (persons.items.length - 1));
  const bookings = [];
  for (const p of persons.items.slice(start, start + 2)) {
    bookings.push(
      await ok<{ id: string; ref: string; personName: string }>(
        await street.ctx.post('/api/v1/accompaniment/bookings', {
          data: {
            sessionId: session.id,
            date: slot.day,
            service: 'blind_guide',
            department: 'eye',
            note: '端到端测试',
            personId: p.id,
          },
          headers: await street.headers(),
        }),
        201,
      ),
    );
  }
  await street.ctx.dispose();
  return { stamp, hospital, sessionId: session.id, slot, bookings, coord };
}

/** A booking demo_coordinator may open (one of the seed's, else a fresh scenario's). */
export async function accBookingSample(): Promise<string> {
  const coord = await apiAs('demo_coordinator');
  const list = await ok<{ id: string }[]>(await coord.ctx.get('/api/v1/accompaniment/bookings?limit=1'));
  await coord.ctx.dispose();
  if (list[0]) return list[0].id;
  const s = await staffScenario();
  await s.coord.ctx.dispose();
  return s.bookings[0]!.id;
}
