/**
 * Re-encrypts every encrypted column with the active key (and mode), in batches, so old keys can be
 * retired. Blind indexes are unchanged (their key is stable). Idempotent and resumable: rows already
 * under the active key are skipped.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { resultRows } from '../db/client.js';
import type { FieldCrypto } from './field-crypto.js';

/** Every encrypted column in the schema. A module that adds one adds it here (a test checks). */
export const ENCRYPTED_COLUMNS: { table: string; id: string; columns: string[] }[] = [
  { table: 'users', id: 'id', columns: ['phone_enc', 'totp_secret_enc'] },
  { table: 'notifications', id: 'id', columns: ['address_enc'] },
  { table: 'persons', id: 'id', columns: ['id_number_enc', 'phone_enc', 'address_enc'] },
  { table: 'certificates', id: 'id', columns: ['number_enc'] },
  { table: 'guardians', id: 'id', columns: ['phone_enc'] },
  { table: 'households', id: 'id', columns: ['address_enc'] },
];

export async function rotateAll(
  database: Database,
  crypto: FieldCrypto,
  onProgress: (table: string, done: number) => void = () => undefined,
): Promise<{ rows: number; values: number }> {
  let rows = 0;
  let values = 0;
  for (const { table, id, columns } of ENCRYPTED_COLUMNS) {
    const t = sql.raw(`"${table}"`);
    const idCol = sql.raw(`"${id}"`);
    let last = '00000000-0000-0000-0000-000000000000';
    let done = 0;
    for (;;) {
      const batch = resultRows<Record<string, unknown>>(
        await database.db.execute(
          sql`SELECT ${idCol} AS id, ${sql.raw(columns.map((c) => `"${c}"`).join(', '))} FROM ${t}
              WHERE ${idCol} > ${last} ORDER BY ${idCol} LIMIT 500`,
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
              sql`UPDATE ${t} SET ${sql.join(sets, sql`, `)} WHERE ${idCol} = ${row.id as string}`,
            );
            rows++;
          }
        }
      });
      last = batch[batch.length - 1]!.id as string;
      done += batch.length;
      onProgress(table, done);
    }
  }
  return { rows, values };
}
