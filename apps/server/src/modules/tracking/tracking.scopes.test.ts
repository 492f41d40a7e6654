/** Who sees what: positions only by the trainee's centre staff (and guardians through /me), unbound devices by administrators. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestEnv, makeUser, type TestEnv, type TestUser } from '../../../test/harness.js';
import { newId } from '../../platform/ids.js';
import { at, makeCentre, makeTrainee, pos, send, setup, type Fixture } from './tracking.test-utils.js';

let t: TestEnv;
let f: Fixture;
let otherStaff: TestUser;
let guardian: TestUser;
let trainee: Awaited<ReturnType<typeof makeTrainee>>;
let otherTrainee: Awaited<ReturnType<typeof makeTrainee>>;
let unbound: Awaited<ReturnType<typeof makeTrainee>>;
const range = `from=${at(-60).toISOString()}&to=${at(3600).toISOString()}`;

beforeAll(async () => {
  t = await createTestEnv();
  f = await setup(t);
  otherStaff = await makeUser(t, ['day_centre_staff']);
  guardian = await makeUser(t, ['guardian']);
  trainee = await makeTrainee(t, f);
  const other = { ...f, centreId: await makeCentre(t, f.admin, [otherStaff.id]) };
  otherTrainee = await makeTrainee(t, other);
  unbound = await makeTrainee(t, f, { bound: false });
  await t.p.database.db.execute(
    sql`INSERT INTO guardians (id, person_id, name, relationship, is_primary, user_id) VALUES (${newId()}, ${trainee.personId}, '母亲', 'mother', true, ${guardian.id})`,
  );
  for (const d of [trainee, otherTrainee, unbound])
    await send(t, d.device, [pos({ fixTime: at(0), alarms: ['sos'] }), pos({ fixTime: at(10) })]);
}, 60_000);
afterAll(async () => t?.close());

const get = (u: TestUser, url: string) => t.app.inject({ url, headers: u.auth });

describe('tracking scopes', () => {
  it("a centre's staff see their trainees' positions, never another centre's; each view is audited", async () => {
    const mine = await get(f.staff, `/api/v1/tracking/devices/${trainee.device.id}/positions?${range}`);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().items).toHaveLength(2);
    expect(
      (await get(f.staff, `/api/v1/tracking/devices/${otherTrainee.device.id}/positions?${range}`))
        .statusCode,
    ).toBe(404);
    expect(
      (await get(otherStaff, `/api/v1/tracking/devices/${trainee.device.id}/positions?${range}`)).statusCode,
    ).toBe(404);
    const audit = await t.p.database.db.execute(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'tracking.positions.view' AND object_id = ${trainee.device.id} AND actor_id = ${f.staff.id}`,
    );
    expect((audit as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(1);
  });

  it('the administrator manages devices but sees positions only of unbound devices', async () => {
    expect(
      (await get(f.admin, `/api/v1/tracking/devices/${trainee.device.id}/positions?${range}`)).statusCode,
    ).toBe(404);
    expect(
      (await get(f.admin, `/api/v1/tracking/devices/${unbound.device.id}/positions?${range}`)).statusCode,
    ).toBe(200);
    const alerts = await get(f.admin, '/api/v1/tracking/alerts');
    expect(alerts.json().items.map((a: { deviceId: string }) => a.deviceId)).toEqual([unbound.device.id]);
    expect((await get(f.staff, '/api/v1/tracking/devices')).statusCode).toBe(403);
  });

  it('staff alerts and live map cover their centre only', async () => {
    const alerts = await get(f.staff, '/api/v1/tracking/alerts');
    expect(alerts.json().items.map((a: { deviceId: string }) => a.deviceId)).toEqual([trainee.device.id]);
    const live = await get(f.staff, `/api/v1/tracking/centres/${f.centreId}/live`);
    expect(live.json().map((d: { deviceId: string }) => d.deviceId)).toEqual([trainee.device.id]);
    expect(live.json()[0]).toMatchObject({ openAlerts: 1, latitude: expect.any(Number) });
    expect((await get(otherStaff, `/api/v1/tracking/centres/${f.centreId}/live`)).statusCode).toBe(404);
    const ack = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tracking/alerts/${alerts.json().items[0].id}/acknowledge`,
      headers: otherStaff.auth,
    });
    expect(ack.statusCode).toBe(404);
  });

  it("a guardian sees their ward's last position and alerts, nothing else", async () => {
    const me = await get(guardian, '/api/v1/me/tracking');
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json().map((d: { personId: string }) => d.personId)).toEqual([trainee.personId]);
    const alerts = await get(guardian, '/api/v1/me/tracking/alerts');
    expect(alerts.json().map((a: { personId: string }) => a.personId)).toEqual([trainee.personId]);
    expect(
      (await get(guardian, `/api/v1/tracking/devices/${trainee.device.id}/positions?${range}`)).statusCode,
    ).toBe(403);
    const stranger = await makeUser(t, ['guardian']);
    expect((await get(stranger, '/api/v1/me/tracking')).json()).toEqual([]);
  });
});
