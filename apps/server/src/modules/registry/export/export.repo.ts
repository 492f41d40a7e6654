/** SQL of the export: persons in the caller's scope matching the list filters, page by page by id. */
import { and, asc, gt } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/client.js';
import type { DataScope } from '../../../platform/access/actor.js';
import { communities, streets } from '../../../platform/db/schema.js';
import { persons } from '../registry.tables.js';
import type { PersonRow } from '../registry.repo.js';
import { searchConds, type SearchFilter } from '../search.repo.js';

export type ExportFilter = Omit<SearchFilter, 'offset' | 'limit'>;

/** The next page after `afterId` (keyset on the id, so a long export stays linear). */
export async function exportPage(
  tx: Tx,
  scope: DataScope,
  f: ExportFilter,
  afterId: string | null,
  limit: number,
): Promise<PersonRow[]> {
  return tx
    .select()
    .from(persons)
    .where(
      and(...searchConds(scope, { ...f, offset: 0, limit }), afterId ? gt(persons.id, afterId) : undefined),
    )
    .orderBy(asc(persons.id))
    .limit(limit);
}

export async function areaNames(
  tx: Tx,
): Promise<{ streets: Map<string, string>; communities: Map<string, string> }> {
  const ss = await tx.select({ code: streets.code, name: streets.name }).from(streets);
  const cs = await tx.select({ id: communities.id, name: communities.name }).from(communities);
  return {
    streets: new Map(ss.map((s) => [s.code, s.name])),
    communities: new Map(cs.map((c) => [c.id, c.name])),
  };
}
