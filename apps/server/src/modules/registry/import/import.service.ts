/**
 * Starting an import and reading its error report. An upload is streamed to a private file
 * (0600) in the data folder's uploads/, its real type is read from its bytes, an .xlsx passes the
 * zip checks, and only then is the job queued — the file renamed to `<jobId>.<ext>` in the same
 * transaction. The job itself is in import.job.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import type { Platform } from '../../../platform/platform.js';
import type { Actor } from '../../../platform/access/actor.js';
import { AppError, invalid, notFound } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { recordAudit } from '../../../platform/audit/audit.service.js';
import { findStreet } from '../../areas/areas.repo.js';
import { xlsxStream, type Cell } from '../export/xlsx.js';
import {
  IMPORT_JOB,
  IMPORT_MAX_ATTEMPTS,
  importJob,
  uploadDir,
  uploadPath,
  type ImportPayload,
} from './import.job.js';
import { sniffKind } from './import.parse.js';
import { checkXlsx, ZipRejected } from './import.zip.js';
import * as repo from './import.repo.js';
import { reported } from './import.validate.js';

export interface ImportOptions {
  dryRun: boolean;
  skipInvalid: boolean;
  streetCode?: string | undefined;
}

export class ImportService {
  constructor(private readonly p: Platform) {}

  private get db() {
    return this.p.database.db;
  }

  /** Lets this process run import jobs. */
  registerJob(): void {
    this.p.jobs.register(IMPORT_JOB, importJob(this.p));
  }

  private async tempFile(): Promise<string> {
    const dir = uploadDir(this.p.config.dataDir);
    await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
    return path.join(dir, `${newId()}.part`);
  }

  /** Streams an upload to a private temporary file; over the size limit → 413. */
  async receive(stream: Readable & { truncated?: boolean }): Promise<string> {
    const tmp = await this.tempFile();
    try {
      await pipeline(stream, fs.createWriteStream(tmp, { flags: 'wx', mode: 0o600 }));
      if (stream.truncated)
        throw new AppError('payload_too_large', { fields: [{ path: 'file', code: 'too_big' }] });
      return tmp;
    } catch (err) {
      await this.discard(tmp);
      if (stream.truncated)
        throw new AppError('payload_too_large', { fields: [{ path: 'file', code: 'too_big' }] });
      throw err;
    }
  }

  /** A file on this machine (the CLI): copied, so the job may delete its copy when done. */
  async receiveFile(src: string): Promise<string> {
    const tmp = await this.tempFile();
    await fs.promises.copyFile(src, tmp, fs.constants.COPYFILE_EXCL);
    await fs.promises.chmod(tmp, 0o600);
    return tmp;
  }

  async discard(tmp: string): Promise<void> {
    await fs.promises.rm(tmp, { force: true });
  }

  /** Checks the received file and queues its import; returns the job id. */
  async start(actor: Actor, tmp: string, o: ImportOptions): Promise<string> {
    try {
      const bytes = (await fs.promises.stat(tmp)).size;
      if (bytes === 0) throw invalid('file', 'required');
      const kind = await sniffKind(tmp);
      if (!kind)
        throw new AppError('unsupported_media_type', {
          fields: [{ path: 'file', code: 'unsupported_file_type' }],
        });
      if (kind === 'xlsx') {
        try {
          await checkXlsx(tmp);
        } catch (e) {
          if (!(e instanceof ZipRejected)) throw e;
          if (e.problem === 'zip_bomb')
            throw new AppError('payload_too_large', { fields: [{ path: 'file', code: 'zip_bomb' }] });
          throw new AppError('unsupported_media_type', { fields: [{ path: 'file', code: e.problem }] });
        }
      }
      if (o.streetCode) {
        if (!(await findStreet(this.db, o.streetCode))) throw invalid('streetCode', 'not_found');
        const s = actor.scope;
        if (!s.district && !s.streets.includes(o.streetCode)) throw invalid('streetCode', 'out_of_scope');
      }
      const payload: ImportPayload = {
        kind,
        dryRun: o.dryRun,
        skipInvalid: o.skipInvalid,
        streetCode: o.streetCode ?? null,
        userId: actor.userId,
        ip: actor.ip,
        requestId: actor.requestId,
      };
      return await this.db.transaction(async (tx) => {
        const jobId = await this.p.jobs.enqueue(
          tx,
          IMPORT_JOB,
          { ...payload },
          {
            createdBy: actor.userId,
            maxAttempts: IMPORT_MAX_ATTEMPTS,
          },
        );
        await recordAudit(tx, actor, {
          action: 'person.import.upload',
          objectType: 'job',
          objectId: jobId,
          details: { kind, bytes, dryRun: o.dryRun, skipInvalid: o.skipInvalid },
        });
        // Committed together with the job: the job never sees a missing file.
        await fs.promises.rename(tmp, uploadPath(this.p.config.dataDir, jobId, kind));
        return jobId;
      });
    } finally {
      await this.discard(tmp);
    }
  }

  /**
   * The invalid rows of an import as uploaded, with an 错误 column: only for the user who started
   * it, and only while its error rows are kept (404 otherwise).
   */
  async errorReport(actor: Actor, jobId: string): Promise<{ stream: Readable; filename: string }> {
    const job = await this.p.jobs.find(this.db, jobId);
    if (!job || job.type !== IMPORT_JOB || !actor.userId || job.createdBy !== actor.userId) throw notFound();
    const header = await repo.headerOf(this.db, jobId);
    const first = await repo.errorPage(this.db, jobId, 0, 1);
    if (!header || !first.length) throw notFound();
    await recordAudit(this.db, actor, { action: 'person.import.errors', objectType: 'job', objectId: jobId });
    const cols = JSON.parse(this.p.crypto.decrypt(header.cellsEnc)) as string[];
    // The uploaded columns first, so the corrected sheet can be imported again as it is.
    return {
      stream: xlsxStream('错误行', [...cols, '错误', '原行号'], this.errorRows(jobId, cols.length)),
      filename: `import-errors-${jobId}.xlsx`,
    };
  }

  private async *errorRows(jobId: string, width: number): AsyncGenerator<Cell[]> {
    let after = 0;
    for (;;) {
      const page = await repo.errorPage(this.db, jobId, after, 500);
      if (!page.length) return;
      for (const r of page) {
        const cells = JSON.parse(this.p.crypto.decrypt(r.cellsEnc)) as string[];
        const padded = Array.from({ length: width }, (_, i) => cells[i] ?? null);
        const text = repo
          .problemsOf(r)
          .map((e) => {
            const rep = reported(r.rowNo, e);
            return `${rep.column ?? ''}：${rep.message}`;
          })
          .join('；');
        yield [...padded, text, r.rowNo];
      }
      after = page.at(-1)!.rowNo;
    }
  }
}
