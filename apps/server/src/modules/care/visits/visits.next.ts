/**
 * A pairing's next visit by its plan: the start date until a visit is done, then the latest done
 * visit's Shanghai date plus the plan's step (weeks, or calendar months kept to the month end);
 * none once the pairing has ended.
 */
import { and, eq, max } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/client.js';
import { carePairings } from '../care.tables.js';
import { addStep, shanghaiDate } from './visits.dates.js';
import { careVisits } from './visits.tables.js';

type PairingPlan = Pick<typeof carePairings.$inferSelect, 'state' | 'startOn' | 'visitEvery' | 'visitUnit'>;

export function nextVisitOf(p: PairingPlan, lastVisitedAt: Date | null): string | null {
  if (p.state !== 'active') return null;
  if (!lastVisitedAt) return p.startOn;
  return addStep(shanghaiDate(lastVisitedAt), p.visitEvery, p.visitUnit);
}

/** Recompute and store a pairing's next visit date (inside the caller's transaction). */
export async function recomputeNextVisit(tx: Tx, pairingId: string): Promise<string | null> {
  const [p] = await tx.select().from(carePairings).where(eq(carePairings.id, pairingId));
  if (!p) return null;
  const [last] = await tx
    .select({ at: max(careVisits.visitedAt) })
    .from(careVisits)
    .where(and(eq(careVisits.pairingId, pairingId), eq(careVisits.state, 'done')));
  const next = nextVisitOf(p, last?.at ? new Date(last.at) : null);
  if (next !== p.nextVisitOn)
    await tx.update(carePairings).set({ nextVisitOn: next }).where(eq(carePairings.id, pairingId));
  return next;
}
