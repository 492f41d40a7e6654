/**
 * Tracking (positioning watches for day-centre trainees): day centres, devices, their bindings to
 * persons with the guardian's consent, positions (partitioned by month of fix time — see the
 * migration: drizzle-kit can't express PARTITION BY, so the generated CREATE TABLE was edited),
 * zones with schedules, alerts, and each device's zone state.
 */
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { bytea, streets } from '../../platform/db/tables.js';
import { persons } from '../registry/registry.tables.js';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Opening hours per ISO weekday (1 = Monday … 7 = Sunday): "HH:MM" ranges, local time (Asia/Shanghai). */
export type OpeningHours = Partial<
  Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', { from: string; to: string }[]>
>;

export const dayCentres = pgTable(
  'day_centres',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    streetCode: text('street_code')
      .notNull()
      .references(() => streets.code),
    address: text('address').notNull().default(''),
    openingHours: jsonb('opening_hours').$type<OpeningHours>().notNull().default({}),
    /** Users (role day_centre_staff) who work here. */
    staffUserIds: uuid('staff_user_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    createdAt: tz('created_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('day_centres_street_idx').on(t.streetCode)],
);

export const devices = pgTable(
  'devices',
  {
    id: uuid('id').primaryKey(),
    uniqueId: text('unique_id').notNull(),
    protocol: text('protocol', { enum: ['jt808', 'watch', 'osmand'] }).notNull(),
    model: text('model').notNull().default(''),
    simPhoneEnc: bytea('sim_phone_enc'),
    centreId: uuid('centre_id').references(() => dayCentres.id),
    status: text('status', { enum: ['unknown', 'online', 'offline'] })
      .notNull()
      .default('unknown'),
    batteryPercent: integer('battery_percent'),
    lastFixTime: tz('last_fix_time'),
    lastLatitude: doublePrecision('last_latitude'),
    lastLongitude: doublePrecision('last_longitude'),
    lastSeenAt: tz('last_seen_at'),
    /** JT/T 808 authentication code issued at registration (0x8100), random per device. */
    authCode: text('auth_code'),
    createdAt: tz('created_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('devices_unique_id_uq').on(t.uniqueId), index('devices_centre_idx').on(t.centreId)],
);

export const deviceBindings = pgTable(
  'device_bindings',
  {
    id: uuid('id').primaryKey(),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    /** Consent of the person or their guardian: without it, positions are not stored. */
    consentBy: text('consent_by'),
    consentAt: tz('consent_at'),
    consentNote: text('consent_note'),
    recordedBy: uuid('recorded_by'),
    startedAt: tz('started_at').notNull().defaultNow(),
    endedAt: tz('ended_at'),
  },
  (t) => [
    uniqueIndex('device_bindings_active_uq')
      .on(t.deviceId)
      .where(sql`${t.endedAt} IS NULL`),
    index('device_bindings_person_idx').on(t.personId),
  ],
);

/** Partitioned by RANGE (fix_time), one partition per month plus a default (see the migration). */
export const positions = pgTable(
  'positions',
  {
    id: bigserial('id', { mode: 'number' }).notNull(),
    deviceId: uuid('device_id').notNull(),
    personId: uuid('person_id'),
    fixTime: tz('fix_time').notNull(),
    receivedAt: tz('received_at').notNull(),
    latitude: doublePrecision('latitude').notNull(),
    longitude: doublePrecision('longitude').notNull(),
    valid: boolean('valid').notNull(),
    speedKmh: real('speed_kmh'),
    course: real('course'),
    altitudeM: real('altitude_m'),
    accuracyM: real('accuracy_m'),
    satellites: integer('satellites'),
    batteryPercent: integer('battery_percent'),
    backfill: boolean('backfill').notNull().default(false),
    attributes: jsonb('attributes').notNull().default({}),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.fixTime] }),
    index('positions_device_time_idx').on(t.deviceId, t.fixTime),
  ],
);

/** Schedule: ISO weekdays and local time ranges, or the centre's opening hours. Empty days = always. */
export interface ZoneSchedule {
  useCentreHours: boolean;
  weekdays: number[];
  ranges: { from: string; to: string }[];
}

export const zones = pgTable(
  'zones',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['circle', 'polygon'] }).notNull(),
    /** circle: { center: {latitude, longitude}, radiusM }; polygon: { points: [{latitude, longitude}] } (WGS-84). */
    geometry: jsonb('geometry').notNull(),
    schedule: jsonb('schedule').$type<ZoneSchedule>().notNull(),
    centreId: uuid('centre_id').references(() => dayCentres.id),
    /** Assigned to one trainee; null = every trainee of the centre. */
    personId: uuid('person_id').references(() => persons.id),
    /** Exit confirmation: N consecutive outside fixes or T seconds outside (null = the tracking setting). */
    exitConfirmFixes: integer('exit_confirm_fixes'),
    exitConfirmSeconds: integer('exit_confirm_seconds'),
    active: boolean('active').notNull().default(true),
    createdAt: tz('created_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('zones_centre_idx').on(t.centreId), index('zones_person_idx').on(t.personId)],
);

/** One rung of the escalation ladder reached by an alert. */
export interface AlertEscalation {
  level: number;
  /** ISO-8601 UTC. */
  at: string;
  /** The users notified (ids only). */
  userIds: string[];
}

export const ALERT_TYPES = [
  'sos',
  'geofence_exit',
  'geofence_enter',
  'low_battery',
  'offline',
  'removed',
  'fall',
] as const;

export const alerts = pgTable(
  'alerts',
  {
    id: uuid('id').primaryKey(),
    type: text('type', { enum: ALERT_TYPES }).notNull(),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id),
    personId: uuid('person_id'),
    zoneId: uuid('zone_id'),
    centreId: uuid('centre_id'),
    state: text('state', { enum: ['open', 'acknowledged', 'closed'] })
      .notNull()
      .default('open'),
    openedAt: tz('opened_at').notNull().defaultNow(),
    fixTime: tz('fix_time'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    /** Repeats absorbed by this alert (one alert per incident). */
    repeats: integer('repeats').notNull().default(0),
    acknowledgedBy: uuid('acknowledged_by'),
    acknowledgedAt: tz('acknowledged_at'),
    closedBy: uuid('closed_by'),
    closedAt: tz('closed_at'),
    escalationLevel: integer('escalation_level').notNull().default(0),
    lastNotifiedAt: tz('last_notified_at'),
    /** Each notice of the escalation ladder: level, when, who (user ids). */
    escalations: jsonb('escalations').$type<AlertEscalation[]>().notNull().default([]),
  },
  (t) => [
    uniqueIndex('alerts_open_incident_uq')
      .on(t.deviceId, t.type, sql`coalesce(${t.zoneId}, '00000000-0000-0000-0000-000000000000'::uuid)`)
      .where(sql`${t.state} <> 'closed'`),
    index('alerts_device_idx').on(t.deviceId, t.openedAt),
    index('alerts_centre_idx').on(t.centreId, t.state),
    index('alerts_open_idx')
      .on(t.state, t.lastNotifiedAt)
      .where(sql`${t.state} = 'open'`),
  ],
);

export const deviceZoneStates = pgTable(
  'device_zone_states',
  {
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id),
    zoneId: uuid('zone_id')
      .notNull()
      .references(() => zones.id),
    state: text('state', { enum: ['unknown', 'inside', 'outside'] })
      .notNull()
      .default('unknown'),
    pendingExitCount: integer('pending_exit_count').notNull().default(0),
    pendingExitSince: tz('pending_exit_since'),
    lastEvaluatedFixTime: tz('last_evaluated_fix_time'),
  },
  (t) => [primaryKey({ columns: [t.deviceId, t.zoneId] })],
);
