import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams, JobOut } from '@jinglin/shared';
import { AppError } from '../errors.js';
import { actorOf } from '../http/helpers.js';
import type { Database } from '../db/client.js';
import type { Actor } from '../access/actor.js';
import type { JobQueue, JobRow } from './jobs.service.js';

export const jobOut = (j: JobRow) => ({
  id: j.id,
  type: j.type,
  state: j.state,
  progress: j.progress,
  total: j.total,
  result: j.result ?? null,
  error: j.error,
  attempts: j.attempts,
  createdAt: j.createdAt.toISOString(),
  startedAt: j.startedAt?.toISOString() ?? null,
  finishedAt: j.finishedAt?.toISOString() ?? null,
});

const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);

/** A job is visible to the user who started it (its result may hold their data). */
async function visibleJob(queue: JobQueue, database: Database, actor: Actor, id: string): Promise<JobRow> {
  const j = await queue.find(database.db, id);
  if (!j || j.createdBy !== actor.userId) throw new AppError('not_found');
  return j;
}

export function jobsRoutes(app: FastifyInstance, queue: JobQueue, database: Database): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['jobs'];

  r.get(
    '/api/v1/jobs/:id',
    {
      schema: { tags, summary: 'A job’s state and progress', params: IdParams, response: { 200: JobOut } },
      config: { access: 'authenticated', recordRoute: true },
    },
    async (req) => jobOut(await visibleJob(queue, database, actorOf(req), req.params.id)),
  );

  r.get(
    '/api/v1/jobs/:id/events',
    {
      schema: {
        tags,
        summary: 'Progress as server-sent events (event: progress, data: the job)',
        params: IdParams,
      },
      config: { access: 'authenticated', recordRoute: true },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      let job = await visibleJob(queue, database, actor, req.params.id);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      let closed = false;
      req.raw.on('close', () => (closed = true));
      let last = '';
      const deadline = Date.now() + 30 * 60_000;
      while (!closed && Date.now() < deadline) {
        const body = JSON.stringify(jobOut(job));
        if (body !== last) {
          res.write(`event: progress\ndata: ${body}\n\n`);
          last = body;
        }
        if (TERMINAL.has(job.state)) break;
        await new Promise((r) => setTimeout(r, 500));
        job = (await queue.find(database.db, job.id)) ?? job;
      }
      res.end();
    },
  );
}
