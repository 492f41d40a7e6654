/**
 * Pairings (结对): a team or a volunteer with a family in need (a registry person, optionally
 * their household). Scoped by the paired person's street / community (`inScope`): out of scope is
 * 404 for one record and filtered out of lists. A volunteer (care.own) sees their own pairings —
 * their own or their teams' — with only the family's name and address for the visit.
 */
import { and, asc, eq, gt, inArray, isNull, or, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { MyPairingOut, PairingBody, PairingListQuery, PairingPatch } from '@jinglin/shared';
import type { Platform } from '../../platform/platform.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Tx } from '../../platform/db/client.js';
import { inScope } from '../../platform/access/scope.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { persons } from '../../platform/db/schema.js';
import { careMembers, careOrganisations, carePairings, careVolunteers } from './care.tables.js';
import { page, toPairingOut } from './care.mapper.js';
import { canOwnVisits } from './visits/visits.owners.js';
import { recomputeNextVisit } from './visits/visits.next.js';

const personScope = (actor: Actor) =>
  and(
    inScope(actor.scope, { street: persons.streetCode, community: persons.communityId }),
    isNull(persons.mergedInto),
  );

export class CarePairings {
  constructor(private readonly p: Platform) {}

  private get db() {
    return this.p.database.db;
  }

  private select(tx: Tx, where: SQL | undefined) {
    return tx
      .select({ pr: carePairings, name: persons.name, streetCode: persons.streetCode })
      .from(carePairings)
      .innerJoin(persons, eq(persons.id, carePairings.personId))
      .where(where);
  }

  async list(actor: Actor, q: z.infer<typeof PairingListQuery>) {
    const rows = await this.select(
      this.db,
      and(
        personScope(actor),
        q.state ? eq(carePairings.state, q.state) : undefined,
        q.personId ? eq(carePairings.personId, q.personId) : undefined,
        q.teamId ? eq(carePairings.teamId, q.teamId) : undefined,
        q.volunteerId ? eq(carePairings.volunteerId, q.volunteerId) : undefined,
        q.ownerUserId ? eq(carePairings.ownerUserId, q.ownerUserId) : undefined,
        q.streetCode ? eq(persons.streetCode, q.streetCode) : undefined,
        q.cursor ? gt(carePairings.id, q.cursor) : undefined,
      ),
    )
      .orderBy(asc(carePairings.id))
      .limit(q.limit + 1);
    return page(
      rows.map((r) => toPairingOut(r.pr, r)),
      q.limit,
    );
  }

  async get(actor: Actor, id: string, tx: Tx = this.db) {
    const [r] = await this.select(tx, and(eq(carePairings.id, id), personScope(actor)));
    if (!r) throw notFound();
    return toPairingOut(r.pr, r);
  }

  async create(actor: Actor, body: z.infer<typeof PairingBody>) {
    if ((body.teamId === null) === (body.volunteerId === null)) throw invalid('teamId', 'one_partner');
    if (body.endOn && body.endOn < body.startOn) throw invalid('endOn', 'end_before_start');
    const id = newId();
    return this.db.transaction(async (tx) => {
      const [person] = await tx
        .select({
          id: persons.id,
          householdId: persons.householdId,
          streetCode: persons.streetCode,
          communityId: persons.communityId,
        })
        .from(persons)
        .where(and(eq(persons.id, body.personId), personScope(actor)));
      if (!person) throw invalid('personId', 'not_found');
      if (body.ownerUserId && !(await canOwnVisits(tx, body.ownerUserId, person)))
        throw invalid('ownerUserId', 'not_a_visit_worker');
      if (body.householdId && body.householdId !== person.householdId)
        throw invalid('householdId', 'not_in_household');
      if (body.teamId) {
        const [team] = await tx
          .select({ kind: careOrganisations.kind })
          .from(careOrganisations)
          .where(eq(careOrganisations.id, body.teamId));
        if (!team) throw invalid('teamId', 'not_found');
        if (team.kind === 'partner') throw invalid('teamId', 'not_a_team');
      }
      if (body.volunteerId) {
        const [v] = await tx
          .select({ id: careVolunteers.id })
          .from(careVolunteers)
          .where(eq(careVolunteers.id, body.volunteerId));
        if (!v) throw invalid('volunteerId', 'not_found');
      }
      const { visitPlan, ...rest } = body;
      const state = body.endOn && body.endOn < today() ? 'ended' : 'active';
      await tx.insert(carePairings).values({
        id,
        ...rest,
        visitEvery: visitPlan.every,
        visitUnit: visitPlan.unit,
        state,
        // The first visit is due on the start date; the visits module moves it on.
        nextVisitOn: state === 'active' ? body.startOn : null,
      });
      await recordAudit(tx, actor, {
        action: 'care.pairing.create',
        objectType: 'care_pairing',
        objectId: id,
      });
      return this.get(actor, id, tx);
    });
  }

  async patch(actor: Actor, id: string, version: number, body: z.infer<typeof PairingPatch>) {
    return this.db.transaction(async (tx) => {
      const cur = await this.get(actor, id, tx);
      const endOn = body.endOn !== undefined ? body.endOn : cur.endOn;
      if (endOn && endOn < cur.startOn) throw invalid('endOn', 'end_before_start');
      if (body.ownerUserId) {
        const [person] = await tx
          .select({ streetCode: persons.streetCode, communityId: persons.communityId })
          .from(persons)
          .where(eq(persons.id, cur.personId));
        if (!(await canOwnVisits(tx, body.ownerUserId, person!)))
          throw invalid('ownerUserId', 'not_a_visit_worker');
      }
      const { visitPlan, ...rest } = body;
      // Ending a pairing without a date ends it today.
      const ending = body.state === 'ended' && !endOn ? { endOn: today() } : {};
      const [row] = await tx
        .update(carePairings)
        .set({
          ...rest,
          ...ending,
          ...(visitPlan ? { visitEvery: visitPlan.every, visitUnit: visitPlan.unit } : {}),
          version: version + 1,
        })
        .where(and(eq(carePairings.id, id), eq(carePairings.version, version)))
        .returning({ id: carePairings.id });
      if (!row) throw new AppError('version_mismatch');
      // A changed plan, an end or a restart moves the next visit (ended: none).
      await recomputeNextVisit(tx, id);
      await recordAudit(tx, actor, {
        action: 'care.pairing.update',
        objectType: 'care_pairing',
        objectId: id,
        details: { changed: Object.keys(body) },
      });
      return this.get(actor, id, tx);
    });
  }

  // ---- a volunteer's own pairings (care.own)

  /** Pairings of the caller's volunteer profile or of the teams they are a current member of. */
  private async mine(tx: Tx, actor: Actor, id?: string) {
    if (!actor.userId) return [];
    const [v] = await tx
      .select({ id: careVolunteers.id })
      .from(careVolunteers)
      .where(eq(careVolunteers.userId, actor.userId));
    if (!v) return [];
    return tx
      .select({
        pr: carePairings,
        name: persons.name,
        addressEnc: persons.addressEnc,
        teamName: careOrganisations.name,
      })
      .from(carePairings)
      .innerJoin(persons, eq(persons.id, carePairings.personId))
      .leftJoin(careOrganisations, eq(careOrganisations.id, carePairings.teamId))
      .where(
        and(
          id ? eq(carePairings.id, id) : undefined,
          or(
            eq(carePairings.volunteerId, v.id),
            inArray(
              carePairings.teamId,
              tx
                .select({ id: careMembers.organisationId })
                .from(careMembers)
                .where(and(eq(careMembers.volunteerId, v.id), isNull(careMembers.leftOn))),
            ),
          ),
        ),
      )
      .orderBy(asc(carePairings.id))
      .limit(500);
  }

  private toMine(r: Awaited<ReturnType<CarePairings['mine']>>[number]): z.infer<typeof MyPairingOut> {
    return {
      id: r.pr.id,
      family: { name: r.name, address: r.addressEnc ? this.p.crypto.decrypt(r.addressEnc) : null },
      teamId: r.pr.teamId,
      teamName: r.teamName,
      volunteerId: r.pr.volunteerId,
      startOn: r.pr.startOn,
      endOn: r.pr.endOn,
      goals: r.pr.goals,
      visitPlan: { every: r.pr.visitEvery, unit: r.pr.visitUnit },
      state: r.pr.state,
      nextVisitOn: r.pr.nextVisitOn,
    };
  }

  /** Listing families' addresses is a sensitive read: audited with the count (ids never listed). */
  async listMine(actor: Actor) {
    return this.db.transaction(async (tx) => {
      const rows = await this.mine(tx, actor);
      await recordAudit(tx, actor, {
        action: 'care.pairing.own.list',
        objectType: 'care_pairing',
        details: { count: rows.length },
      });
      return rows.map((r) => this.toMine(r));
    });
  }

  async getMine(actor: Actor, id: string) {
    return this.db.transaction(async (tx) => {
      const [r] = await this.mine(tx, actor, id);
      if (!r) throw notFound();
      await recordAudit(tx, actor, {
        action: 'care.pairing.own.view',
        objectType: 'care_pairing',
        objectId: id,
      });
      return this.toMine(r);
    });
  }
}

function today() {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}
