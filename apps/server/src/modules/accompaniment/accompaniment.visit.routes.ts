/** Hospital accompaniment API: the hospital desk and the visit; a volunteer's offers; a resident's own bookings. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AccBookingBody,
  AccBookingOut,
  AccCancelBookingBody,
  AccCheckOutBody,
  AccDeclineBody,
  AccFeedbackBody,
  AccOfferOut,
  AccRescheduleBody,
  IdParams,
} from '@jinglin/shared';
import { actorOf, etag, ifMatch } from '../../platform/http/helpers.js';
import type { AccompanimentModule } from './accompaniment.module.js';

const Day = z.iso.date();
const StateOut = z.object({ id: z.uuid(), state: z.string(), minutes: z.number().int().optional() });
const DeskListOut = z.object({
  hospital: z.object({ id: z.uuid(), name: z.string(), meetingPoint: z.string() }).nullable(),
  rows: z.array(
    z.object({
      id: z.uuid(),
      ref: z.string(),
      startsAt: z.string(),
      endsAt: z.string(),
      service: z.string(),
      department: z.string(),
      personName: z.string(),
      volunteerName: z.string().nullable(),
      state: z.string(),
      checkedInAt: z.string().nullable(),
      checkedOutAt: z.string().nullable(),
      version: z.number().int(),
    }),
  ),
});

export function accompanimentVisitRoutes(app: FastifyInstance, m: AccompanimentModule): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['accompaniment'];
  const base = '/api/v1/accompaniment';
  const me = '/api/v1/me/accompaniment';

  // ---- the hospital desk and the visit
  r.get(
    `${base}/desk`,
    {
      schema: {
        tags,
        summary: 'The desk’s day list at its own hospital',
        querystring: z.object({ date: Day.optional() }).strict(),
        response: { 200: DeskListOut },
      },
      config: { access: 'accompaniment.desk' },
    },
    async (req) =>
      m.visit.dayList(
        actorOf(req),
        req.query.date ?? new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10),
      ),
  );
  r.post(
    `${base}/bookings/:id/check-in`,
    {
      schema: {
        tags,
        summary: 'Check in (the hospital’s desk or the volunteer)',
        params: IdParams,
        response: { 200: StateOut },
      },
      config: { access: 'authenticated', recordRoute: true },
    },
    async (req) => m.visit.checkIn(actorOf(req), req.params.id),
  );
  r.post(
    `${base}/bookings/:id/check-out`,
    {
      schema: {
        tags,
        summary: 'Check out with the service record; adds the volunteer’s hours',
        params: IdParams,
        body: AccCheckOutBody,
        response: { 200: StateOut },
      },
      config: { access: 'authenticated', recordRoute: true },
    },
    async (req) => m.visit.checkOut(actorOf(req), req.params.id, req.body),
  );
  r.post(
    `${base}/bookings/:id/no-show`,
    {
      schema: { tags, summary: 'The resident did not come', params: IdParams, response: { 200: StateOut } },
      config: { access: 'authenticated', recordRoute: true },
    },
    async (req) => m.visit.noShow(actorOf(req), req.params.id),
  );

  // ---- the volunteer's offers
  r.get(
    `${me}/offers`,
    {
      schema: {
        tags,
        summary: 'My accompaniment offers and assignments (volunteer)',
        response: { 200: z.array(AccOfferOut) },
      },
      config: { access: 'care.own' },
    },
    async (req) => m.offers.mine(actorOf(req)),
  );
  r.post(
    `${me}/offers/:id/accept`,
    {
      schema: { tags, summary: 'Accept an offer', params: IdParams, response: { 200: StateOut } },
      config: { access: 'care.own', recordRoute: true },
    },
    async (req) => m.offers.accept(actorOf(req), req.params.id),
  );
  r.post(
    `${me}/offers/:id/decline`,
    {
      schema: {
        tags,
        summary: 'Decline an offer',
        params: IdParams,
        body: AccDeclineBody,
        response: { 200: StateOut },
      },
      config: { access: 'care.own', recordRoute: true },
    },
    async (req) => m.offers.decline(actorOf(req), req.params.id, req.body.reason),
  );

  // ---- the resident's and guardian's own
  r.get(
    `${me}/persons`,
    {
      schema: {
        tags,
        summary: 'Whom I can book for (myself, or my wards)',
        response: {
          200: z.object({
            persons: z.array(z.object({ id: z.uuid(), name: z.string(), self: z.boolean() })),
          }),
        },
      },
      config: { access: 'accompaniment.own' },
    },
    async (req) => ({ persons: await m.bookings.persons(actorOf(req)) }),
  );
  r.get(
    `${me}/bookings`,
    {
      schema: {
        tags,
        summary: 'My bookings (resident or guardian)',
        response: { 200: z.array(AccBookingOut) },
      },
      config: { access: 'accompaniment.own' },
    },
    async (req) => m.bookings.mine(actorOf(req)),
  );
  r.post(
    `${me}/bookings`,
    {
      schema: {
        tags,
        summary: 'Book for myself or my ward',
        body: AccBookingBody.omit({ idNumber: true }),
        response: { 201: AccBookingOut },
      },
      config: { access: 'accompaniment.own' },
    },
    async (req, reply) => reply.status(201).send(await m.bookings.create(actorOf(req), req.body)),
  );
  r.get(
    `${me}/bookings/:id`,
    {
      schema: { tags, summary: 'One of my bookings', params: IdParams, response: { 200: AccBookingOut } },
      config: { access: 'accompaniment.own', recordRoute: true },
    },
    async (req, reply) => {
      const out = await m.bookings.getMine(actorOf(req), req.params.id);
      etag(reply, out.version);
      return out;
    },
  );
  r.post(
    `${me}/bookings/:id/cancel`,
    {
      schema: {
        tags,
        summary: 'Cancel my booking (If-Match)',
        params: IdParams,
        body: AccCancelBookingBody,
        response: { 200: AccBookingOut },
      },
      config: { access: 'accompaniment.own', recordRoute: true },
    },
    async (req) => m.bookings.cancel(actorOf(req), req.params.id, ifMatch(req), req.body.reason),
  );
  r.post(
    `${me}/bookings/:id/reschedule`,
    {
      schema: {
        tags,
        summary: 'Move my booking (If-Match)',
        params: IdParams,
        body: AccRescheduleBody,
        response: { 200: AccBookingOut },
      },
      config: { access: 'accompaniment.own', recordRoute: true },
    },
    async (req) => m.bookings.reschedule(actorOf(req), req.params.id, ifMatch(req), req.body),
  );
  r.post(
    `${me}/bookings/:id/feedback`,
    {
      schema: {
        tags,
        summary: 'Rate a completed visit (1–5) with a comment',
        params: IdParams,
        body: AccFeedbackBody,
        response: { 200: AccBookingOut },
      },
      config: { access: 'accompaniment.own', recordRoute: true },
    },
    async (req) => m.bookings.feedback(actorOf(req), req.params.id, req.body.rating, req.body.comment),
  );
}
