import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AreasOut, CommunityCreateBody, CommunityOut, StreetOut, StreetParams } from '@jinglin/shared';
import { actorOf } from '../../platform/http/helpers.js';
import type { AreasService } from './areas.service.js';

export function areasRoutes(app: FastifyInstance, svc: AreasService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['areas'];

  r.get(
    '/api/v1/areas',
    {
      schema: {
        tags,
        summary: 'Streets / town and their communities, as the caller’s scope allows',
        response: { 200: AreasOut },
      },
      config: { access: 'areas.read' },
    },
    async (req) => svc.list(actorOf(req)),
  );

  r.get(
    '/api/v1/areas/:code',
    {
      schema: { tags, summary: 'One street or town', params: StreetParams, response: { 200: StreetOut } },
      config: { access: 'areas.read', recordRoute: true },
    },
    async (req) => svc.get(actorOf(req), req.params.code),
  );

  r.post(
    '/api/v1/areas/communities',
    {
      schema: {
        tags,
        summary: 'Add a community (居委)',
        body: CommunityCreateBody,
        response: { 201: CommunityOut },
      },
      config: { access: 'areas.manage' },
    },
    async (req, reply) =>
      reply.status(201).send(await svc.addCommunity(actorOf(req), req.body.streetCode, req.body.name)),
  );
}
