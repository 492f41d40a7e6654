/** Visit rows → response shapes, with the participants' and owners' names and the needs raised. */
import { asc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { VisitOut } from '@jinglin/shared';
import type { Tx } from '../../../platform/db/client.js';
import { careVolunteers } from '../care.tables.js';
import { careNeeds } from '../needs/needs.tables.js';
import { userNames } from './visits.owners.js';
import { careVisitParticipants, careVisits } from './visits.tables.js';

export type VisitRow = typeof careVisits.$inferSelect;
export interface VisitWithPerson {
  v: VisitRow;
  name: string;
  streetCode: string;
}

export async function participantsOf(tx: Tx, visitIds: readonly string[]) {
  if (visitIds.length === 0) return [];
  return tx
    .select({
      visitId: careVisitParticipants.visitId,
      volunteerId: careVisitParticipants.volunteerId,
      volunteerName: careVolunteers.name,
      userId: careVisitParticipants.userId,
      minutes: careVisitParticipants.minutes,
    })
    .from(careVisitParticipants)
    .leftJoin(careVolunteers, eq(careVolunteers.id, careVisitParticipants.volunteerId))
    .where(inArray(careVisitParticipants.visitId, [...visitIds]))
    .orderBy(asc(careVisitParticipants.visitId), asc(careVisitParticipants.seq));
}

export async function toVisitsOut(
  tx: Tx,
  rows: readonly VisitWithPerson[],
): Promise<z.infer<typeof VisitOut>[]> {
  const ids = rows.map((r) => r.v.id);
  const parts = await participantsOf(tx, ids);
  const needs = ids.length
    ? await tx
        .select({ id: careNeeds.id, ref: careNeeds.ref, title: careNeeds.title, visitId: careNeeds.visitId })
        .from(careNeeds)
        .where(inArray(careNeeds.visitId, ids))
        .orderBy(asc(careNeeds.id))
    : [];
  const names = await userNames(tx, [
    ...rows.flatMap((r) => (r.v.ownerUserId ? [r.v.ownerUserId] : [])),
    ...parts.flatMap((p) => (p.userId ? [p.userId] : [])),
  ]);
  return rows.map(({ v, name, streetCode }) => ({
    id: v.id,
    pairingId: v.pairingId,
    personId: v.personId,
    personName: name,
    streetCode,
    ownerUserId: v.ownerUserId,
    ownerName: v.ownerUserId ? (names.get(v.ownerUserId) ?? null) : null,
    plannedOn: v.plannedOn,
    state: v.state,
    mode: v.mode,
    visitedAt: v.visitedAt?.toISOString() ?? null,
    minutes: v.minutes,
    findings: v.findings,
    reason: v.reason,
    participants: parts
      .filter((p) => p.visitId === v.id)
      .map((p) => ({
        volunteerId: p.volunteerId,
        volunteerName: p.volunteerName,
        userId: p.userId,
        userName: p.userId ? (names.get(p.userId) ?? null) : null,
        minutes: p.minutes,
      })),
    needs: needs.filter((n) => n.visitId === v.id).map(({ id, ref, title }) => ({ id, ref, title })),
    recordedAt: v.recordedAt?.toISOString() ?? null,
    version: v.version,
  }));
}
