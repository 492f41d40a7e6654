import Fastify, { type FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import errorsPlugin from '../../../platform/http/errors.plugin.js';
import { MemorySink } from './memory-sink.js';
import { osmandRoutes } from './osmand.routes.js';
import { GatewayCounters } from './stats.js';

let app: FastifyInstance;
const sink = new MemorySink();
const counters = new GatewayCounters();
const URL = '/api/v1/tracking/osmand';

beforeAll(async () => {
  sink.add('phone-1', 'osmand');
  app = Fastify({ loggerInstance: pino({ level: 'silent' }) }) as unknown as FastifyInstance;
  await app.register(errorsPlugin);
  const declared: (string | undefined)[] = [];
  app.addHook('onRoute', (r) => void declared.push(r.config?.access));
  await osmandRoutes(app, sink, counters, { burst: 3, perSecond: 0.001 });
  await app.ready();
  expect(declared).toEqual(['public', 'public']); // GET and POST
});
afterAll(() => app.close());

describe('OsmAnd route', () => {
  it('GET with query fields stores the position (speed m/s → km/h): 200, empty', async () => {
    const r = await app.inject({
      method: 'GET',
      url: `${URL}?id=phone-1&lat=31.3&lon=121.45&timestamp=1795831200&speed=2&batt=77`,
    });
    expect(r.statusCode).toBe(200);
    expect(r.body).toBe('');
    const p = sink.positions.at(-1)!;
    expect(p).toMatchObject({ uniqueId: 'phone-1', latitude: 31.3, longitude: 121.45, batteryPercent: 77 });
    expect(p.speedKmh).toBeCloseTo(7.2);
  });

  it('POST form and JSON body variants', async () => {
    const form = await app.inject({
      method: 'POST',
      url: URL,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'id=phone-1&lat=31.31&lon=121.46&alarm=sos',
    });
    expect(form.statusCode).toBe(200);
    expect(sink.positions.at(-1)!.alarms).toContain('sos');
    const json = await app.inject({
      method: 'POST',
      url: URL,
      payload: {
        device_id: 'phone-1',
        location: {
          timestamp: '2026-11-28T02:00:00Z',
          coords: { latitude: 31.32, longitude: 121.47, accuracy: 8 },
          battery: { level: 0.5, is_charging: false },
        },
      },
    });
    expect(json.statusCode).toBe(200);
    expect(sink.positions.at(-1)).toMatchObject({ latitude: 31.32, accuracyM: 8, batteryPercent: 50 });
  });

  it('unknown device and unreadable requests: 400 problem+json', async () => {
    const unknown = await app.inject({ method: 'GET', url: `${URL}?id=nobody&lat=31.3&lon=121.45` });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(unknown.json()).toMatchObject({
      code: 'validation_failed',
      errors: [{ path: 'id', code: 'unknown_device' }],
    });
    const bad = await app.inject({ method: 'GET', url: `${URL}?id=nobody2&lat=north&lon=121.45` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ path: 'lat' });
    expect(counters.snapshot().osmand.unknownDeviceFrames).toBe(1);
  });

  it('rate-limited per device id: 429 after the burst, other devices unaffected', async () => {
    const ask = (id: string) => app.inject({ method: 'GET', url: `${URL}?id=${id}&lat=31.3&lon=121.45` });
    sink.add('phone-2', 'osmand');
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await ask('phone-2')).statusCode);
    expect(codes).toEqual([200, 200, 200, 429]);
    sink.add('phone-3', 'osmand');
    expect((await ask('phone-3')).statusCode).toBe(200);
  });
});
