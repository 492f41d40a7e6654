import { and, count, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.js';
import { breakGlass, loginFailures, otpCodes, sessions, users } from '../db/schema.js';
import { DISTRICT_ROLES, type LiveGrant } from '../access/scope.js';

export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;

export async function findUserByUsername(tx: Tx, username: string): Promise<UserRow | undefined> {
  const [u] = await tx
    .select()
    .from(users)
    .where(sql`lower(${users.username}) = ${username.toLowerCase()}`);
  return u;
}

export async function findUserById(tx: Tx, id: string): Promise<UserRow | undefined> {
  const [u] = await tx.select().from(users).where(eq(users.id, id));
  return u;
}

export async function findUserByPhoneIndex(tx: Tx, bidx: string): Promise<UserRow | undefined> {
  const [u] = await tx.select().from(users).where(eq(users.phoneBidx, bidx));
  return u;
}

export async function countFailures(tx: Tx, key: string, since: Date): Promise<number> {
  const [r] = await tx
    .select({ n: count() })
    .from(loginFailures)
    .where(and(eq(loginFailures.key, key), gt(loginFailures.at, since)));
  return Number(r?.n ?? 0);
}

export async function addFailure(tx: Tx, keys: string[]): Promise<void> {
  await tx.insert(loginFailures).values(keys.map((key) => ({ key })));
}

export async function clearFailures(tx: Tx, key: string): Promise<void> {
  await tx.delete(loginFailures).where(eq(loginFailures.key, key));
}

export async function insertSession(tx: Tx, s: typeof sessions.$inferInsert): Promise<void> {
  await tx.insert(sessions).values(s);
}

export interface SessionWithUser {
  session: SessionRow;
  user: UserRow;
  /** The user's live break-glass grants; null for users with district scope (they need none). */
  grants: LiveGrant[] | null;
}

/**
 * The per-request lookup in one statement: the unrevoked, unexpired session of a token hash, its
 * user, and — only for users without a district role — their break-glass grants in force at `at`
 * (a scalar subquery inside CASE, so it is not run for district users). Built once per database
 * handle and prepared (on PostgreSQL a named statement per connection: its plan is a unique-index
 * lookup whatever the token), since building the SQL cost more CPU than running it.
 */
function sessionForTokenQuery(db: Db) {
  const at = sql`${sql.placeholder('at')}::timestamptz`;
  const districtRoles = sql`ARRAY[${sql.join(
    DISTRICT_ROLES.map((r) => sql`${r}`),
    sql`, `,
  )}]::text[]`;
  const grants = sql<LiveGrant[] | null>`CASE WHEN ${users.roles} && ${districtRoles} THEN NULL ELSE (
    SELECT coalesce(json_agg(json_build_object(
      'id', ${breakGlass.id}, 'streetCode', ${breakGlass.streetCode}, 'communityId', ${breakGlass.communityId}
    )), '[]'::json)
    FROM ${breakGlass}
    WHERE ${breakGlass.userId} = ${users.id} AND ${breakGlass.revokedAt} IS NULL AND ${breakGlass.expiresAt} > ${at}
  ) END`;
  return db
    .select({ session: sessions, user: users, grants })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.tokenHash, sql.placeholder('tokenHash')),
        isNull(sessions.revokedAt),
        sql`${sessions.expiresAt} > ${at}`,
      ),
    )
    .prepare('jinglin_session_for_token');
}

const prepared = new WeakMap<Db, ReturnType<typeof sessionForTokenQuery>>();

/** See sessionForTokenQuery. Not in a transaction: it runs on the database handle itself. */
export async function findSessionForToken(
  db: Db,
  tokenHash: string,
  now: Date,
): Promise<SessionWithUser | undefined> {
  let q = prepared.get(db);
  if (!q) prepared.set(db, (q = sessionForTokenQuery(db)));
  const [r] = await q.execute({ tokenHash, at: now.toISOString() });
  return r;
}

export async function touchSession(tx: Tx, id: string, now: Date): Promise<void> {
  await tx.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
}

export async function revokeSession(tx: Tx, id: string): Promise<void> {
  await tx
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.id, id), isNull(sessions.revokedAt)));
}

export async function revokeUserSessions(tx: Tx, userId: string): Promise<void> {
  await tx
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
}

export async function updateUser(tx: Tx, id: string, set: Partial<typeof users.$inferInsert>): Promise<void> {
  await tx.update(users).set(set).where(eq(users.id, id));
}

export async function insertOtp(tx: Tx, row: typeof otpCodes.$inferInsert): Promise<void> {
  await tx.insert(otpCodes).values(row);
}

export async function countOtpsSince(tx: Tx, bidx: string, since: Date): Promise<number> {
  const [r] = await tx
    .select({ n: count() })
    .from(otpCodes)
    .where(and(eq(otpCodes.phoneBidx, bidx), gt(otpCodes.createdAt, since)));
  return Number(r?.n ?? 0);
}

export async function latestOtp(tx: Tx, bidx: string, now: Date) {
  const [r] = await tx
    .select()
    .from(otpCodes)
    .where(and(eq(otpCodes.phoneBidx, bidx), isNull(otpCodes.usedAt), gt(otpCodes.expiresAt, now)))
    .orderBy(sql`${otpCodes.createdAt} DESC`)
    .limit(1);
  return r;
}

export async function bumpOtpAttempts(tx: Tx, id: string): Promise<void> {
  await tx
    .update(otpCodes)
    .set({ attempts: sql`${otpCodes.attempts} + 1` })
    .where(eq(otpCodes.id, id));
}

export async function useOtp(tx: Tx, id: string): Promise<void> {
  await tx.update(otpCodes).set({ usedAt: new Date() }).where(eq(otpCodes.id, id));
}

export async function clearMustEnroll(tx: Tx, sessionId: string): Promise<void> {
  await tx.update(sessions).set({ mustEnrollTotp: false }).where(eq(sessions.id, sessionId));
}
