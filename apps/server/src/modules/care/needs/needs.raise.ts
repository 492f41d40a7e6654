/**
 * Raising a needs case inside the caller's transaction — from a visit, at a counter, by phone, in
 * the resident portal or in a meeting. The caller has checked that the person is theirs (in scope,
 * or the resident's own / ward); this writes the case with its reference, due time and owner, the
 * 'created' action, the audit row, an outbox event and a notice to the owner.
 */
import { and, desc, eq, isNotNull, like, sql } from 'drizzle-orm';
import type { NeedCategory, NeedUrgency } from '@jinglin/shared';
import type { Platform } from '../../../platform/platform.js';
import type { Actor } from '../../../platform/access/actor.js';
import type { Tx } from '../../../platform/db/client.js';
import { scopeOf } from '../../../platform/access/scope.js';
import { recordAudit } from '../../../platform/audit/audit.service.js';
import { emit } from '../../../platform/events/events.service.js';
import { invalid } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { persons, users } from '../../../platform/db/schema.js';
import { permissionsOf, type Role } from '@jinglin/shared';
import { carePairings } from '../care.tables.js';
import { careNeedActions, careNeeds, NEED_SOURCES } from './needs.tables.js';
import { dueAtOf } from './needs.sla.js';

export interface RaiseNeedInput {
  source: (typeof NEED_SOURCES)[number];
  personId: string;
  visitId?: string | null;
  category: NeedCategory;
  urgency?: NeedUrgency;
  title: string;
  description?: string;
  /** undefined: the responsible worker (owner of an active pairing), else unassigned; null: unassigned. */
  ownerUserId?: string | null;
  /** When the resident prefers to be called (portal), kept on the 'created' action. */
  contactTime?: string;
}

export interface RaisedNeed {
  id: string;
  ref: string;
  dueAt: Date;
  ownerUserId: string | null;
}

/** Shanghai calendar year of an instant. */
const yearOf = (d: Date) => new Date(d.getTime() + 8 * 3600_000).getUTCFullYear();

/**
 * The next reference of the year, `XQ-2026-000123`. A transaction-scoped advisory lock serialises
 * the read of the year's highest number with the insert (held until the caller commits), so two
 * cases raised at once never take the same number; the unique index backs it.
 */
export async function nextRef(tx: Tx, now: Date): Promise<string> {
  const year = yearOf(now);
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('care_needs_ref'), ${year})`);
  const prefix = `XQ-${year}-`;
  const [last] = await tx
    .select({ ref: careNeeds.ref })
    .from(careNeeds)
    .where(like(careNeeds.ref, `${prefix}%`))
    .orderBy(desc(sql`length(${careNeeds.ref})`), desc(careNeeds.ref))
    .limit(1);
  const n = last ? Number(last.ref.slice(prefix.length)) + 1 : 1;
  return `${prefix}${String(n).padStart(6, '0')}`;
}

/** The responsible worker: the owner of the person's most recent active pairing that names one. */
export async function defaultOwner(tx: Tx, personId: string): Promise<string | null> {
  const [row] = await tx
    .select({ owner: carePairings.ownerUserId })
    .from(carePairings)
    .innerJoin(users, eq(users.id, carePairings.ownerUserId))
    .where(
      and(
        eq(carePairings.personId, personId),
        eq(carePairings.state, 'active'),
        isNotNull(carePairings.ownerUserId),
        eq(users.disabled, false),
      ),
    )
    .orderBy(desc(carePairings.startOn), desc(carePairings.id))
    .limit(1);
  return row?.owner ?? null;
}

/** Whether a user may own a case of this person: an active staff account with care.needs whose area covers the person. */
export async function canOwn(
  tx: Tx,
  userId: string,
  person: { streetCode: string; communityId: string | null },
): Promise<boolean> {
  const [u] = await tx
    .select({
      id: users.id,
      roles: users.roles,
      streetCode: users.streetCode,
      communityId: users.communityId,
      disabled: users.disabled,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!u || u.disabled) return false;
  const roles = u.roles as Role[];
  if (!permissionsOf(roles).has('care.needs')) return false;
  const scope = scopeOf({ ...u, roles }, []);
  return (
    scope.district ||
    scope.streets.includes(person.streetCode) ||
    (!!person.communityId && scope.communities.includes(person.communityId))
  );
}

export async function raiseNeed(
  p: Platform,
  tx: Tx,
  actor: Actor,
  input: RaiseNeedInput,
  now = new Date(),
): Promise<RaisedNeed> {
  const [person] = await tx
    .select({ id: persons.id, streetCode: persons.streetCode, communityId: persons.communityId })
    .from(persons)
    .where(eq(persons.id, input.personId));
  if (!person) throw invalid('personId', 'not_found');
  let ownerUserId: string | null;
  if (input.ownerUserId === undefined) ownerUserId = await defaultOwner(tx, person.id);
  else if (input.ownerUserId === null) ownerUserId = null;
  else if (await canOwn(tx, input.ownerUserId, person)) ownerUserId = input.ownerUserId;
  else throw invalid('ownerUserId', 'owner_not_eligible');
  const urgency = input.urgency ?? 'normal';
  const id = newId();
  const ref = await nextRef(tx, now);
  const dueAt = await dueAtOf(tx, input.category, urgency, now);
  await tx.insert(careNeeds).values({
    id,
    ref,
    personId: person.id,
    source: input.source,
    visitId: input.visitId ?? null,
    category: input.category,
    urgency,
    title: input.title,
    description: input.description ?? '',
    ownerUserId,
    status: 'open',
    dueAt,
    raisedBy: actor.userId,
    createdAt: now,
    updatedAt: now,
  });
  await tx.insert(careNeedActions).values({
    id: newId(),
    needId: id,
    at: now,
    actorUserId: actor.userId,
    kind: 'created',
    detail: {
      source: input.source,
      ownerUserId,
      ...(input.visitId ? { visitId: input.visitId } : {}),
      ...(input.contactTime ? { contactTime: input.contactTime } : {}),
    },
  });
  await recordAudit(tx, actor, {
    action: 'care.need.create',
    objectType: 'care_need',
    objectId: id,
    details: { source: input.source, personId: person.id, category: input.category, urgency },
  });
  await emit(tx, 'care.need.created', id, {
    personId: person.id,
    source: input.source,
    category: input.category,
    urgency,
    ownerUserId,
  });
  if (ownerUserId && ownerUserId !== actor.userId) {
    await p.notifier.enqueue(tx, {
      userId: ownerUserId,
      address: null,
      template: 'care.need.assigned',
      payload: { needId: id, ref, urgency, dueAt: dueAt.toISOString() },
    });
  }
  return { id, ref, dueAt, ownerUserId };
}
