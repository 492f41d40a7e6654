/** Builds the HTTP application: plugins, security headers, every module's routes, the web app. */
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { Health } from '@jinglin/shared';
import type { Platform } from './platform/platform.js';
import { newId } from './platform/ids.js';
import accessPlugin, { type RouteEntry } from './platform/http/access.plugin.js';
import errorsPlugin from './platform/http/errors.plugin.js';
import { serializerCompiler } from './platform/http/serializer.js';
import { AuthService } from './platform/auth/auth.service.js';
import { authRoutes } from './platform/auth/auth.routes.js';
import { auditRoutes } from './platform/audit/audit.routes.js';
import { jobsRoutes } from './platform/jobs/jobs.routes.js';
import { accessRoutes } from './platform/access/access.routes.js';
import { UsersService } from './modules/users/users.service.js';
import { usersRoutes } from './modules/users/users.routes.js';
import { AreasService } from './modules/areas/areas.service.js';
import { areasRoutes } from './modules/areas/areas.routes.js';
import { PersonsService } from './modules/registry/persons.service.js';
import { RelatedService } from './modules/registry/related.service.js';
import { registryRoutes } from './modules/registry/registry.routes.js';
import { spreadsheetRoutes } from './modules/registry/spreadsheets.routes.js';
import { benefitsOf } from './modules/benefits/benefits.module.js';
import { trackingOf } from './modules/tracking/tracking.module.js';
import { careOf } from './modules/care/care.module.js';
import { accompanimentOf } from './modules/accompaniment/accompaniment.module.js';
import { tileImgSource } from './modules/tracking/tracking.map.js';
import { gatewayCountersOf, osmandRoutes } from './modules/tracking/gateway/index.js';

export interface Services {
  auth: AuthService;
  users: UsersService;
  areas: AreasService;
  persons: PersonsService;
  related: RelatedService;
}

export function createServices(p: Platform): Services {
  const persons = new PersonsService(p);
  return {
    auth: new AuthService(p),
    users: new UsersService(p),
    areas: new AreasService(p),
    persons,
    related: new RelatedService(p, persons),
  };
}

export interface App {
  app: FastifyInstance;
  services: Services;
  /** Every /api route with its declared access (for the role × route tests). */
  routes: RouteEntry[];
}

/** The Content-Security-Policy; map tiles (JINGLIN_MAP_TILE_URL) may come from their own host. */
const cspOf = (tileSource: string | null) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'", // Ant Design's CSS-in-JS
    `img-src 'self' data: blob:${tileSource ? ` ${tileSource}` : ''}`,
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');

export async function buildApp(p: Platform, opts: { serveWeb?: boolean } = {}): Promise<App> {
  const services = createServices(p);
  const routes: RouteEntry[] = [];
  const app = Fastify({
    loggerInstance: p.log.child({ part: 'http' }),
    genReqId: () => newId(),
    requestIdHeader: false,
    bodyLimit: 1024 * 1024,
    trustProxy: false,
  }) as unknown as FastifyInstance;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(cookie);
  // Uploads (spreadsheet imports): one file per request, size-limited; routes stream it to disk.
  await app.register(multipart, {
    limits: { fileSize: p.config.uploadMaxBytes, files: 1, fields: 10, fieldSize: 1024, parts: 12 },
  });
  await app.register(errorsPlugin);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Jinglin (静邻) API',
        version: p.config.version,
        description: 'Care-service platform of the Jing’an District Disabled Persons’ Federation.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'jinglin_session' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  await app.register(accessPlugin, {
    auth: services.auth,
    db: p.database.db,
    origins: p.config.origins,
    routes,
  });

  const csp = cspOf(tileImgSource(p.config.mapTileUrl));
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(self)');
    reply.header('x-request-id', String(req.id));
    if (!req.url.startsWith('/api/docs')) reply.header('content-security-policy', csp);
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });

  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/health',
    {
      schema: { tags: ['system'], summary: 'Liveness and database', response: { 200: Health } },
      config: { access: 'public' },
    },
    async () => {
      await p.database.rows(sql`SELECT 1`);
      return { status: 'ok' as const, database: p.database.kind, version: p.config.version };
    },
  );
  app.get('/api/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, async () =>
    app.swagger(),
  );

  authRoutes(app, services.auth, p.config, p.database.db);
  auditRoutes(app, p.database);
  jobsRoutes(app, p.jobs, p.database);
  accessRoutes(app, p.database.db);
  usersRoutes(app, services.users);
  areasRoutes(app, services.areas);
  registryRoutes(app, services.persons, services.related);
  spreadsheetRoutes(app, p, services.persons);
  benefitsOf(p).routes(app);
  trackingOf(p).routes(app);
  careOf(p).routes(app);
  accompanimentOf(p).routes(app);
  await osmandRoutes(app, trackingOf(p).sink, gatewayCountersOf(p));

  if (opts.serveWeb !== false && fs.existsSync(path.join(p.config.webDist, 'index.html'))) {
    await app.register(fastifyStatic, { root: p.config.webDist, wildcard: false, index: ['index.html'] });
    // The single-page app: any other GET outside /api answers index.html.
    app.get('/*', { schema: { hide: true } }, async (req, reply) => {
      if (req.url.startsWith('/api/')) return reply.callNotFound();
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    });
  }

  await app.ready();
  return { app, services, routes };
}
