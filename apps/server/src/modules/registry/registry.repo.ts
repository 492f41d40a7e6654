/** SQL of the registry (its search: search.repo.ts). Every read that lists or finds persons applies the caller's data scope. */
import { and, asc, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.js';
import type { DataScope } from '../../platform/access/actor.js';
import { inScope } from '../../platform/access/scope.js';
import { certificates, guardians, households, personHistory, persons } from './registry.tables.js';

export type PersonRow = typeof persons.$inferSelect;
export type CertificateRow = typeof certificates.$inferSelect;
export type GuardianRow = typeof guardians.$inferSelect;

export const personScope = (scope: DataScope): SQL =>
  inScope(scope, { street: persons.streetCode, community: persons.communityId });

export async function findPerson(tx: Tx, scope: DataScope, id: string): Promise<PersonRow | undefined> {
  const [p] = await tx
    .select()
    .from(persons)
    .where(and(eq(persons.id, id), personScope(scope)));
  return p;
}

/** Any person with this ID number (blind index), whatever the caller's scope: for duplicate checks. */
export async function findByIdIndex(tx: Tx, bidx: string): Promise<PersonRow | undefined> {
  const [p] = await tx
    .select()
    .from(persons)
    .where(and(eq(persons.idNumberBidx, bidx), isNull(persons.mergedInto)));
  return p;
}

export async function findSimilar(
  tx: Tx,
  name: string,
  birthDate: string,
  excludeId?: string,
): Promise<PersonRow[]> {
  return tx
    .select()
    .from(persons)
    .where(
      and(
        eq(persons.birthDate, birthDate),
        isNull(persons.mergedInto),
        sql`(${persons.name} = ${name} OR similarity(${persons.name}, ${name}) >= 0.4)`,
        excludeId ? sql`${persons.id} <> ${excludeId}` : undefined,
      ),
    )
    .limit(20);
}

export async function insertPerson(tx: Tx, row: typeof persons.$inferInsert): Promise<void> {
  await tx.insert(persons).values(row);
}

export async function updatePersonVersioned(
  tx: Tx,
  id: string,
  version: number,
  set: Partial<typeof persons.$inferInsert>,
): Promise<PersonRow | undefined> {
  const [p] = await tx
    .update(persons)
    .set({ ...set, version: version + 1, updatedAt: new Date() })
    .where(and(eq(persons.id, id), eq(persons.version, version)))
    .returning();
  return p;
}

export async function activeCertificates(tx: Tx, personIds: string[]): Promise<CertificateRow[]> {
  if (!personIds.length) return [];
  return tx
    .select()
    .from(certificates)
    .where(and(inArray(certificates.personId, personIds), eq(certificates.status, 'active')));
}

export async function certificatesOf(tx: Tx, personIds: string[]): Promise<CertificateRow[]> {
  if (!personIds.length) return [];
  return tx
    .select()
    .from(certificates)
    .where(inArray(certificates.personId, personIds))
    .orderBy(desc(certificates.createdAt));
}

export async function insertCertificate(tx: Tx, row: typeof certificates.$inferInsert): Promise<void> {
  await tx.insert(certificates).values(row);
}

export async function supersedeCertificates(tx: Tx, personId: string): Promise<void> {
  await tx
    .update(certificates)
    .set({ status: 'superseded' })
    .where(and(eq(certificates.personId, personId), eq(certificates.status, 'active')));
}

export async function moveCertificates(
  tx: Tx,
  fromId: string,
  toId: string,
  keepActive: boolean,
): Promise<void> {
  if (!keepActive) await supersedeCertificates(tx, fromId);
  await tx.update(certificates).set({ personId: toId }).where(eq(certificates.personId, fromId));
}

export async function guardiansOf(tx: Tx, personId: string): Promise<GuardianRow[]> {
  return tx
    .select()
    .from(guardians)
    .where(eq(guardians.personId, personId))
    .orderBy(desc(guardians.isPrimary), asc(guardians.createdAt));
}

export async function insertGuardian(tx: Tx, row: typeof guardians.$inferInsert): Promise<void> {
  await tx.insert(guardians).values(row);
}

export async function deleteGuardian(tx: Tx, personId: string, id: string): Promise<boolean> {
  const r = await tx
    .delete(guardians)
    .where(and(eq(guardians.id, id), eq(guardians.personId, personId)))
    .returning({ id: guardians.id });
  return r.length > 0;
}

export async function moveGuardians(tx: Tx, fromId: string, toId: string): Promise<void> {
  await tx.update(guardians).set({ personId: toId }).where(eq(guardians.personId, fromId));
}

export async function insertHistory(tx: Tx, row: typeof personHistory.$inferInsert): Promise<void> {
  await tx.insert(personHistory).values(row);
}

/** A person's history, including that of records merged into it. */
export async function historyOf(tx: Tx, personId: string) {
  return tx
    .select()
    .from(personHistory)
    .where(
      or(
        eq(personHistory.personId, personId),
        sql`${personHistory.personId} IN (SELECT ${persons.id} FROM ${persons} WHERE ${persons.mergedInto} = ${personId})`,
      ),
    )
    .orderBy(desc(personHistory.at))
    .limit(500);
}

export async function insertHousehold(tx: Tx, row: typeof households.$inferInsert): Promise<void> {
  await tx.insert(households).values(row);
}

export async function findHousehold(tx: Tx, id: string) {
  const [h] = await tx.select().from(households).where(eq(households.id, id));
  return h;
}

export async function householdMembers(tx: Tx, scope: DataScope, householdId: string): Promise<PersonRow[]> {
  return tx
    .select()
    .from(persons)
    .where(and(eq(persons.householdId, householdId), isNull(persons.mergedInto), personScope(scope)))
    .orderBy(asc(persons.birthDate));
}

/** The in-scope members of these households (for a list of households). */
export async function membersOfHouseholds(tx: Tx, scope: DataScope, ids: string[]): Promise<PersonRow[]> {
  if (!ids.length) return [];
  return tx
    .select()
    .from(persons)
    .where(and(inArray(persons.householdId, ids), isNull(persons.mergedInto), personScope(scope)))
    .orderBy(asc(persons.birthDate));
}
