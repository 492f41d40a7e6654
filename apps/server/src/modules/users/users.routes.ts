import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  IdParams,
  ResetPasswordBody,
  UserCreateBody,
  UserListQuery,
  UserOut,
  UserPatchBody,
  pageOf,
  Ok,
} from '@jinglin/shared';
import { actorOf, etag, ifMatch } from '../../platform/http/helpers.js';
import type { UsersService } from './users.service.js';

export function usersRoutes(app: FastifyInstance, svc: UsersService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];

  r.get(
    '/api/v1/users',
    {
      schema: {
        tags,
        summary: 'Users in the caller’s scope',
        querystring: UserListQuery,
        response: { 200: pageOf(UserOut) },
      },
      config: { access: 'users.read' },
    },
    async (req) => {
      const q = req.query;
      return svc.list(actorOf(req), {
        q: q.q,
        role: q.role,
        streetCode: q.streetCode,
        afterId: q.cursor,
        limit: q.limit,
      });
    },
  );

  r.get(
    '/api/v1/users/count',
    {
      schema: {
        tags,
        summary: 'How many users the caller can see',
        response: { 200: z.object({ count: z.number().int() }) },
      },
      config: { access: 'users.read' },
    },
    async (req) => ({ count: await svc.count(actorOf(req)) }),
  );

  r.post(
    '/api/v1/users',
    {
      schema: {
        tags,
        summary: 'Create a user',
        body: UserCreateBody,
        response: { 201: z.object({ user: UserOut, generatedPassword: z.string().optional() }) },
      },
      config: { access: 'users.manage' },
    },
    async (req, reply) => {
      const out = await svc.create(actorOf(req), req.body);
      return reply.status(201).send(out);
    },
  );

  r.get(
    '/api/v1/users/:id',
    {
      schema: { tags, summary: 'One user', params: IdParams, response: { 200: UserOut } },
      config: { access: 'users.read', recordRoute: true },
    },
    async (req, reply) => {
      const u = await svc.get(actorOf(req), req.params.id);
      etag(reply, u.version);
      return u;
    },
  );

  r.patch(
    '/api/v1/users/:id',
    {
      schema: {
        tags,
        summary: 'Change a user (If-Match: version)',
        params: IdParams,
        body: UserPatchBody,
        response: { 200: UserOut },
      },
      config: { access: 'users.manage', recordRoute: true },
    },
    async (req, reply) => {
      const u = await svc.patch(actorOf(req), req.params.id, ifMatch(req), req.body);
      etag(reply, u.version);
      return u;
    },
  );

  r.post(
    '/api/v1/users/:id/password',
    {
      schema: {
        tags,
        summary: 'Set a new password (ends the user’s sessions)',
        params: IdParams,
        body: ResetPasswordBody,
        response: { 200: Ok },
      },
      config: { access: 'users.manage', recordRoute: true },
    },
    async (req) => {
      await svc.resetPassword(actorOf(req), req.params.id, req.body.password);
      return { ok: true as const };
    },
  );

  r.post(
    '/api/v1/users/:id/unlock',
    {
      schema: { tags, summary: 'Lift a sign-in lockout', params: IdParams, response: { 200: UserOut } },
      config: { access: 'users.manage', recordRoute: true },
    },
    async (req) => svc.unlock(actorOf(req), req.params.id),
  );
}
