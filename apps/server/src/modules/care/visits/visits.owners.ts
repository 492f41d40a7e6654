/**
 * The responsible worker of a pairing or a visit: an active staff account holding `care.visits`
 * whose area (district, street or community) covers the visited person.
 */
import { and, arrayOverlaps, asc, eq, inArray, or } from 'drizzle-orm';
import { permissionsOf, ROLE_SCOPE, type Role } from '@jinglin/shared';
import type { Tx } from '../../../platform/db/client.js';
import { DISTRICT_ROLES, scopeOf } from '../../../platform/access/scope.js';
import { users } from '../../../platform/db/schema.js';

export interface PersonArea {
  streetCode: string;
  communityId: string | null;
}

type UserRow = { id: string; roles: string[]; streetCode: string | null; communityId: string | null };

function covers(u: UserRow, person: PersonArea): boolean {
  const roles = u.roles as Role[];
  if (!permissionsOf(roles).has('care.visits')) return false;
  const scope = scopeOf({ ...u, roles }, []);
  return (
    scope.district ||
    scope.streets.includes(person.streetCode) ||
    (!!person.communityId && scope.communities.includes(person.communityId))
  );
}

export async function canOwnVisits(tx: Tx, userId: string, person: PersonArea): Promise<boolean> {
  const [u] = await tx
    .select({
      id: users.id,
      roles: users.roles,
      streetCode: users.streetCode,
      communityId: users.communityId,
    })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.disabled, false)));
  return !!u && covers(u, person);
}

/** Workers who may be responsible for this person's visits (for the owner picker), by name. */
export async function workersFor(tx: Tx, person: PersonArea) {
  const visitRoles = (Object.keys(ROLE_SCOPE) as Role[]).filter((r) => permissionsOf([r]).has('care.visits'));
  const rows = await tx
    .select({
      id: users.id,
      displayName: users.displayName,
      roles: users.roles,
      streetCode: users.streetCode,
      communityId: users.communityId,
    })
    .from(users)
    .where(
      and(
        eq(users.disabled, false),
        arrayOverlaps(users.roles, visitRoles),
        or(
          eq(users.streetCode, person.streetCode),
          person.communityId ? eq(users.communityId, person.communityId) : undefined,
          arrayOverlaps(users.roles, DISTRICT_ROLES),
        ),
      ),
    )
    .orderBy(asc(users.displayName), asc(users.id))
    .limit(500);
  return rows.filter((u) => covers(u, person)).map((u) => ({ id: u.id, displayName: u.displayName }));
}

/** Display names of users by id. */
export async function userNames(tx: Tx, ids: readonly string[]): Promise<Map<string, string>> {
  const uniq = [...new Set(ids)];
  if (uniq.length === 0) return new Map();
  const rows = await tx
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, uniq));
  return new Map(rows.map((r) => [r.id, r.name]));
}
