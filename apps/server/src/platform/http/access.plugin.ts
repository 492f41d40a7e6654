/**
 * Route-level access: every /api route must declare `config.access` (registration fails without
 * it, and a test walks the route table); each request is authenticated from the bearer token or
 * the session cookie, its actor (permissions + data scope) is built, CSRF is checked for
 * cookie-authenticated writes, and the route's permission is enforced.
 */
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Permission } from '@jinglin/shared';
import { AppError } from '../errors.js';
import type { Db } from '../db/client.js';
import type { AuthService } from '../auth/auth.service.js';
import { csrfFor } from '../auth/auth.service.js';
import { invalidateSessions } from '../auth/session-cache.js';
import { SESSION_COOKIE, type RouteAccess } from './types.js';

export interface RouteEntry {
  method: string;
  url: string;
  access: RouteAccess;
  recordRoute: boolean;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function languageOf(req: FastifyRequest): 'zh-CN' | 'en' {
  const h = String(req.headers['accept-language'] ?? '').toLowerCase();
  return h.startsWith('en') ? 'en' : 'zh-CN';
}

function bearer(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (!h) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  return m ? m[1]! : null;
}

export default fp(
  async (
    app: FastifyInstance,
    opts: { auth: AuthService; db: Db; origins: string[]; routes: RouteEntry[] },
  ) => {
    app.decorateRequest('actor', null);
    app.decorateRequest('auth', null);
    app.decorateRequest('meta', null as never);

    app.addHook('onRoute', (route) => {
      if (!route.url.startsWith('/api/')) return;
      if (route.url.startsWith('/api/docs')) return; // Swagger UI's own static routes
      const access = route.config?.access;
      if (!access)
        throw new Error(`route ${String(route.method)} ${route.url} declares no access permission`);
      for (const method of [route.method].flat()) {
        if (method === 'HEAD') continue;
        opts.routes.push({ method, url: route.url, access, recordRoute: route.config?.recordRoute ?? false });
      }
    });

    // Any changing request may have changed sessions, users or grants: once its handler is done
    // (its transaction committed) and before the client can see the answer, the session cache
    // starts over (session-cache.ts).
    app.addHook('onSend', async (req, _reply, payload) => {
      if (!SAFE_METHODS.has(req.method)) invalidateSessions();
      return payload;
    });

    app.addHook('onRequest', async (req) => {
      req.meta = { ip: req.ip ?? null, requestId: String(req.id), language: languageOf(req) };
      const access = req.routeOptions.config?.access;
      if (!req.url.startsWith('/api/') || !access) return;
      const fromBearer = bearer(req);
      const token = fromBearer ?? req.cookies?.[SESSION_COOKIE] ?? null;
      if (token) {
        const found = await opts.auth.authenticate(token, {
          background: req.headers['x-jinglin-background'] === '1',
        });
        if (found) {
          req.auth = { user: found.user, session: found.session, token, viaCookie: !fromBearer };
          req.actor = await opts.auth.actorFor(opts.db, found.user, found.session, req.meta, found.grants);
        } else if (fromBearer) {
          // A bad bearer token is an error even on public routes: the caller meant to sign in.
          if (access !== 'public') throw new AppError('unauthenticated');
        }
      }
      if (access === 'public') return;
      if (!req.actor || !req.auth) throw new AppError('unauthenticated');
      if (req.auth.viaCookie && !SAFE_METHODS.has(req.method)) {
        const origin = req.headers.origin;
        if (origin && !opts.origins.includes(origin) && origin !== `${req.protocol}://${req.host}`)
          throw new AppError('csrf_failed');
        if (req.headers['x-csrf-token'] !== csrfFor(req.auth.token)) throw new AppError('csrf_failed');
      }
      if (req.auth.session.mustEnrollTotp && access !== 'enrolment') throw new AppError('totp_not_enrolled');
      if (access === 'authenticated' || access === 'enrolment') return;
      if (!req.actor.permissions.has(access as Permission)) {
        // Don't reveal that a record exists to someone who may not see it.
        throw new AppError(req.routeOptions.config?.recordRoute ? 'not_found' : 'forbidden');
      }
    });
  },
  { name: 'jinglin-access', dependencies: ['@fastify/cookie'] },
);
