import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MAX_ATTRIBUTES,
  parseOsmAndFields,
  parseOsmAndJson,
  parseOsmAndRequest,
  parseOsmAndTimestamp,
  type OsmAndResult,
} from './osmand.parse.js';
import { osmAndJsonBodySchema, osmAndQuerySchema } from './osmand.schemas.js';

const NOW = { now: new Date('2025-05-06T03:00:00Z') };
const pos = (r: OsmAndResult) => {
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.position;
};

describe('OsmAnd query / form fields', () => {
  it('reads a full request (speed m/s → km/h, not knots)', () => {
    const r = parseOsmAndFields(
      {
        id: '123456',
        lat: '31.2290',
        lon: '121.4480',
        timestamp: '1746500000',
        speed: '1.5',
        bearing: '270.5',
        altitude: '12.3',
        accuracy: '8',
        batt: '76',
        charge: 'true',
        valid: 'true',
        hdop: '0.9',
      },
      NOW,
    );
    expect(pos(r)).toEqual({
      protocol: 'osmand',
      uniqueId: '123456',
      fixTime: new Date(1746500000 * 1000),
      valid: true,
      latitude: 31.229,
      longitude: 121.448,
      altitudeM: 12.3,
      speedKmh: 5.4,
      course: 270.5,
      accuracyM: 8,
      satellites: null,
      batteryPercent: 76,
      alarms: [],
      backfill: false,
      attributes: { charge: true, hdop: '0.9' },
    });
  });

  it('takes deviceid, location=lat,lon, and numbers as numbers', () => {
    const p = pos(
      parseOsmAndFields({ deviceid: 'abc', location: '-33.5,-70.75', timestamp: 1746500000123 }, NOW),
    );
    expect(p).toMatchObject({ uniqueId: 'abc', latitude: -33.5, longitude: -70.75 });
    expect(p.fixTime.toISOString()).toBe('2025-05-06T02:53:20.123Z');
  });

  it('uses the server time when there is no timestamp, and says so', () => {
    const p = pos(parseOsmAndFields({ id: '1', lat: '31', lon: '121' }, NOW));
    expect(p.fixTime).toEqual(NOW.now);
    expect(p.attributes.timeFromServer).toBe(true);
  });

  it('raises SOS for alarm=sos and keeps other alarms raw', () => {
    expect(pos(parseOsmAndFields({ id: '1', lat: '31', lon: '121', alarm: 'SOS' }, NOW)).alarms).toEqual([
      'sos',
    ]);
    const other = pos(parseOsmAndFields({ id: '1', lat: '31', lon: '121', alarm: 'fall' }, NOW));
    expect(other).toMatchObject({ alarms: [], attributes: { alarm: 'fall' } });
  });

  it('reads valid=false and charge=0; unknown speed/bearing (-1) become null', () => {
    const p = pos(
      parseOsmAndFields(
        { id: '1', lat: '31', lon: '121', valid: 'false', charge: '0', speed: '-1', bearing: '-1' },
        NOW,
      ),
    );
    expect(p).toMatchObject({ valid: false, speedKmh: null, course: null, attributes: { charge: false } });
  });

  it('takes the first of repeated keys and bounds the attributes', () => {
    const fields: Record<string, unknown> = { id: ['7', '8'], lat: '31', lon: '121' };
    for (let i = 0; i < 100; i++) fields[`x${i}`] = 'y'.repeat(1000);
    const p = pos(parseOsmAndFields(fields, NOW));
    expect(p.uniqueId).toBe('7');
    expect(Object.keys(p.attributes).length).toBeLessThanOrEqual(MAX_ATTRIBUTES);
    expect(String(p.attributes.x0).length).toBe(256);
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['no id', { lat: '31', lon: '121' }, 'missing_id', 'id'],
    ['bad id', { id: 'a b', lat: '31', lon: '121' }, 'bad_field', 'id'],
    ['no position', { id: '1' }, 'missing_position', 'lat'],
    ['only lat', { id: '1', lat: '31' }, 'missing_position', 'lat'],
    ['latitude 90.5', { id: '1', lat: '90.5', lon: '121' }, 'bad_field', 'lat'],
    ['longitude -180.1', { id: '1', lat: '31', lon: '-180.1' }, 'bad_field', 'lon'],
    ['NaN', { id: '1', lat: 'NaN', lon: '121' }, 'bad_field', 'lat'],
    ['Infinity', { id: '1', lat: '31', lon: 'Infinity' }, 'bad_field', 'lon'],
    ['hex', { id: '1', lat: '0x1F', lon: '121' }, 'bad_field', 'lat'],
    ['location with one part', { id: '1', location: '31' }, 'bad_field', 'location'],
    ['bad timestamp', { id: '1', lat: '31', lon: '121', timestamp: 'yesterday' }, 'bad_field', 'timestamp'],
    ['timestamp 0', { id: '1', lat: '31', lon: '121', timestamp: '0' }, 'bad_field', 'timestamp'],
    ['bad speed', { id: '1', lat: '31', lon: '121', speed: 'fast' }, 'bad_field', 'speed'],
    ['bad valid', { id: '1', lat: '31', lon: '121', valid: 'maybe' }, 'bad_field', 'valid'],
  ])('returns a typed error for %s', (_name, fields, code, field) => {
    const r = parseOsmAndFields(fields, NOW);
    expect(r).toMatchObject({ ok: false, code, field });
    expect(!r.ok && r.raw).toBe(JSON.stringify(fields));
  });

  it('sets aside a battery outside 0–100', () => {
    expect(pos(parseOsmAndFields({ id: '1', lat: '31', lon: '121', batt: '140' }, NOW))).toMatchObject({
      batteryPercent: null,
      attributes: { battRaw: 140 },
    });
  });
});

describe('timestamps', () => {
  it.each([
    ['1746500000', '2025-05-06T02:53:20.000Z', false],
    ['1746500000.5', '2025-05-06T02:53:20.500Z', false],
    ['1746500000123', '2025-05-06T02:53:20.123Z', false],
    ['2025-05-06T02:53:20Z', '2025-05-06T02:53:20.000Z', false],
    ['2025-05-06T10:53:20+08:00', '2025-05-06T02:53:20.000Z', false],
    ['2025-05-06T10:53:20.250+0800', '2025-05-06T02:53:20.250Z', false],
    ['2025-05-06 02:53:20', '2025-05-06T02:53:20.000Z', true],
  ])('%s → %s', (input, iso, assumed) => {
    expect(parseOsmAndTimestamp(input)).toEqual({ time: new Date(iso), zoneAssumed: assumed });
  });

  it.each(['2025-02-30T00:00:00Z', '2025-13-01T00:00:00Z', '1999-12-31T23:59:59Z', '-5', 'true', '5e300'])(
    'refuses %s',
    (input) => {
      expect(parseOsmAndTimestamp(input)).toBeNull();
    },
  );
});

describe('JSON body variant', () => {
  const body = {
    device_id: 'phone-7',
    location: {
      timestamp: '2025-05-06T02:53:20.000Z',
      coords: { latitude: 31.229, longitude: 121.448, accuracy: 12, speed: 2, heading: 90, altitude: 5 },
      battery: { level: 0.55, is_charging: false },
      is_moving: true,
      odometer: 1200.5,
      activity: { type: 'walking' },
    },
  };

  it('reads coords, battery 0..1 as percent, and keeps the rest', () => {
    const r = parseOsmAndRequest({ body }, NOW);
    expect(pos(r)).toMatchObject({
      uniqueId: 'phone-7',
      fixTime: new Date('2025-05-06T02:53:20Z'),
      latitude: 31.229,
      longitude: 121.448,
      accuracyM: 12,
      speedKmh: 7.2,
      course: 90,
      altitudeM: 5,
      batteryPercent: 55,
      attributes: { charge: false, is_moving: true, odometer: 1200.5, 'activity.type': 'walking' },
    });
    expect(osmAndJsonBodySchema.safeParse(body).success).toBe(true);
  });

  it('treats -1 (unknown) speed, heading and battery as null', () => {
    const p = pos(
      parseOsmAndJson(
        {
          device_id: 'x',
          location: { coords: { latitude: 1, longitude: 2, speed: -1, heading: -1 }, battery: { level: -1 } },
        },
        NOW,
      ),
    );
    expect(p).toMatchObject({ speedKmh: null, course: null, batteryPercent: null });
  });

  it('returns typed errors for a missing location, a batch, or a non-object', () => {
    expect(parseOsmAndJson({ device_id: 'x' }, NOW)).toMatchObject({ ok: false, code: 'missing_position' });
    expect(parseOsmAndJson({ device_id: 'x', location: [] }, NOW)).toMatchObject({
      ok: false,
      field: 'location',
    });
    expect(parseOsmAndJson('nope', NOW)).toMatchObject({ ok: false, code: 'bad_field' });
  });
});

describe('requests', () => {
  it('merges query and form fields, the query winning', () => {
    const p = pos(parseOsmAndRequest({ query: { id: 'q', lat: '1' }, body: { id: 'f', lon: '2' } }, NOW));
    expect(p).toMatchObject({ uniqueId: 'q', latitude: 1, longitude: 2 });
  });

  it('has a Zod query schema for the route', () => {
    expect(osmAndQuerySchema.safeParse({ id: '1', lat: '31', lon: '121', extra: 'x' })).toMatchObject({
      success: true,
      data: { extra: 'x' },
    });
    expect(osmAndQuerySchema.safeParse({ deviceid: '1', location: '31,121' }).success).toBe(true);
    expect(osmAndQuerySchema.safeParse({ lat: '31', lon: '121' }).success).toBe(false);
  });

  it('never throws on arbitrary input (fuzz)', () => {
    const value = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
      fc.constantFrom('31.2', '-181', '1e400', ' 5 ', '', '__proto__'),
    );
    const key = fc.oneof(
      fc.constantFrom(
        'id',
        'deviceid',
        'lat',
        'lon',
        'location',
        'timestamp',
        'speed',
        'bearing',
        'batt',
        'valid',
      ),
      fc.constantFrom('alarm', 'charge', 'accuracy', 'altitude', '__proto__', 'constructor'),
      fc.string({ maxLength: 10 }),
    );
    fc.assert(
      fc.property(fc.dictionary(key, value), fc.anything(), (fields, anything) => {
        for (const r of [
          parseOsmAndFields(fields, NOW),
          parseOsmAndRequest({ query: fields, body: anything }, NOW),
          parseOsmAndJson(anything, NOW),
          parseOsmAndJson({ device_id: fields.id, location: { coords: fields } }, NOW),
        ]) {
          if (r.ok) {
            expect(Math.abs(r.position.latitude)).toBeLessThanOrEqual(90);
            expect(Math.abs(r.position.longitude)).toBeLessThanOrEqual(180);
            expect(Number.isFinite(r.position.fixTime.getTime())).toBe(true);
          } else {
            expect(r.raw.length).toBeLessThanOrEqual(512);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
