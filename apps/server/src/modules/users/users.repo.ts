import { and, asc, eq, gt, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { RESIDENT_ROLES, type Role } from '@jinglin/shared';
import type { Tx } from '../../platform/db/client.js';
import { users } from '../../platform/db/schema.js';
import { inScope } from '../../platform/access/scope.js';
import type { DataScope } from '../../platform/access/actor.js';

export type UserRow = typeof users.$inferSelect;

/** Users are visible by their street / community: district sees all, a street officer their street. */
const scoped = (scope: DataScope): SQL =>
  inScope(scope, { street: users.streetCode, community: users.communityId });

export async function findUser(tx: Tx, scope: DataScope, id: string): Promise<UserRow | undefined> {
  const [u] = await tx
    .select()
    .from(users)
    .where(and(eq(users.id, id), scoped(scope)));
  return u;
}

export async function usernameTaken(tx: Tx, username: string): Promise<boolean> {
  const [u] = await tx
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.username}) = ${username.toLowerCase()}`);
  return !!u;
}

export async function phoneTaken(tx: Tx, bidx: string, exceptId?: string): Promise<boolean> {
  const [u] = await tx.select({ id: users.id }).from(users).where(eq(users.phoneBidx, bidx));
  return !!u && u.id !== exceptId;
}

export interface UserFilter {
  q?: string | undefined;
  role?: Role | undefined;
  streetCode?: string | undefined;
  afterId?: string | undefined;
  limit: number;
}

export async function listUsers(tx: Tx, scope: DataScope, f: UserFilter): Promise<UserRow[]> {
  const conds: SQL[] = [scoped(scope)];
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, '\\$&')}%`;
    conds.push(or(ilike(users.username, like), ilike(users.displayName, like))!);
  }
  if (f.role) conds.push(sql`${f.role} = ANY(${users.roles})`);
  if (f.streetCode) conds.push(eq(users.streetCode, f.streetCode));
  if (f.afterId) conds.push(gt(users.id, f.afterId));
  return tx
    .select()
    .from(users)
    .where(and(...conds))
    .orderBy(asc(users.id))
    .limit(f.limit);
}

export async function countUsers(tx: Tx, scope: DataScope): Promise<number> {
  const [r] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(scoped(scope));
  return Number(r?.n ?? 0);
}

export async function insertUser(tx: Tx, row: typeof users.$inferInsert): Promise<void> {
  await tx.insert(users).values(row);
}

/** Optimistic update: only when the version still matches; returns the new row or undefined. */
export async function updateUserVersioned(
  tx: Tx,
  id: string,
  version: number,
  set: Partial<typeof users.$inferInsert>,
): Promise<UserRow | undefined> {
  const [u] = await tx
    .update(users)
    .set({ ...set, version: version + 1, updatedAt: new Date() })
    .where(and(eq(users.id, id), eq(users.version, version)))
    .returning();
  return u;
}

export async function countAll(tx: Tx): Promise<number> {
  const [r] = await tx.select({ n: sql<number>`count(*)::int` }).from(users);
  return Number(r?.n ?? 0);
}

/**
 * Display names of staff accounts among these ids, whatever the caller's scope (who changed a
 * record). Accounts of residents and guardians are left out: their names are personal data.
 */
export async function staffDisplayNames(tx: Tx, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await tx
    .select({ id: users.id, displayName: users.displayName, username: users.username })
    .from(users)
    .where(
      and(
        inArray(users.id, [...ids]),
        sql`NOT (${users.roles} && ARRAY[${sql.join(
          RESIDENT_ROLES.map((r) => sql`${r}`),
          sql`, `,
        )}]::text[])`,
      ),
    );
  return new Map(rows.map((u) => [u.id, u.displayName || u.username]));
}
