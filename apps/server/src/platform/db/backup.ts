/**
 * Backup and restore of every application table, on both drivers, in one portable format:
 * gzip'd JSON lines — a header (format, migrations applied, tables), then one line per row
 * (`{"t": table, "r": row-as-jsonb}`). The backup reads one consistent snapshot (REPEATABLE READ)
 * through a cursor, so memory stays flat. Restore rebuilds the schema from the migrations, then
 * loads tables parents-first with `jsonb_populate_recordset`, so every column type round-trips.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { sql } from 'drizzle-orm';
import { appTables, migrate, resultRows, type Database, type Tx } from './client.js';

export const BACKUP_FORMAT = 'jinglin-backup/1';

interface Header {
  format: string;
  createdAt: string;
  database: string;
  migrations: string[];
  tables: string[];
}

async function appliedMigrations(tx: Tx): Promise<string[]> {
  const rows = resultRows<{ hash: string }>(
    await tx.execute(sql`SELECT hash FROM drizzle.__drizzle_migrations ORDER BY id`),
  );
  return rows.map((r) => r.hash);
}

/** Tables ordered so that every table comes after the tables its foreign keys point to. */
async function parentsFirst(database: Database, tables: string[]): Promise<string[]> {
  const edges = await database.rows<{ child: string; parent: string }>(sql`
    SELECT c.relname AS child, p.relname AS parent
    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE k.contype = 'f' AND n.nspname = 'public'`);
  const deps = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const e of edges) if (e.child !== e.parent) deps.get(e.child)?.add(e.parent);
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (t: string) => {
    if (seen.has(t)) return;
    seen.add(t);
    for (const p of deps.get(t) ?? []) visit(p);
    out.push(t);
  };
  for (const t of tables) visit(t);
  return out;
}

/** Single-column foreign keys from a table to itself: the column and the key it points at. */
async function selfReferences(tx: Tx): Promise<Map<string, { column: string; key: string }>> {
  const rows = resultRows<{ tbl: string; col: string; ref: string }>(
    await tx.execute(sql`
      SELECT c.relname AS tbl, a.attname AS col, r.attname AS ref
      FROM pg_constraint k
      JOIN pg_class c ON c.oid = k.conrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
      JOIN pg_attribute r ON r.attrelid = k.confrelid AND r.attnum = k.confkey[1]
      WHERE k.contype = 'f' AND n.nspname = 'public' AND k.conrelid = k.confrelid
        AND array_length(k.conkey, 1) = 1`),
  );
  return new Map(rows.map((x) => [x.tbl, { column: x.col, key: x.ref }]));
}

const ident = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unexpected table name ${name}`);
  return sql.raw(`"${name}"`);
};

export async function backup(database: Database, file: string): Promise<{ tables: number; rows: number }> {
  const tables = await parentsFirst(database, await appTables(database));
  const gz = zlib.createGzip();
  const outStream = fs.createWriteStream(file, { mode: 0o600 });
  gz.pipe(outStream);
  const write = (line: string) =>
    new Promise<void>((resolve) => (gz.write(line + '\n') ? resolve() : gz.once('drain', resolve)));
  let rows = 0;
  await database.db.transaction(
    async (tx) => {
      const header: Header = {
        format: BACKUP_FORMAT,
        createdAt: new Date().toISOString(),
        database: database.kind,
        migrations: await appliedMigrations(tx),
        tables,
      };
      await write(JSON.stringify(header));
      const selfRefs = await selfReferences(tx);
      for (const table of tables) {
        const self = selfRefs.get(table);
        // A table that points at itself (care_organisations.parent_id, persons.merged_into) is
        // written parents first, so that restoring it in batches never inserts a child before
        // its parent (a re-parented organisation may point at a newer row).
        await tx.execute(
          self
            ? sql`DECLARE backup_cur NO SCROLL CURSOR FOR
                WITH RECURSIVE d AS (
                  SELECT ${ident(self.key)} AS k, 0 AS depth FROM ${ident(table)} WHERE ${ident(self.column)} IS NULL
                  UNION ALL
                  SELECT c.${ident(self.key)}, d.depth + 1 FROM ${ident(table)} c JOIN d ON c.${ident(self.column)} = d.k
                )
                SELECT to_jsonb(x) AS r FROM ${ident(table)} x LEFT JOIN d ON d.k = x.${ident(self.key)}
                ORDER BY d.depth NULLS LAST`
            : sql`DECLARE backup_cur NO SCROLL CURSOR FOR SELECT to_jsonb(x) AS r FROM ${ident(table)} x`,
        );
        for (;;) {
          const batch = resultRows<{ r: unknown }>(await tx.execute(sql`FETCH 1000 FROM backup_cur`));
          for (const b of batch) await write(JSON.stringify({ t: table, r: b.r }));
          rows += batch.length;
          if (batch.length < 1000) break;
        }
        await tx.execute(sql`CLOSE backup_cur`);
      }
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  gz.end();
  await new Promise<void>((resolve, reject) => {
    outStream.on('finish', resolve);
    outStream.on('error', reject);
  });
  return { tables: tables.length, rows };
}

/** True when the database holds application data (any user). */
export async function hasData(database: Database): Promise<boolean> {
  const r = await database
    .rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM users`)
    .catch(() => [{ n: 0 }]);
  return (r[0]?.n ?? 0) > 0;
}

export async function restore(database: Database, file: string): Promise<{ tables: number; rows: number }> {
  const lines = readline.createInterface({
    input: fs.createReadStream(file).pipe(zlib.createGunzip()),
    crlfDelay: Infinity,
  });
  const it = lines[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) throw new Error('the backup file is empty');
  const header = JSON.parse(first.value) as Header;
  if (header.format !== BACKUP_FORMAT) throw new Error(`not a Jinglin backup (format ${header.format})`);

  // Rebuild the schema from the migrations, then check they match the backup's.
  await database.exec(
    'DROP SCHEMA IF EXISTS drizzle CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public;',
  );
  await migrate(database);
  const applied = await appliedMigrations(database.db);
  if (applied.length < header.migrations.length || header.migrations.some((h, i) => applied[i] !== h))
    throw new Error('the backup was made by a newer or different version of Jinglin');

  let rows = 0;
  await database.db.transaction(async (tx) => {
    // Rows the migrations seeded are replaced by the backup's.
    for (const table of [...header.tables].reverse()) {
      if (table === 'audit_log') continue; // empty after migrate, and guarded
      await tx.execute(sql`DELETE FROM ${ident(table)}`);
    }
    let batch: unknown[] = [];
    let current = '';
    const flush = async () => {
      if (!batch.length) return;
      await tx.execute(
        sql`INSERT INTO ${ident(current)} SELECT * FROM jsonb_populate_recordset(NULL::${ident(current)}, ${JSON.stringify(batch)}::jsonb)`,
      );
      rows += batch.length;
      batch = [];
    };
    for (let next = await it.next(); !next.done; next = await it.next()) {
      if (!next.value) continue;
      const { t, r } = JSON.parse(next.value) as { t: string; r: unknown };
      if (!header.tables.includes(t)) throw new Error(`unexpected table ${t} in backup`);
      if (t !== current) {
        await flush();
        current = t;
      }
      batch.push(r);
      if (batch.length >= 1000) await flush();
    }
    await flush();
    // Serial columns continue after the restored rows.
    const serials = resultRows<{ tbl: string; col: string; seq: string }>(
      await tx.execute(sql`
        SELECT c.table_name AS tbl, c.column_name AS col, pg_get_serial_sequence(c.table_name, c.column_name) AS seq
        FROM information_schema.columns c
        WHERE c.table_schema = 'public' AND c.column_default LIKE 'nextval(%'`),
    );
    for (const s of serials) {
      await tx.execute(
        sql`SELECT setval(${s.seq}, coalesce((SELECT max(${ident(s.col)}) FROM ${ident(s.tbl)}), 0) + 1, false)`,
      );
    }
  });
  return { tables: header.tables.length, rows };
}
