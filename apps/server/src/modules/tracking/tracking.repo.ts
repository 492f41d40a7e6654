/** Position rows and their multi-row INSERT (one statement per 1,000 positions, values bound as parameters). */
import { sql } from 'drizzle-orm';
import type { DecodedPosition } from './protocols/position.js';

export function positionRow(
  st: { id: string; personId: string | null },
  p: DecodedPosition,
  receivedAt: Date,
): Record<string, unknown> {
  return {
    device_id: st.id,
    person_id: st.personId,
    fix_time: p.fixTime.toISOString(),
    received_at: receivedAt.toISOString(),
    latitude: p.latitude,
    longitude: p.longitude,
    valid: p.valid,
    speed_kmh: p.speedKmh,
    course: p.course,
    altitude_m: p.altitudeM,
    accuracy_m: p.accuracyM,
    satellites: p.satellites,
    battery_percent: p.batteryPercent,
    backfill: p.backfill,
    attributes: JSON.stringify(p.attributes ?? {}),
  };
}

const COLS = [
  'device_id',
  'person_id',
  'fix_time',
  'received_at',
  'latitude',
  'longitude',
  'valid',
  'speed_kmh',
  'course',
  'altitude_m',
  'accuracy_m',
  'satellites',
  'battery_percent',
  'backfill',
  'attributes',
];

/** One multi-row INSERT through unnest-free VALUES (parameters bound, never interpolated). */
export function insertPositions(rows: Record<string, unknown>[]) {
  const values = sql.join(
    rows.map(
      (r) =>
        sql`(${sql.join(
          COLS.map((c) => (c === 'attributes' ? sql`${r[c]}::jsonb` : sql`${r[c]}`)),
          sql`, `,
        )})`,
    ),
    sql`, `,
  );
  return sql`INSERT INTO positions (${sql.raw(COLS.join(', '))}) VALUES ${values}`;
}

/** One UPDATE for many devices: online, last seen, and the last fix only when newer than the stored one. */
export function updateDevices(
  rows: {
    id: string;
    seen: Date;
    fixTime: Date | null;
    latitude: number | null;
    longitude: number | null;
    batteryPercent: number | null;
  }[],
) {
  const values = sql.join(
    rows.map(
      (r) =>
        sql`(${r.id}::uuid, ${r.seen.toISOString()}::timestamptz, ${r.fixTime ? r.fixTime.toISOString() : null}::timestamptz, ${r.latitude}::float8, ${r.longitude}::float8, ${r.batteryPercent}::int)`,
    ),
    sql`, `,
  );
  return sql`
    UPDATE devices d SET
      status = 'online',
      last_seen_at = greatest(d.last_seen_at, v.seen),
      last_latitude = CASE WHEN v.fix_time IS NOT NULL AND (d.last_fix_time IS NULL OR d.last_fix_time < v.fix_time) THEN v.lat ELSE d.last_latitude END,
      last_longitude = CASE WHEN v.fix_time IS NOT NULL AND (d.last_fix_time IS NULL OR d.last_fix_time < v.fix_time) THEN v.lon ELSE d.last_longitude END,
      last_fix_time = greatest(d.last_fix_time, v.fix_time),
      battery_percent = coalesce(v.battery, d.battery_percent)
    FROM (VALUES ${values}) AS v(id, seen, fix_time, lat, lon, battery)
    WHERE d.id = v.id`;
}
