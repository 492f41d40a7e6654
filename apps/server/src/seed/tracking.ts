/**
 * The tracking demo: three 阳光之家 day centres on real streets (approximate WGS-84 positions), a
 * centre staff account (`demo_centre`, staff of the three), up to four synthetic trainees per centre
 * from the registry (intellectual disability, category 5, living in the centre's street), one JT/T
 * 808 watch each, bound with a recorded (synthetic) guardian consent, and one 150 m zone per centre
 * watched during its opening hours. The demo guardian's ward (seed/benefits.ts) gets a watch at the
 * first centre, so the guardian portal shows a ward. Every demo watch gets two hours of synthetic
 * fixes around its centre up to the seed time (one of them invalid), so the live map and the track
 * page have something to show. Idempotent: does nothing once the first demo centre exists.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Platform } from '../platform/platform.js';
import { systemActor } from '../platform/access/actor.js';
import { certificates, guardians, persons, users } from '../platform/db/schema.js';
import type { DecodedPosition } from '../modules/tracking/protocols/position.js';
import { UsersService } from '../modules/users/users.service.js';
import { trackingOf } from '../modules/tracking/tracking.module.js';
import { dayCentres } from '../modules/tracking/tracking.tables.js';
import type { DemoAccount } from './demo.js';

const HOURS = Object.fromEntries(['1', '2', '3', '4', '5'].map((d) => [d, [{ from: '08:30', to: '16:00' }]]));

export const DEMO_CENTRES = [
  {
    name: '临汾路街道阳光之家',
    streetCode: 'linfenlu',
    address: '临汾路 380弄',
    latitude: 31.3177,
    longitude: 121.4506,
  },
  {
    name: '彭浦新村街道阳光之家',
    streetCode: 'pengpuxincun',
    address: '平型关路 1050号',
    latitude: 31.3062,
    longitude: 121.4478,
  },
  {
    name: '大宁路街道阳光之家',
    streetCode: 'daninglu',
    address: '广延路 700号',
    latitude: 31.2836,
    longitude: 121.4563,
  },
];

export async function seedTracking(p: Platform, opts: { password: string }): Promise<DemoAccount[]> {
  const db = p.database.db;
  const [done] = await db
    .select({ id: dayCentres.id })
    .from(dayCentres)
    .where(eq(dayCentres.name, DEMO_CENTRES[0]!.name))
    .limit(1);
  if (done) return [];
  const actor = systemActor();
  const { user } = await new UsersService(p).create(
    actor,
    {
      username: 'demo_centre',
      displayName: '阳光之家工作人员（示例）',
      roles: ['day_centre_staff'],
      password: opts.password,
    },
    { enforcePolicy: false },
  );
  const m = trackingOf(p);
  let n = 0;
  const watches: { id: string; uniqueId: string; latitude: number; longitude: number }[] = [];
  let firstCentreId: string | null = null;
  for (const c of DEMO_CENTRES) {
    const centre = await m.service.createCentre(actor, {
      name: c.name,
      streetCode: c.streetCode,
      address: c.address,
      openingHours: HOURS,
      staffUserIds: [user.id],
    });
    firstCentreId ??= centre.id;
    await m.service.createZone(actor, {
      name: `${c.name} 安全区`,
      kind: 'circle',
      center: { latitude: c.latitude, longitude: c.longitude },
      radiusM: 150,
      schedule: { useCentreHours: true, weekdays: [], ranges: [] },
      centreId: centre.id,
      personId: null,
      exitConfirmFixes: null,
      exitConfirmSeconds: null,
      active: true,
    });
    const trainees = await db
      .select({ id: persons.id })
      .from(persons)
      .innerJoin(certificates, and(eq(certificates.personId, persons.id), eq(certificates.status, 'active')))
      .where(and(eq(persons.streetCode, c.streetCode), eq(certificates.category, 5)))
      .orderBy(sql`${persons.id}`)
      .limit(4);
    for (const t of trainees) {
      n++;
      const d = await m.service.createDevice(actor, {
        uniqueId: `139${String(n).padStart(8, '0')}`,
        protocol: 'jt808',
        model: '北斗定位手表（示例）',
        centreId: centre.id,
        personId: t.id,
        consent: { by: '监护人（示例）', note: '书面同意书（合成数据）' },
      });
      watches.push({ id: d.id, uniqueId: d.uniqueId, latitude: c.latitude, longitude: c.longitude });
    }
  }
  // The demo guardian's ward (if it has no watch yet) attends the first centre.
  const [ward] = await db
    .select({ personId: guardians.personId })
    .from(guardians)
    .innerJoin(users, eq(users.id, guardians.userId))
    .where(eq(users.username, 'demo_guardian'))
    .limit(1);
  if (ward && firstCentreId) {
    const first = DEMO_CENTRES[0]!;
    const bound = await m.service.listDevices();
    if (!bound.some((d) => d.personId === ward.personId)) {
      n++;
      const d = await m.service.createDevice(actor, {
        uniqueId: `139${String(n).padStart(8, '0')}`,
        protocol: 'jt808',
        model: '北斗定位手表（示例）',
        centreId: firstCentreId,
        personId: ward.personId,
        consent: { by: '监护人（示例）', note: '书面同意书（合成数据）' },
      });
      watches.push({ id: d.id, uniqueId: d.uniqueId, latitude: first.latitude, longitude: first.longitude });
    }
  }
  const now = Date.now();
  for (const [i, w] of watches.entries()) {
    await m.sink.ingest(
      { id: w.id, uniqueId: w.uniqueId, protocol: 'jt808' },
      demoTrack(w, i, now),
      new Date(now),
    );
  }
  return [{ username: 'demo_centre', roles: ['day_centre_staff'] }];
}

/**
 * Two hours of fixes every 4 minutes, up to a minute before `now`: a slow loop of ~60–100 m around
 * the centre (inside its 150 m zone), battery draining from 90 %, and one invalid fix (the watch's
 * own "not valid" flag, far off) for the track page to show as such.
 */
export function demoTrack(
  c: { uniqueId: string; latitude: number; longitude: number },
  index: number,
  now: number,
): DecodedPosition[] {
  const out: DecodedPosition[] = [];
  const steps = 30;
  const r = 60 + (index % 5) * 10;
  const mPerDegLat = 111_320;
  const mPerDegLon = 111_320 * Math.cos((c.latitude * Math.PI) / 180);
  for (let k = 0; k < steps; k++) {
    const angle = (2 * Math.PI * k) / steps + index;
    const invalid = k === 12;
    out.push({
      protocol: 'jt808',
      uniqueId: c.uniqueId,
      fixTime: new Date(now - 60_000 - (steps - 1 - k) * 240_000),
      valid: !invalid,
      latitude: c.latitude + (Math.sin(angle) * r + (invalid ? 900 : 0)) / mPerDegLat,
      longitude: c.longitude + (Math.cos(angle) * r) / mPerDegLon,
      altitudeM: null,
      speedKmh: invalid ? 0 : 2 + (k % 3),
      course: null,
      accuracyM: invalid ? null : 10,
      satellites: invalid ? 0 : 9,
      batteryPercent: 90 - Math.floor(k / 2) - (index % 4) * 5,
      alarms: [],
      backfill: false,
      attributes: {},
    });
  }
  return out;
}
