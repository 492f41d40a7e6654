import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import type { Actor } from '../access/actor.js';

/** The version a client read, from `If-Match: 3`, `"3"` or `W/"3"`; required on updates. */
export function ifMatch(req: FastifyRequest): number {
  const raw = req.headers['if-match'];
  if (!raw) throw new AppError('precondition_required');
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(String(raw).trim());
  if (!m) throw new AppError('validation_failed', { fields: [{ path: 'If-Match', code: 'invalid_format' }] });
  return Number(m[1]);
}

export function etag(reply: FastifyReply, version: number): void {
  reply.header('etag', `"${version}"`);
}

/** The signed-in actor (routes other than `public` always have one). */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('unauthenticated');
  return req.actor;
}
