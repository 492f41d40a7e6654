/**
 * What recording a visit writes inside its transaction: the participants (checked), each
 * volunteer's minutes as a service record (hours — "whoever organises records"), the needs raised
 * (each a needs case) and the pairing's next visit date.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { VisitNeedInput, VisitParticipant } from '@jinglin/shared';
import type { Platform } from '../../../platform/platform.js';
import type { Actor } from '../../../platform/access/actor.js';
import type { Tx } from '../../../platform/db/client.js';
import { invalid } from '../../../platform/errors.js';
import { users } from '../../../platform/db/schema.js';
import { careVolunteers } from '../care.tables.js';
import { recordServiceForSource, voidServiceForSource } from '../hours/hours.recorder.js';
import { raiseNeed } from '../needs/needs.raise.js';
import { careVisitParticipants, type careVisits } from './visits.tables.js';

type Participant = z.infer<typeof VisitParticipant>;
export interface CheckedParticipant {
  volunteerId: string | null;
  userId: string | null;
  minutes: number | null;
}

/** Each participant is one volunteer (active) or one staff user, named once; a volunteer's minutes default to the visit's. */
export async function checkParticipants(
  tx: Tx,
  list: readonly Participant[],
  visitMinutes: number,
): Promise<CheckedParticipant[]> {
  const seen = new Set<string>();
  list.forEach((p, i) => {
    if ((p.volunteerId === null) === (p.userId === null))
      throw invalid(`participants.${i}.volunteerId`, 'one_participant');
    const key = p.volunteerId ? `v:${p.volunteerId}` : `u:${p.userId}`;
    if (seen.has(key)) throw invalid(`participants.${i}`, 'duplicate_participant');
    seen.add(key);
  });
  const vIds = list.flatMap((p) => (p.volunteerId ? [p.volunteerId] : []));
  const uIds = list.flatMap((p) => (p.userId ? [p.userId] : []));
  const vols = vIds.length
    ? await tx
        .select({ id: careVolunteers.id })
        .from(careVolunteers)
        .where(and(inArray(careVolunteers.id, vIds), eq(careVolunteers.active, true)))
    : [];
  const staff = uIds.length
    ? await tx
        .select({ id: users.id, roles: users.roles })
        .from(users)
        .where(and(inArray(users.id, uIds), eq(users.disabled, false)))
    : [];
  const okV = new Set(vols.map((v) => v.id));
  const okU = new Set(
    staff
      .filter((u) => !u.roles.some((r) => ['resident', 'guardian', 'volunteer'].includes(r)))
      .map((u) => u.id),
  );
  return list.map((p, i) => {
    if (p.volunteerId && !okV.has(p.volunteerId)) throw invalid(`participants.${i}.volunteerId`, 'not_found');
    if (p.userId && !okU.has(p.userId)) throw invalid(`participants.${i}.userId`, 'not_found');
    return {
      volunteerId: p.volunteerId,
      userId: p.userId,
      minutes: p.volunteerId ? (p.minutes ?? visitMinutes) : p.minutes,
    };
  });
}

export async function writeParticipants(tx: Tx, visitId: string, list: readonly CheckedParticipant[]) {
  await tx.delete(careVisitParticipants).where(eq(careVisitParticipants.visitId, visitId));
  if (list.length)
    await tx.insert(careVisitParticipants).values(
      list.map((p, seq) => ({
        visitId,
        seq,
        volunteerId: p.volunteerId,
        userId: p.userId,
        minutes: p.minutes,
      })),
    );
}

const ACTIVITY: Record<(typeof careVisits.$inferSelect)['mode'], string> = {
  home: '上门走访',
  phone: '电话走访',
  video: '视频走访',
  elsewhere: '走访',
};

/**
 * The volunteers' service records for a done visit (idempotent: the hours module keeps one row per
 * volunteer and visit, updates changed ones and voids those no longer listed). Findings stay off the
 * volunteer's record: only the activity and when.
 */
export async function syncVisitHours(
  tx: Tx,
  actor: Actor,
  visit: {
    id: string;
    mode: (typeof careVisits.$inferSelect)['mode'];
    visitedAt: Date;
    teamId: string | null;
  },
  participants: readonly CheckedParticipant[],
) {
  return recordServiceForSource(tx, {
    source: 'visit',
    sourceId: visit.id,
    organisationId: visit.teamId,
    activity: ACTIVITY[visit.mode],
    startedAt: visit.visitedAt,
    entries: participants.flatMap((p) =>
      p.volunteerId ? [{ volunteerId: p.volunteerId, minutes: p.minutes ?? 0 }] : [],
    ),
    recordedBy: actor.userId,
  });
}

export const voidVisitHours = (tx: Tx, visitId: string) => voidServiceForSource(tx, 'visit', visitId);

/** Each need raised on the visit becomes a needs case of the visited person (owner: the responsible worker). */
export async function raiseVisitNeeds(
  p: Platform,
  tx: Tx,
  actor: Actor,
  visit: { id: string; personId: string },
  needs: readonly z.infer<typeof VisitNeedInput>[],
) {
  const ids: string[] = [];
  for (const n of needs) {
    const raised = await raiseNeed(p, tx, actor, {
      source: 'visit',
      personId: visit.personId,
      visitId: visit.id,
      category: n.category,
      urgency: n.urgency,
      title: n.title,
      description: n.description,
    });
    ids.push(raised.id);
  }
  return ids;
}
