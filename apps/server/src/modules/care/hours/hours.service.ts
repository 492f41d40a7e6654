/**
 * A volunteer's service records and totals (all time, this Shanghai year, a date range), records
 * entered by hand (source `manual`) and voiding a record with a reason (kept in the audit). Hours
 * are district-wide (`care.hours`); a volunteer reads their own (`care.own`) through `mine`.
 */
import { and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { HoursQuery, ManualRecordBody, VolunteerHoursOut } from '@jinglin/shared';
import type { Platform } from '../../../platform/platform.js';
import type { Actor } from '../../../platform/access/actor.js';
import type { Tx } from '../../../platform/db/client.js';
import { recordAudit } from '../../../platform/audit/audit.service.js';
import { AppError, invalid, notFound } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { careOrganisations, careVolunteers } from '../care.tables.js';
import { careServiceRecords } from './hours.tables.js';
import { shanghaiEnd, shanghaiStart, todayInShanghai, toRecordOut } from './hours.mapper.js';

type Query = z.infer<typeof HoursQuery>;

/** The caller's own volunteer profile (a `volunteer` user linked to it), or null. */
export async function ownVolunteerId(tx: Tx, actor: Actor): Promise<string | null> {
  if (!actor.userId) return null;
  const [v] = await tx
    .select({ id: careVolunteers.id })
    .from(careVolunteers)
    .where(eq(careVolunteers.userId, actor.userId));
  return v?.id ?? null;
}

export class HoursService {
  constructor(private readonly p: Platform) {}

  private get db() {
    return this.p.database.db;
  }

  async forVolunteer(
    volunteerId: string,
    q: Query,
    now = new Date(),
  ): Promise<z.infer<typeof VolunteerHoursOut>> {
    if (q.from && q.to && q.to < q.from) throw invalid('to', 'end_before_start');
    const [v] = await this.db
      .select({ id: careVolunteers.id, name: careVolunteers.name, volunteerNo: careVolunteers.volunteerNo })
      .from(careVolunteers)
      .where(eq(careVolunteers.id, volunteerId));
    if (!v) throw notFound();
    const totals = await this.totals(volunteerId, q.from ?? null, q.to ?? null, now);
    const records = await this.db
      .select()
      .from(careServiceRecords)
      .where(
        and(
          eq(careServiceRecords.volunteerId, volunteerId),
          q.includeVoid ? undefined : eq(careServiceRecords.state, 'recorded'),
          q.from ? gte(careServiceRecords.startedAt, shanghaiStart(q.from)) : undefined,
          q.to ? lt(careServiceRecords.startedAt, shanghaiEnd(q.to)) : undefined,
        ),
      )
      .orderBy(desc(careServiceRecords.startedAt), desc(careServiceRecords.id))
      .limit(500);
    return { volunteer: v, totals, records: records.map(toRecordOut) };
  }

  /** The caller's own records and totals (none, with `volunteer: null`, without a volunteer profile). */
  async mine(actor: Actor, q: Query) {
    const id = await ownVolunteerId(this.db, actor);
    if (id) return this.forVolunteer(id, q);
    const year = Number(todayInShanghai().slice(0, 4));
    return {
      volunteer: null,
      totals: {
        allMinutes: 0,
        year,
        yearMinutes: 0,
        from: q.from ?? null,
        to: q.to ?? null,
        rangeMinutes: q.from || q.to ? 0 : null,
        recordCount: 0,
      },
      records: [],
    };
  }

  async totals(volunteerId: string, from: string | null, to: string | null, now = new Date()) {
    const year = Number(todayInShanghai(now).slice(0, 4));
    const yearFrom = shanghaiStart(`${year}-01-01`);
    const yearTo = shanghaiStart(`${year + 1}-01-01`);
    const inRange =
      from || to
        ? and(
            from ? gte(careServiceRecords.startedAt, shanghaiStart(from)) : undefined,
            to ? lt(careServiceRecords.startedAt, shanghaiEnd(to)) : undefined,
          )
        : undefined;
    const [row] = await this.db
      .select({
        all: sql<number>`coalesce(sum(${careServiceRecords.minutes}), 0)::int`,
        count: sql<number>`count(*)::int`,
        year: sql<number>`coalesce(sum(${careServiceRecords.minutes}) FILTER (WHERE ${careServiceRecords.startedAt} >= ${yearFrom.toISOString()}::timestamptz AND ${careServiceRecords.startedAt} < ${yearTo.toISOString()}::timestamptz), 0)::int`,
        range: inRange
          ? sql<number>`coalesce(sum(${careServiceRecords.minutes}) FILTER (WHERE ${inRange}), 0)::int`
          : sql<number>`0`,
      })
      .from(careServiceRecords)
      .where(and(eq(careServiceRecords.volunteerId, volunteerId), eq(careServiceRecords.state, 'recorded')));
    return {
      allMinutes: Number(row?.all ?? 0),
      year,
      yearMinutes: Number(row?.year ?? 0),
      from,
      to,
      rangeMinutes: inRange ? Number(row?.range ?? 0) : null,
      recordCount: Number(row?.count ?? 0),
    };
  }

  async addManual(actor: Actor, volunteerId: string, body: z.infer<typeof ManualRecordBody>) {
    if (body.serviceDate > todayInShanghai()) throw invalid('serviceDate', 'future_date');
    const id = newId();
    return this.db.transaction(async (tx) => {
      const [v] = await tx
        .select({ id: careVolunteers.id })
        .from(careVolunteers)
        .where(eq(careVolunteers.id, volunteerId));
      if (!v) throw notFound();
      if (body.organisationId) {
        const [o] = await tx
          .select({ id: careOrganisations.id })
          .from(careOrganisations)
          .where(eq(careOrganisations.id, body.organisationId));
        if (!o) throw invalid('organisationId', 'not_found');
      }
      const [row] = await tx
        .insert(careServiceRecords)
        .values({
          id,
          volunteerId,
          source: 'manual',
          sourceId: null,
          organisationId: body.organisationId,
          activity: body.activity,
          content: body.content,
          startedAt: shanghaiStart(body.serviceDate, body.startTime),
          minutes: body.minutes,
          recordedBy: actor.userId,
        })
        .returning();
      await recordAudit(tx, actor, {
        action: 'care.hours.record.create',
        objectType: 'care_service_record',
        objectId: id,
        details: { volunteerId, minutes: body.minutes },
      });
      return toRecordOut(row!);
    });
  }

  /** A void record stays for the record but counts nothing; the reason is kept in the audit. */
  async voidRecord(actor: Actor, id: string, version: number, reason: string) {
    return this.db.transaction(async (tx) => {
      const [cur] = await tx.select().from(careServiceRecords).where(eq(careServiceRecords.id, id));
      if (!cur) throw notFound();
      if (cur.state === 'void') throw new AppError('invalid_state');
      const [row] = await tx
        .update(careServiceRecords)
        .set({ state: 'void', version: version + 1 })
        .where(and(eq(careServiceRecords.id, id), eq(careServiceRecords.version, version)))
        .returning();
      if (!row) throw new AppError('version_mismatch');
      await recordAudit(tx, actor, {
        action: 'care.hours.record.void',
        objectType: 'care_service_record',
        objectId: id,
        details: { volunteerId: cur.volunteerId, minutes: cur.minutes, reason },
      });
      return toRecordOut(row);
    });
  }
}
