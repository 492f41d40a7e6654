/**
 * Home visits (走访): plan, record (participants → hours, needs raised → needs cases, the
 * pairing's next visit), mark missed or cancelled, edit (If-Match), list and get. Scoped by the
 * visited person's street / community (`inScope` inside the query): out of scope is 404 for one
 * visit and filtered from lists.
 */
import { and, desc, eq, gte, isNull, lt, lte, or, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  VisitListQuery,
  VisitPatch,
  VisitPlanBody,
  VisitRecordBody,
  VisitRecordNewBody,
} from '@jinglin/shared';
import type { Platform } from '../../../platform/platform.js';
import type { Actor } from '../../../platform/access/actor.js';
import type { Tx } from '../../../platform/db/client.js';
import { inScope } from '../../../platform/access/scope.js';
import { recordAudit } from '../../../platform/audit/audit.service.js';
import { AppError, invalid, notFound } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { persons } from '../../../platform/db/schema.js';
import { carePairings } from '../care.tables.js';
import { shanghaiDate } from './visits.dates.js';
import { toVisitsOut, participantsOf, type VisitRow } from './visits.mapper.js';
import { recomputeNextVisit } from './visits.next.js';
import { canOwnVisits, workersFor } from './visits.owners.js';
import {
  checkParticipants,
  raiseVisitNeeds,
  syncVisitHours,
  voidVisitHours,
  writeParticipants,
} from './visits.record.js';
import { careVisits } from './visits.tables.js';

export const personScope = (actor: Actor) =>
  and(
    inScope(actor.scope, { street: persons.streetCode, community: persons.communityId }),
    isNull(persons.mergedInto),
  );

type RecordFields = z.infer<typeof VisitRecordBody>;
interface Target {
  personId: string;
  streetCode: string;
  communityId: string | null;
  pairing: typeof carePairings.$inferSelect | null;
}

/** A little clock skew is allowed; a visit recorded as taking place later than that is refused. */
const FUTURE_SLACK_MS = 10 * 60_000;

export class CareVisits {
  constructor(private readonly p: Platform) {}

  private get db() {
    return this.p.database.db;
  }

  private select(tx: Tx, where: SQL | undefined) {
    return tx
      .select({ v: careVisits, name: persons.name, streetCode: persons.streetCode })
      .from(careVisits)
      .innerJoin(persons, eq(persons.id, careVisits.personId))
      .where(where);
  }

  async list(actor: Actor, q: z.infer<typeof VisitListQuery>) {
    // Newest planned date first; the cursor is "plannedOn~id" of the page's last row.
    const [cDay, cId] = q.cursor?.split('~') ?? [];
    const after =
      cDay && cId && /^\d{4}-\d{2}-\d{2}$/.test(cDay)
        ? or(lt(careVisits.plannedOn, cDay), and(eq(careVisits.plannedOn, cDay), lt(careVisits.id, cId)))
        : undefined;
    const rows = await this.select(
      this.db,
      and(
        personScope(actor),
        q.personId ? eq(careVisits.personId, q.personId) : undefined,
        q.pairingId ? eq(careVisits.pairingId, q.pairingId) : undefined,
        q.ownerUserId ? eq(careVisits.ownerUserId, q.ownerUserId) : undefined,
        q.state ? eq(careVisits.state, q.state) : undefined,
        q.from ? gte(careVisits.plannedOn, q.from) : undefined,
        q.to ? lte(careVisits.plannedOn, q.to) : undefined,
        after,
      ),
    )
      .orderBy(desc(careVisits.plannedOn), desc(careVisits.id))
      .limit(q.limit + 1);
    const items = await toVisitsOut(this.db, rows.slice(0, q.limit));
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > q.limit && last ? `${last.plannedOn}~${last.id}` : null };
  }

  async get(actor: Actor, id: string, tx: Tx = this.db) {
    const rows = await this.select(tx, and(eq(careVisits.id, id), personScope(actor)));
    if (!rows[0]) throw notFound();
    return (await toVisitsOut(tx, rows))[0]!;
  }

  /** Workers who may be responsible for a person's visits (the owner picker). */
  async workers(actor: Actor, personId: string) {
    const [person] = await this.db
      .select({ streetCode: persons.streetCode, communityId: persons.communityId })
      .from(persons)
      .where(and(eq(persons.id, personId), personScope(actor)));
    if (!person) throw notFound();
    return workersFor(this.db, person);
  }

  /** The pairing (in scope) or the person (in scope) a visit is to. */
  private async target(
    tx: Tx,
    actor: Actor,
    b: { pairingId: string | null; personId: string | null },
  ): Promise<Target> {
    if (b.pairingId) {
      const [r] = await tx
        .select({ pr: carePairings, streetCode: persons.streetCode, communityId: persons.communityId })
        .from(carePairings)
        .innerJoin(persons, eq(persons.id, carePairings.personId))
        .where(and(eq(carePairings.id, b.pairingId), personScope(actor)));
      if (!r) throw invalid('pairingId', 'not_found');
      if (b.personId && b.personId !== r.pr.personId) throw invalid('personId', 'person_not_in_pairing');
      if (r.pr.state !== 'active') throw invalid('pairingId', 'pairing_ended');
      return { personId: r.pr.personId, streetCode: r.streetCode, communityId: r.communityId, pairing: r.pr };
    }
    if (!b.personId) throw invalid('personId', 'person_or_pairing');
    const [person] = await tx
      .select({ id: persons.id, streetCode: persons.streetCode, communityId: persons.communityId })
      .from(persons)
      .where(and(eq(persons.id, b.personId), personScope(actor)));
    if (!person) throw invalid('personId', 'not_found');
    return {
      personId: person.id,
      streetCode: person.streetCode,
      communityId: person.communityId,
      pairing: null,
    };
  }

  /** The named owner (checked), else the pairing's, else the caller when they may own visits of this person. */
  private async owner(tx: Tx, actor: Actor, named: string | null, t: Target): Promise<string | null> {
    if (named) {
      if (!(await canOwnVisits(tx, named, t))) throw invalid('ownerUserId', 'not_a_visit_worker');
      return named;
    }
    if (t.pairing?.ownerUserId) return t.pairing.ownerUserId;
    return actor.userId && (await canOwnVisits(tx, actor.userId, t)) ? actor.userId : null;
  }

  async plan(actor: Actor, body: z.infer<typeof VisitPlanBody>) {
    return this.db.transaction(async (tx) => {
      const t = await this.target(tx, actor, body);
      const id = newId();
      await tx.insert(careVisits).values({
        id,
        pairingId: t.pairing?.id ?? null,
        personId: t.personId,
        ownerUserId: await this.owner(tx, actor, body.ownerUserId, t),
        plannedOn: body.plannedOn,
        mode: body.mode,
        createdBy: actor.userId,
      });
      await recordAudit(tx, actor, {
        action: 'care.visit.plan',
        objectType: 'care_visit',
        objectId: id,
        details: { personId: t.personId, pairingId: t.pairing?.id ?? null },
      });
      return this.get(actor, id, tx);
    });
  }

  /** The facts of a done visit: participants, hours, needs, next visit. */
  private async writeRecord(tx: Tx, actor: Actor, row: VisitRow, f: RecordFields, now: Date) {
    const visitedAt = new Date(f.visitedAt);
    if (visitedAt.getTime() > now.getTime() + FUTURE_SLACK_MS)
      throw invalid('visitedAt', 'visited_in_future');
    const parts = await checkParticipants(tx, f.participants, f.minutes);
    await writeParticipants(tx, row.id, parts);
    const teamId = row.pairingId
      ? ((
          await tx
            .select({ t: carePairings.teamId })
            .from(carePairings)
            .where(eq(carePairings.id, row.pairingId))
        )[0]?.t ?? null)
      : null;
    await syncVisitHours(tx, actor, { id: row.id, mode: f.mode, visitedAt, teamId }, parts);
    const needIds = await raiseVisitNeeds(this.p, tx, actor, row, f.needs);
    if (row.pairingId) await recomputeNextVisit(tx, row.pairingId);
    return { participants: parts.length, volunteers: parts.filter((x) => x.volunteerId).length, needIds };
  }

  /** Record a visit that was not planned: done at once. */
  async recordNew(actor: Actor, body: z.infer<typeof VisitRecordNewBody>, now = new Date()) {
    return this.db.transaction(async (tx) => {
      const t = await this.target(tx, actor, body);
      const id = newId();
      const [row] = await tx
        .insert(careVisits)
        .values({
          id,
          pairingId: t.pairing?.id ?? null,
          personId: t.personId,
          ownerUserId: await this.owner(tx, actor, body.ownerUserId, t),
          plannedOn: shanghaiDate(new Date(body.visitedAt)),
          state: 'done',
          mode: body.mode,
          visitedAt: new Date(body.visitedAt),
          minutes: body.minutes,
          findings: body.findings,
          recordedBy: actor.userId,
          recordedAt: now,
          createdBy: actor.userId,
        })
        .returning();
      const facts = await this.writeRecord(tx, actor, row!, body, now);
      await recordAudit(tx, actor, {
        action: 'care.visit.record',
        objectType: 'care_visit',
        objectId: id,
        details: { personId: t.personId, pairingId: t.pairing?.id ?? null, ...facts },
      });
      return this.get(actor, id, tx);
    });
  }

  /** Lock the visit at the expected version (in scope), or 404 / 412. */
  private async current(tx: Tx, actor: Actor, id: string, version: number): Promise<VisitRow> {
    const [r] = await this.select(tx, and(eq(careVisits.id, id), personScope(actor))).for('update', {
      of: careVisits,
    });
    if (!r) throw notFound();
    if (r.v.version !== version) throw new AppError('version_mismatch');
    return r.v;
  }

  /** Record a planned (or missed) visit as done. */
  async record(actor: Actor, id: string, version: number, body: RecordFields, now = new Date()) {
    return this.db.transaction(async (tx) => {
      const cur = await this.current(tx, actor, id, version);
      if (cur.state !== 'planned' && cur.state !== 'missed') throw new AppError('invalid_state');
      const [row] = await tx
        .update(careVisits)
        .set({
          state: 'done',
          mode: body.mode,
          visitedAt: new Date(body.visitedAt),
          minutes: body.minutes,
          findings: body.findings,
          reason: '',
          recordedBy: actor.userId,
          recordedAt: now,
          version: version + 1,
        })
        .where(eq(careVisits.id, id))
        .returning();
      const facts = await this.writeRecord(tx, actor, row!, body, now);
      await recordAudit(tx, actor, {
        action: 'care.visit.record',
        objectType: 'care_visit',
        objectId: id,
        details: { personId: cur.personId, pairingId: cur.pairingId, ...facts },
      });
      return this.get(actor, id, tx);
    });
  }

  /** A planned visit did not happen (missed), or a visit is called off (cancelled; a done one's hours are voided). */
  async close(actor: Actor, id: string, version: number, state: 'missed' | 'cancelled', reason: string) {
    return this.db.transaction(async (tx) => {
      const cur = await this.current(tx, actor, id, version);
      const allowed = state === 'missed' ? ['planned'] : ['planned', 'missed', 'done'];
      if (!allowed.includes(cur.state)) throw new AppError('invalid_state');
      await tx
        .update(careVisits)
        .set({ state, reason, version: version + 1 })
        .where(eq(careVisits.id, id));
      const voided = cur.state === 'done' ? await voidVisitHours(tx, id) : [];
      if (cur.state === 'done' && cur.pairingId) await recomputeNextVisit(tx, cur.pairingId);
      await recordAudit(tx, actor, {
        action: state === 'missed' ? 'care.visit.miss' : 'care.visit.cancel',
        objectType: 'care_visit',
        objectId: id,
        details: { from: cur.state, voidedRecords: voided.length },
      });
      return this.get(actor, id, tx);
    });
  }

  /** Edit: a planned visit its date, mode and owner; a done one what was recorded; a missed or cancelled one its reason. */
  async patch(actor: Actor, id: string, version: number, body: z.infer<typeof VisitPatch>, now = new Date()) {
    return this.db.transaction(async (tx) => {
      const cur = await this.current(tx, actor, id, version);
      const editable: Record<VisitRow['state'], readonly string[]> = {
        planned: ['plannedOn', 'mode', 'ownerUserId'],
        done: ['mode', 'ownerUserId', 'visitedAt', 'minutes', 'findings', 'participants'],
        missed: ['ownerUserId', 'reason'],
        cancelled: ['reason'],
      };
      for (const k of Object.keys(body))
        if (!editable[cur.state].includes(k)) throw invalid(k, 'not_editable_now');
      let ownerUserId = cur.ownerUserId;
      if (body.ownerUserId !== undefined) {
        const [person] = await tx
          .select({ streetCode: persons.streetCode, communityId: persons.communityId })
          .from(persons)
          .where(eq(persons.id, cur.personId));
        if (body.ownerUserId && !(await canOwnVisits(tx, body.ownerUserId, person!)))
          throw invalid('ownerUserId', 'not_a_visit_worker');
        ownerUserId = body.ownerUserId;
      }
      const { participants, visitedAt, ...rest } = body;
      const [row] = await tx
        .update(careVisits)
        .set({
          ...rest,
          ownerUserId,
          ...(visitedAt ? { visitedAt: new Date(visitedAt) } : {}),
          version: version + 1,
        })
        .where(eq(careVisits.id, id))
        .returning();
      if (cur.state === 'done') {
        const existing = participants ?? (await participantsOf(tx, [id]));
        await this.writeRecord(
          tx,
          actor,
          row!,
          {
            visitedAt: row!.visitedAt!.toISOString(),
            minutes: row!.minutes!,
            mode: row!.mode,
            findings: row!.findings,
            participants: existing.map((x) => ({
              volunteerId: x.volunteerId,
              userId: x.userId,
              minutes: x.minutes,
            })),
            needs: [],
          },
          now,
        );
      }
      await recordAudit(tx, actor, {
        action: 'care.visit.update',
        objectType: 'care_visit',
        objectId: id,
        details: { changed: Object.keys(body) },
      });
      return this.get(actor, id, tx);
    });
  }
}
