import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BreakGlassBody, BreakGlassOut, IdParams } from '@jinglin/shared';
import type { Db } from '../db/client.js';
import { actorOf } from '../http/helpers.js';
import { grantOut, listGrants, openGrant, revokeGrant } from './break-glass.js';

export function accessRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['access'];

  r.post(
    '/api/v1/access/break-glass',
    {
      schema: {
        tags,
        summary: 'Break the glass: time-limited access outside one’s scope, with a reason',
        body: BreakGlassBody,
        response: { 201: BreakGlassOut },
      },
      config: { access: 'access.break_glass' },
    },
    async (req, reply) => reply.status(201).send(grantOut(await openGrant(db, actorOf(req), req.body))),
  );

  r.get(
    '/api/v1/access/break-glass',
    {
      schema: {
        tags,
        summary: 'Own grants; the auditor sees everyone’s',
        response: { 200: z.object({ items: z.array(BreakGlassOut) }) },
      },
      config: { access: 'authenticated' },
    },
    async (req) => ({ items: (await listGrants(db, actorOf(req))).map(grantOut) }),
  );

  r.post(
    '/api/v1/access/break-glass/:id/revoke',
    {
      schema: {
        tags,
        summary: 'End one’s own grant early',
        params: IdParams,
        response: { 200: BreakGlassOut },
      },
      config: { access: 'access.break_glass', recordRoute: true },
    },
    async (req) => grantOut(await revokeGrant(db, actorOf(req), req.params.id)),
  );
}
