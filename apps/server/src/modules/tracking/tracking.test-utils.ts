/** Test helpers for tracking: a centre with staff, a trainee, a bound device and a zone, and positions. */
import { expect } from 'vitest';
import { sql } from 'drizzle-orm';
import type { TestEnv, TestUser } from '../../../test/harness.js';
import { makeUser } from '../../../test/harness.js';
import { makePerson } from '../benefits/benefits.test-utils.js';
import { newId } from '../../platform/ids.js';
import type { DecodedPosition } from './protocols/position.js';
import { trackingOf } from './tracking.module.js';
import type { KnownDevice } from './ingest.port.js';

/** 临汾路 阳光之家 (approximate, WGS-84). */
export const CENTRE = { latitude: 31.3175, longitude: 121.45 };
/** About 330 m north of the centre: well outside a 100 m zone. */
export const OUTSIDE = { latitude: 31.3205, longitude: 121.45 };
/** Wednesday 2026-11-25 10:00 in Shanghai. */
export const T0 = new Date('2026-11-25T02:00:00Z');
export const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

export const WEEKDAY_HOURS = Object.fromEntries(
  ['1', '2', '3', '4', '5'].map((d) => [d, [{ from: '08:30', to: '16:30' }]]),
);

export function pos(over: Partial<DecodedPosition> & { fixTime: Date }): DecodedPosition {
  return {
    protocol: 'jt808',
    uniqueId: 'x',
    valid: true,
    latitude: CENTRE.latitude,
    longitude: CENTRE.longitude,
    altitudeM: null,
    speedKmh: 3,
    course: 0,
    accuracyM: 10,
    satellites: 8,
    batteryPercent: 80,
    alarms: [],
    backfill: false,
    attributes: {},
    ...over,
  };
}

export interface Fixture {
  admin: TestUser;
  staff: TestUser;
  worker: TestUser;
  centreId: string;
}

let uid = 13800000000;

export async function makeCentre(t: TestEnv, admin: TestUser, staffIds: string[], streetCode = 'linfenlu') {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/tracking/centres',
    headers: admin.auth,
    payload: {
      name: `临汾路阳光之家 ${newId().slice(-4)}`,
      streetCode,
      address: '临汾路 1号',
      openingHours: WEEKDAY_HOURS,
      staffUserIds: staffIds,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

export async function setup(t: TestEnv): Promise<Fixture> {
  const admin = await makeUser(t, ['district_admin']);
  const staff = await makeUser(t, ['day_centre_staff']);
  const worker = await makeUser(t, ['street_officer'], { streetCode: 'linfenlu' });
  const centreId = await makeCentre(t, admin, [staff.id]);
  return { admin, staff, worker, centreId };
}

/** A trainee with a bound device (consent unless told otherwise) and, optionally, a 100 m zone in centre hours. */
export async function makeTrainee(
  t: TestEnv,
  f: Fixture,
  opts: { consent?: boolean; zone?: boolean; exitConfirmFixes?: number; bound?: boolean } = {},
): Promise<{ personId: string | null; device: KnownDevice; zoneId: string | null }> {
  // A random birth date per trainee: the synthetic ID numbers of one birth date collide soon.
  const birthDate = `${1970 + Math.floor(Math.random() * 35)}-${String(1 + Math.floor(Math.random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(Math.random() * 28)).padStart(2, '0')}`;
  const personId = opts.bound === false ? null : await makePerson(t, f.worker, { birthDate });
  const uniqueId = String(uid++);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/tracking/devices',
    headers: f.admin.auth,
    payload: {
      uniqueId: `0${uniqueId}`,
      protocol: 'jt808',
      centreId: f.centreId,
      ...(personId ? { personId } : {}),
      ...(personId && opts.consent !== false ? { consent: { by: '监护人 (母亲)', note: '书面同意书' } } : {}),
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  expect(res.json().uniqueId).toBe(uniqueId);
  let zoneId: string | null = null;
  if (opts.zone !== false && personId) {
    const z = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tracking/zones',
      headers: f.admin.auth,
      payload: {
        name: '中心',
        kind: 'circle',
        center: CENTRE,
        radiusM: 100,
        schedule: { useCentreHours: true },
        centreId: f.centreId,
        personId,
        exitConfirmFixes: opts.exitConfirmFixes ?? null,
      },
    });
    expect(z.statusCode, z.body).toBe(201);
    zoneId = z.json().id;
  }
  const device = await trackingOf(t.p).sink.findDevice(uniqueId, 'jt808');
  return { personId, device: device!, zoneId };
}

export async function send(
  t: TestEnv,
  device: KnownDevice,
  positions: DecodedPosition[],
  receivedAt = new Date(),
) {
  const m = trackingOf(t.p);
  await m.sink.ingest(device, positions, receivedAt);
}

export async function alertsOf(t: TestEnv, deviceId: string) {
  const r = await t.p.database.db.execute(
    sql`SELECT type, state, repeats, zone_id, escalation_level FROM alerts WHERE device_id = ${deviceId} ORDER BY opened_at, id`,
  );
  return (
    r as unknown as {
      rows: {
        type: string;
        state: string;
        repeats: number;
        zone_id: string | null;
        escalation_level: number;
      }[];
    }
  ).rows;
}

export async function positionCount(t: TestEnv, deviceId: string): Promise<number> {
  const r = await t.p.database.db.execute(
    sql`SELECT count(*)::int AS n FROM positions WHERE device_id = ${deviceId}`,
  );
  return (r as unknown as { rows: { n: number }[] }).rows[0]!.n;
}
