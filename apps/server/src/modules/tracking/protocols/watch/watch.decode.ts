/**
 * Decoders of the watch protocol's content: `LK` (keep-alive), `UD`/`UD2` (position, back-filled)
 * and `AL` (alarm), with the replies the watch needs. Pure and total: malformed input gives a typed
 * error with the raw text, never an exception.
 */
import type { DecodedPosition } from '../position.js';
import { encodeWatchReply } from './watch.encode.js';
import { parseWatchFrame, watchError } from './watch.frame.js';
import { alarmsFromStatus } from './watch.status.js';
import type {
  WatchDecodeOptions,
  WatchDecodeResult,
  WatchFrame,
  WatchKeepAlive,
  WatchPositionMessage,
} from './watch.types.js';

/** The `UD` family: `UD`, `UD2`, `UD3`, `UD_LTE`, `UD_WCDMA`…; `AL` and vendor `AL…` alarms. */
const POSITION_TYPE = /^(UD(?:\d|_[A-Z0-9]+)?|AL[A-Z0-9_]*)$/;

const DECIMAL = /^-?\d+(?:\.\d*)?$/;
const UNSIGNED_DECIMAL = /^\d+(?:\.\d*)?$/;
const UNSIGNED_INT = /^\d+$/;
const HEX = /^[0-9A-Fa-f]{1,8}$/;

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };
const fail = (message: string): { ok: false; message: string } => ({ ok: false, message });

function optionalNumber(text: string, pattern: RegExp, name: string): Parsed<number | null> {
  const t = text.trim();
  if (t === '') return { ok: true, value: null };
  if (!pattern.test(t)) return fail(`${name} is not a number: ${JSON.stringify(text)}`);
  return { ok: true, value: Number(t) };
}

/** DDMMYY + HHMMSS in the watch's clock → UTC. */
export function parseWatchTime(date: string, time: string, utcOffsetMinutes = 0): Date | null {
  if (!/^\d{6}$/.test(date) || !/^\d{6}$/.test(time)) return null;
  const day = Number(date.slice(0, 2));
  const month = Number(date.slice(2, 4));
  const year = 2000 + Number(date.slice(4, 6));
  const h = Number(time.slice(0, 2));
  const m = Number(time.slice(2, 4));
  const s = Number(time.slice(4, 6));
  if (month < 1 || month > 12 || day < 1 || h > 23 || m > 59 || s > 59) return null;
  const ms = Date.UTC(year, month - 1, day, h, m, s);
  if (new Date(ms).getUTCDate() !== day) return null; // 31 April and the like
  return new Date(ms - utcOffsetMinutes * 60_000);
}

/** A coordinate with its hemisphere letter: S/W make it negative; some watches already sign it. */
function coordinate(value: string, hemi: string, max: number, letters: string): Parsed<number> {
  const t = value.trim();
  if (!DECIMAL.test(t)) return fail(`coordinate is not a number: ${JSON.stringify(value)}`);
  const h = hemi.trim();
  if (h !== '' && !letters.includes(h)) return fail(`bad hemisphere: ${JSON.stringify(hemi)}`);
  let v = Number(t);
  if (h === letters[1]) v = -Math.abs(v);
  if (!(Math.abs(v) <= max)) return fail(`coordinate out of range: ${t}`);
  return { ok: true, value: v };
}

/** Fields of UD/UD2/AL: date,time,A|V,lat,N|S,lon,E|W,speed,course,alt,sats,gsm,batt,steps,rolls,STATUS,tail… */
function decodePosition(
  frame: WatchFrame,
  options: WatchDecodeOptions,
): { ok: true; message: WatchPositionMessage } | { ok: false; message: string } {
  const f = frame.body.split(',');
  if (f.length < 16) return fail(`expected at least 16 fields, got ${f.length}`);
  const at = (i: number): string => f[i] ?? '';
  const fixTime = parseWatchTime(at(0), at(1), options.utcOffsetMinutes ?? 0);
  if (!fixTime) return fail(`bad date/time: ${at(0)},${at(1)}`);
  const validity = at(2).trim();
  if (validity !== 'A' && validity !== 'V') return fail(`validity is not A or V: ${JSON.stringify(at(2))}`);
  const lat = coordinate(at(3), at(4), 90, 'NS');
  if (!lat.ok) return lat;
  const lon = coordinate(at(5), at(6), 180, 'EW');
  if (!lon.ok) return lon;
  const speed = optionalNumber(at(7), UNSIGNED_DECIMAL, 'speed');
  const course = optionalNumber(at(8), UNSIGNED_DECIMAL, 'course');
  const altitude = optionalNumber(at(9), DECIMAL, 'altitude');
  const satellites = optionalNumber(at(10), UNSIGNED_INT, 'satellites');
  const gsm = optionalNumber(at(11), UNSIGNED_INT, 'gsm');
  const battery = optionalNumber(at(12), UNSIGNED_INT, 'battery');
  const steps = optionalNumber(at(13), UNSIGNED_INT, 'steps');
  const rolls = optionalNumber(at(14), UNSIGNED_INT, 'rolls');
  for (const p of [speed, course, altitude, satellites, gsm, battery, steps, rolls]) if (!p.ok) return p;
  const statusText = at(15).trim();
  if (!HEX.test(statusText)) return fail(`STATUS is not hex: ${JSON.stringify(at(15))}`);
  const status = parseInt(statusText, 16);
  const value = <T>(p: Parsed<T>): T | null => (p.ok ? p.value : null);

  const attributes: DecodedPosition['attributes'] = { type: frame.type, status: statusText.toUpperCase() };
  const gsmValue = value(gsm);
  const stepsValue = value(steps);
  const rollsValue = value(rolls);
  if (gsmValue !== null) attributes.gsm = gsmValue;
  if (stepsValue !== null) attributes.steps = stepsValue;
  if (rollsValue !== null) attributes.rolls = rollsValue;
  const tail = f.slice(16).join(',');
  if (tail !== '') attributes.network = tail;
  if (frame.index !== null) attributes.index = frame.index;
  let batteryPercent = value(battery);
  if (batteryPercent !== null && batteryPercent > 100) {
    attributes.batteryRaw = batteryPercent;
    batteryPercent = null;
  }
  let courseValue = value(course);
  if (courseValue !== null) courseValue = courseValue % 360;

  const alarmFrame = frame.type.startsWith('AL');
  return {
    ok: true,
    message: {
      kind: 'position',
      alarmFrame,
      position: {
        protocol: 'watch',
        uniqueId: frame.deviceId,
        fixTime,
        valid: validity === 'A',
        latitude: lat.value,
        longitude: lon.value,
        altitudeM: value(altitude),
        speedKmh: value(speed),
        course: courseValue,
        accuracyM: null,
        satellites: value(satellites),
        batteryPercent,
        alarms: alarmsFromStatus(status),
        backfill: frame.type === 'UD2',
        attributes,
      },
    },
  };
}

function decodeKeepAlive(
  frame: WatchFrame,
): { ok: true; message: WatchKeepAlive } | { ok: false; message: string } {
  const message: WatchKeepAlive = {
    kind: 'keepalive',
    steps: null,
    rolls: null,
    batteryPercent: null,
    attributes: {},
  };
  if (frame.body === '') return { ok: true, message };
  const args = frame.body.split(',');
  if (args.length !== 3) {
    // Other counts are vendor dialects (e.g. `LK,0,100`): keep them, interpret nothing.
    message.attributes.args = frame.body;
    return { ok: true, message };
  }
  const nums: number[] = [];
  for (const a of args) {
    const t = a.trim();
    if (!UNSIGNED_INT.test(t)) return fail(`LK argument is not a whole number: ${JSON.stringify(a)}`);
    nums.push(Number(t));
  }
  const [steps, rolls, battery] = nums as [number, number, number];
  message.steps = steps;
  message.rolls = rolls;
  if (battery <= 100) message.batteryPercent = battery;
  else message.attributes.batteryRaw = battery;
  return { ok: true, message };
}

/** Interprets a frame whose header was read. */
export function decodeWatchFrame(frame: WatchFrame, options: WatchDecodeOptions = {}): WatchDecodeResult {
  const address = { manufacturer: frame.manufacturer, deviceId: frame.deviceId, index: frame.index };
  if (frame.type === 'LK') {
    const reply = encodeWatchReply(address, 'LK');
    const r = decodeKeepAlive(frame);
    if (!r.ok) return { ok: false, frame, reply, error: watchError('bad_content', r.message, frame.raw) };
    return { ok: true, frame, reply, message: r.message };
  }
  if (POSITION_TYPE.test(frame.type)) {
    const reply = frame.type.startsWith('AL') ? encodeWatchReply(address, 'AL') : null;
    const r = decodePosition(frame, options);
    if (!r.ok) return { ok: false, frame, reply, error: watchError('bad_content', r.message, frame.raw) };
    return { ok: true, frame, reply, message: r.message };
  }
  return { ok: true, frame, reply: null, message: { kind: 'other' } };
}

/** Header and content of one complete frame (as cut by `WatchFrameSplitter`). */
export function decodeWatch(input: Uint8Array | string, options: WatchDecodeOptions = {}): WatchDecodeResult {
  const parsed = parseWatchFrame(input);
  if (!parsed.ok) return { ok: false, frame: null, reply: null, error: parsed };
  return decodeWatchFrame(parsed.frame, options);
}
