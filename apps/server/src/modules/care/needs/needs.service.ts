/**
 * Needs cases (诉求): the service other parts of the care network call (`careOf(p).needs`), and the
 * staff reads — list, one case with its actions, eligible owners, the worker queue, SLA settings.
 * Cases are scoped by the person's street / community: out of scope is 404 for one case and
 * filtered out of lists. Changes to a case are in needs.changes.ts.
 */
import { and, asc, desc, eq, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import {
  ROLE_PERMISSIONS,
  ROLE_SCOPE,
  type NeedBody,
  type NeedListQuery,
  type NeedSlasBody,
  type Role,
} from '@jinglin/shared';
import type { Platform } from '../../../platform/platform.js';
import type { Actor } from '../../../platform/access/actor.js';
import type { Tx } from '../../../platform/db/client.js';
import { inScope } from '../../../platform/access/scope.js';
import { recordAudit } from '../../../platform/audit/audit.service.js';
import { AppError, invalid, notFound } from '../../../platform/errors.js';
import { persons, users } from '../../../platform/db/schema.js';
import { careNeedActions, careNeedSlas, careNeeds } from './needs.tables.js';
import { raiseNeed, type RaiseNeedInput, type RaisedNeed } from './needs.raise.js';
import { listSlas } from './needs.sla.js';
import { page, toActionOut, toNeedOut } from './needs.mapper.js';
import { NeedChanges } from './needs.changes.js';
import { NeedsPortal } from './needs.portal.js';
import { NeedsJobs } from './needs.jobs.js';

export type { RaiseNeedInput, RaisedNeed };

const owner = alias(users, 'need_owner');
const actorUser = alias(users, 'need_actor');
const ACTIVE = ['open', 'in_progress'] as const;

export const personScope = (actor: Actor) =>
  and(
    inScope(actor.scope, { street: persons.streetCode, community: persons.communityId }),
    isNull(persons.mergedInto),
  );

/** Roles whose holders may own a case (they hold care.needs). */
export const OWNER_ROLES = (Object.keys(ROLE_PERMISSIONS) as Role[]).filter((r) =>
  ROLE_PERMISSIONS[r].includes('care.needs'),
);

export class NeedsService {
  /** Staff changes to a case (If-Match). */
  readonly changes: NeedChanges;
  /** The resident portal (care.needs.own). */
  readonly portal: NeedsPortal;
  /** Escalation of overdue cases (worker tick). */
  readonly jobs: NeedsJobs;

  constructor(private readonly p: Platform) {
    this.changes = new NeedChanges(p, this);
    this.portal = new NeedsPortal(p);
    this.jobs = new NeedsJobs(p);
  }

  private get db() {
    return this.p.database.db;
  }

  /**
   * Creates a case inside the caller's transaction (see needs.raise.ts). The caller has checked the
   * person is theirs; `input.ownerUserId` undefined picks the person's responsible worker.
   */
  raiseNeed(tx: Tx, actor: Actor, input: RaiseNeedInput, now = new Date()): Promise<RaisedNeed> {
    return raiseNeed(this.p, tx, actor, input, now);
  }

  select(tx: Tx, where: SQL | undefined) {
    return tx
      .select({
        n: careNeeds,
        personName: persons.name,
        streetCode: persons.streetCode,
        ownerName: owner.displayName,
      })
      .from(careNeeds)
      .innerJoin(persons, eq(persons.id, careNeeds.personId))
      .leftJoin(owner, eq(owner.id, careNeeds.ownerUserId))
      .where(where);
  }

  async list(actor: Actor, q: z.infer<typeof NeedListQuery>, now = new Date()) {
    const ownerCond =
      q.owner === 'none'
        ? isNull(careNeeds.ownerUserId)
        : q.owner === 'me'
          ? eq(careNeeds.ownerUserId, actor.userId ?? '00000000-0000-0000-0000-000000000000')
          : q.owner
            ? eq(careNeeds.ownerUserId, q.owner)
            : undefined;
    const rows = await this.select(
      this.db,
      and(
        personScope(actor),
        q.status ? eq(careNeeds.status, q.status) : undefined,
        q.active === true ? inArray(careNeeds.status, [...ACTIVE]) : undefined,
        q.active === false ? sql`${careNeeds.status} NOT IN ('open', 'in_progress')` : undefined,
        q.category ? eq(careNeeds.category, q.category) : undefined,
        q.urgency ? eq(careNeeds.urgency, q.urgency) : undefined,
        ownerCond,
        q.overdue === true
          ? and(inArray(careNeeds.status, [...ACTIVE]), lt(careNeeds.dueAt, now))
          : undefined,
        q.overdue === false
          ? or(sql`${careNeeds.status} NOT IN ('open', 'in_progress')`, sql`${careNeeds.dueAt} >= ${now}`)
          : undefined,
        q.personId ? eq(careNeeds.personId, q.personId) : undefined,
        q.streetCode ? eq(persons.streetCode, q.streetCode) : undefined,
        q.cursor ? lt(careNeeds.id, q.cursor) : undefined,
      ),
    )
      .orderBy(desc(careNeeds.id))
      .limit(q.limit + 1);
    return page(
      rows.map((r) => toNeedOut(r.n, r, now)),
      q.limit,
    );
  }

  /** One case in scope (404 otherwise), without its actions. */
  async getRow(tx: Tx, actor: Actor, id: string, lock = false) {
    const query = this.select(tx, and(eq(careNeeds.id, id), personScope(actor)));
    const [r] = lock ? await query.for('update', { of: careNeeds }) : await query;
    if (!r) throw notFound();
    return r;
  }

  async get(actor: Actor, id: string, tx: Tx = this.db) {
    const r = await this.getRow(tx, actor, id);
    const actions = await tx
      .select({ a: careNeedActions, name: actorUser.displayName })
      .from(careNeedActions)
      .leftJoin(actorUser, eq(actorUser.id, careNeedActions.actorUserId))
      .where(eq(careNeedActions.needId, id))
      .orderBy(asc(careNeedActions.at), asc(careNeedActions.id));
    // Whom an 'assigned' action named (the detail holds ids only).
    const toIds = [
      ...new Set(
        actions.flatMap((x) =>
          x.a.kind === 'assigned' && typeof x.a.detail.to === 'string' ? [x.a.detail.to] : [],
        ),
      ),
    ];
    const named = toIds.length
      ? await tx.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, toIds))
      : [];
    const names = new Map(named.map((u) => [u.id, u.name]));
    return {
      ...toNeedOut(r.n, r),
      actions: actions.map((x) =>
        toActionOut(
          x.a,
          x.name,
          typeof x.a.detail.to === 'string' ? (names.get(x.a.detail.to) ?? null) : null,
        ),
      ),
    };
  }

  /** A case opened by staff (counter, phone) for a person in their scope. */
  async create(actor: Actor, body: z.infer<typeof NeedBody>) {
    return this.db.transaction(async (tx) => {
      const [person] = await tx
        .select({ id: persons.id })
        .from(persons)
        .where(and(eq(persons.id, body.personId), personScope(actor)));
      if (!person) throw invalid('personId', 'not_found');
      const raised = await this.raiseNeed(tx, actor, body);
      return this.get(actor, raised.id, tx);
    });
  }

  /** Active staff who may own this case: holding care.needs, with the person in their area. */
  async owners(actor: Actor, id: string) {
    const r = await this.getRow(this.db, actor, id);
    const [person] = await this.db
      .select({ communityId: persons.communityId })
      .from(persons)
      .where(eq(persons.id, r.n.personId));
    const roleIn = (level: string) =>
      OWNER_ROLES.filter((role) => ROLE_SCOPE[role] === level).map(
        (role) => sql`${role} = ANY(${users.roles})`,
      );
    const district = roleIn('district');
    const street = roleIn('street');
    const community = roleIn('community');
    const rows = await this.db
      .select({ id: users.id, name: users.displayName })
      .from(users)
      .where(
        and(
          eq(users.disabled, false),
          or(
            ...(district.length ? [or(...district)] : []),
            ...(street.length ? [and(eq(users.streetCode, r.streetCode), or(...street))] : []),
            ...(community.length && person?.communityId
              ? [and(eq(users.communityId, person.communityId), or(...community))]
              : []),
          ),
        ),
      )
      .orderBy(asc(users.displayName), asc(users.id))
      .limit(500);
    return rows;
  }

  /** "My open needs": cases I own not done, overdue first; street/community workers also see their area's unassigned. */
  async queue(actor: Actor, now = new Date()) {
    const withHours = (rows: Awaited<ReturnType<NeedsService['select']>>) =>
      rows.map((r) => ({
        ...toNeedOut(r.n, r, now),
        overdueHours: Math.max(0, Math.floor((now.getTime() - r.n.dueAt.getTime()) / 3600_000)),
      }));
    const mine = actor.userId
      ? await this.select(
          this.db,
          and(
            eq(careNeeds.ownerUserId, actor.userId),
            inArray(careNeeds.status, [...ACTIVE]),
            personScope(actor),
          ),
        )
          .orderBy(asc(careNeeds.dueAt), asc(careNeeds.id))
          .limit(200)
      : [];
    const areaWorker = actor.roles.some((r) => ROLE_SCOPE[r] === 'street' || ROLE_SCOPE[r] === 'community');
    const unassigned =
      areaWorker && !actor.scope.district
        ? await this.select(
            this.db,
            and(isNull(careNeeds.ownerUserId), inArray(careNeeds.status, [...ACTIVE]), personScope(actor)),
          )
            .orderBy(asc(careNeeds.dueAt), asc(careNeeds.id))
            .limit(200)
        : [];
    return { mine: withHours(mine), unassigned: withHours(unassigned) };
  }

  // ---- SLA settings

  async slas() {
    return { items: await listSlas(this.db) };
  }

  /** Saves the named categories' hours; each item carries the version read (0: none stored yet). */
  async putSlas(actor: Actor, body: z.infer<typeof NeedSlasBody>) {
    const seen = new Set<string>();
    body.items.forEach((item, i) => {
      if (seen.has(item.category)) throw invalid(`items.${i}.category`, 'duplicate_category');
      seen.add(item.category);
    });
    await this.db.transaction(async (tx) => {
      for (const item of body.items) {
        if (item.version === 0) {
          const inserted = await tx
            .insert(careNeedSlas)
            .values({ category: item.category, hours: item.hours })
            .onConflictDoNothing()
            .returning({ c: careNeedSlas.category });
          if (!inserted.length) throw new AppError('version_mismatch');
        } else {
          const [row] = await tx
            .update(careNeedSlas)
            .set({ hours: item.hours, updatedAt: new Date(), version: item.version + 1 })
            .where(and(eq(careNeedSlas.category, item.category), eq(careNeedSlas.version, item.version)))
            .returning({ c: careNeedSlas.category });
          if (!row) throw new AppError('version_mismatch');
        }
      }
      await recordAudit(tx, actor, {
        action: 'care.need.sla.update',
        objectType: 'care_need_sla',
        details: { categories: body.items.map((i) => i.category), hours: body.items.map((i) => i.hours) },
      });
    });
    return this.slas();
  }
}
