/**
 * Encoders of the watch protocol: the replies the server owes (`LK`, `AL`), the server's commands
 * (`CR`, `UPLOAD`, `SOS1`, `REMOVE`, `LZ`), and the terminal side (`LK`, `UD`, `UD2`, `AL`) for the
 * simulator. A frame is `[MF*ID*LEN*CONTENT]` with LEN the content's length in bytes as four
 * upper-case hex digits (`[MF*ID*IDX*LEN*CONTENT]` when the watch speaks the ZJ dialect).
 */
import type { DeviceAlarm } from '../position.js';
import { watchError } from './watch.frame.js';
import { statusFromAlarms } from './watch.status.js';
import type { WatchAddress, WatchError } from './watch.types.js';

export type WatchEncoded = { ok: true; text: string } | WatchError;

const FORBIDDEN = /[[\]]/;

/** Wraps content in a frame. Content must not contain brackets (they end a frame). */
export function encodeWatchFrame(address: WatchAddress, content: string): WatchEncoded {
  const length = Buffer.byteLength(content, 'utf8');
  if (FORBIDDEN.test(content)) return watchError('bad_argument', 'content contains a bracket', content);
  if (length > 0xffff) return watchError('bad_argument', 'content longer than 65535 bytes', content);
  const len = length.toString(16).toUpperCase().padStart(4, '0');
  const index = address.index ? `${address.index}*` : '';
  return { ok: true, text: `[${address.manufacturer}*${address.deviceId}*${index}${len}*${content}]` };
}

/** The answer a watch must get: `[MF*ID*0002*LK]`, `[MF*ID*0002*AL]` (same MF, id and ZJ index). */
export function encodeWatchReply(address: WatchAddress, type: 'LK' | 'AL'): string {
  const index = address.index ? `${address.index}*` : '';
  return `[${address.manufacturer}*${address.deviceId}*${index}0002*${type}]`;
}

/** Commands the server can send (TRACKING.md). */
export type WatchCommand =
  /** `CR`: locate now (the watch answers with a UD). */
  | { type: 'locate' }
  /** `UPLOAD,<seconds>`: reporting interval. */
  | { type: 'upload_interval'; seconds: number }
  /** `SOS1,<phone>`: the first SOS number. */
  | { type: 'sos_number'; phone: string }
  /** `REMOVE,<0|1>`: the removed-from-wrist alarm off/on. */
  | { type: 'removal_alarm'; enabled: boolean }
  /** `LZ,<lang>,<tz>`: language code (vendor-defined, e.g. 1 Chinese) and time zone in hours. */
  | { type: 'language_timezone'; language: number; timezoneHours: number };

function commandContent(command: WatchCommand): string | string[] {
  switch (command.type) {
    case 'locate':
      return 'CR';
    case 'upload_interval':
      if (!Number.isInteger(command.seconds) || command.seconds < 10 || command.seconds > 86_400) {
        return ['UPLOAD seconds must be a whole number from 10 to 86400', String(command.seconds)];
      }
      return `UPLOAD,${command.seconds}`;
    case 'sos_number':
      if (!/^\+?\d{3,20}$/.test(command.phone)) {
        return ['SOS1 phone must be 3 to 20 digits, optionally after +', command.phone];
      }
      return `SOS1,${command.phone}`;
    case 'removal_alarm':
      return `REMOVE,${command.enabled ? 1 : 0}`;
    case 'language_timezone': {
      const { language, timezoneHours: tz } = command;
      if (!Number.isInteger(language) || language < 0 || language > 99) {
        return ['LZ language must be a whole number from 0 to 99', String(language)];
      }
      if (!Number.isFinite(tz) || tz < -12 || tz > 14 || !Number.isInteger(tz * 4)) {
        return ['LZ time zone must be hours from -12 to 14 in quarter steps', String(tz)];
      }
      return `LZ,${language},${tz}`;
    }
  }
}

export function encodeWatchCommand(address: WatchAddress, command: WatchCommand): WatchEncoded {
  const content = commandContent(command);
  if (Array.isArray(content)) return watchError('bad_argument', content[0] ?? '', content[1] ?? '');
  return encodeWatchFrame(address, content);
}

// ---- terminal side (simulator) ----

/** `LK` or `LK,steps,rolls,battery`. */
export function encodeWatchKeepAlive(
  address: WatchAddress,
  extra?: { steps: number; rolls: number; batteryPercent: number },
): WatchEncoded {
  if (!extra) return encodeWatchFrame(address, 'LK');
  const nums = [extra.steps, extra.rolls, extra.batteryPercent];
  if (!nums.every((n) => Number.isInteger(n) && n >= 0)) {
    return watchError('bad_argument', 'LK values must be whole numbers ≥ 0', nums.join(','));
  }
  return encodeWatchFrame(address, `LK,${nums.join(',')}`);
}

export interface WatchPositionInput {
  fixTime: Date;
  valid: boolean;
  latitude: number;
  longitude: number;
  speedKmh?: number;
  course?: number;
  altitudeM?: number;
  satellites?: number;
  gsm?: number;
  batteryPercent?: number;
  steps?: number;
  rolls?: number;
  /** Alarms to raise; turned into STATUS bits unless `status` is given. */
  alarms?: readonly DeviceAlarm[];
  /** The raw STATUS value (overrides `alarms`). */
  status?: number;
  /** The cells/Wi-Fi tail, raw (default: no cells, no Wi-Fi). */
  network?: string;
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** `UD`, `UD2` or `AL` as a watch sends it (time in the watch's clock, default UTC). */
export function encodeWatchPosition(
  address: WatchAddress,
  type: 'UD' | 'UD2' | 'AL',
  p: WatchPositionInput,
  utcOffsetMinutes = 0,
): WatchEncoded {
  const ms = p.fixTime.getTime();
  if (!Number.isFinite(ms)) return watchError('bad_argument', 'fix time is not a date', String(p.fixTime));
  if (!(Math.abs(p.latitude) <= 90) || !(Math.abs(p.longitude) <= 180)) {
    return watchError('bad_argument', 'coordinates out of range', `${p.latitude},${p.longitude}`);
  }
  const t = new Date(ms + utcOffsetMinutes * 60_000);
  const year = t.getUTCFullYear();
  if (year < 2000 || year > 2099) return watchError('bad_argument', 'year outside 2000–2099', String(year));
  const date = `${two(t.getUTCDate())}${two(t.getUTCMonth() + 1)}${two(year % 100)}`;
  const time = `${two(t.getUTCHours())}${two(t.getUTCMinutes())}${two(t.getUTCSeconds())}`;
  const status = (p.status ?? statusFromAlarms(p.alarms ?? [])) >>> 0;
  const fields = [
    date,
    time,
    p.valid ? 'A' : 'V',
    Math.abs(p.latitude).toFixed(6),
    p.latitude < 0 ? 'S' : 'N',
    Math.abs(p.longitude).toFixed(6),
    p.longitude < 0 ? 'W' : 'E',
    (p.speedKmh ?? 0).toFixed(2),
    (p.course ?? 0).toFixed(1),
    (p.altitudeM ?? 0).toFixed(1),
    String(p.satellites ?? 0),
    String(p.gsm ?? 100),
    String(p.batteryPercent ?? 100),
    String(p.steps ?? 0),
    String(p.rolls ?? 0),
    status.toString(16).toUpperCase().padStart(8, '0'),
    p.network ?? '0,0',
  ];
  return encodeWatchFrame(address, `${type},${fields.join(',')}`);
}
