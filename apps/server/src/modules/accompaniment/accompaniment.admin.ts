/**
 * Hospitals, weekly sessions, public holidays and cancelled occurrences (coordinators,
 * `accompaniment.manage`), and the calendar of occurrences with their bookings (`.read`).
 * Every change is audited (ids only); updates need the version read (If-Match).
 */
import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  AccCalendarQuery,
  AccCancelOccurrenceBody,
  AccHolidayBody,
  AccHospitalBody,
  AccHospitalPatch,
  AccSessionBody,
  AccSessionPatch,
} from '@jinglin/shared';
import type { Platform } from '../../platform/platform.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Tx } from '../../platform/db/client.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { users } from '../../platform/db/schema.js';
import { careVolunteers } from '../care/care.tables.js';
import {
  accBookings,
  accCancellations,
  accDeskUsers,
  accVolunteerHospitals,
  accHolidays,
  accHospitals,
  accOffers,
  accSessions,
} from './accompaniment.tables.js';
import { occurrences, type Occurrence } from './accompaniment.calendar.js';
import { toHospitalOut, toSessionOut } from './accompaniment.mapper.js';

const MAX_CALENDAR_DAYS = 92;

export class AccompanimentAdmin {
  constructor(private readonly p: Platform) {}

  private get db() {
    return this.p.database.db;
  }

  // ---- hospitals

  async listHospitals() {
    const rows = await this.db.select().from(accHospitals).orderBy(asc(accHospitals.code));
    return rows.map(toHospitalOut);
  }

  async getHospital(id: string, tx: Tx = this.db) {
    const [h] = await tx.select().from(accHospitals).where(eq(accHospitals.id, id));
    if (!h) throw notFound();
    return toHospitalOut(h);
  }

  async createHospital(actor: Actor, body: z.infer<typeof AccHospitalBody>) {
    const id = newId();
    return this.db.transaction(async (tx) => {
      const [taken] = await tx
        .select({ id: accHospitals.id })
        .from(accHospitals)
        .where(eq(accHospitals.code, body.code));
      if (taken) throw invalid('code', 'taken');
      await tx.insert(accHospitals).values({ id, ...body });
      await recordAudit(tx, actor, {
        action: 'accompaniment.hospital.create',
        objectType: 'acc_hospital',
        objectId: id,
      });
      return this.getHospital(id, tx);
    });
  }

  async updateHospital(actor: Actor, id: string, version: number, patch: z.infer<typeof AccHospitalPatch>) {
    return this.db.transaction(async (tx) => {
      await this.getHospital(id, tx);
      if (patch.code) {
        const [taken] = await tx
          .select({ id: accHospitals.id })
          .from(accHospitals)
          .where(eq(accHospitals.code, patch.code));
        if (taken && taken.id !== id) throw invalid('code', 'taken');
      }
      const [row] = await tx
        .update(accHospitals)
        .set({ ...patch, version: sql`${accHospitals.version} + 1` })
        .where(and(eq(accHospitals.id, id), eq(accHospitals.version, version)))
        .returning({ id: accHospitals.id });
      if (!row) throw new AppError('version_mismatch');
      await recordAudit(tx, actor, {
        action: 'accompaniment.hospital.update',
        objectType: 'acc_hospital',
        objectId: id,
        details: { fields: Object.keys(patch) },
      });
      return this.getHospital(id, tx);
    });
  }

  // ---- sessions

  async listSessions(hospitalId?: string) {
    const rows = await this.db
      .select()
      .from(accSessions)
      .where(hospitalId ? eq(accSessions.hospitalId, hospitalId) : undefined)
      .orderBy(asc(accSessions.hospitalId), asc(accSessions.weekday), asc(accSessions.startsAt));
    return rows.map(toSessionOut);
  }

  async getSession(id: string, tx: Tx = this.db) {
    const [s] = await tx.select().from(accSessions).where(eq(accSessions.id, id));
    if (!s) throw notFound();
    return toSessionOut(s);
  }

  private async checkSession(
    tx: Tx,
    s: Pick<z.infer<typeof AccSessionBody>, 'hospitalId' | 'startsAt' | 'endsAt' | 'validFrom' | 'validTo'>,
  ) {
    const [h] = await tx
      .select({ id: accHospitals.id })
      .from(accHospitals)
      .where(eq(accHospitals.id, s.hospitalId));
    if (!h) throw invalid('hospitalId', 'not_found');
    if (s.endsAt <= s.startsAt) throw invalid('endsAt', 'ends_before_starts');
    if (s.validTo && s.validTo < s.validFrom) throw invalid('validTo', 'end_before_start');
  }

  async createSession(actor: Actor, body: z.infer<typeof AccSessionBody>) {
    const id = newId();
    return this.db.transaction(async (tx) => {
      await this.checkSession(tx, body);
      await tx.insert(accSessions).values({ id, ...body, services: [...new Set(body.services)] });
      await recordAudit(tx, actor, {
        action: 'accompaniment.session.create',
        objectType: 'acc_session',
        objectId: id,
      });
      return this.getSession(id, tx);
    });
  }

  async updateSession(actor: Actor, id: string, version: number, patch: z.infer<typeof AccSessionPatch>) {
    return this.db.transaction(async (tx) => {
      const current = await this.getSession(id, tx);
      await this.checkSession(tx, { ...current, ...patch });
      const [row] = await tx
        .update(accSessions)
        .set({
          ...patch,
          ...(patch.services ? { services: [...new Set(patch.services)] } : {}),
          version: sql`${accSessions.version} + 1`,
        })
        .where(and(eq(accSessions.id, id), eq(accSessions.version, version)))
        .returning({ id: accSessions.id });
      if (!row) throw new AppError('version_mismatch');
      await recordAudit(tx, actor, {
        action: 'accompaniment.session.update',
        objectType: 'acc_session',
        objectId: id,
        details: { fields: Object.keys(patch) },
      });
      return this.getSession(id, tx);
    });
  }

  // ---- who serves where: volunteers' hospitals, desk accounts

  async volunteerHospitals(volunteerId: string) {
    const rows = await this.db
      .select({ hospitalId: accVolunteerHospitals.hospitalId })
      .from(accVolunteerHospitals)
      .where(eq(accVolunteerHospitals.volunteerId, volunteerId));
    return rows.map((r) => r.hospitalId);
  }

  /** The hospitals a volunteer is willing to serve at (replaces the list). */
  async setVolunteerHospitals(actor: Actor, volunteerId: string, hospitalIds: string[]) {
    return this.db.transaction(async (tx) => {
      const [v] = await tx
        .select({ id: careVolunteers.id })
        .from(careVolunteers)
        .where(eq(careVolunteers.id, volunteerId));
      if (!v) throw notFound();
      const ids = [...new Set(hospitalIds)];
      if (ids.length) {
        const known = await tx
          .select({ id: accHospitals.id })
          .from(accHospitals)
          .where(inArray(accHospitals.id, ids));
        if (known.length !== ids.length) throw invalid('hospitalIds', 'not_found');
      }
      await tx.delete(accVolunteerHospitals).where(eq(accVolunteerHospitals.volunteerId, volunteerId));
      if (ids.length)
        await tx.insert(accVolunteerHospitals).values(ids.map((hospitalId) => ({ volunteerId, hospitalId })));
      await recordAudit(tx, actor, {
        action: 'accompaniment.volunteer.hospitals',
        objectType: 'care_volunteer',
        objectId: volunteerId,
        details: { hospitals: ids.length },
      });
      return ids;
    });
  }

  /** The `hospital_desk` accounts and the hospital each serves (user name and display name only). */
  async deskUsers() {
    const rows = await this.db
      .select({
        userId: users.id,
        username: users.username,
        displayName: users.displayName,
        hospitalId: accDeskUsers.hospitalId,
      })
      .from(users)
      .leftJoin(accDeskUsers, eq(accDeskUsers.userId, users.id))
      .where(and(sql`'hospital_desk' = ANY(${users.roles})`, eq(users.disabled, false)))
      .orderBy(asc(users.username));
    return rows;
  }

  /** Makes a `hospital_desk` account the desk of a hospital. */
  async setDeskUser(actor: Actor, userId: string, hospitalId: string) {
    return this.db.transaction(async (tx) => {
      const [u] = await tx.select({ roles: users.roles }).from(users).where(eq(users.id, userId));
      if (!u || !u.roles.includes('hospital_desk')) throw invalid('userId', 'not_a_desk');
      await this.getHospital(hospitalId, tx);
      await tx
        .insert(accDeskUsers)
        .values({ userId, hospitalId })
        .onConflictDoUpdate({ target: accDeskUsers.userId, set: { hospitalId } });
      await recordAudit(tx, actor, {
        action: 'accompaniment.desk.set',
        objectType: 'user',
        objectId: userId,
        details: { hospitalId },
      });
      return { userId, hospitalId };
    });
  }

  // ---- holidays and cancellations

  async listHolidays(year: number) {
    return this.db
      .select()
      .from(accHolidays)
      .where(and(gte(accHolidays.date, `${year}-01-01`), lte(accHolidays.date, `${year}-12-31`)))
      .orderBy(asc(accHolidays.date));
  }

  async putHoliday(actor: Actor, body: z.infer<typeof AccHolidayBody>) {
    await this.db.transaction(async (tx) => {
      await tx
        .insert(accHolidays)
        .values(body)
        .onConflictDoUpdate({ target: accHolidays.date, set: { name: body.name, workday: body.workday } });
      await recordAudit(tx, actor, {
        action: 'accompaniment.holiday.put',
        objectType: 'acc_holiday',
        objectId: null,
        details: { date: body.date },
      });
    });
    return body;
  }

  /**
   * Calls off one occurrence: its live bookings are cancelled with the reason and the residents
   * told (through `onCancelled`, the bookings service's notice), offers withdrawn.
   */
  async cancelOccurrence(
    actor: Actor,
    sessionId: string,
    body: z.infer<typeof AccCancelOccurrenceBody>,
    onCancelled: (tx: Tx, bookingIds: string[], reason: string) => Promise<void>,
  ) {
    return this.db.transaction(async (tx) => {
      const session = await this.getSession(sessionId, tx);
      const [occ] = occurrences([session], body.date, body.date, new Map(), new Map());
      if (!occ) throw invalid('date', 'not_bookable_date');
      await tx
        .insert(accCancellations)
        .values({ sessionId, date: body.date, reason: body.reason, cancelledBy: actor.userId })
        .onConflictDoUpdate({
          target: [accCancellations.sessionId, accCancellations.date],
          set: { reason: body.reason },
        });
      const live = await tx
        .update(accBookings)
        .set({ state: 'cancelled', cancelReason: body.reason, version: sql`${accBookings.version} + 1` })
        .where(
          and(
            eq(accBookings.sessionId, sessionId),
            eq(accBookings.date, body.date),
            eq(accBookings.state, 'booked'),
          ),
        )
        .returning({ id: accBookings.id });
      const ids = live.map((b) => b.id);
      if (ids.length) {
        await tx
          .update(accOffers)
          .set({ state: 'withdrawn', respondedAt: new Date(), reason: body.reason })
          .where(and(inArray(accOffers.bookingId, ids), inArray(accOffers.state, ['offered', 'accepted'])));
        await onCancelled(tx, ids, body.reason);
      }
      await recordAudit(tx, actor, {
        action: 'accompaniment.occurrence.cancel',
        objectType: 'acc_session',
        objectId: sessionId,
        details: { date: body.date, bookingsCancelled: ids.length },
      });
      return { cancelledBookings: ids.length };
    });
  }

  // ---- the calendar

  /** The occurrences (off ones included) from..to, for one hospital or all. */
  async occurrences(tx: Tx, from: string, to: string, hospitalId?: string): Promise<Occurrence[]> {
    const sessions = await tx
      .select()
      .from(accSessions)
      .where(hospitalId ? eq(accSessions.hospitalId, hospitalId) : undefined);
    if (!sessions.length) return [];
    const holidays = await tx
      .select()
      .from(accHolidays)
      .where(and(gte(accHolidays.date, from), lte(accHolidays.date, to)));
    const cancels = await tx
      .select()
      .from(accCancellations)
      .where(
        and(
          inArray(
            accCancellations.sessionId,
            sessions.map((s) => s.id),
          ),
          gte(accCancellations.date, from),
          lte(accCancellations.date, to),
        ),
      );
    return occurrences(
      sessions,
      from,
      to,
      new Map(holidays.map((h) => [h.date, h])),
      new Map(cancels.map((c) => [`${c.sessionId}/${c.date}`, c.reason])),
    );
  }

  /** Occurrences from..to (default: today and the next four weeks, Shanghai dates). */
  async calendar(query: z.infer<typeof AccCalendarQuery>) {
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const from = query.from ?? today;
    const to =
      query.to ?? new Date(Date.parse(`${from}T00:00:00Z`) + 27 * 86_400_000).toISOString().slice(0, 10);
    const q = { ...query, from, to };
    if (q.to < q.from) throw invalid('to', 'end_before_start');
    if ((Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 > MAX_CALENDAR_DAYS)
      throw invalid('to', 'range_too_long');
    const occ = await this.occurrences(this.db, q.from, q.to, q.hospitalId);
    if (!occ.length) return [];
    const counts = await this.db
      .select({
        sessionId: accBookings.sessionId,
        date: accBookings.date,
        booked: sql<number>`count(*)::int`,
        unfilled: sql<number>`(count(*) FILTER (WHERE ${accBookings.volunteerId} IS NULL))::int`,
      })
      .from(accBookings)
      .where(
        and(
          gte(accBookings.date, q.from),
          lte(accBookings.date, q.to),
          inArray(accBookings.state, ['booked', 'checked_in', 'completed', 'no_show']),
        ),
      )
      .groupBy(accBookings.sessionId, accBookings.date);
    const byKey = new Map(counts.map((c) => [`${c.sessionId}/${c.date}`, c]));
    return occ.map((o) => {
      const c = byKey.get(`${o.sessionId}/${o.date}`);
      return {
        sessionId: o.sessionId,
        hospitalId: o.hospitalId,
        date: o.date,
        startsAt: o.start.toISOString(),
        endsAt: o.end.toISOString(),
        capacity: o.capacity,
        services: o.services as ('sign_language' | 'blind_guide' | 'wheelchair')[],
        booked: c?.booked ?? 0,
        unfilled: c?.unfilled ?? 0,
        off: o.off,
      };
    });
  }
}
