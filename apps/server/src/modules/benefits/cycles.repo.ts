/** Cycles and their entitlements. Every entitlement read is limited to the caller's scope. */
import { and, desc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import type { DataScope } from '../../platform/access/actor.js';
import { inScope } from '../../platform/access/scope.js';
import { resultRows, type Tx } from '../../platform/db/client.js';
import { persons } from '../registry/registry.tables.js';
import { benefitCycles, benefitEntitlements, benefitPrograms } from './benefits.tables.js';

export type CycleRow = typeof benefitCycles.$inferSelect;
export type EntitlementRow = typeof benefitEntitlements.$inferSelect;

export const entitlementInScope = (scope: DataScope) =>
  inScope(scope, { street: benefitEntitlements.streetCode });

export async function findCycle(tx: Tx, id: string): Promise<CycleRow | undefined> {
  const [row] = await tx.select().from(benefitCycles).where(eq(benefitCycles.id, id));
  return row;
}

export async function findCycleFor(tx: Tx, programId: string, period: string): Promise<CycleRow | undefined> {
  const [row] = await tx
    .select()
    .from(benefitCycles)
    .where(and(eq(benefitCycles.programId, programId), eq(benefitCycles.period, period)));
  return row;
}

export async function listCycles(tx: Tx, programId: string | undefined, limit: number): Promise<CycleRow[]> {
  return tx
    .select()
    .from(benefitCycles)
    .where(programId ? eq(benefitCycles.programId, programId) : sql`true`)
    .orderBy(desc(benefitCycles.period), desc(benefitCycles.createdAt))
    .limit(limit);
}

export async function insertCycle(tx: Tx, row: typeof benefitCycles.$inferInsert): Promise<CycleRow> {
  const [out] = await tx.insert(benefitCycles).values(row).returning();
  return out!;
}

export async function updateCycle(tx: Tx, id: string, set: Partial<typeof benefitCycles.$inferInsert>) {
  await tx.update(benefitCycles).set(set).where(eq(benefitCycles.id, id));
}

/** Entitlements by state for one cycle, inside the scope. */
export async function countsByState(
  tx: Tx,
  scope: DataScope,
  cycleId: string,
): Promise<Record<string, number>> {
  const rows = await tx
    .select({ state: benefitEntitlements.state, n: sql<number>`count(*)::int` })
    .from(benefitEntitlements)
    .where(and(eq(benefitEntitlements.cycleId, cycleId), entitlementInScope(scope)))
    .groupBy(benefitEntitlements.state);
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}

export interface EntitlementListRow extends EntitlementRow {
  personName: string;
  idNumberEnc: Buffer;
  programCode: string;
}

export async function listEntitlements(
  tx: Tx,
  scope: DataScope,
  filter: { cycleId?: string; state?: EntitlementRow['state']; streetCode?: string; after?: string },
  limit: number,
): Promise<EntitlementListRow[]> {
  const conds: SQL[] = [entitlementInScope(scope)];
  if (filter.cycleId) conds.push(eq(benefitEntitlements.cycleId, filter.cycleId));
  if (filter.state) conds.push(eq(benefitEntitlements.state, filter.state));
  if (filter.streetCode) conds.push(eq(benefitEntitlements.streetCode, filter.streetCode));
  if (filter.after) conds.push(gt(benefitEntitlements.id, filter.after));
  const rows = await tx
    .select({
      e: benefitEntitlements,
      personName: persons.name,
      idNumberEnc: persons.idNumberEnc,
      programCode: benefitPrograms.code,
    })
    .from(benefitEntitlements)
    .innerJoin(persons, eq(persons.id, benefitEntitlements.personId))
    .innerJoin(benefitPrograms, eq(benefitPrograms.id, benefitEntitlements.programId))
    .where(and(...conds))
    .orderBy(benefitEntitlements.id)
    .limit(limit);
  return rows.map((r) => ({
    ...r.e,
    personName: r.personName,
    idNumberEnc: r.idNumberEnc,
    programCode: r.programCode,
  }));
}

/**
 * Moves entitlements from one state to another in bulk (in scope, by ids or by street), optionally
 * refusing rows submitted by `notSubmittedBy` (four eyes). Returns the rows changed.
 */
export async function transition(
  tx: Tx,
  scope: DataScope,
  cycleId: string,
  from: EntitlementRow['state'][],
  set: Partial<typeof benefitEntitlements.$inferInsert>,
  filter: { ids?: string[] | undefined; streetCode?: string | undefined; notSubmittedBy?: string },
): Promise<EntitlementRow[]> {
  const conds: SQL[] = [
    eq(benefitEntitlements.cycleId, cycleId),
    inArray(benefitEntitlements.state, from),
    entitlementInScope(scope),
  ];
  if (filter.ids) conds.push(inArray(benefitEntitlements.id, filter.ids));
  if (filter.streetCode) conds.push(eq(benefitEntitlements.streetCode, filter.streetCode));
  if (filter.notSubmittedBy)
    conds.push(sql`${benefitEntitlements.submittedBy} IS DISTINCT FROM ${filter.notSubmittedBy}`);
  return tx
    .update(benefitEntitlements)
    .set({ ...set, version: sql`${benefitEntitlements.version} + 1` })
    .where(and(...conds))
    .returning();
}

/** How many of the selection the caller submitted themselves (refused by four eyes). */
export async function countOwnSubmissions(
  tx: Tx,
  scope: DataScope,
  cycleId: string,
  userId: string,
  filter: { ids?: string[] | undefined; streetCode?: string | undefined },
): Promise<number> {
  const conds: SQL[] = [
    eq(benefitEntitlements.cycleId, cycleId),
    eq(benefitEntitlements.state, 'pending_approval'),
    eq(benefitEntitlements.submittedBy, userId),
    entitlementInScope(scope),
  ];
  if (filter.ids) conds.push(inArray(benefitEntitlements.id, filter.ids));
  if (filter.streetCode) conds.push(eq(benefitEntitlements.streetCode, filter.streetCode));
  const [r] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(benefitEntitlements)
    .where(and(...conds));
  return Number(r?.n ?? 0);
}

export async function cycleTotals(tx: Tx, cycleId: string, previous: string | undefined) {
  const res = await tx.execute(sql`
    SELECT count(*)::int AS count, coalesce(sum(amount_fen), 0)::bigint AS amount,
      (SELECT count(*)::int FROM benefit_entitlements e WHERE e.cycle_id = ${cycleId}
         AND e.state NOT IN ('rejected', 'cancelled')
         AND NOT EXISTS (SELECT 1 FROM benefit_entitlements q WHERE q.cycle_id = ${previous ?? null}::uuid
           AND q.person_id = e.person_id AND q.state NOT IN ('rejected', 'cancelled'))) AS entered,
      (SELECT count(*)::int FROM benefit_entitlements q WHERE q.cycle_id = ${previous ?? null}::uuid
         AND q.state NOT IN ('rejected', 'cancelled')
         AND NOT EXISTS (SELECT 1 FROM benefit_entitlements e WHERE e.cycle_id = ${cycleId}
           AND e.person_id = q.person_id AND e.state NOT IN ('rejected', 'cancelled'))) AS left
    FROM benefit_entitlements WHERE cycle_id = ${cycleId} AND state NOT IN ('rejected', 'cancelled')`);
  const r = resultRows<{ count: number; amount: string | number; entered: number; left: number }>(res)[0]!;
  return {
    count: Number(r.count),
    amountFen: Number(r.amount),
    entered: Number(r.entered),
    left: Number(r.left),
  };
}
