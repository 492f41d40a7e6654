import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestEnv, makeUser, type TestEnv, type TestUser } from '../../../../test/harness.js';
import { personBody } from '../../../../test/factories.js';
import { jobs } from '../../../platform/db/schema.js';
import type { JobContext } from '../../../platform/jobs/jobs.service.js';
import { IMPORT_JOB, importJob, type ImportCheckpoint, type ImportPayload } from './import.job.js';
import { HEADER, csvOf, finished, upload } from './import.test-utils.js';

let t: TestEnv;
let officer: TestUser;
beforeAll(async () => {
  t = await createTestEnv();
  officer = await makeUser(t, ['street_officer'], { streetCode: 'linfenlu' });
});
afterAll(async () => t.close());

type Ctx = JobContext<ImportPayload, ImportCheckpoint>;

const seen = new Set<string>();

/** A CSV of n valid synthetic persons, none of them in an earlier sheet of this file. */
function sheet(n: number): Buffer {
  const rows: unknown[][] = [HEADER];
  while (rows.length <= n) {
    const b = personBody();
    if (seen.has(b.idNumber)) continue;
    seen.add(b.idNumber);
    rows.push([
      b.name,
      b.idNumber,
      b.certificate.number,
      '',
      '',
      b.phone,
      '本市',
      '临汾路街道',
      '',
      b.address,
      '否',
    ]);
  }
  return Buffer.from(csvOf(rows));
}

const count = async (q: ReturnType<typeof sql>) => (await t.p.database.rows<{ n: number }>(q))[0]!.n;
const persons = () => count(sql`SELECT count(*)::int AS n FROM persons`);
const staged = (jobId: string) =>
  count(sql`SELECT count(*)::int AS n FROM person_import_staging WHERE job_id = ${jobId}`);
const duplicateIds = () =>
  count(
    sql`SELECT count(*)::int AS n FROM (SELECT id_number_bidx FROM persons GROUP BY 1 HAVING count(*) > 1) d`,
  );

/** Replaces the import handler with one that breaks once, as `breakIt` decides. */
function breakOnce(
  breakIt: (ctx: Ctx, work: Parameters<Ctx['chunk']>[0]) => Parameters<Ctx['chunk']>[0] | 'after',
) {
  const real = importJob(t.p);
  let armed = true;
  t.p.jobs.register<ImportPayload, ImportCheckpoint>(IMPORT_JOB, async (ctx) => {
    const chunk = ctx.chunk.bind(ctx);
    let n = 0;
    ctx.chunk = async (work) => {
      if (!armed) return chunk(work);
      const w = breakIt(ctx, work);
      if (w === 'after') {
        await chunk(work);
        if (++n === 2) {
          armed = false;
          throw new Error('killed after the second chunk');
        }
        return;
      }
      return chunk(w);
    };
    return real(ctx);
  });
  return () => t.p.jobs.register(IMPORT_JOB, real);
}

async function start(n: number): Promise<string> {
  const res = await upload(t, officer, { name: 'many.csv', data: sheet(n) }, { dryRun: 'false' });
  expect(res.statusCode, res.body).toBe(202);
  return res.json().jobId as string;
}

async function runOnce(): Promise<void> {
  const job = await t.p.jobs.claim();
  expect(job).toBeDefined();
  await t.p.jobs.run(job!);
}

describe('an import killed mid-way', () => {
  it('killed between chunks: nothing written; the resumed run stages the rest and writes every row once', async () => {
    const restore = breakOnce(() => 'after');
    const before = await persons();
    const jobId = await start(2500);
    await runOnce();
    const [j] = await t.p.database.db.select().from(jobs).where(eq(jobs.id, jobId));
    expect(j).toMatchObject({ state: 'queued', attempts: 1, progress: 2000 });
    expect(await persons()).toBe(before);
    expect(await staged(jobId)).toBe(2000);
    const job = await finished(t, officer, jobId);
    expect(job.state).toBe('succeeded');
    expect(job.result).toMatchObject({ rows: 2500, valid: 2500, invalid: 0, written: 2500 });
    expect(await persons()).toBe(before + 2500);
    expect(await duplicateIds()).toBe(0);
    expect(await staged(jobId)).toBe(0);
    restore();
  });

  it('killed inside the final transaction: nothing written; the resumed run writes every row once', async () => {
    const restore = breakOnce((_ctx, work) => async (tx) => {
      const out = await work(tx);
      if (out.checkpoint.phase === 'done') throw new Error('killed while writing');
      return out;
    });
    const before = await persons();
    const jobId = await start(1500);
    await runOnce();
    expect(await persons()).toBe(before); // the final transaction rolled back
    expect(await staged(jobId)).toBe(1500);
    restore();
    const job = await finished(t, officer, jobId);
    expect(job.result).toMatchObject({ rows: 1500, valid: 1500, written: 1500 });
    expect(await persons()).toBe(before + 1500);
    expect(await duplicateIds()).toBe(0);
    const events = await count(
      sql`SELECT count(*)::int AS n FROM outbox_events WHERE payload->>'jobId' = ${jobId}`,
    );
    expect(events).toBe(1500);
  });

  it('a worker that died holding the job (lease expired) is taken over and the import completes once', async () => {
    const before = await persons();
    const jobId = await start(1200);
    // A worker claimed it, staged its rows, and died (kill -9) before the final write: the job is
    // left running with its lease in the past.
    const restore = breakOnce(() => 'after');
    await runOnce();
    restore();
    await t.p.database.db
      .update(jobs)
      .set({ state: 'running', lockedBy: 'dead-worker', lockedUntil: new Date(Date.now() - 1000) })
      .where(eq(jobs.id, jobId));
    const job = await finished(t, officer, jobId);
    expect(job.state).toBe('succeeded');
    expect(job.result).toMatchObject({ rows: 1200, written: 1200 });
    expect(await persons()).toBe(before + 1200);
    expect(await duplicateIds()).toBe(0);
  });
});
