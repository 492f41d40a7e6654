/**
 * OsmAnd HTTP (phone apps, simple trackers): the fields of a `GET|POST /api/v1/tracking/osmand`
 * request — query string, form body, or the JSON body variant — into a DecodedPosition. Pure and
 * total: a typed error with the raw input, never an exception. TRACKING.md "OsmAnd HTTP".
 *
 * Speed is in **m/s**, as the OsmAnd app documents (Traccar assumes knots — a known trap), and is
 * converted to km/h. A missing timestamp takes the server's time and says so in `attributes`.
 */
import type { DecodedPosition, DeviceAlarm } from '../position.js';

export type OsmAndErrorCode = 'missing_id' | 'missing_position' | 'bad_field';

export interface OsmAndError {
  ok: false;
  code: OsmAndErrorCode;
  /** The offending field, when one is to blame. */
  field?: string;
  message: string;
  /** The input as JSON, cut to RAW_TEXT_LIMIT characters, for the log. */
  raw: string;
}

export type OsmAndResult = { ok: true; position: DecodedPosition } | OsmAndError;

export interface OsmAndContext {
  /** The server's clock: the fix time when the request has none. */
  now: Date;
}

export const RAW_TEXT_LIMIT = 512;
/** Bounds on what unknown fields may add to a stored position. */
export const MAX_ATTRIBUTES = 40;
export const MAX_ATTRIBUTE_LENGTH = 256;

const DEVICE_ID = /^[\w.:@-]{1,64}$/;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
/** Fix times accepted at all: 2000 to 2100 (anything else is a unit or clock mistake). */
const MIN_TIME = Date.UTC(2000, 0, 1);
const MAX_TIME = Date.UTC(2100, 0, 1);

/** The fields the parser interprets; every other one goes to `attributes`. */
const KNOWN = new Set([
  'id',
  'deviceid',
  'lat',
  'lon',
  'location',
  'timestamp',
  'speed',
  'bearing',
  'altitude',
  'accuracy',
  'batt',
  'charge',
  'valid',
  'alarm',
]);

class FieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
    readonly code: OsmAndErrorCode = 'bad_field',
  ) {
    super(message);
  }
}

function rawOf(input: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(input) ?? String(input);
  } catch {
    text = String(input);
  }
  return text.length > RAW_TEXT_LIMIT ? text.slice(0, RAW_TEXT_LIMIT) : text;
}

/** A scalar from a query/form value: repeated keys give arrays (the first wins); '' is absent. */
function scalar(v: unknown): string | number | boolean | undefined {
  const x = Array.isArray(v) ? (v as unknown[])[0] : v;
  if (typeof x === 'string') return x.trim() === '' ? undefined : x.trim();
  if (typeof x === 'number' || typeof x === 'boolean') return x;
  return undefined;
}

function num(field: string, v: unknown): number | null {
  const x = scalar(v);
  if (x === undefined || x === null) return null;
  if (typeof x === 'boolean') throw new FieldError(field, `${field} is not a number`);
  const n = typeof x === 'number' ? x : NUMBER.test(x) ? Number(x) : NaN;
  if (!Number.isFinite(n)) throw new FieldError(field, `${field} is not a number: ${JSON.stringify(x)}`);
  return n;
}

function bool(field: string, v: unknown): boolean | null {
  const x = scalar(v);
  if (x === undefined) return null;
  if (typeof x === 'boolean') return x;
  const s = String(x).toLowerCase();
  if (s === 'true' || s === '1') return true;
  if (s === 'false' || s === '0') return false;
  throw new FieldError(field, `${field} is not true/false: ${JSON.stringify(x)}`);
}

/** Unix seconds or milliseconds (by magnitude), or ISO-8601 (no zone: UTC, flagged). */
export function parseOsmAndTimestamp(v: unknown): { time: Date; zoneAssumed: boolean } | null {
  const x = scalar(v);
  if (x === undefined || typeof x === 'boolean') return null;
  let ms: number;
  let zoneAssumed = false;
  if (typeof x === 'number' || NUMBER.test(x)) {
    const n = Number(x);
    // Seconds reach 1e11 only in the year 5138; milliseconds pass 1e11 in 1973.
    ms = Math.abs(n) < 1e11 ? n * 1000 : n;
  } else {
    const m = ISO.exec(x);
    if (!m) return null;
    zoneAssumed = m[7] === undefined;
    ms = Date.parse(x.replace(' ', 'T') + (zoneAssumed ? 'Z' : ''));
    const day = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    if (day.getUTCDate() !== Number(m[3]) || day.getUTCMonth() !== Number(m[2]) - 1) return null;
  }
  if (!Number.isFinite(ms) || ms < MIN_TIME || ms >= MAX_TIME) return null;
  return { time: new Date(Math.round(ms)), zoneAssumed };
}

function coordinates(fields: Record<string, unknown>): { lat: number; lon: number } {
  let lat = num('lat', fields.lat);
  let lon = num('lon', fields.lon);
  if (lat === null && lon === null) {
    const loc = scalar(fields.location);
    if (loc !== undefined) {
      const parts = String(loc).split(',');
      if (parts.length !== 2) throw new FieldError('location', 'location is not "lat,lon"');
      lat = num('location', parts[0]);
      lon = num('location', parts[1]);
    }
  }
  if (lat === null || lon === null) {
    throw new FieldError('lat', 'lat and lon (or location=lat,lon) are required', 'missing_position');
  }
  if (Math.abs(lat) > 90) throw new FieldError('lat', `latitude out of range: ${lat}`);
  if (Math.abs(lon) > 180) throw new FieldError('lon', `longitude out of range: ${lon}`);
  return { lat, lon };
}

function attributeValue(v: unknown): string | number | boolean | undefined {
  const x = scalar(v);
  if (typeof x === 'string' && x.length > MAX_ATTRIBUTE_LENGTH) return x.slice(0, MAX_ATTRIBUTE_LENGTH);
  return x;
}

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function addAttribute(attrs: DecodedPosition['attributes'], key: string, v: unknown): void {
  if (Object.keys(attrs).length >= MAX_ATTRIBUTES || key.length > 64 || UNSAFE_KEYS.has(key)) return;
  const value = attributeValue(v);
  if (value !== undefined) attrs[key] = value;
}

/** Builds the position from plain fields; throws FieldError (caught by the callers). */
function fromFields(fields: Record<string, unknown>, context: OsmAndContext): DecodedPosition {
  const id = scalar(fields.id) ?? scalar(fields.deviceid);
  if (id === undefined) throw new FieldError('id', 'id (or deviceid) is required', 'missing_id');
  const uniqueId = String(id);
  if (!DEVICE_ID.test(uniqueId)) throw new FieldError('id', 'id must be 1–64 letters, digits or ._:@-');
  const { lat, lon } = coordinates(fields);

  const attributes: DecodedPosition['attributes'] = {};
  let fixTime = context.now;
  if (scalar(fields.timestamp) === undefined) {
    attributes.timeFromServer = true;
  } else {
    const t = parseOsmAndTimestamp(fields.timestamp);
    if (!t) throw new FieldError('timestamp', 'timestamp is not Unix seconds, milliseconds or ISO-8601');
    fixTime = t.time;
    if (t.zoneAssumed) attributes.timeZoneAssumed = 'UTC';
  }

  // Negative speed, heading or accuracy is "unknown" on iOS and in the JSON variant.
  const nonNegative = (field: string): number | null => {
    const n = num(field, fields[field]);
    if (n !== null && n < 0) {
      attributes[`${field}Raw`] = n;
      return null;
    }
    return n;
  };
  const speedMs = nonNegative('speed');
  const bearing = nonNegative('bearing');
  const accuracy = nonNegative('accuracy');
  const altitude = num('altitude', fields.altitude);
  let battery = num('batt', fields.batt);
  if (battery !== null && (battery < 0 || battery > 100)) {
    attributes.battRaw = battery;
    battery = null;
  }
  const charge = bool('charge', fields.charge);
  if (charge !== null) attributes.charge = charge;
  const valid = bool('valid', fields.valid) ?? true;

  const alarms: DeviceAlarm[] = [];
  const alarm = scalar(fields.alarm);
  if (alarm !== undefined) {
    if (String(alarm).toLowerCase() === 'sos') alarms.push('sos');
    else addAttribute(attributes, 'alarm', alarm);
  }
  for (const [key, value] of Object.entries(fields)) {
    if (!KNOWN.has(key)) addAttribute(attributes, key, value);
  }

  return {
    protocol: 'osmand',
    uniqueId,
    fixTime,
    valid,
    latitude: lat,
    longitude: lon,
    altitudeM: altitude,
    speedKmh: speedMs === null ? null : speedMs * 3.6,
    course: bearing === null ? null : bearing % 360,
    accuracyM: accuracy,
    satellites: null,
    batteryPercent: battery,
    alarms,
    backfill: false,
    attributes,
  };
}

function failure(e: unknown, input: unknown): OsmAndError {
  if (e instanceof FieldError)
    return { ok: false, code: e.code, field: e.field, message: e.message, raw: rawOf(input) };
  return { ok: false, code: 'bad_field', message: String(e), raw: rawOf(input) };
}

/** Query-string or form fields (merge query and form before calling; the first of repeated keys wins). */
export function parseOsmAndFields(fields: Record<string, unknown>, context: OsmAndContext): OsmAndResult {
  try {
    return { ok: true, position: fromFields(fields, context) };
  } catch (e) {
    return failure(e, fields);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Flattens nested JSON into `a.b` keys (scalars only, two levels deep). */
function flatten(prefix: string, v: unknown, out: Record<string, unknown>, depth: number): void {
  if (isObject(v)) {
    if (depth >= 2) return;
    for (const [k, x] of Object.entries(v)) {
      if (!UNSAFE_KEYS.has(k)) flatten(prefix ? `${prefix}.${k}` : k, x, out, depth + 1);
    }
  } else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
    out[prefix] = v;
  }
}

/**
 * The JSON body variant: `{"device_id", "location": {"timestamp", "coords": {"latitude",
 * "longitude", "accuracy", "speed", "heading", "altitude"}, "battery": {"level": 0..1,
 * "is_charging"}}}`. Other members of `location` become attributes.
 */
export function parseOsmAndJson(body: unknown, context: OsmAndContext): OsmAndResult {
  try {
    if (!isObject(body)) throw new FieldError('body', 'the JSON body is not an object');
    const location = body.location;
    if (!isObject(location)) {
      const why = Array.isArray(location) ? 'batches of locations are not supported' : 'location is required';
      throw new FieldError('location', why, 'missing_position');
    }
    const coords = isObject(location.coords) ? location.coords : {};
    const battery = isObject(location.battery) ? location.battery : {};
    const level = num('battery.level', battery.level);
    const fields: Record<string, unknown> = {
      id: body.device_id,
      lat: coords.latitude,
      lon: coords.longitude,
      timestamp: location.timestamp,
      speed: coords.speed,
      bearing: coords.heading,
      altitude: coords.altitude,
      accuracy: coords.accuracy,
      batt: level === null || level < 0 ? undefined : Math.round(level * 1000) / 10,
      charge: battery.is_charging,
    };
    const extra: Record<string, unknown> = {};
    const { coords: _c, battery: _b, timestamp: _t, ...rest } = location;
    flatten('', rest, extra, 0);
    for (const [k, v] of Object.entries(extra)) if (!KNOWN.has(k)) fields[k] = v;
    if (isObject(location.extras) && location.extras.alarm !== undefined)
      fields.alarm = location.extras.alarm;
    return { ok: true, position: fromFields(fields, context) };
  } catch (e) {
    return failure(e, body);
  }
}

/**
 * A whole request: a JSON body with `location` is the JSON variant; otherwise query and form fields
 * are merged (the query wins for a key given in both).
 */
export function parseOsmAndRequest(
  request: { query?: unknown; body?: unknown },
  context: OsmAndContext,
): OsmAndResult {
  const { query, body } = request;
  if (isObject(body) && ('location' in body || 'device_id' in body)) return parseOsmAndJson(body, context);
  const fields: Record<string, unknown> = {
    ...(isObject(body) ? body : {}),
    ...(isObject(query) ? query : {}),
  };
  return parseOsmAndFields(fields, context);
}
