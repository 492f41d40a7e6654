/**
 * Re-encrypts every encrypted column with the active key (and mode), in batches, so old keys can be
 * retired. Blind indexes are unchanged (their key is stable). Idempotent and resumable: rows already
 * under the active key are skipped.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { resultRows } from '../db/client.js';
import type { FieldCrypto } from './field-crypto.js';

/** Every encrypted column in the schema. A module that adds one adds it here (a test checks). */
export const ENCRYPTED_COLUMNS: { table: string; key: string[]; columns: string[] }[] = [
  { table: 'users', key: ['id'], columns: ['phone_enc', 'totp_secret_enc'] },
  { table: 'notifications', key: ['id'], columns: ['address_enc'] },
  { table: 'persons', key: ['id'], columns: ['id_number_enc', 'phone_enc', 'address_enc'] },
  { table: 'certificates', key: ['id'], columns: ['number_enc'] },
  { table: 'guardians', key: ['id'], columns: ['phone_enc'] },
  { table: 'households', key: ['id'], columns: ['address_enc'] },
  {
    table: 'person_import_staging',
    key: ['job_id', 'row_no'],
    columns: ['id_number_enc', 'phone_enc', 'address_enc', 'cert_number_enc'],
  },
  { table: 'person_import_errors', key: ['job_id', 'row_no'], columns: ['cells_enc'] },
  { table: 'benefit_payees', key: ['person_id'], columns: ['account_ref_enc'] },
  { table: 'devices', key: ['id'], columns: ['sim_phone_enc'] },
  { table: 'care_volunteers', key: ['id'], columns: ['phone_enc', 'id_number_enc'] },
];

export async function rotateAll(
  database: Database,
  crypto: FieldCrypto,
  onProgress: (table: string, done: number) => void = () => undefined,
): Promise<{ rows: number; values: number }> {
  let rows = 0;
  let values = 0;
  for (const { table, key, columns } of ENCRYPTED_COLUMNS) {
    const t = sql.raw(`"${table}"`);
    const keyList = sql.raw(key.map((k) => `"${k}"`).join(', '));
    const keyOf = (row: Record<string, unknown>) =>
      sql.join(
        key.map((k) => sql`${row[k] as string}`),
        sql`, `,
      );
    let last: Record<string, unknown> | null = null;
    let done = 0;
    for (;;) {
      const after: SQL = last ? sql`WHERE (${keyList}) > (${keyOf(last)})` : sql``;
      const batch: Record<string, unknown>[] = resultRows<Record<string, unknown>>(
        await database.db.execute(
          sql`SELECT ${keyList}, ${sql.raw(columns.map((c) => `"${c}"`).join(', '))} FROM ${t}
              ${after} ORDER BY ${keyList} LIMIT 500`,
        ),
      );
      if (!batch.length) break;
      await database.db.transaction(async (tx) => {
        for (const row of batch) {
          const sets = [];
          for (const c of columns) {
            const v = row[c];
            if (v === null || v === undefined) continue;
            const blob = Buffer.from(v as Uint8Array);
            if (crypto.isCurrent(blob)) continue;
            sets.push(sql`${sql.raw(`"${c}"`)} = ${crypto.encrypt(crypto.decrypt(blob))}`);
            values++;
          }
          if (sets.length) {
            await tx.execute(
              sql`UPDATE ${t} SET ${sql.join(sets, sql`, `)} WHERE (${keyList}) = (${keyOf(row)})`,
            );
            rows++;
          }
        }
      });
      last = batch[batch.length - 1]!;
      done += batch.length;
      onProgress(table, done);
    }
  }
  return { rows, values };
}
