/**
 * Who hears about a case: the resident and guardian accounts linked to the person (the outcome),
 * the owner (assigned), street and district officers (escalation). Messages go through the
 * notifier's outbox in the caller's transaction; payloads carry ids, the reference and the
 * resident's outcome text — never names, ID numbers or phones.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Platform } from '../../../platform/platform.js';
import { resultRows, type Tx } from '../../../platform/db/client.js';
import { users } from '../../../platform/db/schema.js';

/**
 * Resident and guardian accounts linked to the person: the resident by the phone registered on the
 * person, guardians by their account or phone on the person's guardian record (the same link the
 * portal uses to show a person to an account).
 */
export async function linkedAccounts(tx: Tx, personId: string) {
  const res = await tx.execute(sql`
    WITH ps AS (SELECT id, phone_bidx FROM persons WHERE id = ${personId})
    SELECT DISTINCT u.id, u.phone_enc FROM ps JOIN users u ON NOT u.disabled AND (
      ('resident' = ANY(u.roles) AND ps.phone_bidx IS NOT NULL AND u.phone_bidx = ps.phone_bidx)
      OR ('guardian' = ANY(u.roles) AND EXISTS (SELECT 1 FROM guardians g WHERE g.person_id = ps.id
        AND (g.user_id = u.id OR (u.phone_bidx IS NOT NULL AND g.phone_bidx = u.phone_bidx)))))`);
  return resultRows<{ id: string; phone_enc: Buffer | Uint8Array | null }>(res);
}

/** Tells every linked account the outcome; returns how many accounts were told. */
export async function notifyOutcome(
  p: Platform,
  tx: Tx,
  need: { id: string; ref: string; personId: string; resolution: string },
): Promise<number> {
  const accounts = await linkedAccounts(tx, need.personId);
  const text = `您的诉求（编号 ${need.ref}）已处理完毕。处理结果：${need.resolution}`;
  for (const u of accounts) {
    await p.notifier.enqueue(tx, {
      userId: u.id,
      address: u.phone_enc ? p.crypto.decrypt(Buffer.from(u.phone_enc)) : null,
      template: 'care.need.resolved',
      payload: { needId: need.id, ref: need.ref, text },
    });
  }
  return accounts.length;
}

export async function notifyAssigned(
  p: Platform,
  tx: Tx,
  ownerUserId: string,
  need: { id: string; ref: string; urgency: string; dueAt: Date },
): Promise<void> {
  await p.notifier.enqueue(tx, {
    userId: ownerUserId,
    address: null,
    template: 'care.need.assigned',
    payload: { needId: need.id, ref: need.ref, urgency: need.urgency, dueAt: need.dueAt.toISOString() },
  });
}

/** Level 1: the owner and the street officers of the person's street; level 2: district officers. */
export async function escalationRecipients(
  tx: Tx,
  level: number,
  need: { ownerUserId: string | null; streetCode: string },
): Promise<string[]> {
  const rows =
    level === 1
      ? await tx
          .select({ id: users.id })
          .from(users)
          .where(
            and(
              eq(users.disabled, false),
              eq(users.streetCode, need.streetCode),
              sql`'street_officer' = ANY(${users.roles})`,
            ),
          )
      : await tx
          .select({ id: users.id })
          .from(users)
          .where(and(eq(users.disabled, false), sql`'district_officer' = ANY(${users.roles})`));
  const ids = rows.map((r) => r.id);
  if (level === 1 && need.ownerUserId) ids.unshift(need.ownerUserId);
  return [...new Set(ids)];
}
