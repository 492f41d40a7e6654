/**
 * `GET|POST /api/v1/tracking/osmand` (CONTRACT.md "Tracking"): the OsmAnd HTTP protocol — query
 * string, form body, or the JSON body variant. Public (devices cannot sign in); an unknown device
 * or an unreadable request is a 400 problem+json, a stored position a 200 with an empty body.
 * Rate-limited per device id. Logs carry the device's uniqueId and error codes, never positions.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/errors.js';
import type { IngestSink } from '../ingest.port.js';
import { parseOsmAndRequest } from '../protocols/osmand/index.js';
import { KeyedRateLimiter } from './rate-limit.js';
import type { GatewayCounters } from './stats.js';
import { deviceRef } from './redact.js';

export const OSMAND_PATH = '/api/v1/tracking/osmand';

export interface OsmAndRouteOptions {
  /** Requests a device may send at once (default 20). */
  burst?: number;
  /** Sustained requests per second per device (default 2). */
  perSecond?: number;
}

const FORM = 'application/x-www-form-urlencoded';

function parseForm(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(text)) if (!(k in out)) out[k] = v;
  return out;
}

function deviceKey(req: FastifyRequest): string | null {
  const pick = (o: unknown, ...keys: string[]) => {
    if (typeof o !== 'object' || o === null) return null;
    for (const k of keys) {
      const v = (o as Record<string, unknown>)[k];
      if (typeof v === 'string' || typeof v === 'number') return String(v).slice(0, 64);
    }
    return null;
  };
  return pick(req.query, 'id', 'deviceid') ?? pick(req.body, 'id', 'deviceid', 'device_id');
}

export async function osmandRoutes(
  app: FastifyInstance,
  sink: IngestSink,
  counters: GatewayCounters,
  options: OsmAndRouteOptions = {},
): Promise<void> {
  const stats = counters.osmand;
  const limiter = new KeyedRateLimiter(options.burst ?? 20, options.perSecond ?? 2);

  // Encapsulated: the form parser applies to this route only.
  await app.register(async (scope) => {
    if (!scope.hasContentTypeParser(FORM)) {
      scope.addContentTypeParser(FORM, { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) =>
        done(null, parseForm(String(body))),
      );
    }
    scope.route({
      method: ['GET', 'POST'],
      url: OSMAND_PATH,
      schema: {
        tags: ['tracking'],
        summary: 'OsmAnd position report (query, form or JSON body); 200 with an empty body when stored',
      },
      config: { access: 'public' },
      handler: async (req, reply) => {
        const key = deviceKey(req);
        if (key !== null && !limiter.take(key)) {
          throw new AppError('throttled', { headers: { 'retry-after': String(limiter.retryAfter(key)) } });
        }
        const now = new Date();
        const parsed = parseOsmAndRequest({ query: req.query, body: req.body }, { now });
        if (!parsed.ok) {
          counters.malformed('osmand', parsed.code);
          req.log.warn(
            { code: parsed.code, field: parsed.field, ...deviceRef(key) },
            'malformed OsmAnd request',
          );
          throw new AppError('validation_failed', {
            fields: [{ path: parsed.field ?? 'id', code: parsed.code, message: parsed.message }],
          });
        }
        stats.frames++;
        const position = parsed.position;
        const device = await sink.findDevice(position.uniqueId, 'osmand');
        if (!device) {
          stats.unknownDeviceFrames++;
          throw new AppError('validation_failed', { fields: [{ path: 'id', code: 'unknown_device' }] });
        }
        await sink.seen(device, now);
        try {
          await sink.ingest(device, [position], now);
        } catch (err) {
          stats.ingestErrors++;
          throw err;
        }
        stats.positions++;
        stats.replies++;
        return reply.code(200).send();
      },
    });
  });
}
