/**
 * The tracking demo: three 阳光之家 day centres on real streets (approximate WGS-84 positions), a
 * centre staff account (`demo_centre`, staff of the three), up to four synthetic trainees per centre
 * from the registry (intellectual disability, category 5, living in the centre's street), one JT/T
 * 808 watch each, bound with a recorded (synthetic) guardian consent, and one 150 m zone per centre
 * watched during its opening hours. Idempotent: does nothing once the first demo centre exists.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Platform } from '../platform/platform.js';
import { systemActor } from '../platform/access/actor.js';
import { certificates, persons } from '../platform/db/schema.js';
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
  for (const c of DEMO_CENTRES) {
    const centre = await m.service.createCentre(actor, {
      name: c.name,
      streetCode: c.streetCode,
      address: c.address,
      openingHours: HOURS,
      staffUserIds: [user.id],
    });
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
      await m.service.createDevice(actor, {
        uniqueId: `139${String(n).padStart(8, '0')}`,
        protocol: 'jt808',
        model: '北斗定位手表（示例）',
        centreId: centre.id,
        personId: t.id,
        consent: { by: '监护人（示例）', note: '书面同意书（合成数据）' },
      });
    }
  }
  return [{ username: 'demo_centre', roles: ['day_centre_staff'] }];
}
