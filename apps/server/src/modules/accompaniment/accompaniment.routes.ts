/** Hospital accompaniment API (staff): hospitals, sessions, holidays, calendar, bookings, assignment, counts. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AccAssignBody,
  AccAssignRunOut,
  AccBookingBody,
  AccBookingListQuery,
  AccBookingOut,
  AccCalendarQuery,
  AccCancelBookingBody,
  AccCancelOccurrenceBody,
  AccHolidayBody,
  AccHospitalBody,
  AccHospitalOut,
  AccHospitalPatch,
  AccOccurrenceOut,
  AccRescheduleBody,
  AccSessionBody,
  AccSessionOut,
  AccSessionPatch,
  AccStatsOut,
  AccStatsQuery,
  IdParams,
} from '@jinglin/shared';
import { actorOf, etag, ifMatch } from '../../platform/http/helpers.js';
import type { AccompanimentModule } from './accompaniment.module.js';

export function accompanimentRoutes(app: FastifyInstance, m: AccompanimentModule): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['accompaniment'];
  const base = '/api/v1/accompaniment';

  // ---- hospitals, sessions, holidays, cancellations, calendar
  r.get(
    `${base}/hospitals`,
    {
      schema: { tags, summary: 'Hospitals of the programme', response: { 200: z.array(AccHospitalOut) } },
      config: { access: 'authenticated' },
    },
    async () => m.admin.listHospitals(),
  );
  r.post(
    `${base}/hospitals`,
    {
      schema: { tags, summary: 'Add a hospital', body: AccHospitalBody, response: { 201: AccHospitalOut } },
      config: { access: 'accompaniment.manage' },
    },
    async (req, reply) => reply.status(201).send(await m.admin.createHospital(actorOf(req), req.body)),
  );
  r.patch(
    `${base}/hospitals/:id`,
    {
      schema: {
        tags,
        summary: 'Change a hospital (If-Match)',
        params: IdParams,
        body: AccHospitalPatch,
        response: { 200: AccHospitalOut },
      },
      config: { access: 'accompaniment.manage', recordRoute: true },
    },
    async (req, reply) => {
      const out = await m.admin.updateHospital(actorOf(req), req.params.id, ifMatch(req), req.body);
      etag(reply, out.version);
      return out;
    },
  );
  r.get(
    `${base}/sessions`,
    {
      schema: {
        tags,
        summary: 'Weekly sessions',
        querystring: z.object({ hospitalId: z.uuid().optional() }).strict(),
        response: { 200: z.array(AccSessionOut) },
      },
      config: { access: 'authenticated' },
    },
    async (req) => m.admin.listSessions(req.query.hospitalId),
  );
  r.post(
    `${base}/sessions`,
    {
      schema: {
        tags,
        summary: 'Add a weekly session',
        body: AccSessionBody,
        response: { 201: AccSessionOut },
      },
      config: { access: 'accompaniment.manage' },
    },
    async (req, reply) => reply.status(201).send(await m.admin.createSession(actorOf(req), req.body)),
  );
  r.patch(
    `${base}/sessions/:id`,
    {
      schema: {
        tags,
        summary: 'Change a weekly session (If-Match)',
        params: IdParams,
        body: AccSessionPatch,
        response: { 200: AccSessionOut },
      },
      config: { access: 'accompaniment.manage', recordRoute: true },
    },
    async (req, reply) => {
      const out = await m.admin.updateSession(actorOf(req), req.params.id, ifMatch(req), req.body);
      etag(reply, out.version);
      return out;
    },
  );
  r.post(
    `${base}/sessions/:id/cancellations`,
    {
      schema: {
        tags,
        summary: 'Call off one occurrence (its bookings are cancelled and told)',
        params: IdParams,
        body: AccCancelOccurrenceBody,
        response: { 200: z.object({ cancelledBookings: z.number().int() }) },
      },
      config: { access: 'accompaniment.manage', recordRoute: true },
    },
    async (req) =>
      m.admin.cancelOccurrence(actorOf(req), req.params.id, req.body, (tx, ids, reason) =>
        m.bookings.onOccurrenceCancelled(tx, ids, reason),
      ),
  );
  r.get(
    `${base}/holidays`,
    {
      schema: {
        tags,
        summary: 'Public holidays of a year',
        querystring: z.object({ year: z.coerce.number().int().min(2020).max(2100).optional() }).strict(),
        response: { 200: z.array(AccHolidayBody.required()) },
      },
      config: { access: 'accompaniment.read' },
    },
    async (req) => m.admin.listHolidays(req.query.year ?? new Date().getUTCFullYear()),
  );
  r.put(
    `${base}/holidays`,
    {
      schema: {
        tags,
        summary: 'Set a public holiday or make-up working day',
        body: AccHolidayBody,
        response: { 200: AccHolidayBody.required() },
      },
      config: { access: 'accompaniment.manage' },
    },
    async (req) => m.admin.putHoliday(actorOf(req), req.body),
  );
  r.get(
    `${base}/calendar`,
    {
      schema: {
        tags,
        summary: 'Occurrences with their booked and unfilled counts',
        querystring: AccCalendarQuery,
        response: { 200: z.array(AccOccurrenceOut) },
      },
      config: { access: 'authenticated' },
    },
    async (req) => m.admin.calendar(req.query),
  );

  r.get(
    `${base}/volunteers/:id/hospitals`,
    {
      schema: {
        tags,
        summary: 'The hospitals a volunteer serves at',
        params: IdParams,
        response: { 200: z.object({ hospitalIds: z.array(z.uuid()) }) },
      },
      config: { access: 'accompaniment.read', recordRoute: true },
    },
    async (req) => ({ hospitalIds: await m.admin.volunteerHospitals(req.params.id) }),
  );
  r.put(
    `${base}/volunteers/:id/hospitals`,
    {
      schema: {
        tags,
        summary: 'Set the hospitals a volunteer serves at',
        params: IdParams,
        body: z.object({ hospitalIds: z.array(z.uuid()).max(20) }).strict(),
        response: { 200: z.object({ hospitalIds: z.array(z.uuid()) }) },
      },
      config: { access: 'accompaniment.manage', recordRoute: true },
    },
    async (req) => ({
      hospitalIds: await m.admin.setVolunteerHospitals(actorOf(req), req.params.id, req.body.hospitalIds),
    }),
  );
  r.get(
    `${base}/desk-users`,
    {
      schema: {
        tags,
        summary: 'Hospital-desk accounts and the hospital each serves',
        response: {
          200: z.array(
            z.object({
              userId: z.uuid(),
              username: z.string(),
              displayName: z.string(),
              hospitalId: z.uuid().nullable(),
            }),
          ),
        },
      },
      config: { access: 'accompaniment.manage' },
    },
    async () => m.admin.deskUsers(),
  );
  r.put(
    `${base}/desk-users`,
    {
      schema: {
        tags,
        summary: 'Make a hospital-desk account the desk of a hospital',
        body: z.object({ userId: z.uuid(), hospitalId: z.uuid() }).strict(),
        response: { 200: z.object({ userId: z.uuid(), hospitalId: z.uuid() }) },
      },
      config: { access: 'accompaniment.manage' },
    },
    async (req) => m.admin.setDeskUser(actorOf(req), req.body.userId, req.body.hospitalId),
  );

  // ---- bookings (staff)
  r.get(
    `${base}/bookings`,
    {
      schema: {
        tags,
        summary: 'Bookings (coordinators: all; street and community staff: their area)',
        querystring: AccBookingListQuery,
        response: { 200: z.array(AccBookingOut) },
      },
      config: { access: 'accompaniment.read' },
    },
    async (req) => m.bookings.list(actorOf(req), req.query),
  );
  r.post(
    `${base}/bookings`,
    {
      schema: {
        tags,
        summary: 'Book for a person in one’s area, or by ID number at the hotline',
        body: AccBookingBody,
        response: { 201: AccBookingOut },
      },
      config: { access: 'accompaniment.book' },
    },
    async (req, reply) => reply.status(201).send(await m.bookings.create(actorOf(req), req.body)),
  );
  r.get(
    `${base}/bookings/:id`,
    {
      schema: { tags, summary: 'One booking', params: IdParams, response: { 200: AccBookingOut } },
      config: { access: 'accompaniment.read', recordRoute: true },
    },
    async (req, reply) => {
      const out = await m.bookings.get(actorOf(req), req.params.id);
      etag(reply, out.version);
      return out;
    },
  );
  r.post(
    `${base}/bookings/:id/reschedule`,
    {
      schema: {
        tags,
        summary: 'Move a booking to another occurrence (If-Match)',
        params: IdParams,
        body: AccRescheduleBody,
        response: { 200: AccBookingOut },
      },
      config: { access: 'accompaniment.book', recordRoute: true },
    },
    async (req) => m.bookings.reschedule(actorOf(req), req.params.id, ifMatch(req), req.body),
  );
  r.post(
    `${base}/bookings/:id/cancel`,
    {
      schema: {
        tags,
        summary: 'Cancel a booking (If-Match)',
        params: IdParams,
        body: AccCancelBookingBody,
        response: { 200: AccBookingOut },
      },
      config: { access: 'accompaniment.book', recordRoute: true },
    },
    async (req) => m.bookings.cancel(actorOf(req), req.params.id, ifMatch(req), req.body.reason),
  );
  r.post(
    `${base}/bookings/:id/assign`,
    {
      schema: {
        tags,
        summary: 'Offer a booking to a chosen volunteer (override)',
        params: IdParams,
        body: AccAssignBody,
        response: { 200: AccBookingOut },
      },
      config: { access: 'accompaniment.manage', recordRoute: true },
    },
    async (req) => m.offers.override(actorOf(req), req.params.id, req.body.volunteerId, req.body.reason),
  );
  r.post(
    `${base}/assign`,
    {
      schema: {
        tags,
        summary: 'Run the automatic assignment now (bookings of the next 14 days)',
        response: { 200: AccAssignRunOut },
      },
      config: { access: 'accompaniment.manage' },
    },
    async (req) => m.offers.run(actorOf(req)),
  );
  r.get(
    `${base}/stats`,
    {
      schema: {
        tags,
        summary: 'Sessions held and person-times per week against the targets',
        querystring: AccStatsQuery,
        response: { 200: AccStatsOut },
      },
      config: { access: 'accompaniment.read' },
    },
    async (req) =>
      m.jobs.stats(req.query.year ?? Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4))),
  );
}
