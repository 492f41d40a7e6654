/**
 * Position rows and the batch statements of the ingest: one INSERT of a whole batch of positions
 * and one UPDATE of its devices, each through `unnest` of one array parameter per column (a
 * handful of parameters whatever the batch size: cheap to build, to send and to parse).
 */
import { sql } from 'drizzle-orm';
import type { DecodedPosition } from './protocols/position.js';

/** A batch of position rows, column by column (the arrays bound as parameters of `unnest`). */
export class PositionColumns {
  readonly deviceId: string[] = [];
  readonly personId: (string | null)[] = [];
  readonly fixTime: string[] = [];
  readonly receivedAt: string[] = [];
  readonly latitude: number[] = [];
  readonly longitude: number[] = [];
  readonly valid: boolean[] = [];
  readonly speedKmh: (number | null)[] = [];
  readonly course: (number | null)[] = [];
  readonly altitudeM: (number | null)[] = [];
  readonly accuracyM: (number | null)[] = [];
  readonly satellites: (number | null)[] = [];
  readonly batteryPercent: (number | null)[] = [];
  readonly backfill: boolean[] = [];
  readonly attributes: string[] = [];

  get length(): number {
    return this.deviceId.length;
  }

  push(st: { id: string; personId: string | null }, p: DecodedPosition, receivedAt: string): void {
    this.deviceId.push(st.id);
    this.personId.push(st.personId);
    this.fixTime.push(p.fixTime.toISOString());
    this.receivedAt.push(receivedAt);
    this.latitude.push(p.latitude);
    this.longitude.push(p.longitude);
    this.valid.push(p.valid);
    this.speedKmh.push(p.speedKmh);
    this.course.push(p.course);
    this.altitudeM.push(p.altitudeM);
    this.accuracyM.push(p.accuracyM);
    this.satellites.push(p.satellites);
    this.batteryPercent.push(p.batteryPercent);
    this.backfill.push(p.backfill);
    this.attributes.push(JSON.stringify(p.attributes ?? {}));
  }
}

const arr = (values: unknown[], type: string) => sql`${sql.param(values)}::${sql.raw(type)}[]`;

/** One INSERT for the whole batch (values bound as 15 array parameters, never interpolated). */
export function insertPositions(c: PositionColumns) {
  return sql`
    INSERT INTO positions (device_id, person_id, fix_time, received_at, latitude, longitude, valid,
      speed_kmh, course, altitude_m, accuracy_m, satellites, battery_percent, backfill, attributes)
    SELECT * FROM unnest(${arr(c.deviceId, 'uuid')}, ${arr(c.personId, 'uuid')},
      ${arr(c.fixTime, 'timestamptz')}, ${arr(c.receivedAt, 'timestamptz')},
      ${arr(c.latitude, 'float8')}, ${arr(c.longitude, 'float8')}, ${arr(c.valid, 'bool')},
      ${arr(c.speedKmh, 'float4')}, ${arr(c.course, 'float4')}, ${arr(c.altitudeM, 'float4')},
      ${arr(c.accuracyM, 'float4')}, ${arr(c.satellites, 'int4')}, ${arr(c.batteryPercent, 'int4')},
      ${arr(c.backfill, 'bool')}, ${arr(c.attributes, 'jsonb')})`;
}

export interface DeviceUpdate {
  id: string;
  seen: Date;
  fixTime: Date | null;
  latitude: number | null;
  longitude: number | null;
  batteryPercent: number | null;
}

/**
 * One UPDATE for many devices (in id order): online, last seen, the last fix only when newer than
 * the stored one, and a JT/T 808 auth code issued at registration.
 */
export function updateDevices(input: DeviceUpdate[], authCodes: Map<string, string> = new Map()) {
  const rows = [...input].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return sql`
    UPDATE devices d SET
      auth_code = coalesce(v.auth_code, d.auth_code),
      status = 'online',
      last_seen_at = greatest(d.last_seen_at, v.seen),
      last_latitude = CASE WHEN v.fix_time IS NOT NULL AND (d.last_fix_time IS NULL OR d.last_fix_time < v.fix_time) THEN v.lat ELSE d.last_latitude END,
      last_longitude = CASE WHEN v.fix_time IS NOT NULL AND (d.last_fix_time IS NULL OR d.last_fix_time < v.fix_time) THEN v.lon ELSE d.last_longitude END,
      last_fix_time = greatest(d.last_fix_time, v.fix_time),
      battery_percent = coalesce(v.battery, d.battery_percent)
    FROM unnest(${arr(
      rows.map((r) => r.id),
      'uuid',
    )}, ${arr(
      rows.map((r) => r.seen.toISOString()),
      'timestamptz',
    )}, ${arr(
      rows.map((r) => r.fixTime?.toISOString() ?? null),
      'timestamptz',
    )}, ${arr(
      rows.map((r) => r.latitude),
      'float8',
    )}, ${arr(
      rows.map((r) => r.longitude),
      'float8',
    )}, ${arr(
      rows.map((r) => r.batteryPercent),
      'int4',
    )}, ${arr(
      rows.map((r) => authCodes.get(r.id) ?? null),
      'text',
    )}) AS v(id, seen, fix_time, lat, lon, battery, auth_code)
    WHERE d.id = v.id`;
}
