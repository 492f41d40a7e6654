/**
 * Shared pieces of meetings and work plans: the Shanghai date, the needs a caller may see (ref,
 * category, title and status only — scoped by the person's street / community), who may own a
 * work item (staff holding care.plans), user names, and the keyset cursor of two columns.
 */
import { and, arrayOverlaps, eq, inArray, not } from 'drizzle-orm';
import type { z } from 'zod';
import { ROLES, ROLE_PERMISSIONS, type PlanNeedOut, type Role } from '@jinglin/shared';
import type { Actor } from '../../../platform/access/actor.js';
import type { Tx } from '../../../platform/db/client.js';
import { inScope } from '../../../platform/access/scope.js';
import { persons, users } from '../../../platform/db/schema.js';
import { careNeeds } from '../needs/needs.tables.js';

export type NeedRef = z.infer<typeof PlanNeedOut>;

/** The Shanghai calendar date of an instant (YYYY-MM-DD). */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The roles that hold care.plans (a work item's owner must have one). */
export const PLANNER_ROLES: Role[] = ROLES.filter((r) => ROLE_PERMISSIONS[r].includes('care.plans'));

/** The needs among `ids` that the caller's scope covers, by id (no personal data). */
export async function visibleNeeds(
  tx: Tx,
  actor: Actor,
  ids: readonly string[],
): Promise<Map<string, NeedRef>> {
  const out = new Map<string, NeedRef>();
  const uniq = [...new Set(ids)];
  if (uniq.length === 0) return out;
  const rows = await tx
    .select({
      id: careNeeds.id,
      ref: careNeeds.ref,
      category: careNeeds.category,
      title: careNeeds.title,
      status: careNeeds.status,
    })
    .from(careNeeds)
    .innerJoin(persons, eq(persons.id, careNeeds.personId))
    .where(
      and(
        inArray(careNeeds.id, uniq),
        inScope(actor.scope, { street: persons.streetCode, community: persons.communityId }),
      ),
    );
  for (const r of rows) out.set(r.id, r);
  return out;
}

/** One need by its ref, if the caller's scope covers it. */
export async function needByRef(tx: Tx, actor: Actor, ref: string): Promise<NeedRef | null> {
  const [r] = await tx.select({ id: careNeeds.id }).from(careNeeds).where(eq(careNeeds.ref, ref));
  if (!r) return null;
  return (await visibleNeeds(tx, actor, [r.id])).get(r.id) ?? null;
}

/** Display names of users by id. */
export async function userNames(tx: Tx, ids: readonly (string | null | undefined)[]) {
  const uniq = [...new Set(ids.filter((x): x is string => Boolean(x)))];
  const out = new Map<string, string>();
  if (uniq.length === 0) return out;
  const rows = await tx
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, uniq));
  for (const r of rows) out.set(r.id, r.name);
  return out;
}

/** Active staff who hold care.plans. */
export async function planners(tx: Tx) {
  return tx
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(and(arrayOverlaps(users.roles, PLANNER_ROLES), not(users.disabled)))
    .orderBy(users.displayName)
    .limit(500);
}

export async function isPlanner(tx: Tx, userId: string) {
  const [r] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), arrayOverlaps(users.roles, PLANNER_ROLES), not(users.disabled)));
  return Boolean(r);
}

/** Staff (not resident, guardian or volunteer accounts) among `ids`. */
export async function staffUserIds(tx: Tx, ids: readonly string[]) {
  const uniq = [...new Set(ids)];
  if (uniq.length === 0) return new Set<string>();
  const rows = await tx
    .select({ id: users.id, roles: users.roles })
    .from(users)
    .where(inArray(users.id, uniq));
  const nonStaff = new Set(['resident', 'guardian', 'volunteer']);
  return new Set(rows.filter((r) => r.roles.some((x) => !nonStaff.has(x))).map((r) => r.id));
}

/** Keyset cursor over (a sort value, id): `value~id`. */
export function encodeCursor(value: string, id: string) {
  return `${value}~${id}`;
}
export function decodeCursor(cursor: string | undefined): { value: string; id: string } | null {
  if (!cursor) return null;
  const i = cursor.lastIndexOf('~');
  if (i <= 0) return null;
  const id = cursor.slice(i + 1);
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  return { value: cursor.slice(0, i), id };
}
