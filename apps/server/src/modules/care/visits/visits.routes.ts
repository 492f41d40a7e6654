/** Home visits API under /api/v1/care: visits, the worker's queue, a volunteer's own visits. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  IdParams,
  MyVisitBody,
  MyVisitListQuery,
  MyVisitOut,
  VisitListQuery,
  VisitOut,
  VisitPatch,
  VisitPlanBody,
  VisitQueueOut,
  VisitReasonBody,
  VisitRecordBody,
  VisitRecordNewBody,
  pageOf,
} from '@jinglin/shared';
import { actorOf, etag, ifMatch } from '../../../platform/http/helpers.js';
import type { CareModule } from '../care.module.js';
import { visitQueue } from './visits.queue.js';

export function visitsRoutes(app: FastifyInstance, m: CareModule): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['care'];
  const base = '/api/v1/care';
  const vs = m.visits;
  const one = { params: IdParams, response: { 200: VisitOut } };

  r.get(
    `${base}/visits`,
    {
      schema: {
        tags,
        summary: 'Visits (走访) in scope',
        querystring: VisitListQuery,
        response: { 200: pageOf(VisitOut) },
      },
      config: { access: 'care.visits' },
    },
    async (req) => vs.list(actorOf(req), req.query),
  );
  r.post(
    `${base}/visits`,
    {
      schema: { tags, summary: 'Plan a visit', body: VisitPlanBody, response: { 201: VisitOut } },
      config: { access: 'care.visits' },
    },
    async (req, reply) => reply.status(201).send(await vs.plan(actorOf(req), req.body)),
  );
  r.post(
    `${base}/visits/record`,
    {
      schema: {
        tags,
        summary: 'Record a visit that was not planned',
        body: VisitRecordNewBody,
        response: { 201: VisitOut },
      },
      config: { access: 'care.visits' },
    },
    async (req, reply) => reply.status(201).send(await vs.recordNew(actorOf(req), req.body)),
  );
  r.get(
    `${base}/visit-workers/:id`,
    {
      schema: {
        tags,
        summary: "Workers who may be responsible for a person's visits (:id is the person)",
        params: IdParams,
        response: { 200: z.array(z.object({ id: z.uuid(), displayName: z.string() })) },
      },
      config: { access: 'care.visits', recordRoute: true },
    },
    async (req) => vs.workers(actorOf(req), req.params.id),
  );
  r.get(
    `${base}/visits/:id`,
    { schema: { tags, summary: 'One visit', ...one }, config: { access: 'care.visits', recordRoute: true } },
    async (req, reply) => {
      const out = await vs.get(actorOf(req), req.params.id);
      etag(reply, out.version);
      return out;
    },
  );
  r.patch(
    `${base}/visits/:id`,
    {
      schema: { tags, summary: 'Edit a visit (If-Match)', body: VisitPatch, ...one },
      config: { access: 'care.visits', recordRoute: true },
    },
    async (req, reply) => {
      const out = await vs.patch(actorOf(req), req.params.id, ifMatch(req), req.body);
      etag(reply, out.version);
      return out;
    },
  );
  r.post(
    `${base}/visits/:id/record`,
    {
      schema: { tags, summary: 'Record a planned visit as done (If-Match)', body: VisitRecordBody, ...one },
      config: { access: 'care.visits', recordRoute: true },
    },
    async (req, reply) => {
      const out = await vs.record(actorOf(req), req.params.id, ifMatch(req), req.body);
      etag(reply, out.version);
      return out;
    },
  );
  for (const [path, state] of [
    ['miss', 'missed'],
    ['cancel', 'cancelled'],
  ] as const) {
    r.post(
      `${base}/visits/:id/${path}`,
      {
        schema: {
          tags,
          summary:
            state === 'missed' ? 'Mark a planned visit missed (If-Match)' : 'Cancel a visit (If-Match)',
          body: VisitReasonBody,
          ...one,
        },
        config: { access: 'care.visits', recordRoute: true },
      },
      async (req, reply) => {
        const out = await vs.close(actorOf(req), req.params.id, ifMatch(req), state, req.body.reason);
        etag(reply, out.version);
        return out;
      },
    );
  }

  r.get(
    `${base}/queue/visits`,
    {
      schema: {
        tags,
        summary: 'My visits due: pairings and planned visits due within 7 days or overdue',
        response: { 200: VisitQueueOut },
      },
      config: { access: 'care.visits' },
    },
    async (req) => visitQueue(m.p, actorOf(req)),
  );

  // ---- a volunteer's own
  r.get(
    `${base}/me/visits`,
    {
      schema: {
        tags,
        summary: "Visits of the caller's pairings",
        querystring: MyVisitListQuery,
        response: { 200: z.array(MyVisitOut) },
      },
      config: { access: 'care.own' },
    },
    async (req) => m.myVisits.list(actorOf(req), req.query.pairingId),
  );
  r.post(
    `${base}/me/pairings/:id/visits`,
    {
      schema: {
        tags,
        summary: "Record a visit for one of the caller's pairings (they take part)",
        params: IdParams,
        body: MyVisitBody,
        response: { 201: MyVisitOut },
      },
      config: { access: 'care.own', recordRoute: true },
    },
    async (req, reply) =>
      reply.status(201).send(await m.myVisits.record(actorOf(req), req.params.id, req.body)),
  );
}
