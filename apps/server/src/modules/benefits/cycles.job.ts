/**
 * A cycle run: the programme's rule version in force, compiled to SQL, over the whole registry in
 * chunks of persons (by id). Each chunk is one `INSERT … SELECT … ON CONFLICT DO NOTHING` that
 * commits with the job's checkpoint, so a run killed mid-way resumes after the last committed chunk
 * and a repeated run never duplicates an entitlement (unique programme + person + period).
 * At the end: the cycle's summary (count, cost, entered and left since the previous period) and a
 * `stop` review for each person still enrolled who no longer qualifies.
 */
import { sql } from 'drizzle-orm';
import type { JobHandler } from '../../platform/jobs/jobs.service.js';
import type { Platform } from '../../platform/platform.js';
import { resultRows, type Tx } from '../../platform/db/client.js';
import { newId } from '../../platform/ids.js';
import { compileVersion, definitionsOf, evaluatePerson } from './engine.js';
import * as cycles from './cycles.repo.js';
import * as programs from './programs.repo.js';
import { previousPeriod } from './periods.js';
import { loadPersonFacts } from './rules/evaluate.js';

export const CYCLE_JOB = 'benefits.cycle';
export const CHUNK_PERSONS = 50_000;
const STOP_REVIEWS_MAX = 5000;

export interface CyclePayload {
  cycleId: string;
  /** Persons per chunk (default CHUNK_PERSONS; tests use small chunks). */
  chunkSize?: number;
}
interface CycleCheckpoint {
  after: string | null;
  done: boolean;
}

async function chunkUpper(tx: Tx, after: string | null, size: number): Promise<string | null> {
  const res = await tx.execute(sql`
    SELECT id FROM persons WHERE id > ${after ?? '00000000-0000-0000-0000-000000000000'}::uuid
    ORDER BY id OFFSET ${size - 1} LIMIT 1`);
  return resultRows<{ id: string }>(res)[0]?.id ?? null;
}

export function cycleJob(p: Platform): JobHandler<CyclePayload, CycleCheckpoint> {
  return async (ctx) => {
    const db = p.database.db;
    const cycle = await cycles.findCycle(db, ctx.payload.cycleId);
    if (!cycle?.versionId) throw new Error('cycle or its version missing');
    const program = (await programs.findProgramById(db, cycle.programId))!;
    const version = (await programs.findVersionById(db, cycle.versionId))!;
    const rule = compileVersion(program, version, cycle.period);
    const chunkSize = ctx.payload.chunkSize ?? CHUNK_PERSONS;
    if (ctx.checkpoint === undefined) {
      const [r] = await p.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM persons`);
      await ctx.setTotal(Number(r?.n ?? 0));
    }
    while (!ctx.checkpoint?.done) {
      await ctx.chunk(async (tx) => {
        const after = ctx.checkpoint?.after ?? null;
        const upper = await chunkUpper(tx, after, chunkSize);
        await tx.execute(sql`
          INSERT INTO benefit_entitlements
            (id, program_id, person_id, period, cycle_id, version_id, street_code, amount_fen, state)
          SELECT gen_random_uuid(), ${program.id}, p.id, ${cycle.period}, ${cycle.id}, ${version.id},
            p.street_code, ${rule.amount}, 'draft'
          FROM persons p
          WHERE p.id > ${after ?? '00000000-0000-0000-0000-000000000000'}::uuid
            ${upper ? sql`AND p.id <= ${upper}::uuid` : sql``}
            AND ${rule.eligible}
          ON CONFLICT (program_id, person_id, period) DO NOTHING`);
        let size = chunkSize;
        if (!upper) {
          const rest = await tx.execute(sql`
            SELECT count(*)::int AS n FROM persons WHERE id > ${after ?? '00000000-0000-0000-0000-000000000000'}::uuid`);
          size = Number(resultRows<{ n: number }>(rest)[0]?.n ?? 0);
        }
        return { checkpoint: { after: upper, done: upper === null }, progress: ctx.progress + size };
      });
    }
    return finishCycle(p, cycle.id);
  };
}

/** Summary, stop reviews for enrolled persons who no longer qualify, cycle → ready (one transaction). */
export async function finishCycle(p: Platform, cycleId: string) {
  return p.database.db.transaction(async (tx) => {
    const cycle = (await cycles.findCycle(tx, cycleId))!;
    const program = (await programs.findProgramById(tx, cycle.programId))!;
    const version = (await programs.findVersionById(tx, cycle.versionId!))!;
    const previous = await cycles.findCycleFor(tx, program.id, previousPeriod(cycle.period));
    const summary = await cycles.cycleTotals(tx, cycle.id, previous?.id);
    const leaving = resultRows<{ person_id: string; street_code: string }>(
      await tx.execute(sql`
        SELECT en.person_id, p.street_code FROM benefit_enrolments en JOIN persons p ON p.id = en.person_id
        WHERE en.program_id = ${program.id} AND en.state = 'active'
          AND NOT EXISTS (SELECT 1 FROM benefit_entitlements e WHERE e.cycle_id = ${cycle.id}
            AND e.person_id = en.person_id AND e.state NOT IN ('rejected', 'cancelled'))
        ORDER BY en.person_id LIMIT ${STOP_REVIEWS_MAX}`),
    );
    const facts = await loadPersonFacts(
      tx,
      leaving.map((l) => l.person_id),
      definitionsOf([program]),
    );
    for (const l of leaving) {
      const f = facts.get(l.person_id);
      if (!f) continue;
      const r = evaluatePerson(program, version, f, cycle.period);
      await tx.execute(sql`
        INSERT INTO benefit_reviews (id, program_id, person_id, street_code, kind, effective_period, reason, trigger, state)
        VALUES (${newId()}, ${program.id}, ${l.person_id}, ${l.street_code}, 'stop', ${cycle.period},
          ${JSON.stringify(r.explanation)}::jsonb, 'cycle', 'open')
        ON CONFLICT (program_id, person_id) WHERE state = 'open' DO NOTHING`);
    }
    await cycles.updateCycle(tx, cycle.id, { state: 'ready', summary, finishedAt: new Date() });
    return { ...summary, stopReviews: leaving.length };
  });
}
