import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGateways, type Gateways } from '../gateway/index.js';
import { MemorySink } from '../gateway/memory-sink.js';
import { simulate, simulatedDevices } from './index.js';
import { TraineeWalk, seeded, ZONE_RADIUS_M, DEFAULT_CENTRE } from './walk.js';
import { haversineM } from '../geo/index.js';

let sink: MemorySink;
let gw: Gateways;

beforeEach(async () => {
  sink = new MemorySink();
  gw = await startGateways({
    host: '127.0.0.1',
    jt808Port: 0,
    watchPort: 0,
    listenOnFreePort: true,
    sink,
    log: pino({ level: 'silent' }),
  });
});
afterEach(() => gw.close());

describe('simulator', () => {
  it('mixed fleet: registers, authenticates, reports; every owed reply arrives', async () => {
    const devices = simulatedDevices(20, 0.25);
    expect(devices.filter((d) => d.protocol === 'watch')).toHaveLength(5);
    expect(new Set(devices.filter((d) => d.protocol === 'jt808').map((d) => d.edition))).toEqual(
      new Set([2013, 2019]),
    );
    // All but two JT/T 808 devices are registered: those two are refused and not stored.
    for (const d of devices.slice(2)) sink.add(d.uniqueId, d.protocol);
    const r = await simulate({
      host: '127.0.0.1',
      jt808Port: gw.ports.jt808!,
      watchPort: gw.ports.watch!,
      devices: 20,
      rate: 10,
      seconds: 1.5,
      watchShare: 0.25,
      devicesPerConnection: 3,
      walk: { sosChance: 0.05 },
    });
    expect(r.devices).toEqual({ jt808: 15, watch: 5 });
    expect(r.connections).toBe(7);
    expect(r.unanswered).toBe(0);
    expect(r.registerRefused).toBe(2);
    expect(r.authFailed).toBe(0);
    expect(r.badReplies).toBe(0);
    expect(r.failedResults).toBe(0);
    expect(r.positionsSent).toBeGreaterThan(150);
    expect(r.sos).toBeGreaterThan(0);
    expect(r.sosReplyLatencyMs.count).toBe(r.sos);
    const stored = sink.positions.filter((p) => !['14700000000', '14700000001'].includes(p.uniqueId));
    expect(sink.positions).toHaveLength(stored.length);
    expect(gw.stats().jt808.positions + gw.stats().watch.positions).toBe(sink.positions.length);
    expect(sink.positions.length).toBeGreaterThan(0.8 * r.positionsSent);
    expect(sink.positions.some((p) => p.alarms.includes('sos'))).toBe(true);
  });

  it('walks stay near the centre, wander out now and then', () => {
    const w = new TraineeWalk(seeded(1), { wanderChance: 0.01 });
    let far = 0;
    let max = 0;
    for (let i = 0; i < 5000; i++) {
      const s = w.step(1);
      const d = haversineM(DEFAULT_CENTRE, s);
      max = Math.max(max, d);
      if (s.leftZone) far++;
      expect(d > ZONE_RADIUS_M).toBe(s.outside);
    }
    expect(far).toBeGreaterThan(0);
    expect(max).toBeLessThan(2000);
  });
});
