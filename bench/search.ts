/**
 * `npm run bench -- search --persons N --clients C`: registry search under concurrent load.
 *
 * Fills a fresh database with N synthetic persons (seedPersons), starts the real HTTP stack
 * (buildApp on 127.0.0.1, a free port) and lets C concurrent clients (a separate process) search as
 * a district officer with a mix of Chinese names and prefixes, full pinyin, initials, exact ID and
 * certificate numbers and filters, for 20 s or 5,000 requests. The floor: the very statements the
 * repository produces for those searches (`searchPersonsQuery(...).toSQL()`), run straight on the
 * database driver at the same concurrency. Budget (DESIGN.md): p95 < 50 ms at 32 clients over
 * 1,000,000 persons on PostgreSQL. Diagnostics (seeding time, per-kind latency) go to stderr.
 */
import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { PersonListQuery } from '@jinglin/shared';
import type { Bench, BenchTarget } from './run.js';
import { benchDatabase, type BenchDatabase } from './db.js';
import { loadConfig } from '../apps/server/src/config.js';
import { GENERIC_PLANS, migrate, openDatabase } from '../apps/server/src/platform/db/client.js';
import { runLoad, round2, summarise, type LoadSample } from './load.js';
import type { ClientJob } from './search.client.js';
import { buildApp } from '../apps/server/src/app.js';
import { createPlatform, type Platform } from '../apps/server/src/platform/platform.js';
import { createLogger } from '../apps/server/src/platform/logger.js';
import { systemActor } from '../apps/server/src/platform/access/actor.js';
import { AreasService } from '../apps/server/src/modules/areas/areas.service.js';
import { UsersService } from '../apps/server/src/modules/users/users.service.js';
import { PersonsService } from '../apps/server/src/modules/registry/persons.service.js';
import { searchPersonsQuery } from '../apps/server/src/modules/registry/search.repo.js';
import { seedPersons } from '../apps/server/src/seed/persons.js';
import { rng } from '../apps/server/src/seed/synthetic.js';

export const options = {
  persons: { default: '1000000' },
  clients: { default: '32' },
  /** 1: print EXPLAIN (ANALYZE, BUFFERS) of one statement per kind on stderr (diagnostics only). */
  explain: { default: '0' },
  /**
   * A name: seed into a database (PostgreSQL: `jinglin_bench_keep_<name>`; PGlite: a folder of that
   * name in the temporary directory, with its keys) that is kept after the run, and reuse it as it
   * is when it already holds `--persons` persons — a 1,000,000-person seeding takes minutes.
   */
  keep: { default: '' },
};

const SECONDS = 20;
const MAX_REQUESTS = 5000;
const WARMUP = 200;
const PASSWORD = 'Bench-Search-Password-1';
const USERNAME = `bench_district_${process.pid}`;
const DISTRICT = { district: true, streets: [], communities: [], grantIds: [] };

const log = (line: string) => process.stderr.write(`[search] ${line}\n`);

export interface SearchQuery {
  kind: string;
  params: Record<string, string>;
}

/** A realistic mix of what officers type, built from persons sampled out of the registry. */
export async function queryMix(p: Platform, count = 1000): Promise<SearchQuery[]> {
  const rows = await p.database.rows<{
    name: string;
    name_pinyin: string;
    name_initials: string;
    street_code: string;
    category: number;
    grade: number;
    id_number_enc: Buffer;
    number_enc: Buffer;
  }>(sql`
    SELECT p.name, p.name_pinyin, p.name_initials, p.street_code, p.category, p.grade, p.id_number_enc, c.number_enc
    FROM persons p JOIN certificates c ON c.person_id = p.id AND c.status = 'active'
    WHERE p.id IN (SELECT id FROM persons ORDER BY random() LIMIT 400)`);
  const dec = (b: Buffer) => p.crypto.decrypt(b);
  const kinds: [string, number, (r: (typeof rows)[number]) => Record<string, string>][] = [
    ['name', 15, (r) => ({ q: r.name })],
    ['name_prefix', 10, (r) => ({ q: [...r.name].slice(0, 2).join('') })],
    ['surname_in_street', 5, (r) => ({ q: [...r.name][0]!, streetCode: r.street_code })],
    ['pinyin', 15, (r) => ({ q: r.name_pinyin })],
    ['pinyin_prefix', 5, (r) => ({ q: r.name_pinyin.slice(0, Math.min(r.name_pinyin.length, 6)) })],
    ['initials', 10, (r) => ({ q: r.name_initials })],
    ['id_number', 15, (r) => ({ q: dec(r.id_number_enc) })],
    ['certificate', 10, (r) => ({ q: dec(r.number_enc) })],
    ['street_category', 10, (r) => ({ streetCode: r.street_code, category: String(r.category) })],
    ['category_grade', 5, (r) => ({ category: String(r.category), grade: String(r.grade) })],
  ];
  const total = kinds.reduce((s, k) => s + k[1], 0);
  const r = rng(7);
  const out: SearchQuery[] = [];
  for (let i = 0; i < count; i++) {
    let x = r() * total;
    const k = kinds.find(([, w]) => (x -= w) < 0) ?? kinds[0]!;
    out.push({ kind: k[0], params: k[2](rows[Math.floor(r() * rows.length)]!) });
  }
  return out;
}

const pathOf = (q: SearchQuery) => `/api/v1/persons?${new URLSearchParams(q.params).toString()}`;

async function httpPhase(
  p: Platform,
  queries: SearchQuery[],
  clients: number,
): Promise<{ samples: LoadSample[]; clientCpuMs: number }> {
  await new UsersService(p).create(
    systemActor(),
    { username: USERNAME, password: PASSWORD, roles: ['district_officer'], displayName: 'bench' },
    { enforcePolicy: false },
  );
  const { app } = await buildApp(p, { serveWeb: false });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address();
    const port = typeof addr === 'object' && addr ? addr.port : 0;
    const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: USERNAME, password: PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`bench login failed: ${login.status} ${await login.text()}`);
    const { token } = (await login.json()) as { token: string };
    const child = fork(new URL('./search.client.ts', import.meta.url).pathname, [], {
      execArgv: ['--import', 'tsx'],
      serialization: 'advanced',
    });
    const job: ClientJob = {
      port,
      token,
      queries: queries.map((q) => ({ kind: q.kind, path: pathOf(q) })),
      clients,
      seconds: SECONDS,
      maxRequests: MAX_REQUESTS,
      warmup: WARMUP,
    };
    return await new Promise<{ samples: LoadSample[]; clientCpuMs: number }>((resolve, reject) => {
      child.once('message', (m) => resolve(m as { samples: LoadSample[]; clientCpuMs: number }));
      child.once('exit', (code) => reject(new Error(`search clients exited with ${code}`)));
      child.send(job);
    });
  } finally {
    await app.close();
  }
}

interface Statement {
  kind: string;
  text: string;
  params: unknown[];
}

/** The statements the repository produces for the queries (as a district officer). */
function statementsOf(p: Platform, queries: SearchQuery[]): Statement[] {
  const service = new PersonsService(p);
  return queries.map((q) => {
    const lq = PersonListQuery.parse(q.params);
    const f = { ...service.filterOf(lq), offset: 0, limit: lq.limit + 1 };
    const { sql: text, params } = searchPersonsQuery(p.database.db, DISTRICT, f).toSQL();
    return { kind: q.kind, text, params };
  });
}

type Query = (text: string, params: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;
const pgliteQuery = (p: Platform): Query => {
  const client = (p.database.db as unknown as { $client: { query: Query } }).$client;
  return (text, params) => client.query(text, params);
};

/** The repository's own statements, straight on the driver, at the same concurrency. */
async function floorPhase(
  p: Platform,
  url: string | undefined,
  statements: Statement[],
  clients: number,
): Promise<LoadSample[]> {
  const opts = { clients, seconds: SECONDS, maxRequests: MAX_REQUESTS, warmup: WARMUP };
  if (url) {
    // Generic plans, as the server's search connections use (client.ts Database.searchDb).
    const pool = new pg.Pool({
      connectionString: url,
      max: clients,
      options: `-c plan_cache_mode=${GENERIC_PLANS}`,
    });
    // Named, as the server's are (search.repo.ts searchStatement): parsed once per connection.
    const named = statements.map((s) => ({
      kind: s.kind,
      config: {
        name: `floor_${createHash('sha256').update(s.text).digest('hex').slice(0, 32)}`,
        text: s.text,
        values: s.params,
      },
    }));
    try {
      return await runLoad(named, async (s) => (await pool.query(s.config), true), opts);
    } finally {
      await pool.end();
    }
  }
  const query = pgliteQuery(p);
  return runLoad(statements, async (s) => (await query(s.text, s.params), true), opts);
}

/** Diagnostics: the plan and timing of the first statement of each kind, on stderr. */
async function explainKinds(p: Platform, url: string | undefined, statements: Statement[]): Promise<void> {
  const pool = url ? new pg.Pool({ connectionString: url, max: 1 }) : undefined;
  const query: Query = pool ? (t, ps) => pool.query(t, ps) : pgliteQuery(p);
  try {
    for (const kind of new Set(statements.map((s) => s.kind))) {
      const s = statements.find((x) => x.kind === kind)!;
      const r = await query(`EXPLAIN (ANALYZE, BUFFERS) ${s.text}`, s.params);
      log(`explain ${kind}:\n${r.rows.map((x) => `    ${String(x['QUERY PLAN'])}`).join('\n')}`);
    }
  } finally {
    await pool?.end();
  }
}

/**
 * CPU time (ms) used so far by the local PostgreSQL server's processes (Linux /proc; 0 elsewhere):
 * a diagnostic, for how the machine's CPU splits between the database, the server and the clients.
 */
function postgresCpuMs(): number {
  let ticks = 0;
  try {
    for (const pid of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        const close = stat.lastIndexOf(')');
        if (!stat.slice(stat.indexOf('(') + 1, close).startsWith('postgres')) continue;
        const f = stat.slice(close + 2).split(' ');
        ticks += Number(f[11]) + Number(f[12]); // utime, stime (fields 14 and 15)
      } catch {
        // the process ended meanwhile
      }
    }
  } catch {
    return 0;
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}

/** Measures search on a platform whose registry is already filled. */
export async function measureSearch(p: Platform, url: string | undefined, clients: number, explain = false) {
  const queries = await queryMix(p);
  const statements = statementsOf(p, queries);
  const cpu = process.cpuUsage();
  const pgCpu = postgresCpuMs();
  const samples = await httpPhase(p, queries, clients);
  const used = process.cpuUsage(cpu);
  const pgUsed = postgresCpuMs() - pgCpu;
  const http = summarise(samples.samples);
  const n = http.requests + WARMUP;
  log(
    `http: CPU per request (ms): server ${((used.user + used.system) / 1000 / n).toFixed(2)}, ` +
      `PostgreSQL ${url ? (pgUsed / n).toFixed(2) : '—'}, clients ${(samples.clientCpuMs / n).toFixed(2)}`,
  );
  log(`http: ${JSON.stringify(http)}`);
  const floor = summarise(await floorPhase(p, url, statements, clients));
  log(`floor: ${JSON.stringify(floor)}`);
  if (explain) await explainKinds(p, url, statements);
  if (http.errors) log(`WARNING: ${http.errors} of ${http.requests} requests failed`);
  return {
    clients,
    p50_ms: http.p50,
    p95_ms: http.p95,
    floor_p95_ms: floor.p95,
    ratio: round2(http.p95 / floor.p95),
  };
}

/** A kept database (see `keep`): created and migrated when missing, never dropped. */
async function keptDatabase(target: BenchTarget, name: string): Promise<BenchDatabase> {
  if (!/^[a-z0-9_]{1,40}$/.test(name)) throw new Error('--keep: lower-case letters, digits and _ only');
  const dataDir = path.join(os.tmpdir(), `jinglin-bench-keep-${name}`);
  fs.mkdirSync(dataDir, { recursive: true });
  const settings = { JINGLIN_DATA_DIR: dataDir, JINGLIN_LOG_LEVEL: 'silent', JINGLIN_DEMO: '0' };
  let url: string | undefined;
  if (target.url) {
    const own = `jinglin_bench_keep_${name}`;
    const c = new pg.Client({ connectionString: target.url });
    await c.connect();
    try {
      const r = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [own]);
      if (!r.rowCount) await c.query(`CREATE DATABASE ${own}`);
    } finally {
      await c.end();
    }
    const u = new URL(target.url);
    u.pathname = `/${own}`;
    url = u.toString();
  }
  const database = await openDatabase(
    url ? { databaseUrl: url } : { pgliteDir: path.join(dataDir, 'pgdata') },
  );
  await migrate(database);
  return {
    database,
    config: loadConfig({ ...settings, ...(url ? { DATABASE_URL: url } : {}) }),
    url,
    how: url ? 'database' : 'pglite',
    close: () => database.close(),
  };
}

const bench: Bench = async (target, o) => {
  const persons = Number.parseInt(o.persons ?? '', 10);
  const clients = Number.parseInt(o.clients ?? '', 10);
  if (!(persons > 0) || !(clients > 0)) throw new Error('--persons and --clients must be positive numbers');
  const bdb = o.keep ? await keptDatabase(target, o.keep) : await benchDatabase(target, 'search');
  try {
    const p = createPlatform(bdb.config, bdb.database, createLogger('silent'));
    const [count] = await bdb.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM persons`);
    const already = count?.n ?? 0;
    if (already === persons) {
      log(`${target.database}: reusing kept database '${o.keep}' with ${already} persons`);
      return { persons, ...(await measureSearch(p, bdb.url, clients, o.explain === '1')) };
    }
    if (already)
      throw new Error(`--keep ${o.keep}: holds ${already} persons, not ${persons}; use another name`);
    const areas = new AreasService(p);
    await bdb.database.db.transaction(async (tx) => {
      await areas.ensureStreets(tx);
      await areas.ensureDemoCommunities(tx);
    });
    const started = performance.now();
    let shown = 0;
    await seedPersons(p, {
      count: persons,
      seed: 1,
      onProgress: (done) => {
        if (done >= shown + persons / 10 || done === persons) {
          shown = done;
          log(
            `${target.database}: seeded ${done}/${persons} (${((performance.now() - started) / 1000).toFixed(0)} s)`,
          );
        }
      },
    });
    log(
      `${target.database} (${bdb.how}): ${persons} persons seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    // A freshly loaded table is vacuumed before it is measured, as after any bulk load: otherwise
    // autovacuum's pass over the new rows runs during the measured phases (and the visibility map
    // that index-only scans need is not set yet).
    const vacuumed = performance.now();
    await bdb.database.exec('VACUUM (ANALYZE) persons, certificates');
    log(`${target.database}: vacuumed in ${((performance.now() - vacuumed) / 1000).toFixed(1)} s`);
    return { persons, ...(await measureSearch(p, bdb.url, clients, o.explain === '1')) };
  } finally {
    await bdb.close();
  }
};

export default bench;
