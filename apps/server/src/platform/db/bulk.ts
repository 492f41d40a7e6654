/**
 * Many rows in one statement, for bulk loads (seeding, imports). The rows travel as a single JSON
 * parameter expanded by `json_populate_recordset`, so a statement of thousands of rows costs one
 * round trip, one parse and no per-value parameter building (drizzle's `.values([...])` spends
 * most of its time there at this size). Values go through each column's own driver mapping.
 */
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from './client.js';

function jsonValue(column: { getSQLType(): string; mapToDriverValue(v: unknown): unknown }, v: unknown) {
  if (v === null) return null;
  const type = column.getSQLType();
  if (type === 'jsonb' || type === 'json') return v;
  const d = column.mapToDriverValue(v);
  if (d instanceof Uint8Array) return `\\x${Buffer.from(d).toString('hex')}`;
  return d instanceof Date ? d.toISOString() : d;
}

/**
 * The statement inserting `rows` into `table` (none for no rows). The columns are those any row
 * sets; a row that leaves out a column another row sets gets NULL there, and columns no row sets
 * take their defaults.
 */
export function insertRowsSql<T extends PgTable>(table: T, rows: T['$inferInsert'][]): SQL | undefined {
  if (!rows.length) return undefined;
  const columns = Object.entries(getTableColumns(table)).filter(([key]) =>
    rows.some((r) => (r as Record<string, unknown>)[key] !== undefined),
  );
  const payload = rows.map((r) => {
    const o: Record<string, unknown> = {};
    for (const [key, col] of columns) {
      const v = (r as Record<string, unknown>)[key];
      if (v !== undefined) o[col.name] = jsonValue(col, v);
    }
    return o;
  });
  const names: SQL = sql.join(
    columns.map(([, c]) => sql.identifier(c.name)),
    sql`, `,
  );
  return sql`INSERT INTO ${table} (${names}) SELECT ${names} FROM json_populate_recordset(NULL::${table}, ${JSON.stringify(payload)}::json)`;
}

export async function insertMany<T extends PgTable>(
  tx: Tx,
  table: T,
  rows: T['$inferInsert'][],
): Promise<void> {
  const q = insertRowsSql(table, rows);
  if (q) await tx.execute(q);
}

/**
 * Several inserts (from insertRowsSql) as one statement, through data-modifying WITH clauses.
 * Foreign keys are checked at the end of the statement, so parents and their children can travel
 * together; one statement also lets the database work while the caller builds the next one.
 */
export async function insertAll(tx: Tx, inserts: (SQL | undefined)[]): Promise<void> {
  const qs = inserts.filter((q): q is SQL => q !== undefined);
  const last = qs.pop();
  if (!last) return;
  if (!qs.length) {
    await tx.execute(last);
    return;
  }
  const withs = sql.join(
    qs.map((q, i) => sql`${sql.identifier(`insert_${i}`)} AS (${q})`),
    sql`, `,
  );
  await tx.execute(sql`WITH ${withs} ${last}`);
}
