import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestEnv, makeUser, type TestEnv } from '../../../test/harness.js';
import { jobs } from '../db/schema.js';
import type { Tx } from '../db/client.js';

let t: TestEnv;
beforeAll(async () => {
  t = await createTestEnv();
  await t.p.database.exec(
    'CREATE TABLE test_job_items (job_id uuid NOT NULL, n int NOT NULL, PRIMARY KEY (job_id, n))',
  );
});
afterAll(async () => t.close());

const insertChunk = async (tx: Tx, jobId: string, from: number, to: number) => {
  for (let n = from; n < to; n++)
    await tx.execute(sql`INSERT INTO test_job_items (job_id, n) VALUES (${jobId}, ${n})`);
};
const itemCount = async (jobId: string) =>
  (
    await t.p.database.rows<{ c: number }>(
      sql`SELECT count(*)::int AS c FROM test_job_items WHERE job_id = ${jobId}`,
    )
  )[0]!.c;

describe('job queue', () => {
  it('a job that fails mid-way resumes from its last committed chunk, repeating nothing', async () => {
    let crashes = 1;
    t.p.jobs.register<{ items: number }, { next: number }>('test.count', async (ctx) => {
      await ctx.setTotal(ctx.payload.items);
      let next = ctx.checkpoint?.next ?? 0;
      while (next < ctx.payload.items) {
        const from = next;
        await ctx.chunk(async (tx) => {
          await insertChunk(tx, ctx.id, from, from + 10);
          return { checkpoint: { next: from + 10 }, progress: from + 10 };
        });
        next = from + 10;
        if (next === 50 && crashes-- > 0) throw new Error('simulated crash');
      }
      return { done: next };
    });
    const id = await t.p.jobs.enqueue(t.p.database.db, 'test.count', { items: 100 });
    await t.p.jobs.drain();
    const [row] = await t.p.database.db.select().from(jobs).where(eq(jobs.id, id));
    expect(row).toMatchObject({
      state: 'succeeded',
      progress: 100,
      total: 100,
      attempts: 2,
      result: { done: 100 },
    });
    expect(await itemCount(id)).toBe(100); // the primary key would have refused a repeated item
  });

  it('a job whose worker died (lease expired) is taken over and resumed by another worker', async () => {
    t.p.jobs.register<{ items: number }, { next: number }>('test.resume', async (ctx) => {
      let next = ctx.checkpoint?.next ?? 0;
      while (next < ctx.payload.items) {
        const from = next;
        await ctx.chunk(async (tx) => {
          await insertChunk(tx, ctx.id, from, from + 5);
          return { checkpoint: { next: from + 5 }, progress: from + 5 };
        });
        next = from + 5;
      }
      return { resumedFrom: ctx.attempt };
    });
    const id = await t.p.jobs.enqueue(t.p.database.db, 'test.resume', { items: 20 });
    // A worker claimed it, did two chunks, and was killed (-9): state running, lease in the past.
    await t.p.database.db.transaction(async (tx) => insertChunk(tx, id, 0, 10));
    await t.p.database.db
      .update(jobs)
      .set({
        state: 'running',
        lockedBy: 'dead-worker',
        lockedUntil: new Date(Date.now() - 1000),
        attempts: 1,
        checkpoint: { next: 10 },
        progress: 10,
      })
      .where(eq(jobs.id, id));
    await t.p.jobs.drain();
    const [row] = await t.p.database.db.select().from(jobs).where(eq(jobs.id, id));
    expect(row).toMatchObject({ state: 'succeeded', progress: 20, attempts: 2 });
    expect(await itemCount(id)).toBe(20);
  });

  it('a job that keeps failing ends as failed with its error', async () => {
    t.p.jobs.register('test.fail', async () => {
      throw new Error('always broken');
    });
    const id = await t.p.jobs.enqueue(t.p.database.db, 'test.fail', {}, { maxAttempts: 2 });
    await t.p.jobs.drain();
    const [row] = await t.p.database.db.select().from(jobs).where(eq(jobs.id, id));
    expect(row).toMatchObject({ state: 'failed', attempts: 2, error: 'always broken' });
  });

  it('shows progress to its creator over GET and server-sent events, and is 404 to others', async () => {
    const owner = await makeUser(t, ['district_officer']);
    const other = await makeUser(t, ['district_officer']);
    t.p.jobs.register('test.quick', async (ctx) => {
      await ctx.setTotal(2);
      await ctx.chunk(async () => ({ checkpoint: 1, progress: 1 }));
      await ctx.chunk(async () => ({ checkpoint: 2, progress: 2 }));
      return { ok: true };
    });
    const id = await t.p.jobs.enqueue(t.p.database.db, 'test.quick', {}, { createdBy: owner.id });
    const queued = await t.app.inject({ url: `/api/v1/jobs/${id}`, headers: owner.auth });
    expect(queued.json()).toMatchObject({ id, state: 'queued', progress: 0 });
    expect((await t.app.inject({ url: `/api/v1/jobs/${id}`, headers: other.auth })).statusCode).toBe(404);
    await t.p.jobs.drain();
    const sse = await t.app.inject({ url: `/api/v1/jobs/${id}/events`, headers: owner.auth });
    expect(sse.headers['content-type']).toMatch(/text\/event-stream/);
    expect(sse.body).toMatch(/^event: progress\ndata: \{.*"state":"succeeded".*"progress":2/m);
  });
});
