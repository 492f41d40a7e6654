/** Tracking API: day centres, devices and bindings, zones, positions history, alerts, live map, a guardian's ward. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AlertListQuery,
  AlertOut,
  BindBody,
  DayCentreBody,
  DayCentreOut,
  DayCentrePatch,
  DeviceCreateBody,
  DeviceListQuery,
  DeviceOut,
  DevicePatchBody,
  IdParams,
  LivePositionOut,
  MapConfigOut,
  PositionOut,
  PositionsQuery,
  TraineeLookupQuery,
  TraineeOut,
  ZoneBody,
  ZoneOut,
  pageOf,
} from '@jinglin/shared';
import { actorOf, etag, ifMatch } from '../../platform/http/helpers.js';
import type { TrackingModule } from './tracking.module.js';
import { TrackingSettingsSchema, loadTrackingSettings, saveTrackingSettings } from './tracking.settings.js';
import { recordAudit } from '../../platform/audit/audit.service.js';

export function trackingRoutes(app: FastifyInstance, m: TrackingModule): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['tracking'];
  const base = '/api/v1/tracking';

  r.get(
    `${base}/centres`,
    {
      schema: { tags, summary: 'Day centres (阳光之家)', response: { 200: z.array(DayCentreOut) } },
      config: { access: 'tracking.read' },
    },
    async () => m.service.listCentres(),
  );
  r.post(
    `${base}/centres`,
    {
      schema: { tags, summary: 'Create a day centre', body: DayCentreBody, response: { 201: DayCentreOut } },
      config: { access: 'tracking.manage' },
    },
    async (req, reply) => reply.status(201).send(await m.service.createCentre(actorOf(req), req.body)),
  );
  r.patch(
    `${base}/centres/:id`,
    {
      schema: {
        tags,
        summary: 'Change a day centre (If-Match)',
        params: IdParams,
        body: DayCentrePatch,
        response: { 200: DayCentreOut },
      },
      config: { access: 'tracking.manage' },
    },
    async (req, reply) => {
      const out = await m.service.patchCentre(actorOf(req), req.params.id, ifMatch(req), req.body);
      etag(reply, out.version);
      return out;
    },
  );
  r.get(
    `${base}/centres/:id/live`,
    {
      schema: {
        tags,
        summary: "Last positions of a centre's trainees",
        params: IdParams,
        response: { 200: z.array(LivePositionOut) },
      },
      config: { access: 'tracking.read' },
    },
    async (req) => m.queries.live(actorOf(req), req.params.id),
  );
  r.get(
    `${base}/centres/:id/zones`,
    {
      schema: {
        tags,
        summary: "A centre's active zones (for its live map)",
        params: IdParams,
        response: { 200: z.array(ZoneOut) },
      },
      config: { access: 'tracking.read' },
    },
    async (req) => m.queries.centreZones(actorOf(req), req.params.id),
  );
  r.get(
    `${base}/map-config`,
    {
      schema: {
        tags,
        summary: 'Map tiles: URL template, coordinate system (wgs84 | gcj02), attribution',
        response: { 200: MapConfigOut },
      },
      config: { access: 'authenticated' },
    },
    async () => ({
      tileUrl: m.p.config.mapTileUrl,
      tileCrs: m.p.config.mapTileCrs,
      attribution: m.p.config.mapAttribution,
    }),
  );

  r.get(
    `${base}/devices`,
    {
      schema: {
        tags,
        summary: 'Devices',
        querystring: DeviceListQuery,
        response: { 200: pageOf(DeviceOut) },
      },
      config: { access: 'tracking.manage' },
    },
    async (req) => ({ items: await m.service.listDevices(req.query.centreId), nextCursor: null }),
  );
  r.post(
    `${base}/devices`,
    {
      schema: { tags, summary: 'Register a device', body: DeviceCreateBody, response: { 201: DeviceOut } },
      config: { access: 'tracking.manage' },
    },
    async (req, reply) => reply.status(201).send(await m.service.createDevice(actorOf(req), req.body)),
  );
  r.get(
    `${base}/devices/:id`,
    {
      schema: { tags, summary: 'One device', params: IdParams, response: { 200: DeviceOut } },
      config: { access: 'tracking.manage' },
    },
    async (req, reply) => {
      const out = await m.service.getDevice(req.params.id);
      etag(reply, out.version);
      return out;
    },
  );
  r.patch(
    `${base}/devices/:id`,
    {
      schema: {
        tags,
        summary: 'Change a device (If-Match)',
        params: IdParams,
        body: DevicePatchBody,
        response: { 200: DeviceOut },
      },
      config: { access: 'tracking.manage' },
    },
    async (req, reply) => {
      const out = await m.service.patchDevice(actorOf(req), req.params.id, ifMatch(req), req.body);
      etag(reply, out.version);
      return out;
    },
  );
  r.get(
    `${base}/trainees`,
    {
      schema: {
        tags,
        summary: 'Find the trainee to bind by exact ID or certificate number (name masked; audited)',
        querystring: TraineeLookupQuery,
        response: { 200: z.array(TraineeOut) },
      },
      config: { access: 'tracking.manage' },
    },
    async (req) => m.service.findTrainees(actorOf(req), req.query.number),
  );
  r.post(
    `${base}/devices/:id/bind`,
    {
      schema: {
        tags,
        summary: 'Bind a device to a trainee (consent recorded, or positions are not stored)',
        params: IdParams,
        body: BindBody,
        response: { 200: DeviceOut },
      },
      config: { access: 'tracking.manage' },
    },
    async (req) => m.service.bind(actorOf(req), req.params.id, req.body.personId, req.body.consent),
  );
  r.post(
    `${base}/devices/:id/unbind`,
    {
      schema: { tags, summary: 'End the binding', params: IdParams, response: { 200: DeviceOut } },
      config: { access: 'tracking.manage' },
    },
    async (req) => m.service.unbind(actorOf(req), req.params.id),
  );
  r.get(
    `${base}/devices/:id/positions`,
    {
      schema: {
        tags,
        summary: 'Position history (at most 7 days per request, paginated; every view audited)',
        params: IdParams,
        querystring: PositionsQuery,
        response: { 200: pageOf(PositionOut) },
      },
      config: { access: 'tracking.read' },
    },
    async (req) => m.queries.history(actorOf(req), req.params.id, req.query),
  );

  r.get(
    `${base}/zones`,
    {
      schema: {
        tags,
        summary: 'Zones',
        querystring: z.object({ centreId: z.uuid().optional() }).strict(),
        response: { 200: z.array(ZoneOut) },
      },
      config: { access: 'tracking.manage' },
    },
    async (req) => m.service.listZones(req.query.centreId),
  );
  r.post(
    `${base}/zones`,
    {
      schema: { tags, summary: 'Create a zone', body: ZoneBody, response: { 201: ZoneOut } },
      config: { access: 'tracking.manage' },
    },
    async (req, reply) => reply.status(201).send(await m.service.createZone(actorOf(req), req.body)),
  );
  r.put(
    `${base}/zones/:id`,
    {
      schema: {
        tags,
        summary: 'Replace a zone (If-Match)',
        params: IdParams,
        body: ZoneBody,
        response: { 200: ZoneOut },
      },
      config: { access: 'tracking.manage' },
    },
    async (req, reply) => {
      const out = await m.service.updateZone(actorOf(req), req.params.id, ifMatch(req), req.body);
      etag(reply, out.version);
      return out;
    },
  );
  r.delete(
    `${base}/zones/:id`,
    {
      schema: { tags, summary: 'Deactivate a zone', params: IdParams },
      config: { access: 'tracking.manage' },
    },
    async (req, reply) => {
      await m.service.deleteZone(actorOf(req), req.params.id);
      return reply.status(204).send();
    },
  );

  r.get(
    `${base}/settings`,
    {
      schema: {
        tags,
        summary: 'Exit confirmation, thresholds, escalation and retention',
        response: { 200: TrackingSettingsSchema },
      },
      config: { access: 'tracking.manage' },
    },
    async () => loadTrackingSettings(m.p.database.db, true),
  );
  r.put(
    `${base}/settings`,
    {
      schema: {
        tags,
        summary: 'Change tracking settings',
        body: TrackingSettingsSchema.partial().strict(),
        response: { 200: TrackingSettingsSchema },
      },
      config: { access: 'tracking.manage' },
    },
    async (req) =>
      m.p.database.db.transaction(async (tx) => {
        const out = await saveTrackingSettings(tx, req.body);
        await recordAudit(tx, actorOf(req), {
          action: 'tracking.settings.update',
          details: { keys: Object.keys(req.body) },
        });
        return out;
      }),
  );

  r.get(
    `${base}/alerts`,
    {
      schema: { tags, summary: 'Alerts', querystring: AlertListQuery, response: { 200: pageOf(AlertOut) } },
      config: { access: 'tracking.alerts' },
    },
    async (req) => m.queries.listAlerts(actorOf(req), req.query),
  );
  r.post(
    `${base}/alerts/:id/acknowledge`,
    {
      schema: {
        tags,
        summary: 'Acknowledge an alert (stops escalation)',
        params: IdParams,
        response: { 200: AlertOut },
      },
      config: { access: 'tracking.alerts' },
    },
    async (req) => m.queries.transition(actorOf(req), req.params.id, 'acknowledged'),
  );
  r.post(
    `${base}/alerts/:id/close`,
    {
      schema: { tags, summary: 'Close an alert', params: IdParams, response: { 200: AlertOut } },
      config: { access: 'tracking.alerts' },
    },
    async (req) => m.queries.transition(actorOf(req), req.params.id, 'closed'),
  );

  r.get(
    '/api/v1/me/tracking',
    {
      schema: {
        tags: ['portal'],
        summary: "My ward's watch: last position",
        response: { 200: z.array(LivePositionOut) },
      },
      config: { access: 'tracking.own' },
    },
    async (req) => m.queries.myWards(actorOf(req)),
  );
  r.get(
    '/api/v1/me/tracking/zones',
    {
      schema: {
        tags: ['portal'],
        summary: 'The zones that watch my ward (for the map)',
        response: { 200: z.array(ZoneOut) },
      },
      config: { access: 'tracking.own' },
    },
    async (req) => m.queries.myZones(actorOf(req)),
  );
  r.get(
    '/api/v1/me/tracking/alerts',
    {
      schema: {
        tags: ['portal'],
        summary: "My ward's alerts (last 30 days)",
        response: { 200: z.array(AlertOut) },
      },
      config: { access: 'tracking.own' },
    },
    async (req) => m.queries.myAlerts(actorOf(req), 100),
  );
}
