import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.js';
import { communities, streets } from '../../platform/db/schema.js';
import type { DataScope } from '../../platform/access/actor.js';

export type StreetRow = typeof streets.$inferSelect;
export type CommunityRow = typeof communities.$inferSelect;

export async function findStreet(tx: Tx, code: string): Promise<StreetRow | undefined> {
  const [s] = await tx.select().from(streets).where(eq(streets.code, code));
  return s;
}

export async function findCommunity(tx: Tx, id: string): Promise<CommunityRow | undefined> {
  const [c] = await tx.select().from(communities).where(eq(communities.id, id));
  return c;
}

/**
 * Streets and communities inside a scope: a street officer sees their street and its communities;
 * a community worker sees their community and the name of its street.
 */
export async function listAreas(
  tx: Tx,
  scope: DataScope,
): Promise<{ streets: StreetRow[]; communities: CommunityRow[] }> {
  if (scope.district) {
    return {
      streets: await tx.select().from(streets).orderBy(asc(streets.sort)),
      communities: await tx.select().from(communities).orderBy(asc(communities.name)),
    };
  }
  const ownCommunities = scope.communities.length
    ? await tx.select().from(communities).where(inArray(communities.id, scope.communities))
    : [];
  const streetCodes = [...new Set([...scope.streets, ...ownCommunities.map((c) => c.streetCode)])];
  if (!streetCodes.length) return { streets: [], communities: [] };
  const ss = await tx
    .select()
    .from(streets)
    .where(inArray(streets.code, streetCodes))
    .orderBy(asc(streets.sort));
  const cs = scope.streets.length
    ? await tx
        .select()
        .from(communities)
        .where(inArray(communities.streetCode, scope.streets))
        .orderBy(asc(communities.name))
    : [];
  const all = new Map([...cs, ...ownCommunities].map((c) => [c.id, c]));
  return { streets: ss, communities: [...all.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh')) };
}

export async function upsertStreet(tx: Tx, s: typeof streets.$inferInsert): Promise<void> {
  await tx
    .insert(streets)
    .values(s)
    .onConflictDoUpdate({
      target: streets.code,
      set: { name: s.name, nameEn: s.nameEn, kind: s.kind, statCode: s.statCode, sort: s.sort },
    });
}

export async function insertCommunity(tx: Tx, c: typeof communities.$inferInsert): Promise<boolean> {
  const r = await tx.insert(communities).values(c).onConflictDoNothing().returning({ id: communities.id });
  return r.length > 0;
}

export async function countCommunities(tx: Tx): Promise<number> {
  const [r] = await tx.select({ n: sql<number>`count(*)::int` }).from(communities);
  return Number(r?.n ?? 0);
}
