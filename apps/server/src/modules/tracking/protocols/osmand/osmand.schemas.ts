/**
 * Zod schemas for the OsmAnd route (`GET|POST /api/v1/tracking/osmand`), for Fastify's type
 * provider and the OpenAPI document. They check shape only (strings, an id); the meaning — units,
 * ranges, time formats — is `parseOsmAndRequest`'s job, which returns typed errors for the 400.
 */
import { z } from 'zod';

const text = z.string().max(256).optional();

/** Query string (or form body) of the classic OsmAnd request. Other fields pass through. */
export const osmAndQuerySchema = z
  .looseObject({
    id: z.string().min(1).max(64).optional().describe('device uniqueId'),
    deviceid: z.string().min(1).max(64).optional().describe('alias of id'),
    lat: text.describe('latitude, WGS-84 degrees'),
    lon: text.describe('longitude, WGS-84 degrees'),
    location: text.describe('"lat,lon", instead of lat and lon'),
    timestamp: text.describe('Unix seconds or milliseconds, or ISO-8601; missing: server time'),
    speed: text.describe('m/s (as the OsmAnd app sends it)'),
    bearing: text.describe('degrees, north = 0, clockwise'),
    altitude: text.describe('metres'),
    accuracy: text.describe('horizontal accuracy, metres'),
    batt: text.describe('battery, percent'),
    charge: text.describe('true/false'),
    valid: text.describe('true/false (default true)'),
    alarm: text.describe('"sos" raises an SOS'),
  })
  .refine((q) => q.id !== undefined || q.deviceid !== undefined, {
    message: 'id or deviceid is required',
    path: ['id'],
  });

export type OsmAndQuery = z.infer<typeof osmAndQuerySchema>;

/** The JSON body variant (background-geolocation apps). */
export const osmAndJsonBodySchema = z.looseObject({
  device_id: z.union([z.string().min(1).max(64), z.number()]),
  location: z.looseObject({
    timestamp: z.union([z.string().max(64), z.number()]).optional(),
    coords: z.looseObject({
      latitude: z.number(),
      longitude: z.number(),
      accuracy: z.number().optional(),
      speed: z.number().optional(),
      heading: z.number().optional(),
      altitude: z.number().optional(),
    }),
    battery: z.looseObject({ level: z.number().optional(), is_charging: z.boolean().optional() }).optional(),
  }),
});

export type OsmAndJsonBody = z.infer<typeof osmAndJsonBodySchema>;
