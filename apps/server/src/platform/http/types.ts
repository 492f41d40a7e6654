import type { Permission } from '@jinglin/shared';
import type { Actor } from '../access/actor.js';
import type { RequestMeta } from '../auth/auth.service.js';
import type { SessionRow, UserRow } from '../auth/auth.repo.js';

/**
 * What a route needs: a permission, or `public` (no sign-in), `authenticated` (any signed-in
 * user), `enrolment` (allowed even while a required second factor is still to be enrolled).
 */
export type RouteAccess = Permission | 'public' | 'authenticated' | 'enrolment';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** A route that reads one record by `:id`: a denied permission answers 404, not 403. */
    recordRoute?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    auth: { user: UserRow; session: SessionRow; token: string; viaCookie: boolean } | null;
    meta: RequestMeta;
  }
}

export const SESSION_COOKIE = 'jinglin_session';
export const CSRF_COOKIE = 'jinglin_csrf';
