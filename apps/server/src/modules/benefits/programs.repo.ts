/** Programmes and their rule versions. */
import { and, asc, desc, eq, lte, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.js';
import { benefitPrograms, benefitProgramVersions } from './benefits.tables.js';

export type ProgramRow = typeof benefitPrograms.$inferSelect;
export type VersionRow = typeof benefitProgramVersions.$inferSelect;

export async function listPrograms(tx: Tx, opts: { activeOnly?: boolean } = {}): Promise<ProgramRow[]> {
  return tx
    .select()
    .from(benefitPrograms)
    .where(opts.activeOnly ? eq(benefitPrograms.active, true) : sql`true`)
    .orderBy(asc(benefitPrograms.createdAt), asc(benefitPrograms.code));
}

export async function findProgram(tx: Tx, code: string): Promise<ProgramRow | undefined> {
  const [row] = await tx.select().from(benefitPrograms).where(eq(benefitPrograms.code, code));
  return row;
}

export async function findProgramById(tx: Tx, id: string): Promise<ProgramRow | undefined> {
  const [row] = await tx.select().from(benefitPrograms).where(eq(benefitPrograms.id, id));
  return row;
}

export async function insertProgram(tx: Tx, row: typeof benefitPrograms.$inferInsert): Promise<ProgramRow> {
  const [out] = await tx.insert(benefitPrograms).values(row).returning();
  return out!;
}

/** Optimistic update: undefined when the version moved on. */
export async function updateProgram(
  tx: Tx,
  id: string,
  version: number,
  set: Partial<typeof benefitPrograms.$inferInsert>,
): Promise<ProgramRow | undefined> {
  const [out] = await tx
    .update(benefitPrograms)
    .set({ ...set, version: version + 1 })
    .where(and(eq(benefitPrograms.id, id), eq(benefitPrograms.version, version)))
    .returning();
  return out;
}

export async function versionsOf(tx: Tx, programId: string): Promise<VersionRow[]> {
  return tx
    .select()
    .from(benefitProgramVersions)
    .where(eq(benefitProgramVersions.programId, programId))
    .orderBy(desc(benefitProgramVersions.versionNo));
}

export async function findVersion(tx: Tx, programId: string, id: string): Promise<VersionRow | undefined> {
  const [row] = await tx
    .select()
    .from(benefitProgramVersions)
    .where(and(eq(benefitProgramVersions.id, id), eq(benefitProgramVersions.programId, programId)));
  return row;
}

export async function findVersionById(tx: Tx, id: string): Promise<VersionRow | undefined> {
  const [row] = await tx.select().from(benefitProgramVersions).where(eq(benefitProgramVersions.id, id));
  return row;
}

/** The published version in force on `date`: the latest effective_from on or before it. */
export async function versionInForce(
  tx: Tx,
  programId: string,
  date: string,
): Promise<VersionRow | undefined> {
  const [row] = await tx
    .select()
    .from(benefitProgramVersions)
    .where(
      and(
        eq(benefitProgramVersions.programId, programId),
        eq(benefitProgramVersions.status, 'published'),
        lte(benefitProgramVersions.effectiveFrom, date),
      ),
    )
    .orderBy(desc(benefitProgramVersions.effectiveFrom), desc(benefitProgramVersions.versionNo))
    .limit(1);
  return row;
}

export async function nextVersionNo(tx: Tx, programId: string): Promise<number> {
  const [r] = await tx
    .select({ n: sql<number>`coalesce(max(${benefitProgramVersions.versionNo}), 0)::int` })
    .from(benefitProgramVersions)
    .where(eq(benefitProgramVersions.programId, programId));
  return Number(r?.n ?? 0) + 1;
}

export async function insertVersion(
  tx: Tx,
  row: typeof benefitProgramVersions.$inferInsert,
): Promise<VersionRow> {
  const [out] = await tx.insert(benefitProgramVersions).values(row).returning();
  return out!;
}

export async function updateVersion(
  tx: Tx,
  id: string,
  set: Partial<typeof benefitProgramVersions.$inferInsert>,
): Promise<VersionRow> {
  const [out] = await tx
    .update(benefitProgramVersions)
    .set(set)
    .where(eq(benefitProgramVersions.id, id))
    .returning();
  return out!;
}
