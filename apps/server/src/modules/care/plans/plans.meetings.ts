/**
 * Meetings (S1): joint meetings of the vanguard teams, lectures and activities — hosting teams,
 * attendees (volunteers, staff, named guests; present or absent), minutes and the needs analysed.
 * A need is linked only if the caller's scope covers it (else `needIds`: not found) and is shown
 * only as ref, category, title and status; needs out of the caller's scope are counted, not shown.
 */
import { and, arrayContains, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  MeetingBody,
  MeetingListQuery,
  MeetingOut,
  MeetingPatch,
  MeetingSummaryOut,
} from '@jinglin/shared';
import type { Platform } from '../../../platform/platform.js';
import type { Actor } from '../../../platform/access/actor.js';
import type { Tx } from '../../../platform/db/client.js';
import { recordAudit } from '../../../platform/audit/audit.service.js';
import { AppError, invalid, notFound } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { careOrganisations, careVolunteers } from '../care.tables.js';
import { careMeetings, careWorkItems, type Attendee } from './plans.tables.js';
import { decodeCursor, encodeCursor, staffUserIds, userNames, visibleNeeds } from './plans.common.js';

type Row = typeof careMeetings.$inferSelect;
type AttendeeIn = z.infer<typeof MeetingBody>['attendees'][number];

/** Shanghai midnight of a date, as an instant. */
const startOfDay = (d: string) => new Date(`${d}T00:00:00+08:00`);
const nextDay = (d: string) => new Date(startOfDay(d).getTime() + 86_400_000);

export class PlanMeetings {
  constructor(private readonly p: Platform) {}

  private get db() {
    return this.p.database.db;
  }

  async list(q: z.infer<typeof MeetingListQuery>) {
    const c = decodeCursor(q.cursor);
    if (q.cursor && !c) throw invalid('cursor', 'invalid_format');
    const after = c
      ? (or(
          lt(careMeetings.heldAt, new Date(c.value)),
          and(eq(careMeetings.heldAt, new Date(c.value)), lt(careMeetings.id, c.id)),
        ) as SQL)
      : undefined;
    const rows = await this.db
      .select()
      .from(careMeetings)
      .where(
        and(
          q.kind ? eq(careMeetings.kind, q.kind) : undefined,
          q.organisationId ? arrayContains(careMeetings.organisationIds, [q.organisationId]) : undefined,
          q.from ? gte(careMeetings.heldAt, startOfDay(q.from)) : undefined,
          q.to ? lt(careMeetings.heldAt, nextDay(q.to)) : undefined,
          after,
        ),
      )
      .orderBy(desc(careMeetings.heldAt), desc(careMeetings.id))
      .limit(q.limit + 1);
    const pageRows = rows.slice(0, q.limit);
    const counts = new Map<string, number>();
    if (pageRows.length) {
      const ids = pageRows.map((r) => r.id);
      const cs = await this.db
        .select({ id: careWorkItems.meetingId, n: sql<number>`count(*)::int` })
        .from(careWorkItems)
        .where(inArray(careWorkItems.meetingId, ids))
        .groupBy(careWorkItems.meetingId);
      for (const x of cs) if (x.id) counts.set(x.id, Number(x.n));
    }
    const items: z.infer<typeof MeetingSummaryOut>[] = pageRows.map((m) => ({
      id: m.id,
      kind: m.kind,
      title: m.title,
      heldAt: m.heldAt.toISOString(),
      place: m.place,
      organisationIds: m.organisationIds,
      attendeeCount: m.attendees.length,
      presentCount: m.attendees.filter((a) => a.present).length,
      needCount: m.needIds.length,
      itemCount: counts.get(m.id) ?? 0,
      version: m.version,
    }));
    const last = pageRows[pageRows.length - 1];
    return {
      items,
      nextCursor: rows.length > q.limit && last ? encodeCursor(last.heldAt.toISOString(), last.id) : null,
    };
  }

  async row(tx: Tx, id: string) {
    const [r] = await tx.select().from(careMeetings).where(eq(careMeetings.id, id));
    return r ?? null;
  }

  async get(actor: Actor, id: string, tx: Tx = this.db): Promise<z.infer<typeof MeetingOut>> {
    const m = await this.row(tx, id);
    if (!m) throw notFound();
    return this.toOut(tx, actor, m);
  }

  private async toOut(tx: Tx, actor: Actor, m: Row): Promise<z.infer<typeof MeetingOut>> {
    const orgs = m.organisationIds.length
      ? await tx
          .select({ id: careOrganisations.id, name: careOrganisations.name })
          .from(careOrganisations)
          .where(inArray(careOrganisations.id, m.organisationIds))
      : [];
    const volIds = m.attendees.flatMap((a) => (a.volunteerId ? [a.volunteerId] : []));
    const vols = volIds.length
      ? await tx
          .select({ id: careVolunteers.id, name: careVolunteers.name })
          .from(careVolunteers)
          .where(inArray(careVolunteers.id, volIds))
      : [];
    const volName = new Map(vols.map((v) => [v.id, v.name]));
    const names = await userNames(
      tx,
      m.attendees.map((a) => a.userId),
    );
    const needs = await visibleNeeds(tx, actor, m.needIds);
    return {
      id: m.id,
      kind: m.kind,
      title: m.title,
      heldAt: m.heldAt.toISOString(),
      place: m.place,
      organisations: m.organisationIds.map((id) => ({ id, name: orgs.find((o) => o.id === id)?.name ?? '' })),
      attendees: m.attendees.map((a) => ({
        volunteerId: a.volunteerId ?? null,
        userId: a.userId ?? null,
        name: a.volunteerId
          ? (volName.get(a.volunteerId) ?? '')
          : a.userId
            ? (names.get(a.userId) ?? '')
            : (a.name ?? ''),
        kind: a.volunteerId ? 'volunteer' : a.userId ? 'staff' : 'guest',
        present: a.present,
      })),
      presentCount: m.attendees.filter((a) => a.present).length,
      minutes: m.minutes,
      needs: m.needIds.flatMap((id) => {
        const n = needs.get(id);
        return n ? [n] : [];
      }),
      hiddenNeedCount: m.needIds.filter((id) => !needs.has(id)).length,
      createdAt: m.createdAt.toISOString(),
      version: m.version,
    };
  }

  /** Hosting teams exist; each attendee is exactly one of a volunteer, a staff user or a guest. */
  private async checkParts(
    tx: Tx,
    organisationIds: string[] | undefined,
    attendees: AttendeeIn[] | undefined,
  ) {
    if (organisationIds?.length) {
      const uniq = [...new Set(organisationIds)];
      const found = await tx
        .select({ id: careOrganisations.id })
        .from(careOrganisations)
        .where(inArray(careOrganisations.id, uniq));
      if (found.length !== uniq.length) throw invalid('organisationIds', 'not_found');
    }
    if (!attendees) return undefined;
    attendees.forEach((a, i) => {
      if ([a.volunteerId, a.userId, a.name].filter(Boolean).length !== 1)
        throw invalid(`attendees.${i}`, 'one_attendee');
    });
    const volIds = [...new Set(attendees.flatMap((a) => (a.volunteerId ? [a.volunteerId] : [])))];
    const vols = volIds.length
      ? await tx
          .select({ id: careVolunteers.id })
          .from(careVolunteers)
          .where(inArray(careVolunteers.id, volIds))
      : [];
    const volSet = new Set(vols.map((v) => v.id));
    const staff = await staffUserIds(
      tx,
      attendees.flatMap((a) => (a.userId ? [a.userId] : [])),
    );
    attendees.forEach((a, i) => {
      if (a.volunteerId && !volSet.has(a.volunteerId))
        throw invalid(`attendees.${i}.volunteerId`, 'not_found');
      if (a.userId && !staff.has(a.userId)) throw invalid(`attendees.${i}.userId`, 'not_found');
    });
    return attendees.map((a): Attendee => ({
      ...(a.volunteerId ? { volunteerId: a.volunteerId } : {}),
      ...(a.userId ? { userId: a.userId } : {}),
      ...(a.name ? { name: a.name } : {}),
      present: a.present,
    }));
  }

  /** New needs must be in the caller's scope (else not found); linked ones they cannot see are kept. */
  private async checkNeeds(tx: Tx, actor: Actor, needIds: string[], current: string[] = []) {
    const want = [...new Set(needIds)];
    const visible = await visibleNeeds(tx, actor, [...want, ...current]);
    for (const id of want) if (!visible.has(id)) throw invalid('needIds', 'not_found');
    const hiddenKept = current.filter((id) => !visible.has(id));
    return [...want, ...hiddenKept];
  }

  async create(actor: Actor, body: z.infer<typeof MeetingBody>) {
    const id = newId();
    return this.db.transaction(async (tx) => {
      const attendees = (await this.checkParts(tx, body.organisationIds, body.attendees)) ?? [];
      const needIds = await this.checkNeeds(tx, actor, body.needIds);
      await tx.insert(careMeetings).values({
        id,
        kind: body.kind,
        title: body.title,
        heldAt: new Date(body.heldAt),
        place: body.place,
        organisationIds: [...new Set(body.organisationIds)],
        attendees,
        minutes: body.minutes,
        needIds,
        createdBy: actor.userId,
      });
      await recordAudit(tx, actor, {
        action: 'care.meeting.create',
        objectType: 'care_meeting',
        objectId: id,
        details: { needIds },
      });
      return this.get(actor, id, tx);
    });
  }

  async patch(actor: Actor, id: string, version: number, body: z.infer<typeof MeetingPatch>) {
    return this.db.transaction(async (tx) => {
      const cur = await this.row(tx, id);
      if (!cur) throw notFound();
      const attendees = await this.checkParts(tx, body.organisationIds, body.attendees);
      const needIds = body.needIds ? await this.checkNeeds(tx, actor, body.needIds, cur.needIds) : undefined;
      const [row] = await tx
        .update(careMeetings)
        .set({
          ...(body.kind ? { kind: body.kind } : {}),
          ...(body.title !== undefined ? { title: body.title } : {}),
          ...(body.heldAt ? { heldAt: new Date(body.heldAt) } : {}),
          ...(body.place !== undefined ? { place: body.place } : {}),
          ...(body.organisationIds ? { organisationIds: [...new Set(body.organisationIds)] } : {}),
          ...(attendees ? { attendees } : {}),
          ...(body.minutes !== undefined ? { minutes: body.minutes } : {}),
          ...(needIds ? { needIds } : {}),
          version: version + 1,
        })
        .where(and(eq(careMeetings.id, id), eq(careMeetings.version, version)))
        .returning({ id: careMeetings.id });
      if (!row) throw new AppError('version_mismatch');
      await recordAudit(tx, actor, {
        action: 'care.meeting.update',
        objectType: 'care_meeting',
        objectId: id,
        details: { changed: Object.keys(body), ...(needIds ? { needIds } : {}) },
      });
      return this.get(actor, id, tx);
    });
  }
}
