/**
 * Names for the web pages: the alert list names the trainee for its centre's staff (whom to help)
 * and the device; the device list names the bound trainee masked (张*明) for the administrator,
 * who finds the trainee to bind by an exact ID or certificate number.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestEnv, type TestEnv } from '../../../test/harness.js';
import { maskName } from './tracking.service.js';
import { at, makeTrainee, pos, send, setup, type Fixture } from './tracking.test-utils.js';

let t: TestEnv;
let f: Fixture;
let trainee: Awaited<ReturnType<typeof makeTrainee>>;
let name = '';
let idNumber = '';

beforeAll(async () => {
  t = await createTestEnv();
  f = await setup(t);
  trainee = await makeTrainee(t, f, { zone: false });
  const r = await t.p.database.db.execute(sql`SELECT name FROM persons WHERE id = ${trainee.personId}`);
  name = (r as unknown as { rows: { name: string }[] }).rows[0]!.name;
  const revealed = await t.app.inject({
    method: 'POST',
    url: `/api/v1/persons/${trainee.personId}/reveal`,
    headers: f.worker.auth,
    payload: { reason: '测试：绑定手表' },
  });
  expect(revealed.statusCode, revealed.body).toBe(200);
  idNumber = revealed.json().idNumber;
  await send(t, trainee.device, [pos({ fixTime: at(0), alarms: ['sos'] })]);
}, 60_000);
afterAll(async () => t?.close());

describe('names in the tracking lists', () => {
  it('masks a name: the surname and the last character', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张小明')).toBe('张*明');
    expect(maskName('欧阳小明')).toBe('欧**明');
    expect(maskName('王')).toBe('王');
    expect(maskName(null)).toBeNull();
  });

  it("the centre's staff see the trainee's name and the device id in the alert list", async () => {
    const res = await t.app.inject({ url: '/api/v1/tracking/alerts?state=open', headers: f.staff.auth });
    expect(res.statusCode, res.body).toBe(200);
    const mine = res.json().items.filter((a: { deviceId: string }) => a.deviceId === trainee.device.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ type: 'sos', personName: name, deviceUniqueId: trainee.device.uniqueId });
  });

  it('the device list and a device carry the bound name masked, never in clear', async () => {
    const list = await t.app.inject({ url: '/api/v1/tracking/devices', headers: f.admin.auth });
    expect(list.statusCode, list.body).toBe(200);
    const d = list.json().items.find((x: { id: string }) => x.id === trainee.device.id);
    expect(d.personName).toBe(maskName(name));
    expect(list.body).not.toContain(name);
    const one = await t.app.inject({
      url: `/api/v1/tracking/devices/${trainee.device.id}`,
      headers: f.admin.auth,
    });
    expect(one.json().personName).toBe(maskName(name));
  });

  it('an administrator finds the trainee to bind by the exact ID or certificate number, name masked, audited', async () => {
    const find = (u: typeof f.admin, number: string) =>
      t.app.inject({
        url: `/api/v1/tracking/trainees?number=${encodeURIComponent(number)}`,
        headers: u.auth,
      });
    const byId = await find(f.admin, ` ${idNumber.toLowerCase()} `);
    expect(byId.statusCode, byId.body).toBe(200);
    expect(byId.json()).toEqual([
      expect.objectContaining({ id: trainee.personId, name: maskName(name), streetCode: 'linfenlu' }),
    ]);
    expect(byId.body).not.toContain(idNumber);
    // makePerson's certificate number is the ID number and two digits.
    const byCert = await find(f.admin, `${idNumber}42`);
    expect(byCert.json().map((p: { id: string }) => p.id)).toEqual([trainee.personId]);
    expect((await find(f.admin, '110105194912310021')).json()).toEqual([]);
    expect((await find(f.admin, '123')).statusCode).toBe(400);
    // Not for the centre's staff (tracking.read, no tracking.manage).
    expect([403, 404]).toContain((await find(f.staff, idNumber)).statusCode);
    const audit = await t.p.database.db.execute(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'tracking.trainee.lookup' AND actor_id = ${f.admin.id}`,
    );
    expect((audit as unknown as { rows: { n: number }[] }).rows[0]!.n).toBeGreaterThanOrEqual(3);
  });
});
