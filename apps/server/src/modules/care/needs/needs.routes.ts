/**
 * Needs API: staff cases under /api/v1/care/needs (care.needs, scoped by the person's street /
 * community), SLA settings (read care.needs, change care.settings), the worker queue
 * /api/v1/care/queue/needs, and the resident portal /api/v1/me/needs (care.needs.own).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  IdParams,
  MyNeedBody,
  MyNeedOut,
  MyNeedsOut,
  NeedAssignBody,
  NeedBody,
  NeedDetailOut,
  NeedListQuery,
  NeedNoteBody,
  NeedOut,
  NeedOwnerOption,
  NeedPatch,
  NeedQueueOut,
  NeedResolveBody,
  NeedSlasBody,
  NeedSlasOut,
  NeedStatusBody,
  NeedToldBody,
  pageOf,
} from '@jinglin/shared';
import { actorOf, etag, ifMatch } from '../../../platform/http/helpers.js';
import type { NeedsService } from './needs.service.js';

export function needsRoutes(app: FastifyInstance, s: NeedsService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['care'];
  const base = '/api/v1/care/needs';
  const withTag = <T extends { version: number }>(reply: FastifyReply, out: T) => {
    etag(reply, out.version);
    return out;
  };

  r.get(
    base,
    {
      schema: {
        tags,
        summary: 'Needs cases (诉求) in scope: filters, newest first, keyset-paged',
        querystring: NeedListQuery,
        response: { 200: pageOf(NeedOut) },
      },
      config: { access: 'care.needs' },
    },
    async (req) => s.list(actorOf(req), req.query),
  );
  r.post(
    base,
    {
      schema: {
        tags,
        summary: 'Open a case at the counter or from a phone call, for a person in scope',
        body: NeedBody,
        response: { 201: NeedDetailOut },
      },
      config: { access: 'care.needs' },
    },
    async (req, reply) => {
      const out = await s.create(actorOf(req), req.body);
      etag(reply, out.version);
      return reply.status(201).send(out);
    },
  );
  r.get(
    `${base}/slas`,
    {
      schema: {
        tags,
        summary: 'Hours to resolve per category and urgency (stored or default)',
        response: { 200: NeedSlasOut },
      },
      config: { access: 'care.needs' },
    },
    async () => s.slas(),
  );
  r.put(
    `${base}/slas`,
    {
      schema: {
        tags,
        summary: 'Set the hours of some categories (each with the version read; 0 when default)',
        body: NeedSlasBody,
        response: { 200: NeedSlasOut },
      },
      config: { access: 'care.settings' },
    },
    async (req) => s.putSlas(actorOf(req), req.body),
  );
  r.get(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: 'One case with its actions',
        params: IdParams,
        response: { 200: NeedDetailOut },
      },
      config: { access: 'care.needs', recordRoute: true },
    },
    async (req, reply) => withTag(reply, await s.get(actorOf(req), req.params.id)),
  );
  r.get(
    `${base}/:id/owners`,
    {
      schema: {
        tags,
        summary: 'Staff who may own the case (care.needs, the person in their area)',
        params: IdParams,
        response: { 200: z.array(NeedOwnerOption) },
      },
      config: { access: 'care.needs', recordRoute: true },
    },
    async (req) => s.owners(actorOf(req), req.params.id),
  );

  const change = <B extends z.ZodType>(
    path: string,
    summary: string,
    body: B,
    run: (
      actor: ReturnType<typeof actorOf>,
      id: string,
      version: number,
      b: z.infer<B>,
    ) => Promise<z.infer<typeof NeedDetailOut>>,
    method: 'post' | 'patch' = 'post',
  ) =>
    r[method](
      `${base}/:id${path}`,
      {
        schema: { tags, summary, params: IdParams, body, response: { 200: NeedDetailOut } },
        config: { access: 'care.needs', recordRoute: true },
      },
      async (req, reply) =>
        withTag(reply, await run(actorOf(req), req.params.id, ifMatch(req), req.body as z.infer<B>)),
    );
  const c = s.changes;
  change(
    '',
    'Correct category, urgency, title or description (If-Match)',
    NeedPatch,
    (...a) => c.patch(...a),
    'patch',
  );
  change('/assign', 'Assign or reassign the owner (If-Match)', NeedAssignBody, (...a) => c.assign(...a));
  change(
    '/status',
    'Move the status: in progress, closed, withdrawn, reopen (If-Match)',
    NeedStatusBody,
    (...a) => c.status(...a),
  );
  change('/notes', 'Add a note to the timeline (If-Match)', NeedNoteBody, (...a) => c.note(...a));
  change('/resolve', 'Resolve with the outcome; the resident is told (If-Match)', NeedResolveBody, (...a) =>
    c.resolve(...a),
  );
  change('/told', 'Record that the outcome was told by phone or in person (If-Match)', NeedToldBody, (...a) =>
    c.told(...a),
  );

  // ---- the worker queue
  r.get(
    '/api/v1/care/queue/needs',
    {
      schema: {
        tags,
        summary: 'My open needs (overdue first) and, for area workers, the unassigned ones in their area',
        response: { 200: NeedQueueOut },
      },
      config: { access: 'care.needs' },
    },
    async (req) => s.queue(actorOf(req)),
  );

  // ---- the resident portal
  r.get(
    '/api/v1/me/needs',
    {
      schema: {
        tags,
        summary: "The resident's (or guardian's wards') needs and whom they may raise one for",
        response: { 200: MyNeedsOut },
      },
      config: { access: 'care.needs.own' },
    },
    async (req) => s.portal.list(actorOf(req)),
  );
  r.post(
    '/api/v1/me/needs',
    {
      schema: {
        tags,
        summary: 'Raise a need for oneself or one’s ward',
        body: MyNeedBody,
        response: { 201: MyNeedOut },
      },
      config: { access: 'care.needs.own' },
    },
    async (req, reply) => reply.status(201).send(await s.portal.create(actorOf(req), req.body)),
  );
  r.get(
    '/api/v1/me/needs/:id',
    {
      schema: { tags, summary: 'One of my needs', params: IdParams, response: { 200: MyNeedOut } },
      config: { access: 'care.needs.own', recordRoute: true },
    },
    async (req) => s.portal.get(actorOf(req), req.params.id),
  );
}
