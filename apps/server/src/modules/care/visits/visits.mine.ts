/**
 * A volunteer's own visits (care.own): the visits of their pairings (their own or their current
 * teams'), with the family's name and address only; and recording a visit for one of those
 * pairings, in which they take part with their minutes (their service hours). Audited (ids only).
 */
import { and, asc, desc, eq, inArray, isNull, lte, or } from 'drizzle-orm';
import type { z } from 'zod';
import type { MyVisitBody, MyVisitOut } from '@jinglin/shared';
import type { Platform } from '../../../platform/platform.js';
import type { Actor } from '../../../platform/access/actor.js';
import type { Tx } from '../../../platform/db/client.js';
import { recordAudit } from '../../../platform/audit/audit.service.js';
import { invalid, notFound } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { persons } from '../../../platform/db/schema.js';
import { careMembers, carePairings, careVolunteers } from '../care.tables.js';
import { addDays, shanghaiDate } from './visits.dates.js';
import { recomputeNextVisit } from './visits.next.js';
import { syncVisitHours, writeParticipants } from './visits.record.js';
import { careVisitParticipants, careVisits } from './visits.tables.js';

const FUTURE_SLACK_MS = 10 * 60_000;

async function myVolunteerId(tx: Tx, actor: Actor): Promise<string | null> {
  if (!actor.userId) return null;
  const [v] = await tx
    .select({ id: careVolunteers.id })
    .from(careVolunteers)
    .where(and(eq(careVolunteers.userId, actor.userId), eq(careVolunteers.active, true)));
  return v?.id ?? null;
}

/** The pairings of the volunteer's profile or of the teams they currently belong to. */
const minePairing = (tx: Tx, volunteerId: string) =>
  or(
    eq(carePairings.volunteerId, volunteerId),
    inArray(
      carePairings.teamId,
      tx
        .select({ id: careMembers.organisationId })
        .from(careMembers)
        .where(and(eq(careMembers.volunteerId, volunteerId), isNull(careMembers.leftOn))),
    ),
  );

export class MyVisits {
  constructor(private readonly p: Platform) {}

  private get db() {
    return this.p.database.db;
  }

  private async rows(tx: Tx, volunteerId: string, where: { pairingId?: string; visitId?: string }) {
    return tx
      .select({ v: careVisits, name: persons.name, addressEnc: persons.addressEnc })
      .from(careVisits)
      .innerJoin(carePairings, eq(carePairings.id, careVisits.pairingId))
      .innerJoin(persons, eq(persons.id, careVisits.personId))
      .where(
        and(
          minePairing(tx, volunteerId),
          where.pairingId ? eq(careVisits.pairingId, where.pairingId) : undefined,
          where.visitId ? eq(careVisits.id, where.visitId) : undefined,
        ),
      )
      .orderBy(desc(careVisits.plannedOn), desc(careVisits.id))
      .limit(200);
  }

  private async toOut(tx: Tx, volunteerId: string, rows: Awaited<ReturnType<MyVisits['rows']>>) {
    const ids = rows.map((r) => r.v.id);
    const mine = ids.length
      ? await tx
          .select({ visitId: careVisitParticipants.visitId, minutes: careVisitParticipants.minutes })
          .from(careVisitParticipants)
          .where(
            and(
              inArray(careVisitParticipants.visitId, ids),
              eq(careVisitParticipants.volunteerId, volunteerId),
            ),
          )
      : [];
    return rows.map((r): z.infer<typeof MyVisitOut> => ({
      id: r.v.id,
      pairingId: r.v.pairingId,
      family: { name: r.name, address: r.addressEnc ? this.p.crypto.decrypt(r.addressEnc) : null },
      plannedOn: r.v.plannedOn,
      state: r.v.state,
      mode: r.v.mode,
      visitedAt: r.v.visitedAt?.toISOString() ?? null,
      minutes: r.v.minutes,
      myMinutes: mine.find((m) => m.visitId === r.v.id)?.minutes ?? null,
    }));
  }

  /** The visits of the caller's pairings (optionally of one). Audited with the count. */
  async list(actor: Actor, pairingId?: string) {
    return this.db.transaction(async (tx) => {
      const vid = await myVolunteerId(tx, actor);
      const rows = vid ? await this.rows(tx, vid, { pairingId }) : [];
      await recordAudit(tx, actor, {
        action: 'care.visit.own.list',
        objectType: 'care_visit',
        details: { count: rows.length, ...(pairingId ? { pairingId } : {}) },
      });
      return vid ? this.toOut(tx, vid, rows) : [];
    });
  }

  /** Record a visit to the family of one of the caller's active pairings: they took part for its minutes. */
  async record(actor: Actor, pairingId: string, body: z.infer<typeof MyVisitBody>, now = new Date()) {
    return this.db.transaction(async (tx) => {
      const vid = await myVolunteerId(tx, actor);
      if (!vid) throw notFound();
      const [pr] = await tx
        .select()
        .from(carePairings)
        .where(and(eq(carePairings.id, pairingId), minePairing(tx, vid)));
      if (!pr) throw notFound();
      if (pr.state !== 'active') throw invalid('pairingId', 'pairing_ended');
      const visitedAt = new Date(body.visitedAt);
      if (visitedAt.getTime() > now.getTime() + FUTURE_SLACK_MS)
        throw invalid('visitedAt', 'visited_in_future');
      const done = {
        state: 'done' as const,
        mode: body.mode,
        visitedAt,
        minutes: body.minutes,
        findings: body.findings,
        recordedBy: actor.userId,
        recordedAt: now,
      };
      // The visit planned for about then (up to a week ahead) is the one that took place; else a new one.
      const [planned] = await tx
        .select({ id: careVisits.id, version: careVisits.version })
        .from(careVisits)
        .where(
          and(
            eq(careVisits.pairingId, pairingId),
            eq(careVisits.state, 'planned'),
            lte(careVisits.plannedOn, addDays(shanghaiDate(visitedAt), 7)),
          ),
        )
        .orderBy(asc(careVisits.plannedOn), asc(careVisits.id))
        .limit(1)
        .for('update');
      const id = planned?.id ?? newId();
      if (planned)
        await tx
          .update(careVisits)
          .set({ ...done, version: planned.version + 1 })
          .where(eq(careVisits.id, id));
      else
        await tx.insert(careVisits).values({
          id,
          pairingId,
          personId: pr.personId,
          ownerUserId: pr.ownerUserId,
          plannedOn: shanghaiDate(visitedAt),
          ...done,
          createdBy: actor.userId,
        });
      const parts = [{ volunteerId: vid, userId: null, minutes: body.minutes }];
      await writeParticipants(tx, id, parts);
      await syncVisitHours(tx, actor, { id, mode: body.mode, visitedAt, teamId: pr.teamId }, parts);
      await recomputeNextVisit(tx, pairingId);
      await recordAudit(tx, actor, {
        action: 'care.visit.own.record',
        objectType: 'care_visit',
        objectId: id,
        details: { pairingId, volunteerId: vid, planned: Boolean(planned) },
      });
      const [out] = await this.toOut(tx, vid, await this.rows(tx, vid, { visitId: id }));
      return out!;
    });
  }
}
