/**
 * The 0x0200 location body, both ways: alarm DWORD, status DWORD, latitude, longitude (×10⁻⁶°),
 * altitude WORD, speed WORD (0.1 km/h), direction WORD, time BCD[6] in GMT+8, then items.
 */
import type { DecodedPosition, DeviceAlarm } from '../position.js';
import { ByteReader, ByteWriter, Jt808ReadError, bcdToDigits, digitsToBcd, toHex } from './jt808.bytes.js';

/** Alarm bits the alert engine understands (TRACKING.md); the raw DWORD is kept as `alarm`. */
export const ALARM_BITS: ReadonlyArray<readonly [number, DeviceAlarm]> = [
  [0, 'sos'],
  [1, 'overspeed'],
  [7, 'low_battery'],
  [8, 'power_off'],
  [20, 'geofence'],
];

export const STATUS = {
  acc: 1 << 0,
  valid: 1 << 1,
  south: 1 << 2,
  west: 1 << 3,
  coordinatesEncrypted: 1 << 5,
  gps: 1 << 18,
  beidou: 1 << 19,
  glonass: 1 << 20,
  galileo: 1 << 21,
} as const;

export const ITEM = {
  mileage: 0x01,
  area: 0x12,
  signal: 0x30,
  satellites: 0x31,
  batteryPercent: 0x06,
} as const;

export const DEFAULT_BATTERY_ITEMS: readonly number[] = [ITEM.batteryPercent];

const GMT8_MS = 8 * 3600 * 1000;

/** BCD[6] YYMMDDhhmmss in GMT+8 → UTC Date. Throws bad_value on an impossible time. */
export function readGmt8Time(bytes: Uint8Array): Date {
  const d = bcdToDigits(bytes, 'time');
  const [yy, mo, dd, hh, mi, ss] = [0, 2, 4, 6, 8, 10].map((i) => Number(d.slice(i, i + 2))) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const local = Date.UTC(2000 + yy, mo - 1, dd, hh, mi, ss);
  const check = new Date(local);
  if (
    mo < 1 ||
    hh > 23 ||
    mi > 59 ||
    ss > 59 ||
    check.getUTCMonth() !== mo - 1 ||
    check.getUTCDate() !== dd
  ) {
    throw new Jt808ReadError('bad_value', `time ${d} is not a date`);
  }
  return new Date(local - GMT8_MS);
}

/** UTC Date → BCD[6] in GMT+8 (years 2000–2099). */
export function writeGmt8Time(date: Date): Uint8Array {
  const t = new Date(date.getTime() + GMT8_MS);
  const year = t.getUTCFullYear();
  if (!(year >= 2000 && year <= 2099))
    throw new RangeError(`time ${date.toISOString()} outside 2000–2099 (GMT+8)`);
  const parts = [
    year % 100,
    t.getUTCMonth() + 1,
    t.getUTCDate(),
    t.getUTCHours(),
    t.getUTCMinutes(),
    t.getUTCSeconds(),
  ];
  return digitsToBcd(parts.map((n) => String(n).padStart(2, '0')).join(''), 6);
}

export interface DecodedLocation {
  position: DecodedPosition;
  alarmBits: number;
  statusBits: number;
}

/** Decodes one 0x0200 body. Throws Jt808ReadError (truncated, bad_value). */
export function readLocation(
  body: Uint8Array,
  uniqueId: string,
  backfill: boolean,
  batteryItems: readonly number[] = DEFAULT_BATTERY_ITEMS,
): DecodedLocation {
  const r = new ByteReader(body);
  const alarmBits = r.u32('alarm');
  const statusBits = r.u32('status');
  const latRaw = r.u32('latitude');
  const lonRaw = r.u32('longitude');
  const altRaw = r.u16('altitude');
  const speedRaw = r.u16('speed');
  const courseRaw = r.u16('direction');
  const fixTime = readGmt8Time(r.take(6, 'time'));
  if (latRaw > 90_000_000 || lonRaw > 180_000_000) {
    throw new Jt808ReadError('bad_value', `coordinates ${latRaw}, ${lonRaw} out of range`);
  }
  const attributes: DecodedPosition['attributes'] = { alarm: alarmBits, status: statusBits };
  if (statusBits & STATUS.acc) attributes.acc = true;
  if (statusBits & STATUS.coordinatesEncrypted) attributes.coordinatesEncrypted = true;
  const gnss = (['gps', 'beidou', 'glonass', 'galileo'] as const).filter((k) => statusBits & STATUS[k]);
  if (gnss.length > 0) attributes.gnss = gnss.join(',');
  if (courseRaw > 359) attributes.courseRaw = courseRaw;

  let satellites: number | null = null;
  let batteryPercent: number | null = null;
  while (r.remaining >= 2) {
    const start = r.offset;
    const id = r.u8('item id');
    const len = r.u8('item length');
    if (len > r.remaining) {
      r.offset = start;
      attributes.malformedItems = toHex(r.rest());
      break;
    }
    const value = r.take(len, 'item');
    const v = new ByteReader(value);
    if (id === ITEM.mileage && len === 4) attributes.mileageKm = v.u32('mileage') / 10;
    else if (id === ITEM.area && len === 6) {
      attributes.areaType = v.u8('area type');
      attributes.areaId = v.u32('area id');
      attributes.areaDirection = v.u8('area direction') === 0 ? 'in' : 'out';
    } else if (id === ITEM.signal && len === 1) attributes.signal = v.u8('signal');
    else if (id === ITEM.satellites && len === 1) satellites = v.u8('satellites');
    else {
      attributes[`item_${id.toString(16).padStart(2, '0')}`] = toHex(value);
      if (batteryItems.includes(id) && len === 1 && (value[0] ?? 255) <= 100)
        batteryPercent = value[0] ?? null;
    }
  }
  if (r.remaining > 0) attributes.malformedItems = toHex(r.rest());

  const alarms = ALARM_BITS.filter(([bit]) => alarmBits & (1 << bit)).map(([, name]) => name);
  const altitude = altRaw >= 0x8000 ? altRaw - 0x10000 : altRaw;
  const position: DecodedPosition = {
    protocol: 'jt808',
    uniqueId,
    fixTime,
    valid: (statusBits & STATUS.valid) !== 0,
    latitude: ((statusBits & STATUS.south ? -1 : 1) * latRaw) / 1e6,
    longitude: ((statusBits & STATUS.west ? -1 : 1) * lonRaw) / 1e6,
    altitudeM: altitude,
    speedKmh: speedRaw / 10,
    course: courseRaw <= 359 ? courseRaw : null,
    accuracyM: null,
    satellites,
    batteryPercent,
    alarms,
    backfill,
    attributes,
  };
  return { position, alarmBits, statusBits };
}

/** What the simulator needs to send a 0x0200 body; a DecodedPosition fits. */
export interface Jt808LocationInput {
  fixTime: Date;
  latitude: number;
  longitude: number;
  valid?: boolean;
  altitudeM?: number | null;
  speedKmh?: number | null;
  course?: number | null;
  satellites?: number | null;
  batteryPercent?: number | null;
  alarms?: readonly DeviceAlarm[];
  /** OR-ed into the alarm DWORD (bits without a DeviceAlarm name). */
  alarmBits?: number;
  /** OR-ed into the status DWORD (default adds GPS + BeiDou used). */
  statusBits?: number;
  signal?: number | null;
  mileageKm?: number | null;
  /** Extra items, written after the standard ones. */
  items?: ReadonlyArray<{ id: number; value: Uint8Array }>;
}

export function writeLocation(p: Jt808LocationInput): Uint8Array {
  let alarm = p.alarmBits ?? 0;
  for (const [bit, name] of ALARM_BITS) if (p.alarms?.includes(name)) alarm |= 1 << bit;
  let status = p.statusBits ?? STATUS.gps | STATUS.beidou;
  if (p.valid ?? true) status |= STATUS.valid;
  if (p.latitude < 0) status |= STATUS.south;
  if (p.longitude < 0) status |= STATUS.west;
  const w = new ByteWriter()
    .u32(alarm >>> 0)
    .u32(status >>> 0)
    .u32(Math.round(Math.abs(p.latitude) * 1e6))
    .u32(Math.round(Math.abs(p.longitude) * 1e6))
    .u16(Math.round(p.altitudeM ?? 0) & 0xffff)
    .u16(Math.round((p.speedKmh ?? 0) * 10))
    .u16(Math.round(p.course ?? 0) % 360)
    .bytes(writeGmt8Time(p.fixTime));
  if (p.mileageKm != null)
    w.u8(ITEM.mileage)
      .u8(4)
      .u32(Math.round(p.mileageKm * 10));
  if (p.signal != null) w.u8(ITEM.signal).u8(1).u8(p.signal);
  if (p.satellites != null) w.u8(ITEM.satellites).u8(1).u8(p.satellites);
  if (p.batteryPercent != null) w.u8(ITEM.batteryPercent).u8(1).u8(Math.round(p.batteryPercent));
  for (const item of p.items ?? []) w.u8(item.id).u8(item.value.length).bytes(item.value);
  return w.result();
}
