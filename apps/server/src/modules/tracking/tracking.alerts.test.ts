/** Ingest through the sink: consent, ordering, jitter, exit confirmation, schedules, one alert per incident, jobs. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestEnv, makeUser, type TestEnv } from '../../../test/harness.js';
import { newId } from '../../platform/ids.js';
import { DEFAULT_LADDER } from './tracking.settings.js';
import { trackingOf } from './tracking.module.js';
import {
  alertsOf,
  at,
  OUTSIDE,
  pos,
  positionCount,
  send,
  setup,
  makeTrainee,
  type Fixture,
} from './tracking.test-utils.js';

async function alertRows(deviceId: string) {
  return t.p.database.rows<{
    id: string;
    opened_at: string | Date;
    escalation_level: number;
    escalations: { level: number; at: string; userIds: string[] }[];
  }>(
    sql`SELECT id, opened_at, escalation_level, escalations FROM alerts WHERE device_id = ${deviceId} ORDER BY opened_at, id`,
  );
}

let t: TestEnv;
let f: Fixture;
beforeAll(async () => {
  t = await createTestEnv();
  f = await setup(t);
}, 60_000);
afterAll(async () => t?.close());

describe('tracking ingest', () => {
  it('stores nothing from a bound device without consent; an unbound device stores and alerts (for administrators)', async () => {
    const noConsent = await makeTrainee(t, f, { consent: false });
    await send(t, noConsent.device, [pos({ fixTime: at(0), alarms: ['sos'] })]);
    expect(await positionCount(t, noConsent.device.id)).toBe(0);
    expect(await alertsOf(t, noConsent.device.id)).toEqual([]);

    const unbound = await makeTrainee(t, f, { bound: false });
    await send(t, unbound.device, [pos({ fixTime: at(0), alarms: ['sos'] })]);
    expect(await positionCount(t, unbound.device.id)).toBe(1);
    expect((await alertsOf(t, unbound.device.id)).map((a) => a.type)).toEqual(['sos']);
  });

  it('an exit needs N consecutive fixes outside beyond accuracy; one alert per incident; re-entry recorded', async () => {
    const { device } = await makeTrainee(t, f);
    await send(t, device, [pos({ fixTime: at(0) })]);
    await send(t, device, [pos({ fixTime: at(10), ...OUTSIDE }), pos({ fixTime: at(20), ...OUTSIDE })]);
    expect(await alertsOf(t, device.id)).toEqual([]);
    await send(t, device, [pos({ fixTime: at(30), ...OUTSIDE })]);
    await send(t, device, [pos({ fixTime: at(40), ...OUTSIDE }), pos({ fixTime: at(50), ...OUTSIDE })]);
    expect((await alertsOf(t, device.id)).map((a) => a.type)).toEqual(['geofence_exit']);
    await send(t, device, [pos({ fixTime: at(70) })]);
    expect((await alertsOf(t, device.id)).map((a) => a.type)).toEqual(['geofence_exit', 'geofence_enter']);
    expect(await positionCount(t, device.id)).toBe(7);
  });

  it('jitter never makes an exit: inaccurate fixes, invalid fixes and a one-off jump', async () => {
    const { device } = await makeTrainee(t, f);
    const fixes = [pos({ fixTime: at(0) })];
    for (let i = 1; i <= 5; i++) fixes.push(pos({ fixTime: at(i * 10), ...OUTSIDE, accuracyM: 400 }));
    for (let i = 6; i <= 10; i++)
      fixes.push(pos({ fixTime: at(i * 10), latitude: 31.5, longitude: 121.9, valid: false }));
    fixes.push(pos({ fixTime: at(110), latitude: 31.4, longitude: 121.6 }));
    fixes.push(pos({ fixTime: at(120) }));
    await send(t, device, fixes);
    expect(await alertsOf(t, device.id)).toEqual([]);
  });

  it('back-filled and out-of-order positions are stored but never raise alerts', async () => {
    const { device } = await makeTrainee(t, f);
    await send(t, device, [pos({ fixTime: at(600) })]);
    const old = [1, 2, 3, 4, 5].map((i) =>
      pos({ fixTime: at(i * 10), ...OUTSIDE, backfill: true, alarms: ['sos'] }),
    );
    await send(t, device, old.reverse());
    expect(await positionCount(t, device.id)).toBe(6);
    expect(await alertsOf(t, device.id)).toEqual([]);
  });

  it('outside the schedule nothing is raised; found outside when the schedule is on', async () => {
    const { device } = await makeTrainee(t, f);
    const evening = 10 * 3600; // 20:00 in Shanghai
    await send(
      t,
      device,
      [0, 10, 20, 30, 40].map((s) => pos({ fixTime: at(evening + s), ...OUTSIDE })),
    );
    expect(await alertsOf(t, device.id)).toEqual([]);
  });

  it('a device that comes back after a gap and is outside raises at once', async () => {
    const { device } = await makeTrainee(t, f);
    await send(t, device, [pos({ fixTime: at(0) })]);
    await send(t, device, [pos({ fixTime: at(1800), ...OUTSIDE })]);
    expect((await alertsOf(t, device.id)).map((a) => a.type)).toEqual(['geofence_exit']);
  });

  it('SOS: one alert per incident with repeats, the centre staff told once; after closing, a new one', async () => {
    const { device } = await makeTrainee(t, f);
    const before = t.sent.length;
    await send(
      t,
      device,
      [1, 2, 3].map((i) => pos({ fixTime: at(i), alarms: ['sos'] })),
    );
    await trackingOf(t.p).ingest.drain();
    const rows = await alertsOf(t, device.id);
    expect(rows.map((a) => [a.type, a.repeats])).toEqual([['sos', 2]]);
    const mine = t.sent.slice(before).filter((m) => m.template === 'tracking.alert');
    expect(mine.map((m) => m.userId)).toEqual([f.staff.id]);
    expect(JSON.stringify(mine[0]!.payload)).not.toMatch(/临汾|1380/);

    const list = await t.app.inject({
      url: `/api/v1/tracking/alerts?deviceId=${device.id}`,
      headers: f.staff.auth,
    });
    const id = list.json().items[0].id;
    const ack = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tracking/alerts/${id}/acknowledge`,
      headers: f.staff.auth,
    });
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json()).toMatchObject({ state: 'acknowledged', acknowledgedBy: f.staff.id });
    await send(t, device, [pos({ fixTime: at(5), alarms: ['sos'] })]);
    expect((await alertsOf(t, device.id)).length).toBe(1);
    const close = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tracking/alerts/${id}/close`,
      headers: f.staff.auth,
    });
    expect(close.json().state).toBe('closed');
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tracking/alerts/${id}/close`,
      headers: f.staff.auth,
    });
    expect(again.statusCode).toBe(409);
    await send(t, device, [pos({ fixTime: at(9), alarms: ['sos'] })]);
    expect((await alertsOf(t, device.id)).map((a) => a.state)).toEqual(['closed', 'open']);
  });

  it('low battery, removed and fall come from the position alarms and the battery threshold', async () => {
    const { device } = await makeTrainee(t, f);
    await send(t, device, [pos({ fixTime: at(1), batteryPercent: 9, alarms: ['removed', 'fall'] })]);
    expect((await alertsOf(t, device.id)).map((a) => a.type).sort()).toEqual([
      'fall',
      'low_battery',
      'removed',
    ]);
  });
});

describe('tracking jobs', () => {
  it('escalates an open alert nobody acknowledged, not an acknowledged one', async () => {
    const a = await makeTrainee(t, f);
    const b = await makeTrainee(t, f);
    await send(t, a.device, [pos({ fixTime: at(1), alarms: ['sos'] })]);
    await send(t, b.device, [pos({ fixTime: at(1), alarms: ['sos'] })]);
    const list = await t.app.inject({
      url: `/api/v1/tracking/alerts?deviceId=${b.device.id}`,
      headers: f.staff.auth,
    });
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/tracking/alerts/${list.json().items[0].id}/acknowledge`,
      headers: f.staff.auth,
    });
    // The sink's own delivery of the new alerts finishes first (the platform's flush isn't claim-based).
    await trackingOf(t.p).ingest.drain();
    const jobs = trackingOf(t.p).jobs;
    await jobs.escalate(new Date(Date.now() + 11 * 60_000));
    // Level 1 (staff and guardians again; this trainee has no guardian with an account).
    expect((await alertsOf(t, a.device.id))[0]!.escalation_level).toBe(1);
    expect((await alertsOf(t, b.device.id))[0]!.escalation_level).toBe(0);
    await jobs.escalate(new Date(Date.now() + 22 * 60_000));
    expect((await alertsOf(t, a.device.id))[0]!.escalation_level).toBe(2);
    // Not again: level 2 is the highest by default.
    await jobs.escalate(new Date(Date.now() + 60 * 60_000));
    expect((await alertsOf(t, a.device.id))[0]!.escalation_level).toBe(2);
    const [alertA] = await alertRows(a.device.id);
    const escalated = t.sent.filter(
      (m) => m.payload.alertId === alertA!.id && m.payload.escalationLevel === 2,
    );
    expect(escalated.map((m) => m.userId)).toEqual([f.staff.id]);
  });

  it('the escalation ladder: staff at once, guardians after M minutes, named users next; acknowledging stops it (fake clock)', async () => {
    const guardian = await makeUser(t, ['guardian']);
    const lead = await makeUser(t, ['district_admin']);
    const put = (payload: object) =>
      t.app.inject({ method: 'PUT', url: '/api/v1/tracking/settings', headers: f.admin.auth, payload });
    const res = await put({
      escalationMinutes: 10,
      maxEscalationLevel: 3,
      escalationLadder: [
        { groups: ['centre_staff'] },
        { groups: ['guardians'], afterMinutes: 5 },
        { userIds: [lead.id] },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    try {
      const a = await makeTrainee(t, f);
      const b = await makeTrainee(t, f);
      for (const x of [a, b]) {
        await t.p.database.db.execute(
          sql`INSERT INTO guardians (id, person_id, name, relationship, is_primary, user_id) VALUES (${newId()}, ${x.personId}, '母亲', 'mother', true, ${guardian.id})`,
        );
      }
      await send(t, a.device, [pos({ fixTime: at(1), alarms: ['sos'] })]);
      await send(t, b.device, [pos({ fixTime: at(1), alarms: ['sos'] })]);
      await trackingOf(t.p).ingest.drain();
      const [alertA] = await alertRows(a.device.id);
      const [alertB] = await alertRows(b.device.id);
      const told = (alertId: string) =>
        t.sent
          .filter((m) => m.payload.alertId === alertId)
          .map(
            (m) =>
              `${m.payload.escalationLevel}:${m.userId === f.staff.id ? 'staff' : m.userId === guardian.id ? 'guardian' : m.userId === lead.id ? 'lead' : m.userId}`,
          );
      expect(told(alertA!.id)).toEqual(['0:staff']);

      // B is acknowledged by the staff: it never escalates.
      const ack = await t.app.inject({
        method: 'POST',
        url: `/api/v1/tracking/alerts/${alertB!.id}/acknowledge`,
        headers: f.staff.auth,
      });
      expect(ack.statusCode, ack.body).toBeLessThan(300);

      const openedAt = new Date(alertA!.opened_at);
      const opened = openedAt.getTime();
      const jobs = trackingOf(t.p).jobs;
      const clock = (minutes: number) => new Date(opened + minutes * 60_000);
      expect(await jobs.escalate(clock(4))).toBe(0);
      await jobs.escalate(clock(6)); // level 1 after 5 minutes: the guardian
      expect(told(alertA!.id)).toEqual(['0:staff', '1:guardian']);
      await jobs.escalate(clock(15)); // level 2 waits escalationMinutes (10) after level 1
      expect(told(alertA!.id)).toEqual(['0:staff', '1:guardian']);
      await jobs.escalate(clock(17)); // the named user (the lead)
      expect(told(alertA!.id)).toEqual(['0:staff', '1:guardian', '2:lead']);
      await jobs.escalate(clock(28)); // level 3, past the ladder's end: its last rung again
      await jobs.escalate(clock(60)); // the highest level: no more
      expect(told(alertA!.id)).toEqual(['0:staff', '1:guardian', '2:lead', '3:lead']);
      const [after] = await alertRows(a.device.id);
      expect(after!.escalation_level).toBe(3);
      expect(after!.escalations.map((e) => [e.level, e.at, e.userIds])).toEqual([
        [0, openedAt.toISOString(), [f.staff.id]],
        [1, clock(6).toISOString(), [guardian.id]],
        [2, clock(17).toISOString(), [lead.id]],
        [3, clock(28).toISOString(), [lead.id]],
      ]);
      // The API shows the ladder's steps to the centre's staff: when, and how many were told.
      const listed = await t.app.inject({
        url: `/api/v1/tracking/alerts?deviceId=${a.device.id}`,
        headers: f.staff.auth,
      });
      expect(listed.statusCode, listed.body).toBe(200);
      const shown = (listed.json() as { items: { id: string; escalations: unknown[] }[] }).items.find(
        (x) => x.id === alertA!.id,
      );
      expect(shown!.escalations).toEqual([
        { level: 0, at: openedAt.toISOString(), notified: 1 },
        { level: 1, at: clock(6).toISOString(), notified: 1 },
        { level: 2, at: clock(17).toISOString(), notified: 1 },
        { level: 3, at: clock(28).toISOString(), notified: 1 },
      ]);
      await jobs.escalate(clock(120));
      expect(told(alertB!.id)).toEqual(['0:staff']);
      expect((await alertRows(b.device.id))[0]!.escalation_level).toBe(0);
    } finally {
      await put({ escalationMinutes: 10, maxEscalationLevel: 2, escalationLadder: DEFAULT_LADDER });
    }
  });

  it('marks a silent device offline with one alert', async () => {
    const { device } = await makeTrainee(t, f);
    const seen = new Date(Date.now() - 3600_000);
    await trackingOf(t.p).sink.seen(device, seen);
    await trackingOf(t.p).jobs.offlineCheck();
    await trackingOf(t.p).jobs.offlineCheck();
    expect((await alertsOf(t, device.id)).map((a) => a.type)).toEqual(['offline']);
    const d = await t.app.inject({ url: `/api/v1/tracking/devices/${device.id}`, headers: f.admin.auth });
    expect(d.json().status).toBe('offline');
  });

  it('partitions by month (rows waiting in the default partition move) and purges past the retention', async () => {
    const { device } = await makeTrainee(t, f);
    const now = new Date();
    await send(t, device, [pos({ fixTime: new Date(now.getTime() - 60_000) })]);
    await send(t, device, [pos({ fixTime: new Date(now.getTime() - 200 * 24 * 3600_000), backfill: true })]);
    const jobs = trackingOf(t.p).jobs;
    const made = await jobs.ensurePartitions(now);
    const month = `positions_${now.getUTCFullYear()}_${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
    expect(made).toContain(month);
    expect(await jobs.ensurePartitions(now)).toEqual([]);
    const { rows } = (await t.p.database.db.execute(
      `SELECT tableoid::regclass::text AS part FROM positions WHERE device_id = '${device.id}' ORDER BY fix_time`,
    )) as unknown as { rows: { part: string }[] };
    expect(rows.map((r) => r.part)).toEqual(['positions_default', month]);
    expect(await jobs.purge(now)).toBeGreaterThanOrEqual(1);
    expect(await positionCount(t, device.id)).toBe(1);
  });
});
