/**
 * Background jobs on a queue table in the application's own database (ADR 0002): claimed with
 * FOR UPDATE SKIP LOCKED under a lease, so several worker processes share the work and a job runs
 * once at a time. A handler does its work in chunks; each chunk's writes, the job's checkpoint and
 * its progress commit in one transaction, so a job killed mid-way (kill -9, a crash, a failed
 * chunk) resumes from the last committed chunk without repeating finished work.
 */
import os from 'node:os';
import { and, eq, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { resultRows, type Database, type Tx } from '../db/client.js';
import { jobs } from '../db/schema.js';
import { newId } from '../ids.js';

export type JobRow = typeof jobs.$inferSelect;

export interface JobContext<P = Record<string, unknown>, C = unknown> {
  id: string;
  payload: P;
  /** The last committed checkpoint (undefined on the first run). */
  checkpoint: C | undefined;
  progress: number;
  attempt: number;
  setTotal(total: number): Promise<void>;
  /**
   * Runs one chunk: `work` gets a transaction; its writes, the new checkpoint and the progress
   * commit together. Also renews the lease.
   */
  chunk(work: (tx: Tx) => Promise<{ checkpoint: C; progress: number }>): Promise<void>;
}

export type JobHandler<P = Record<string, unknown>, C = unknown> = (
  ctx: JobContext<P, C>,
) => Promise<unknown>;

export class JobLostError extends Error {
  constructor() {
    super('job lease lost');
  }
}

class JobReleasedError extends Error {}

const LEASE_SECONDS = 60;

export class JobQueue {
  private readonly handlers = new Map<string, JobHandler<never, never>>();
  private readonly workerId = `${os.hostname()}:${process.pid}:${newId().slice(-6)}`;
  private running = false;
  private started = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private active = 0;

  constructor(
    private readonly database: Database,
    private readonly log: Logger,
  ) {}

  register<P, C>(type: string, handler: JobHandler<P, C>): void {
    this.handlers.set(type, handler as JobHandler<never, never>);
  }

  async enqueue(
    tx: Tx,
    type: string,
    payload: Record<string, unknown>,
    opts: { createdBy?: string | null; maxAttempts?: number } = {},
  ): Promise<string> {
    const id = newId();
    await tx.insert(jobs).values({
      id,
      type,
      payload,
      state: 'queued',
      createdBy: opts.createdBy ?? null,
      maxAttempts: opts.maxAttempts ?? 5,
    });
    this.wake?.();
    return id;
  }

  async find(tx: Tx, id: string): Promise<JobRow | undefined> {
    const [row] = await tx.select().from(jobs).where(eq(jobs.id, id));
    return row;
  }

  /** Claims the next runnable job: queued, or running with an expired lease (its worker died). */
  async claim(): Promise<JobRow | undefined> {
    const types = [...this.handlers.keys()];
    if (!types.length) return undefined;
    const res = await this.database.db.execute(sql`
      UPDATE jobs SET state = 'running', locked_by = ${this.workerId},
        locked_until = now() + make_interval(secs => ${LEASE_SECONDS}),
        attempts = attempts + 1, started_at = coalesce(started_at, now())
      WHERE id = (
        SELECT id FROM jobs
        WHERE type IN (${sql.join(
          types.map((t) => sql`${t}`),
          sql`, `,
        )})
          AND attempts < max_attempts
          AND (state = 'queued' OR (state = 'running' AND locked_until < now()))
        ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING id`);
    const id = resultRows<{ id: string }>(res)[0]?.id;
    return id ? this.find(this.database.db, id) : undefined;
  }

  /** Runs one claimed job to its end (or to a retryable failure). */
  async run(job: JobRow): Promise<void> {
    const handler = this.handlers.get(job.type) as JobHandler | undefined;
    if (!handler) return;
    const db = this.database.db;
    const owned = and(eq(jobs.id, job.id), eq(jobs.lockedBy, this.workerId));
    let checkpoint = (job.checkpoint ?? undefined) as unknown;
    let progress = job.progress;
    const ctx: JobContext = {
      id: job.id,
      payload: job.payload as Record<string, unknown>,
      checkpoint,
      progress,
      attempt: job.attempts,
      setTotal: async (total) => {
        await db.update(jobs).set({ total }).where(owned);
      },
      chunk: async (work) => {
        await db.transaction(async (tx) => {
          const out = await work(tx);
          const upd = await tx
            .update(jobs)
            .set({
              checkpoint: out.checkpoint as object,
              progress: out.progress,
              lockedUntil: sql`now() + make_interval(secs => ${LEASE_SECONDS})`,
            })
            .where(owned)
            .returning({ id: jobs.id });
          // Another worker took the job over (our lease expired): roll this chunk back.
          if (!upd.length) throw new JobLostError();
          checkpoint = out.checkpoint;
          progress = out.progress;
          ctx.checkpoint = checkpoint;
          ctx.progress = progress;
        });
        // Shutting down: hand the job back after a committed chunk; another worker resumes it.
        if (!this.running && this.started) throw new JobReleasedError();
      },
    };
    try {
      const result = await handler(ctx);
      await db
        .update(jobs)
        .set({
          state: 'succeeded',
          result: (result ?? null) as object,
          finishedAt: new Date(),
          lockedBy: null,
          lockedUntil: null,
        })
        .where(owned);
      this.log.info({ jobId: job.id, type: job.type }, 'job succeeded');
    } catch (err) {
      if (err instanceof JobReleasedError) {
        await db
          .update(jobs)
          .set({ state: 'queued', lockedBy: null, lockedUntil: null, attempts: sql`${jobs.attempts} - 1` })
          .where(owned);
        this.log.info({ jobId: job.id }, 'job released at shutdown');
        return;
      }
      if (err instanceof JobLostError) {
        this.log.warn({ jobId: job.id }, 'job lease lost to another worker');
        return;
      }
      const message = (err as Error).message ?? String(err);
      const final = job.attempts >= job.maxAttempts;
      await db
        .update(jobs)
        .set(
          final
            ? { state: 'failed', error: message, finishedAt: new Date(), lockedBy: null, lockedUntil: null }
            : { state: 'queued', error: message, lockedBy: null, lockedUntil: null },
        )
        .where(owned);
      this.log.warn({ jobId: job.id, type: job.type, attempt: job.attempts, final }, 'job failed');
    }
  }

  /** Claims and runs jobs until none is runnable; returns how many ran. */
  async drain(): Promise<number> {
    let n = 0;
    for (let job = await this.claim(); job; job = await this.claim()) {
      this.active++;
      try {
        await this.run(job);
      } finally {
        this.active--;
      }
      n++;
    }
    return n;
  }

  start(pollMs = 1000): void {
    if (this.running) return;
    this.running = true;
    this.started = true;
    this.loop = (async () => {
      while (this.running) {
        try {
          await this.drain();
        } catch (err) {
          this.log.error({ err: (err as Error).message }, 'job loop error');
        }
        if (!this.running) break;
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, pollMs);
          this.wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
      }
    })();
  }

  /** Stops claiming; the job in hand finishes its current chunk and is released for another worker. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  get busy(): boolean {
    return this.active > 0;
  }
}
