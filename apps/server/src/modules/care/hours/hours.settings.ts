/**
 * Care settings: the issuer of proofs (出具单位: name, person in charge, handler, contact) in the
 * platform `settings` table under `care.issuer`, with a version for If-Match; and the yearly
 * certificate-number counters (`care.proof_seq.<year>`), taken by one atomic upsert so two proofs
 * issued at once never share a number.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { IssuerSettings } from '@jinglin/shared';
import type { Tx } from '../../../platform/db/client.js';
import { settings } from '../../../platform/db/schema.js';
import { AppError } from '../../../platform/errors.js';

export const ISSUER_KEY = 'care.issuer';
export const DEFAULT_ISSUER: z.infer<typeof IssuerSettings> = {
  name: '上海市静安区残疾人联合会',
  personInCharge: '',
  handler: '',
  contact: '',
};

export async function loadIssuer(tx: Tx) {
  const [row] = await tx.select().from(settings).where(eq(settings.key, ISSUER_KEY));
  const parsed = IssuerSettings.safeParse({ ...DEFAULT_ISSUER, ...((row?.value as object) ?? {}) });
  return { ...(parsed.success ? parsed.data : DEFAULT_ISSUER), version: row?.version ?? 0 };
}

/** Saves the issuer if the version read is still current (0: never saved). */
export async function saveIssuer(tx: Tx, version: number, value: z.infer<typeof IssuerSettings>) {
  if (version === 0) {
    const rows = await tx
      .insert(settings)
      .values({ key: ISSUER_KEY, value, version: 1 })
      .onConflictDoNothing()
      .returning({ key: settings.key });
    if (!rows.length) throw new AppError('version_mismatch');
  } else {
    const rows = await tx
      .update(settings)
      .set({ value, version: version + 1, updatedAt: new Date() })
      .where(and(eq(settings.key, ISSUER_KEY), eq(settings.version, version)))
      .returning({ key: settings.key });
    if (!rows.length) throw new AppError('version_mismatch');
  }
  return loadIssuer(tx);
}

/** The next certificate number of a year: `JLZM-2026-000001`, … (row-locked upsert: no duplicates). */
export async function nextCertificateNo(tx: Tx, year: number): Promise<string> {
  const [row] = await tx
    .insert(settings)
    .values({ key: `care.proof_seq.${year}`, value: { n: 1 } })
    .onConflictDoUpdate({
      target: settings.key,
      set: {
        value: sql`jsonb_build_object('n', (${settings.value}->>'n')::int + 1)`,
        updatedAt: new Date(),
      },
    })
    .returning({ value: settings.value });
  const n = (row!.value as { n: number }).n;
  return `JLZM-${year}-${String(n).padStart(6, '0')}`;
}
