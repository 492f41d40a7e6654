/**
 * `jinglin import <file> [--commit] [--skip-invalid] [--street CODE]`: the same import as the API,
 * run in this process as the system (district scope), with a progress bar and a summary. A dry
 * run unless --commit. Exit code 1 when rows were invalid and nothing was written.
 */
import path from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import type { Platform } from '../../../platform/platform.js';
import { systemActor } from '../../../platform/access/actor.js';
import { AreasService } from '../../areas/areas.service.js';
import type { ImportResult } from './import.job.js';
import { ImportService } from './import.service.js';

export interface ImportCliOptions {
  commit?: boolean;
  skipInvalid?: boolean;
  street?: string;
}

export async function importCommand(p: Platform, file: string, o: ImportCliOptions): Promise<number> {
  const db = p.database.db;
  await db.transaction(async (tx) => new AreasService(p).ensureStreets(tx));
  const svc = new ImportService(p);
  svc.registerJob();
  const tmp = await svc.receiveFile(path.resolve(file));
  const jobId = await svc.start(systemActor(), tmp, {
    dryRun: !o.commit,
    skipInvalid: Boolean(o.skipInvalid),
    streetCode: o.street,
  });
  const bar = new SingleBar(
    { format: 'importing [{bar}] {value}/{total} rows', hideCursor: true, clearOnComplete: false },
    Presets.shades_classic,
  );
  bar.start(1, 0);
  let polling = false;
  const timer = setInterval(() => {
    if (polling) return;
    polling = true;
    void p.jobs
      .find(db, jobId)
      .then((j) => {
        if (!j) return;
        bar.setTotal(Math.max(j.total ?? 0, j.progress, 1));
        bar.update(j.progress);
      })
      .finally(() => (polling = false));
  }, 250);
  try {
    await p.jobs.drain();
  } finally {
    clearInterval(timer);
  }
  const job = await p.jobs.find(db, jobId);
  bar.setTotal(Math.max(job?.progress ?? 0, 1));
  bar.update(job?.progress ?? 0);
  bar.stop();
  if (!job || job.state !== 'succeeded') {
    console.error(`import failed: ${job?.error ?? 'the job did not run'}`);
    return 1;
  }
  const r = job.result as ImportResult;
  console.log(
    `${r.dryRun ? 'dry run: ' : ''}${r.rows} rows, ${r.valid} valid, ${r.invalid} invalid, ${r.written} written (job ${jobId})`,
  );
  for (const e of r.errors.slice(0, 50))
    console.error(
      `${e.row === null ? '文件' : `第 ${e.row} 行`}${e.column ? ` ${e.column}` : ''}：${e.message}`,
    );
  if (r.errors.length > 50 || r.invalid > r.errors.length) console.error('…（更多错误略）');
  if (r.dryRun && r.invalid === 0 && r.valid > 0)
    console.log('all rows are valid: run again with --commit to write them');
  return r.written === 0 && (r.invalid > 0 || r.errors.length > 0) ? 1 : 0;
}
