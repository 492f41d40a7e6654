/**
 * Service hours API under /api/v1/care: a volunteer's records and totals, manual records, void;
 * corrections (the volunteer asks, a coordinator decides); the volunteer's own hours (/me/hours).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CorrectionBody,
  CorrectionDecisionBody,
  CorrectionListQuery,
  CorrectionOut,
  HoursQuery,
  IdParams,
  ManualRecordBody,
  ServiceRecordOut,
  VoidRecordBody,
  VolunteerHoursOut,
  pageOf,
} from '@jinglin/shared';
import { actorOf, etag, ifMatch } from '../../../platform/http/helpers.js';
import type { HoursModule } from './hours.module.js';
import { hoursProofRoutes } from './hours.proofs.routes.js';

export function hoursRoutes(app: FastifyInstance, m: HoursModule): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['care-hours'];
  const base = '/api/v1/care';

  // ---- records (care.hours)
  r.get(
    `${base}/volunteers/:id/hours`,
    {
      schema: {
        tags,
        summary: "A volunteer's service records and totals (all time, this year, a date range)",
        params: IdParams,
        querystring: HoursQuery,
        response: { 200: VolunteerHoursOut },
      },
      config: { access: 'care.hours', recordRoute: true },
    },
    async (req) => m.hours.forVolunteer(req.params.id, req.query),
  );
  r.post(
    `${base}/volunteers/:id/hours`,
    {
      schema: {
        tags,
        summary: 'Record a service by hand (source manual, e.g. an activity)',
        params: IdParams,
        body: ManualRecordBody,
        response: { 201: ServiceRecordOut },
      },
      config: { access: 'care.hours', recordRoute: true },
    },
    async (req, reply) =>
      reply.status(201).send(await m.hours.addManual(actorOf(req), req.params.id, req.body)),
  );
  r.post(
    `${base}/hours/records/:id/void`,
    {
      schema: {
        tags,
        summary: 'Void a service record with a reason (If-Match)',
        params: IdParams,
        body: VoidRecordBody,
        response: { 200: ServiceRecordOut },
      },
      config: { access: 'care.hours', recordRoute: true },
    },
    async (req, reply) => {
      const out = await m.hours.voidRecord(actorOf(req), req.params.id, ifMatch(req), req.body.reason);
      etag(reply, out.version);
      return out;
    },
  );

  // ---- corrections (care.hours)
  r.get(
    `${base}/hours/corrections`,
    {
      schema: {
        tags,
        summary: 'Corrections asked by volunteers (pending first by default)',
        querystring: CorrectionListQuery,
        response: { 200: pageOf(CorrectionOut) },
      },
      config: { access: 'care.hours' },
    },
    async (req) => m.corrections.list(req.query),
  );
  r.get(
    `${base}/hours/corrections/:id`,
    {
      schema: { tags, summary: 'One correction', params: IdParams, response: { 200: CorrectionOut } },
      config: { access: 'care.hours', recordRoute: true },
    },
    async (req, reply) => {
      const out = await m.corrections.get(req.params.id);
      etag(reply, out.version);
      return out;
    },
  );
  r.post(
    `${base}/hours/corrections/:id/decision`,
    {
      schema: {
        tags,
        summary: 'Approve (applies the change) or reject a correction (If-Match; once only)',
        params: IdParams,
        body: CorrectionDecisionBody,
        response: { 200: CorrectionOut },
      },
      config: { access: 'care.hours', recordRoute: true },
    },
    async (req, reply) => {
      const out = await m.corrections.decide(actorOf(req), req.params.id, ifMatch(req), req.body);
      etag(reply, out.version);
      return out;
    },
  );

  // ---- the volunteer's own (care.own)
  r.get(
    `${base}/me/hours`,
    {
      schema: {
        tags,
        summary: 'My service records and totals',
        querystring: HoursQuery,
        response: { 200: VolunteerHoursOut },
      },
      config: { access: 'care.own' },
    },
    async (req) => m.hours.mine(actorOf(req), req.query),
  );
  r.post(
    `${base}/me/hours/corrections`,
    {
      schema: {
        tags,
        summary: 'Ask for a correction: a record to change, or a missing service',
        body: CorrectionBody,
        response: { 201: CorrectionOut },
      },
      config: { access: 'care.own' },
    },
    async (req, reply) => reply.status(201).send(await m.corrections.ask(actorOf(req), req.body)),
  );
  r.get(
    `${base}/me/hours/corrections`,
    {
      schema: {
        tags,
        summary: 'My corrections and their outcome',
        response: { 200: z.array(CorrectionOut) },
      },
      config: { access: 'care.own' },
    },
    async (req) => m.corrections.listMine(actorOf(req)),
  );
  r.get(
    `${base}/me/hours/corrections/:id`,
    {
      schema: { tags, summary: 'One of my corrections', params: IdParams, response: { 200: CorrectionOut } },
      config: { access: 'care.own', recordRoute: true },
    },
    async (req) => m.corrections.getMine(actorOf(req), req.params.id),
  );

  hoursProofRoutes(app, m);
}
