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

/** A break-glass grant in force, as far as the scope needs it. */
export interface LiveGrant {
  id: string;
  streetCode: string | null;
  communityId: string | null;
}

type ScopeUser = {
  id: string;
  roles: readonly Role[];
  streetCode: string | null;
  communityId: string | null;
};

/** Whether any of the roles sees the whole district (then break-glass grants add nothing). */
export const hasDistrictScope = (roles: readonly Role[]) => roles.some((r) => ROLE_SCOPE[r] === 'district');

/** The roles that see the whole district (for SQL that skips the grants of such users). */
export const DISTRICT_ROLES = (Object.keys(ROLE_SCOPE) as Role[]).filter((r) => ROLE_SCOPE[r] === 'district');

/** The scope of the user's roles widened by their live break-glass grants (ignored for district users). */
export function scopeOf(user: ScopeUser, grants: readonly LiveGrant[]): DataScope {
  const scope: DataScope = { district: false, streets: [], communities: [], grantIds: [] };
  for (const role of user.roles) {
    const level = ROLE_SCOPE[role];
    if (level === 'district') scope.district = true;
    else if (level === 'street' && user.streetCode) scope.streets.push(user.streetCode);
    else if (level === 'community' && user.communityId) scope.communities.push(user.communityId);
  }
  if (scope.district) return scope;
  for (const g of grants) {
    if (g.streetCode) scope.streets.push(g.streetCode);
    if (g.communityId) scope.communities.push(g.communityId);
    scope.grantIds.push(g.id);
  }
  scope.streets = [...new Set(scope.streets)];
  scope.communities = [...new Set(scope.communities)];
  return scope;
}

/** The user's live break-glass grants (unrevoked, not expired at `now`). */
export async function liveGrants(tx: Tx, userId: string, now = new Date()): Promise<LiveGrant[]> {
  return tx
    .select({ id: breakGlass.id, streetCode: breakGlass.streetCode, communityId: breakGlass.communityId })
    .from(breakGlass)
    .where(
      and(sql`${breakGlass.userId} = ${userId}`, isNull(breakGlass.revokedAt), gt(breakGlass.expiresAt, now)),
    );
}

/**
 * The user's data scope. `grants`: their live break-glass grants when already read (the per-request
 * path reads them with the session, see auth.repo findSessionForToken); otherwise they are read here
 * — only for users without district scope.
 */
export async function computeScope(
  tx: Tx,
  user: ScopeUser,
  grants?: readonly LiveGrant[],
): Promise<DataScope> {
  if (grants || hasDistrictScope(user.roles)) return scopeOf(user, grants ?? []);
  return scopeOf(user, await liveGrants(tx, user.id));
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
