/**
 * Break the glass: a user temporarily reaches records outside their scope, for a stated reason and
 * a limited time. Every grant is audited and visible to the auditor; the grant widens the data
 * scope computed for each request until it expires or is revoked.
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { breakGlass } from '../db/schema.js';
import { AppError } from '../errors.js';
import { newId } from '../ids.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Actor } from './actor.js';
import { communities, streets } from '../db/schema.js';

export type GrantRow = typeof breakGlass.$inferSelect;

export const grantOut = (g: GrantRow) => ({
  id: g.id,
  userId: g.userId,
  reason: g.reason,
  streetCode: g.streetCode,
  communityId: g.communityId,
  createdAt: g.createdAt.toISOString(),
  expiresAt: g.expiresAt.toISOString(),
  revokedAt: g.revokedAt?.toISOString() ?? null,
});

export async function openGrant(
  db: Db,
  actor: Actor,
  body: {
    reason: string;
    streetCode?: string | undefined;
    communityId?: string | undefined;
    minutes: number;
  },
): Promise<GrantRow> {
  if (!actor.userId) throw new AppError('unauthenticated');
  if (!!body.streetCode === !!body.communityId)
    throw new AppError('validation_failed', {
      fields: [{ path: 'streetCode', code: 'one_of_street_or_community' }],
    });
  return db.transaction(async (tx) => {
    if (body.streetCode && !(await tx.select().from(streets).where(eq(streets.code, body.streetCode))).length)
      throw new AppError('validation_failed', { fields: [{ path: 'streetCode', code: 'not_found' }] });
    if (
      body.communityId &&
      !(await tx.select().from(communities).where(eq(communities.id, body.communityId))).length
    )
      throw new AppError('validation_failed', { fields: [{ path: 'communityId', code: 'not_found' }] });
    const id = newId();
    const [g] = await tx
      .insert(breakGlass)
      .values({
        id,
        userId: actor.userId!,
        reason: body.reason,
        streetCode: body.streetCode ?? null,
        communityId: body.communityId ?? null,
        expiresAt: new Date(Date.now() + body.minutes * 60_000),
      })
      .returning();
    await recordAudit(tx, actor, {
      action: 'access.break_glass',
      objectType: 'break_glass_grant',
      objectId: id,
      details: {
        streetCode: body.streetCode ?? null,
        communityId: body.communityId ?? null,
        minutes: body.minutes,
        reasonLength: body.reason.length,
      },
    });
    return g!;
  });
}

export async function listGrants(db: Db, actor: Actor): Promise<GrantRow[]> {
  const all = actor.permissions.has('access.break_glass.review');
  return db
    .select()
    .from(breakGlass)
    .where(all ? undefined : eq(breakGlass.userId, actor.userId ?? ''))
    .orderBy(desc(breakGlass.createdAt))
    .limit(200);
}

export async function revokeGrant(db: Db, actor: Actor, id: string): Promise<GrantRow> {
  return db.transaction(async (tx) => {
    const [g] = await tx
      .update(breakGlass)
      .set({ revokedAt: new Date() })
      .where(
        and(eq(breakGlass.id, id), eq(breakGlass.userId, actor.userId ?? ''), isNull(breakGlass.revokedAt)),
      )
      .returning();
    if (!g) throw new AppError('not_found');
    await recordAudit(tx, actor, {
      action: 'access.break_glass.revoke',
      objectType: 'break_glass_grant',
      objectId: id,
    });
    return g;
  });
}
