/**
 * The persons a signed-in resident or guardian account acts for: the resident by the phone
 * registered on the person, a guardian by their account or phone on the person's guardian record
 * (the link "my benefits" and "my needs" use).
 */
import { sql } from 'drizzle-orm';
import { resultRows, type Tx } from '../../platform/db/client.js';

export interface PortalPerson {
  id: string;
  name: string;
  /** The account is the person's own (a resident), not a guardian's. */
  self: boolean;
}

export async function personsOfAccount(tx: Tx, userId: string | null): Promise<PortalPerson[]> {
  if (!userId) return [];
  return resultRows<PortalPerson>(
    await tx.execute(sql`
      WITH u AS (SELECT id, phone_bidx, roles FROM users WHERE id = ${userId} AND NOT disabled)
      SELECT p.id, p.name, true AS self FROM persons p, u
        WHERE 'resident' = ANY(u.roles) AND u.phone_bidx IS NOT NULL AND p.phone_bidx = u.phone_bidx
          AND p.merged_into IS NULL
      UNION
      SELECT p.id, p.name, false AS self FROM persons p JOIN guardians g ON g.person_id = p.id, u
        WHERE 'guardian' = ANY(u.roles) AND (g.user_id = u.id OR (u.phone_bidx IS NOT NULL AND g.phone_bidx = u.phone_bidx))
          AND p.merged_into IS NULL
      ORDER BY self DESC, name`),
  );
}
