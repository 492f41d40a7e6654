/** SQL of the import: staging, duplicate look-ups, the final set-based write, errors for the report. */
import { and, asc, count, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/client.js';
import { resultRows } from '../../../platform/db/client.js';
import { insertMany } from '../../../platform/db/bulk.js';
import { communities, jobs, streets } from '../../../platform/db/schema.js';
import { persons } from '../registry.tables.js';
import { personImportErrors, personImportStaging } from './import.tables.js';
import type { AreaRows, StagedRow, StoredProblem } from './import.validate.js';

export type ErrorRow = typeof personImportErrors.$inferSelect;

/** A chunk of staged rows in one statement (rows travel as one JSON parameter). */
export async function insertStaged(tx: Tx, rows: StagedRow[]): Promise<void> {
  await insertMany(tx, personImportStaging, rows);
}

/** Error rows; the header row (row 0) may be written again by a resumed run: kept once. */
export async function insertErrors(tx: Tx, rows: (typeof personImportErrors.$inferInsert)[]): Promise<void> {
  if (rows.length === 1 && rows[0]!.rowNo === 0)
    await tx.insert(personImportErrors).values(rows).onConflictDoNothing();
  else await insertMany(tx, personImportErrors, rows);
}

/** A list of text values as one parameter (a chunk's worth of ids would be a thousand parameters). */
const textList = (values: string[]) =>
  sql`(SELECT jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;

/** Rows of this job already staged with one of these ID numbers: blind index → row number. */
export async function stagedWith(tx: Tx, jobId: string, bidx: string[]): Promise<Map<string, number>> {
  if (!bidx.length) return new Map();
  const res = await tx.execute(sql`
    SELECT id_number_bidx AS bidx, row_no FROM person_import_staging
    WHERE job_id = ${jobId} AND id_number_bidx IN ${textList(bidx)}`);
  return new Map(resultRows<{ bidx: string; row_no: number }>(res).map((r) => [r.bidx, Number(r.row_no)]));
}

/** Which of these ID numbers the registry holds already (whatever the scope: duplicates are duplicates). */
export async function registeredOf(tx: Tx, bidx: string[]): Promise<Set<string>> {
  if (!bidx.length) return new Set();
  const res = await tx.execute(sql`
    SELECT id_number_bidx AS bidx FROM ${persons}
    WHERE id_number_bidx IN ${textList(bidx)} AND merged_into IS NULL`);
  return new Set(resultRows<{ bidx: string }>(res).map((r) => r.bidx));
}

export async function countStaged(tx: Tx, jobId: string): Promise<number> {
  const [r] = await tx
    .select({ n: count() })
    .from(personImportStaging)
    .where(eq(personImportStaging.jobId, jobId));
  return Number(r?.n ?? 0);
}

/** Invalid rows of a job (row 0, the header, excluded). */
export async function countInvalid(tx: Tx, jobId: string): Promise<number> {
  const [r] = await tx
    .select({ n: count() })
    .from(personImportErrors)
    .where(and(eq(personImportErrors.jobId, jobId), gt(personImportErrors.rowNo, 0)));
  return Number(r?.n ?? 0);
}

/**
 * Staged rows whose ID number reached the registry after they were checked (someone registered
 * the person meanwhile): they leave the staging table and become errors.
 */
export async function takeLateDuplicates(tx: Tx, jobId: string): Promise<number[]> {
  const res = await tx.execute(sql`
    DELETE FROM person_import_staging s
    USING persons p
    WHERE s.job_id = ${jobId} AND p.id_number_bidx = s.id_number_bidx AND p.merged_into IS NULL
    RETURNING s.row_no`);
  return resultRows<{ row_no: number }>(res).map((r) => Number(r.row_no));
}

/**
 * Writes every staged row of the job into the registry, set-based: persons, their certificates,
 * one history row each ('import') and one `person.changed` event each.
 */
export async function commitStaged(
  tx: Tx,
  jobId: string,
  actorId: string | null,
  reason: string,
  eventType: string,
): Promise<void> {
  const actor = sql`CAST(${actorId} AS uuid)`;
  await tx.execute(sql`
    INSERT INTO persons (id, name, name_pinyin, name_initials, gender, birth_date, id_number_enc,
      id_number_bidx, phone_enc, phone_bidx, address_enc, street_code, community_id, hukou,
      living_status, low_income, employment, education, owns_motorised_wheelchair, category, grade,
      created_by)
    SELECT person_id, name, name_pinyin, name_initials, gender, birth_date, id_number_enc,
      id_number_bidx, phone_enc, phone_bidx, address_enc, street_code, community_id, hukou,
      living_status, low_income, employment, education, owns_motorised_wheelchair, category, grade,
      ${actor}
    FROM person_import_staging WHERE job_id = ${jobId}`);
  await tx.execute(sql`
    INSERT INTO certificates (id, person_id, number_enc, number_bidx, category, grade, issued_at, status, created_by)
    SELECT cert_id, person_id, cert_number_enc, cert_number_bidx, category, grade, cert_issued_at, 'active', ${actor}
    FROM person_import_staging WHERE job_id = ${jobId} AND cert_id IS NOT NULL`);
  await tx.execute(sql`
    INSERT INTO person_history (id, person_id, actor_id, action, changes, reason)
    SELECT history_id, person_id, ${actor}, 'import', history_changes, ${reason}
    FROM person_import_staging WHERE job_id = ${jobId}`);
  await tx.execute(sql`
    INSERT INTO outbox_events (id, type, aggregate_id, payload)
    SELECT event_id, ${eventType}, person_id::text,
      jsonb_build_object('kind', 'created', 'fields', '[]'::jsonb, 'source', 'import', 'jobId', ${jobId}::text)
    FROM person_import_staging WHERE job_id = ${jobId}`);
}

/** Locks the job's own row for the rest of the transaction (workers claim with SKIP LOCKED). */
export async function lockJob(tx: Tx, jobId: string): Promise<void> {
  await tx.execute(sql`SELECT id FROM ${jobs} WHERE id = ${jobId} FOR UPDATE`);
}

export async function clearStaging(tx: Tx, jobId: string): Promise<void> {
  await tx.delete(personImportStaging).where(eq(personImportStaging.jobId, jobId));
}

export async function errorPage(tx: Tx, jobId: string, afterRow: number, limit: number): Promise<ErrorRow[]> {
  return tx
    .select()
    .from(personImportErrors)
    .where(and(eq(personImportErrors.jobId, jobId), gt(personImportErrors.rowNo, afterRow)))
    .orderBy(asc(personImportErrors.rowNo))
    .limit(limit);
}

export async function headerOf(tx: Tx, jobId: string): Promise<ErrorRow | undefined> {
  const [r] = await tx
    .select()
    .from(personImportErrors)
    .where(and(eq(personImportErrors.jobId, jobId), eq(personImportErrors.rowNo, 0)));
  return r;
}

export const problemsOf = (r: ErrorRow) => (r.errors ?? []) as StoredProblem[];

/**
 * Housekeeping at the start of each import: error rows past their retention, and staging rows
 * of jobs that ended without finishing (failed or cancelled).
 */
export async function purge(tx: Tx, errorsBefore: Date): Promise<void> {
  await tx.delete(personImportErrors).where(lt(personImportErrors.createdAt, errorsBefore));
  await tx.execute(sql`
    DELETE FROM person_import_staging
    WHERE job_id IN (SELECT id FROM ${jobs} WHERE state IN ('failed', 'cancelled', 'succeeded'))`);
}

/** Jobs that no longer need their uploaded file. */
export async function finishedJobs(tx: Tx, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await tx
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(inArray(jobs.id, ids), inArray(jobs.state, ['failed', 'cancelled', 'succeeded'])));
  return new Set(rows.map((r) => r.id));
}

/** The district's streets and communities, for matching 街镇 and 居委 by name. */
export async function areaRows(tx: Tx): Promise<AreaRows> {
  return {
    streets: await tx
      .select({ code: streets.code, name: streets.name, statCode: streets.statCode })
      .from(streets),
    communities: await tx
      .select({ id: communities.id, streetCode: communities.streetCode, name: communities.name })
      .from(communities),
  };
}
