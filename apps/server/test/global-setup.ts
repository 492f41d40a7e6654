/**
 * Builds the migrated golden image once per run: a PGlite data-folder tarball (embedded runs) or a
 * template database (when TEST_DATABASE_URL points at PostgreSQL). Each test file then starts from
 * its own copy (see test/harness.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { migrate, openDatabase } from '../src/platform/db/client.js';

export const GOLDEN_DIR = path.join(os.tmpdir(), `jinglin-golden-${process.pid}`);

export default async function setup({ provide }: { provide: (k: string, v: string) => void }) {
  const url = process.env.TEST_DATABASE_URL;
  fs.mkdirSync(GOLDEN_DIR, { recursive: true });
  if (url) {
    const template = `jinglin_golden_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${template}`);
    await admin.query(`CREATE DATABASE ${template}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${template}`;
    const db = await openDatabase({ databaseUrl: u.toString(), poolSize: 2 });
    await migrate(db);
    await db.close();
    provide('pgTemplate', template);
    provide('goldenTar', '');
    return async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      const rows = await c.query(
        `SELECT datname FROM pg_database WHERE datname LIKE 'jt_${process.pid}_%' OR datname = '${template}'`,
      );
      for (const r of rows.rows) await c.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
      await c.end();
    };
  }
  const db = await openDatabase({ pgliteDir: 'memory://' });
  await migrate(db);
  const client = (db.db as unknown as { $client: { dumpDataDir(c?: string): Promise<Blob> } }).$client;
  const tar = await client.dumpDataDir('none');
  const file = path.join(GOLDEN_DIR, 'golden.tar');
  fs.writeFileSync(file, Buffer.from(await tar.arrayBuffer()));
  await db.close();
  provide('pgTemplate', '');
  provide('goldenTar', file);
  return () => fs.rmSync(GOLDEN_DIR, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgTemplate: string;
    goldenTar: string;
  }
}
