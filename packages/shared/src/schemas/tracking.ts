/** Tracking (positioning watches for day-centre trainees): the HTTP contract. */
import { z } from 'zod';
import { patchOf } from './common.js';

export const TrackingProtocol = z.enum(['jt808', 'watch', 'osmand']);
export const AlertType = z.enum([
  'sos',
  'geofence_exit',
  'geofence_enter',
  'low_battery',
  'offline',
  'removed',
  'fall',
]);
export const AlertState = z.enum(['open', 'acknowledged', 'closed']);

const HhMm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/);
const TimeRange = z.object({ from: HhMm, to: HhMm }).strict();
export const OpeningHoursSchema = z.partialRecord(
  z.enum(['1', '2', '3', '4', '5', '6', '7']),
  z.array(TimeRange).max(4),
);

export const DayCentreBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    streetCode: z.string().min(1).max(20),
    address: z.string().trim().max(200).default(''),
    openingHours: OpeningHoursSchema.default({}),
    staffUserIds: z.array(z.uuid()).max(100).default([]),
  })
  .strict();
export const DayCentrePatch = patchOf(DayCentreBody);
export const DayCentreOut = z.object({
  id: z.uuid(),
  name: z.string(),
  streetCode: z.string(),
  address: z.string(),
  openingHours: OpeningHoursSchema,
  staffUserIds: z.array(z.uuid()),
  version: z.number().int(),
});

export const DeviceCreateBody = z
  .object({
    uniqueId: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .regex(/^[0-9A-Za-z_-]+$/),
    protocol: TrackingProtocol,
    model: z.string().trim().max(100).default(''),
    simPhone: z.string().trim().max(20).optional(),
    centreId: z.uuid().nullable().optional(),
    personId: z.uuid().optional(),
    /** Required with personId: the consent on record. */
    consent: z
      .object({ by: z.string().trim().min(1).max(100), note: z.string().trim().max(500).default('') })
      .strict()
      .optional(),
  })
  .strict();
export const DevicePatchBody = z
  .object({
    model: z.string().trim().max(100),
    centreId: z.uuid().nullable(),
    simPhone: z.string().trim().max(20),
  })
  .partial()
  .strict();
export const DeviceOut = z.object({
  id: z.uuid(),
  uniqueId: z.string(),
  protocol: TrackingProtocol,
  model: z.string(),
  centreId: z.uuid().nullable(),
  status: z.enum(['unknown', 'online', 'offline']),
  batteryPercent: z.number().int().nullable(),
  lastFixTime: z.iso.datetime().nullable(),
  lastSeenAt: z.iso.datetime().nullable(),
  personId: z.uuid().nullable(),
  /** The bound trainee's name, masked (张*明): enough for the administrator who binds devices. */
  personName: z.string().nullable().optional(),
  consent: z.boolean(),
  version: z.number().int(),
});
export const DeviceListQuery = z
  .object({
    centreId: z.uuid().optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

/**
 * Finding the trainee to bind, for administrators without registry access: the exact ID number or
 * disability certificate number (from the consent form) → the person, name masked.
 */
export const TraineeLookupQuery = z.object({ number: z.string().trim().min(15).max(40).optional() }).strict();
export const TraineeOut = z.object({
  id: z.uuid(),
  /** Masked (张*明). */
  name: z.string(),
  gender: z.enum(['male', 'female']),
  age: z.number().int(),
  streetCode: z.string(),
});

export const BindBody = z
  .object({
    personId: z.uuid(),
    consent: z
      .object({ by: z.string().trim().min(1).max(100), note: z.string().trim().max(500).default('') })
      .strict()
      .optional(),
  })
  .strict();

export const PositionsQuery = z
  .object({
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(5000).default(1000),
  })
  .strict();
export const PositionOut = z.object({
  fixTime: z.iso.datetime(),
  receivedAt: z.iso.datetime(),
  latitude: z.number(),
  longitude: z.number(),
  valid: z.boolean(),
  speedKmh: z.number().nullable(),
  course: z.number().nullable(),
  altitudeM: z.number().nullable(),
  accuracyM: z.number().nullable(),
  batteryPercent: z.number().int().nullable(),
  backfill: z.boolean(),
  attributes: z.record(z.string(), z.unknown()),
});

export const AlertOut = z.object({
  id: z.uuid(),
  type: AlertType,
  state: AlertState,
  deviceId: z.uuid(),
  personId: z.uuid().nullable(),
  zoneId: z.uuid().nullable(),
  centreId: z.uuid().nullable(),
  openedAt: z.iso.datetime(),
  fixTime: z.iso.datetime().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  repeats: z.number().int(),
  escalationLevel: z.number().int(),
  /** Each rung of the escalation ladder the alert reached: level, when, how many people were told. */
  escalations: z.array(
    z.object({ level: z.number().int(), at: z.iso.datetime(), notified: z.number().int() }),
  ),
  acknowledgedBy: z.uuid().nullable(),
  acknowledgedAt: z.iso.datetime().nullable(),
  closedBy: z.uuid().nullable(),
  closedAt: z.iso.datetime().nullable(),
  /** In the alert list: the trainee's name (its centre's staff must know whom to help) and the device. */
  personName: z.string().nullable().optional(),
  deviceUniqueId: z.string().optional(),
});
export const AlertListQuery = z
  .object({
    deviceId: z.uuid().optional(),
    centreId: z.uuid().optional(),
    state: AlertState.optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

const LatLngSchema = z
  .object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) })
  .strict();
export const ZoneSchedule = z
  .object({
    useCentreHours: z.boolean().default(false),
    weekdays: z.array(z.number().int().min(1).max(7)).max(7).default([]),
    ranges: z.array(TimeRange).max(4).default([]),
  })
  .strict();
export const ZoneBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    kind: z.enum(['circle', 'polygon']),
    center: LatLngSchema.optional(),
    radiusM: z.number().min(10).max(50_000).optional(),
    points: z.array(LatLngSchema).min(3).max(200).optional(),
    schedule: ZoneSchedule,
    centreId: z.uuid(),
    personId: z.uuid().nullable().default(null),
    exitConfirmFixes: z.number().int().min(1).max(20).nullable().default(null),
    exitConfirmSeconds: z.number().int().min(0).max(3600).nullable().default(null),
    active: z.boolean().default(true),
  })
  .strict();
export const ZoneOut = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(['circle', 'polygon']),
  center: LatLngSchema.nullable(),
  radiusM: z.number().nullable(),
  points: z.array(LatLngSchema).nullable(),
  schedule: ZoneSchedule,
  centreId: z.uuid().nullable(),
  personId: z.uuid().nullable(),
  exitConfirmFixes: z.number().int().nullable(),
  exitConfirmSeconds: z.number().int().nullable(),
  active: z.boolean(),
  version: z.number().int(),
});

export const LivePositionOut = z.object({
  deviceId: z.uuid(),
  personId: z.uuid().nullable(),
  status: z.enum(['unknown', 'online', 'offline']),
  batteryPercent: z.number().int().nullable(),
  lastFixTime: z.iso.datetime().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  openAlerts: z.number().int(),
  /** The trainee's name (their centre's staff and their guardians see it). */
  name: z.string().nullable(),
  centreId: z.uuid().nullable(),
  /** Against the zones watched now: outside if outside any, inside if inside one, else unknown. */
  zoneState: z.enum(['inside', 'outside', 'unknown']),
});

/**
 * The map's settings for the web app (JINGLIN_MAP_*): the tile URL template (empty: no tiles, a
 * plain background), its coordinate system (天地图: wgs84; AMap: gcj02) and the attribution text.
 */
export const MapConfigOut = z.object({
  tileUrl: z.string(),
  tileCrs: z.enum(['wgs84', 'gcj02']),
  attribution: z.string(),
});
export type MapConfigOut = z.infer<typeof MapConfigOut>;

export type DeviceCreateBody = z.infer<typeof DeviceCreateBody>;
export type DayCentreBody = z.infer<typeof DayCentreBody>;
export type ZoneBody = z.infer<typeof ZoneBody>;
