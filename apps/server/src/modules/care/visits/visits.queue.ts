/**
 * "My visits due" (GET /care/queue/visits): the active pairings the caller is responsible for whose
 * next visit is due within 7 days or overdue, the planned visits they own due by then, and — for a
 * street or community worker — the active pairings in their area that nobody is responsible for.
 * Shanghai dates; overdue ones first.
 */
import { and, asc, eq, isNull, lte } from 'drizzle-orm';
import type { z } from 'zod';
import type { QueuePairingItem, VisitQueueOut } from '@jinglin/shared';
import type { Platform } from '../../../platform/platform.js';
import type { Actor } from '../../../platform/access/actor.js';
import type { SQL } from 'drizzle-orm';
import { persons } from '../../../platform/db/schema.js';
import { careOrganisations, carePairings, careVolunteers } from '../care.tables.js';
import { addDays, daysBetween, shanghaiDate } from './visits.dates.js';
import { personScope } from './visits.service.js';
import { careVisits } from './visits.tables.js';

const LIMIT = 200;

export async function visitQueue(
  p: Platform,
  actor: Actor,
  now = new Date(),
): Promise<z.infer<typeof VisitQueueOut>> {
  const db = p.database.db;
  const today = shanghaiDate(now);
  const dueBy = addDays(today, 7);
  const overdue = (on: string) => Math.max(0, daysBetween(on, today));
  const me = actor.userId ?? '00000000-0000-0000-0000-000000000000';

  const pairings = async (where: SQL | undefined) => {
    const rows = await db
      .select({
        pr: carePairings,
        name: persons.name,
        streetCode: persons.streetCode,
        teamName: careOrganisations.name,
        volunteerName: careVolunteers.name,
      })
      .from(carePairings)
      .innerJoin(persons, eq(persons.id, carePairings.personId))
      .leftJoin(careOrganisations, eq(careOrganisations.id, carePairings.teamId))
      .leftJoin(careVolunteers, eq(careVolunteers.id, carePairings.volunteerId))
      .where(and(eq(carePairings.state, 'active'), personScope(actor), where))
      .orderBy(asc(carePairings.nextVisitOn), asc(carePairings.id))
      .limit(LIMIT);
    return rows.map((r): z.infer<typeof QueuePairingItem> => ({
      pairingId: r.pr.id,
      personId: r.pr.personId,
      personName: r.name,
      streetCode: r.streetCode,
      teamId: r.pr.teamId,
      volunteerId: r.pr.volunteerId,
      partnerName: r.teamName ?? r.volunteerName ?? null,
      nextVisitOn: r.pr.nextVisitOn ?? r.pr.startOn,
      overdueDays: overdue(r.pr.nextVisitOn ?? r.pr.startOn),
      visitPlan: { every: r.pr.visitEvery, unit: r.pr.visitUnit },
    }));
  };

  const mine = await pairings(and(eq(carePairings.ownerUserId, me), lte(carePairings.nextVisitOn, dueBy)));
  const visits = await db
    .select({ v: careVisits, name: persons.name, streetCode: persons.streetCode })
    .from(careVisits)
    .innerJoin(persons, eq(persons.id, careVisits.personId))
    .where(
      and(
        eq(careVisits.ownerUserId, me),
        eq(careVisits.state, 'planned'),
        lte(careVisits.plannedOn, dueBy),
        personScope(actor),
      ),
    )
    .orderBy(asc(careVisits.plannedOn), asc(careVisits.id))
    .limit(LIMIT);
  const unassigned = actor.scope.district ? [] : await pairings(isNull(carePairings.ownerUserId));
  const first = <T extends { overdueDays: number }>(a: T, b: T) => b.overdueDays - a.overdueDays;
  return {
    today,
    dueBy,
    pairings: mine.sort(first),
    visits: visits
      .map((r) => ({
        visitId: r.v.id,
        pairingId: r.v.pairingId,
        personId: r.v.personId,
        personName: r.name,
        streetCode: r.streetCode,
        plannedOn: r.v.plannedOn,
        mode: r.v.mode,
        overdueDays: overdue(r.v.plannedOn),
        version: r.v.version,
      }))
      .sort(first),
    unassigned: unassigned.sort(first),
  };
}
