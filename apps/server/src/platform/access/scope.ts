/**
 * Data scopes applied inside repository queries: district → street → community → own records.
 * Every repository that reads area-bound rows adds `inScope(...)` to its WHERE clause, so lists,
 * search, counts, exports and dashboards cannot bypass it.
 */
import { and, gt, isNull, or, sql, type SQL, type Column, inArray } from 'drizzle-orm';
import { ROLE_SCOPE, type Role } from '@jinglin/shared';
import type { Tx } from '../db/client.js';
import { breakGlass, communities } from '../db/schema.js';
import type { DataScope } from './actor.js';

/** SQL condition: the row's street / community is inside the scope. */
export function inScope(scope: DataScope, cols: { street?: Column | SQL; community?: Column | SQL }): SQL {
  if (scope.district) return sql`true`;
  const parts: SQL[] = [];
  if (cols.street && scope.streets.length) parts.push(inArray(cols.street as Column, scope.streets));
  if (cols.community && scope.communities.length)
    parts.push(inArray(cols.community as Column, scope.communities));
  // A community-scoped actor also sees rows that carry only a street when they hold that street.
  return parts.length ? (or(...parts) as SQL) : sql`false`;
}

export function streetInScope(
  scope: DataScope,
  streetCode: string,
  communityStreets: string[] = [],
): boolean {
  return scope.district || scope.streets.includes(streetCode) || communityStreets.includes(streetCode);
}

export async function computeScope(
  tx: Tx,
  user: { id: string; roles: readonly Role[]; streetCode: string | null; communityId: string | null },
): Promise<DataScope> {
  const scope: DataScope = { district: false, streets: [], communities: [], grantIds: [] };
  for (const role of user.roles) {
    const level = ROLE_SCOPE[role];
    if (level === 'district') scope.district = true;
    else if (level === 'street' && user.streetCode) scope.streets.push(user.streetCode);
    else if (level === 'community' && user.communityId) scope.communities.push(user.communityId);
  }
  if (scope.district) return scope;
  const grants = await tx
    .select()
    .from(breakGlass)
    .where(
      and(
        sql`${breakGlass.userId} = ${user.id}`,
        isNull(breakGlass.revokedAt),
        gt(breakGlass.expiresAt, new Date()),
      ),
    );
  for (const g of grants) {
    if (g.streetCode) scope.streets.push(g.streetCode);
    if (g.communityId) scope.communities.push(g.communityId);
    scope.grantIds.push(g.id);
  }
  scope.streets = [...new Set(scope.streets)];
  scope.communities = [...new Set(scope.communities)];
  return scope;
}

/** Street codes of the communities in scope (a community worker sees their street's name). */
export async function streetsOfCommunities(tx: Tx, ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  const rows = await tx
    .selectDistinct({ s: communities.streetCode })
    .from(communities)
    .where(inArray(communities.id, ids));
  return rows.map((r) => r.s);
}
