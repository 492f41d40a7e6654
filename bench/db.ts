/**
 * A fresh, migrated database of its own for one benchmark run, removed afterwards:
 * - PGlite in a temporary folder;
 * - PostgreSQL: a new database when the role may CREATE DATABASE, otherwise a new schema (reached
 *   through search_path) in the given database. Nothing else in that server is read or changed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import {
  MIGRATIONS_DIR,
  migrate,
  openDatabase,
  type Database,
} from '../apps/server/src/platform/db/client.js';
import { loadConfig, type Config } from '../apps/server/src/config.js';
import type { BenchTarget } from './run.js';

export interface BenchDatabase {
  database: Database;
  config: Config;
  /** Connection string of the benchmark's own database or schema (PostgreSQL only). */
  url: string | undefined;
  how: 'pglite' | 'database' | 'schema';
  close(): Promise<void>;
}

async function admin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** The migrations, in order, with their `public` schema references pointed at `schema`. */
async function migrateIntoSchema(url: string, schema: string): Promise<void> {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  await admin(url, async (c) => {
    for (const { tag } of journal.entries) {
      const text = fs.readFileSync(path.join(MIGRATIONS_DIR, `${tag}.sql`), 'utf8');
      for (const stmt of text.split('--> statement-breakpoint')) {
        if (stmt.trim()) await c.query(stmt.replaceAll('"public".', `"${schema}".`));
      }
    }
  });
}

export async function benchDatabase(target: BenchTarget, name: string): Promise<BenchDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `jinglin-bench-${name}-`));
  const removeDir = () => fs.rmSync(dataDir, { recursive: true, force: true });
  const settings = { JINGLIN_DATA_DIR: dataDir, JINGLIN_LOG_LEVEL: 'silent', JINGLIN_DEMO: '0' };
  if (!target.url) {
    const database = await openDatabase({ pgliteDir: path.join(dataDir, 'pgdata') });
    await migrate(database);
    return {
      database,
      config: loadConfig(settings),
      url: undefined,
      how: 'pglite',
      close: async () => {
        await database.close();
        removeDir();
      },
    };
  }
  const base = target.url;
  const own = `jinglin_bench_${name}_${process.pid}`;
  const u = new URL(base);
  let how: 'database' | 'schema' = 'database';
  try {
    await admin(base, (c) => c.query(`CREATE DATABASE ${own}`));
    u.pathname = `/${own}`;
  } catch (err) {
    if ((err as { code?: string }).code !== '42501') throw err; // only "not allowed" falls back
    how = 'schema';
    await admin(base, (c) => c.query(`CREATE SCHEMA ${own}`));
    u.searchParams.set('options', `-c search_path=${own},public`);
  }
  const url = u.toString();
  const drop = () =>
    admin(base, (c) =>
      c.query(
        how === 'database'
          ? `DROP DATABASE IF EXISTS ${own} WITH (FORCE)`
          : `DROP SCHEMA IF EXISTS ${own} CASCADE`,
      ),
    );
  let database: Database | undefined;
  try {
    if (how === 'schema') await migrateIntoSchema(url, own);
    database = await openDatabase({ databaseUrl: url });
    if (how === 'database') await migrate(database);
  } catch (err) {
    await database?.close();
    await drop();
    removeDir();
    throw err;
  }
  const db = database;
  return {
    database: db,
    config: loadConfig({ ...settings, DATABASE_URL: url }),
    url,
    how,
    close: async () => {
      await db.close();
      await drop();
      removeDir();
    },
  };
}
