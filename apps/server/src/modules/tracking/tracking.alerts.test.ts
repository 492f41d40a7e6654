/** Ingest through the sink: consent, ordering, jitter, exit confirmation, schedules, one alert per incident, jobs. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../../test/harness.js';
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
    expect((await alertsOf(t, a.device.id))[0]!.escalation_level).toBe(1);
    expect((await alertsOf(t, b.device.id))[0]!.escalation_level).toBe(0);
    // Not again before the next interval.
    await jobs.escalate(new Date(Date.now() + 12 * 60_000));
    expect((await alertsOf(t, a.device.id))[0]!.escalation_level).toBe(1);
    const escalated = t.sent.filter((m) => m.payload.alertId && m.payload.escalationLevel === 1);
    expect(escalated.length).toBeGreaterThan(0);
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
