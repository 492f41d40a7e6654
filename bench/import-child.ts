/**
 * The measured side of the import benchmark (bench/import.ts starts it): opens a fresh database,
 * then times the import of one file — upload checks, job, commit — and prints one JSON line with
 * the time and this process's peak resident set.
 */
import { loadConfig } from '../apps/server/src/config.js';
import { openPlatform } from '../apps/server/src/server.js';
import { systemActor } from '../apps/server/src/platform/access/actor.js';
import { AreasService } from '../apps/server/src/modules/areas/areas.service.js';
import { ImportService } from '../apps/server/src/modules/registry/import/import.service.js';
import type { ImportResult } from '../apps/server/src/modules/registry/import/import.job.js';

const [file, dataDir, , url] = process.argv.slice(2);
const config = loadConfig({
  JINGLIN_DATA_DIR: dataDir!,
  JINGLIN_LOG_LEVEL: 'silent',
  JINGLIN_DEMO: '0',
  JINGLIN_UPLOAD_MAX_MB: '200',
  ...(url ? { DATABASE_URL: url } : {}),
});
const p = await openPlatform(config, 'silent');
try {
  await p.database.db.transaction(async (tx) => {
    const areas = new AreasService(p);
    await areas.ensureStreets(tx);
    await areas.ensureDemoCommunities(tx);
  });
  const svc = new ImportService(p);
  svc.registerJob();
  const t0 = performance.now();
  const tmp = await svc.receiveFile(file!);
  const jobId = await svc.start(systemActor(), tmp, { dryRun: false, skipInvalid: false });
  await p.jobs.drain();
  const ms = performance.now() - t0;
  const job = await p.jobs.find(p.database.db, jobId);
  if (job?.state !== 'succeeded') throw new Error(`import job ${job?.state}: ${job?.error}`);
  const r = job.result as ImportResult;
  if (r.invalid) throw new Error(`invalid rows: ${JSON.stringify(r.errors.slice(0, 3))}`);
  console.log(JSON.stringify({ ms, written: r.written, peak_rss_mb: process.resourceUsage().maxRSS / 1024 }));
} finally {
  await p.database.close();
}
