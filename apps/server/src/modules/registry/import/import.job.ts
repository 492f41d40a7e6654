/**
 * The import job. Stage: the sheet is read and each row validated and encrypted by the reader
 * (import.reader.ts, in a worker thread); here, per chunk of rows, the staged (ready-to-insert)
 * rows, the invalid rows for the report and the checkpoint commit together. Finish: in ONE
 * transaction — unless it is a dry run, or a row was invalid and invalid rows are not to be
 * skipped — every staged row is written into the registry, then the staging rows are cleared.
 * A job killed anywhere resumes from its last chunk; killed during the final transaction it wrote
 * nothing, and the resumed run writes everything once.
 *
 * Each imported person gets a history row (action `import`) and its own `person.changed` event
 * (`{ kind: 'created', fields: [], source: 'import', jobId }`), like a person registered through
 * the API — rather than one batched `person.imported` event — so subscribers need no second
 * handler; the import as a whole gets one audit row `person.import` with its counts.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Platform } from '../../../platform/platform.js';
import type { Actor } from '../../../platform/access/actor.js';
import { systemActor } from '../../../platform/access/actor.js';
import { AppError } from '../../../platform/errors.js';
import type { JobContext, JobHandler } from '../../../platform/jobs/jobs.service.js';
import { recordAudit } from '../../../platform/audit/audit.service.js';
import { findUserById } from '../../../platform/auth/auth.repo.js';
import { AuthService } from '../../../platform/auth/auth.service.js';
import { PERSON_CHANGED } from '../persons.service.js';
import { todayIso } from '../registry.mapper.js';
import type { Tx } from '../../../platform/db/client.js';
import type { FieldCrypto } from '../../../platform/crypto/field-crypto.js';
import type { UploadKind } from './import.parse.js';
import { batches, HEAP_SLACK_MB, type BatchItem, type ReaderMessage } from './import.reader.js';
import { HeapBudget } from './import.heap.js';
import * as repo from './import.repo.js';
import type { personImportErrors } from './import.tables.js';
import {
  fileError,
  reported,
  type ReportedError,
  type StagedRow,
  type StoredProblem,
} from './import.validate.js';

export const IMPORT_JOB = 'registry.import';
export const IMPORT_MAX_ATTEMPTS = 3;
/** Invalid rows (encrypted) stay available for the error report this long. */
export const ERROR_RETENTION_DAYS = 7;
const CHUNK_ROWS = 1000;
const RESULT_ERRORS = 200;

export interface ImportPayload {
  kind: UploadKind;
  dryRun: boolean;
  skipInvalid: boolean;
  streetCode: string | null;
  userId: string | null;
  ip: string | null;
  requestId: string | null;
}

export interface ImportCheckpoint {
  phase: 'stage' | 'done';
  /** The last sheet row handled (staged or found invalid). */
  row: number;
  /** Data rows read so far. */
  rows: number;
  valid?: number;
  invalid?: number;
  written?: number;
  fileError?: 'missing_columns' | 'unreadable_file';
}

export interface ImportResult {
  dryRun: boolean;
  rows: number;
  valid: number;
  invalid: number;
  written: number;
  errors: ReportedError[];
  errorReportAvailable: boolean;
}

export const uploadDir = (dataDir: string) => path.join(dataDir, 'uploads');
export const uploadPath = (dataDir: string, jobId: string, kind: UploadKind) =>
  path.join(uploadDir(dataDir), `${jobId}.${kind}`);

type Ctx = JobContext<ImportPayload, ImportCheckpoint>;

/** The importer as they are now (a disabled user or a lost permission stops the import). */
async function jobActor(p: Platform, payload: ImportPayload): Promise<Actor> {
  if (!payload.userId) return systemActor(payload.requestId);
  const db = p.database.db;
  const user = await findUserById(db, payload.userId);
  if (!user || user.disabled) throw new AppError('forbidden');
  const actor = await new AuthService(p).actorFor(db, user, null, {
    ip: payload.ip,
    requestId: payload.requestId,
    language: 'zh-CN',
  });
  if (!actor.permissions.has('persons.import')) throw new AppError('forbidden');
  return actor;
}

/** Old error rows, staging rows of ended jobs, uploads nobody will read again. */
async function housekeeping(p: Platform): Promise<void> {
  const db = p.database.db;
  await repo.purge(db, new Date(Date.now() - ERROR_RETENTION_DAYS * 86_400_000));
  const dir = uploadDir(p.config.dataDir);
  const names = await fs.promises.readdir(dir).catch(() => [] as string[]);
  const byJob = new Map<string, string>();
  for (const n of names) {
    const m = /^([0-9a-f-]{36})\.(xlsx|csv)$/.exec(n);
    if (m) byJob.set(m[1]!, n);
    else if (n.endsWith('.part')) {
      const st = await fs.promises.stat(path.join(dir, n)).catch(() => undefined);
      if (st && Date.now() - st.mtimeMs > 86_400_000)
        await fs.promises.rm(path.join(dir, n), { force: true });
    }
  }
  for (const id of await repo.finishedJobs(db, [...byJob.keys()]))
    await fs.promises.rm(path.join(dir, byJob.get(id)!), { force: true });
}

async function stage(p: Platform, ctx: Ctx, file: string): Promise<ImportCheckpoint> {
  const { id: jobId, payload } = ctx;
  const crypto = p.crypto;
  await housekeeping(p);
  const actor = await jobActor(p, payload);
  let cp: ImportCheckpoint = ctx.checkpoint ?? { phase: 'stage', row: 0, rows: 0 };

  const finish = async (fileError?: ImportCheckpoint['fileError']): Promise<ImportCheckpoint> => {
    let done: ImportCheckpoint = cp;
    await ctx.chunk(async (tx) => {
      // Hold the job's row while writing, so no other worker takes the job over (its lease is
      // only renewed when this transaction ends, and a large import can take longer than that).
      await repo.lockJob(tx, jobId);
      let valid = await repo.countStaged(tx, jobId);
      let written = 0;
      if (!fileError && !payload.dryRun && valid > 0) {
        if ((await repo.countInvalid(tx, jobId)) === 0 || payload.skipInvalid) {
          const late = await repo.takeLateDuplicates(tx, jobId);
          await repo.insertErrors(
            tx,
            late.map((rowNo) => ({
              jobId,
              rowNo,
              cellsEnc: crypto.encrypt('[]'),
              errors: [{ column: 'idNumber', code: 'duplicate_id_number' }],
            })),
          );
          valid -= late.length;
          if ((late.length === 0 || payload.skipInvalid) && valid > 0) {
            await repo.commitStaged(tx, jobId, actor.userId, `批量导入（任务 ${jobId}）`, PERSON_CHANGED);
            written = valid;
          }
        }
      }
      const invalid = await repo.countInvalid(tx, jobId);
      if (written)
        await recordAudit(tx, actor, {
          action: 'person.import',
          objectType: 'job',
          objectId: jobId,
          details: { rows: cp.rows, valid, invalid, written, skipInvalid: payload.skipInvalid },
        });
      await repo.clearStaging(tx, jobId);
      done = { ...cp, phase: 'done', valid, invalid, written, ...(fileError ? { fileError } : {}) };
      return { checkpoint: done, progress: cp.rows };
    });
    await ctx.setTotal(cp.rows);
    return done;
  };

  const scope = actor.scope;
  const source = batches(
    {
      file,
      kind: payload.kind,
      afterRow: cp.row,
      chunkRows: CHUNK_ROWS,
      keys: { dataDir: p.config.dataDir, masterKey: p.config.masterKey, mode: p.config.crypto },
      areas: await repo.areaRows(p.database.db),
      scope,
      jobId,
      actorId: actor.userId,
      defaultStreet:
        payload.streetCode ?? (!scope.district && scope.streets.length === 1 ? scope.streets[0]! : null),
      today: todayIso(),
    },
    crypto,
    p.database.kind === 'pglite',
  );
  const heap = new HeapBudget(HEAP_SLACK_MB);

  let header: string[] | undefined;
  let headerStored = false;
  let end: Extract<ReaderMessage, { type: 'end' }> | undefined;
  for await (const m of source) {
    if (m.type === 'start') {
      header = m.header;
      if (m.estimatedRows && !cp.rows) await ctx.setTotal(Math.max(0, m.estimatedRows - m.headerRow));
    } else if (m.type === 'batch') {
      const next: ImportCheckpoint = { ...cp, row: m.lastRow, rows: cp.rows + m.items.length };
      await ctx.chunk(async (tx) => {
        if (!headerStored)
          await repo.insertErrors(tx, [
            { jobId, rowNo: 0, cellsEnc: crypto.encrypt(JSON.stringify(header ?? [])), errors: [] },
          ]);
        await stageBatch(tx, crypto, jobId, m.items);
        return { checkpoint: next, progress: next.rows };
      });
      headerStored = true;
      cp = next;
      heap.check();
    } else {
      end = m;
      break; // (the reader's thread ends here, before the final write)
    }
  }
  return finish(end ? end.fileError : 'unreadable_file');
}

/**
 * One chunk: rows whose ID number is already in the registry or staged earlier in this file
 * become invalid; the rest are staged. Valid rows before duplicates, so "the first one wins".
 */
async function stageBatch(tx: Tx, crypto: FieldCrypto, jobId: string, items: BatchItem[]): Promise<void> {
  const bidx = items.flatMap((i) => ('staged' in i ? [i.staged.idNumberBidx] : []));
  const inJob = await repo.stagedWith(tx, jobId, bidx);
  const inRegistry = await repo.registeredOf(tx, bidx);
  const here = new Map<string, number>();
  const staged: StagedRow[] = [];
  const invalid: (typeof personImportErrors.$inferInsert)[] = [];
  for (const i of items) {
    if (!('staged' in i)) {
      invalid.push({ jobId, rowNo: i.rowNo, cellsEnc: Buffer.from(i.cellsEnc), errors: i.problems });
      continue;
    }
    const b = i.staged.idNumberBidx;
    const other = inJob.get(b) ?? here.get(b);
    let problem: StoredProblem | undefined;
    if (inRegistry.has(b)) problem = { column: 'idNumber', code: 'duplicate_id_number' };
    else if (other !== undefined)
      problem = { column: 'idNumber', code: 'duplicate_in_file', otherRow: other };
    if (!problem) {
      staged.push(i.staged);
      here.set(b, i.rowNo);
    } else
      invalid.push({
        jobId,
        rowNo: i.rowNo,
        cellsEnc: crypto.encrypt(JSON.stringify(i.cells)),
        errors: [problem],
      });
  }
  await repo.insertStaged(tx, staged);
  await repo.insertErrors(tx, invalid);
}

export async function importResult(p: Platform, jobId: string, payload: ImportPayload, cp: ImportCheckpoint) {
  const errors: ReportedError[] = [];
  if (cp.fileError) errors.push(fileError(cp.fileError));
  let after = 0;
  while (errors.length < RESULT_ERRORS) {
    const page = await repo.errorPage(p.database.db, jobId, after, RESULT_ERRORS);
    if (!page.length) break;
    for (const r of page) for (const e of repo.problemsOf(r)) errors.push(reported(r.rowNo, e));
    after = page.at(-1)!.rowNo;
  }
  const invalid = cp.invalid ?? 0;
  return {
    dryRun: payload.dryRun,
    rows: cp.rows,
    valid: cp.valid ?? 0,
    invalid,
    written: cp.written ?? 0,
    errors: errors.slice(0, RESULT_ERRORS),
    errorReportAvailable: invalid > 0,
  } satisfies ImportResult;
}

export function importJob(p: Platform): JobHandler<ImportPayload, ImportCheckpoint> {
  return async (ctx) => {
    const file = uploadPath(p.config.dataDir, ctx.id, ctx.payload.kind);
    try {
      const cp = ctx.checkpoint?.phase === 'done' ? ctx.checkpoint : await stage(p, ctx, file);
      const result = await importResult(p, ctx.id, ctx.payload, cp);
      await fs.promises.rm(file, { force: true });
      p.log.info({ jobId: ctx.id, rows: result.rows, written: result.written }, 'import finished');
      return result;
    } catch (err) {
      // The last attempt: nothing more will read the upload or the staged rows.
      if (ctx.attempt >= IMPORT_MAX_ATTEMPTS) {
        await fs.promises.rm(file, { force: true });
        await p.database.db.transaction((tx) => repo.clearStaging(tx, ctx.id)).catch(() => undefined);
      }
      throw err;
    }
  };
}
