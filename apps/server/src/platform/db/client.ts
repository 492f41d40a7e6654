/**
 * One database handle for both drivers: embedded PGlite (a data folder) or node-postgres
 * (DATABASE_URL). Both are typed as the common PgDatabase so repositories are driver-agnostic.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';
import * as schema from './schema.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction or the database: repository functions that may join a transaction take this. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

export interface Database {
  db: Db;
  /**
   * For statements prepared once and run many times with other values (the registry search's
   * named statements, search.repo.ts). On PostgreSQL its own pool, whose connections use the
   * generic plan of a prepared statement (plan_cache_mode = force_generic_plan) instead of planning
   * it again for every run: PostgreSQL kept re-planning most search shapes (a generic plan's
   * estimate for a parameter range is a default guess, costlier than the plan for the values), at
   * 0.1–1.4 ms each, while the generic plans use the same index ranges (docs/benchmarks.md, round
   * 7). Only statements whose every condition is an index range with parameters belong here; the
   * pool (defaultSearchConnections) connects when first used. PGlite: the one connection (`db`).
   */
  searchDb: Db;
  kind: 'pglite' | 'postgresql';
  /** Run parameterless, possibly multi-statement SQL. */
  exec(sqlText: string): Promise<void>;
  /** Rows of a query, as plain objects. */
  rows<T = Record<string, unknown>>(query: SQL): Promise<T[]>;
  close(): Promise<void>;
  /** PostgreSQL only: one pooled connection of its own (advisory locks). */
  lockClient(): Promise<{ query(text: string): Promise<unknown>; release(): void }>;
}

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations', import.meta.url));

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** PGlite data folder; `memory://` for an in-memory database. */
  pgliteDir?: string;
  /** A PGlite data-folder tarball to start from (test golden image). */
  loadDataDir?: Blob | File;
  poolSize?: number;
  /** Connections of the search handle (searchDb); default defaultSearchConnections(). */
  searchPoolSize?: number;
}

/**
 * The search handle's connections by default: one per CPU core of this machine (at least two).
 * A search statement is short and CPU-bound, so more of them at once than there are cores only
 * adds contention: at 32 concurrent searches on two cores PostgreSQL spent 0.31–0.38 ms of CPU
 * per search with two connections, 0.56–0.62 with eight and 0.66–0.90 with sixteen
 * (docs/benchmarks.md, round 7). A database on another, larger machine wants its own core count
 * (JINGLIN_SEARCH_CONNECTIONS).
 */
export const defaultSearchConnections = () => Math.max(2, os.availableParallelism());

/** The plan_cache_mode of the search handle's connections (Database.searchDb). */
export const GENERIC_PLANS = 'force_generic_plan';

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pg = await import('pg');
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const pool = new pg.default.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    pool.on('error', () => undefined); // idle client errors surface on the next query instead
    const db = drizzle(pool, { schema }) as unknown as Db;
    const searchPool = new pg.default.Pool({
      connectionString: opts.databaseUrl,
      max: opts.searchPoolSize ?? defaultSearchConnections(),
      options: `-c plan_cache_mode=${GENERIC_PLANS}`,
    });
    searchPool.on('error', () => undefined);
    return {
      db,
      searchDb: drizzle(searchPool, { schema }) as unknown as Db,
      kind: 'postgresql',
      exec: async (text) => {
        await pool.query(text);
      },
      rows: async <T>(query: SQL) => resultRows<T>(await db.execute(query)),
      close: async () => {
        await Promise.all([pool.end(), searchPool.end()]);
      },
      lockClient: () => pool.connect(),
    };
  }
  // PGlite's engine is ~9 MB of WebAssembly. By default V8 compiles it with its baseline compiler
  // (Liftoff) and then recompiles the hot functions with its optimising one (TurboFan) in the
  // background: ~100 MiB more resident code, and that compilation's CPU. Baseline code only keeps
  // an embedded server's process ~100 MiB smaller (a 100,000-row import peaks under 512 MiB) for
  // ~25 % more CPU in long CPU-bound queries (measured: a 300,000-row GROUP BY and join). The flag is
  // per process and only concerns WebAssembly, which here is PGlite alone.
  v8.setFlagsFromString('--liftoff-only');
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { drizzle } = await import('drizzle-orm/pglite');
  const dir = opts.pgliteDir ?? 'memory://';
  if (!dir.startsWith('memory://')) fs.mkdirSync(path.dirname(path.resolve(dir)), { recursive: true });
  const client = await PGlite.create(dir, {
    extensions: { pg_trgm },
    ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
  });
  const db = drizzle(client, { schema }) as unknown as Db;
  return {
    db,
    searchDb: db,
    kind: 'pglite',
    exec: async (text) => {
      await client.exec(text);
    },
    rows: async <T>(query: SQL) => resultRows<T>(await db.execute(query)),
    close: () => client.close(),
    lockClient: () => Promise.reject(new Error('PGlite has a single connection')),
  };
}

export async function migrate(database: Database): Promise<void> {
  const migrationsFolder = MIGRATIONS_DIR;
  if (database.kind === 'pglite') {
    const { migrate: m } = await import('drizzle-orm/pglite/migrator');
    await m(database.db as never, { migrationsFolder });
  } else {
    const { migrate: m } = await import('drizzle-orm/node-postgres/migrator');
    // Several processes may start together: serialise migrations with an advisory lock.
    // The lock is per connection, so take and release it on one dedicated client.
    const lock = await database.lockClient();
    try {
      await lock.query('SELECT pg_advisory_lock(727301)');
      await m(database.db as never, { migrationsFolder });
    } finally {
      await lock.query('SELECT pg_advisory_unlock(727301)').catch(() => undefined);
      lock.release();
    }
  }
}

/** The application's tables (public schema), for backup and restore and tests. */
export async function appTables(database: Database): Promise<string[]> {
  const rows = await database.rows<{ table_name: string }>(
    sql`SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  return rows.map((r) => r.table_name);
}

/** Rows of a `db.execute()` result (both drivers return `{ rows }`). */
export function resultRows<T = Record<string, unknown>>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
