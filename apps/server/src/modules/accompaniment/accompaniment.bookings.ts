/**
 * Bookings: by the resident in the portal, a guardian for a ward, a street or community worker for
 * a person in their area, or the hotline (a coordinator finds the caller by exact ID or certificate
 * number, audited). The form asks only for the session, the service, the department and a note:
 * everything else comes from the registry. A booking is confirmed at once (capacity checked under a
 * row lock on the session); the resident's and guardians' accounts are told, and reminded the day
 * before (jobs). Cancel and reschedule withdraw the volunteer's offer.
 */
import { and, asc, desc, eq, gte, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import { normaliseIdentifier, type AccBookingBody, type AccBookingListQuery } from '@jinglin/shared';
import type { Platform } from '../../platform/platform.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Tx } from '../../platform/db/client.js';
import { inScope } from '../../platform/access/scope.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { certificates, persons } from '../../platform/db/schema.js';
import { careVolunteers } from '../care/care.tables.js';
import { certificateIndex, idNumberIndex } from '../registry/registry.rows.js';
import { personsOfAccount } from '../registry/portal-persons.js';
import { accBookings, accHospitals, accOffers, accSessions } from './accompaniment.tables.js';
import { toBookingOut } from './accompaniment.mapper.js';
import { tellPerson, withdrawOffers } from './accompaniment.notices.js';
import type { AccompanimentAdmin } from './accompaniment.admin.js';

type Body = z.infer<typeof AccBookingBody>;
const LIVE = ['booked', 'checked_in', 'completed', 'no_show'] as const;

const personScope = (actor: Actor) =>
  and(
    inScope(actor.scope, { street: persons.streetCode, community: persons.communityId }),
    isNull(persons.mergedInto),
  );

export class AccompanimentBookings {
  constructor(
    private readonly p: Platform,
    private readonly admin: AccompanimentAdmin,
  ) {}

  private get db() {
    return this.p.database.db;
  }

  /** Bookings with the facts the outputs need; `where` decides who sees what. */
  select(tx: Tx, where: SQL | undefined) {
    const offer = alias(accOffers, 'o');
    return tx
      .select({
        b: accBookings,
        hospitalName: accHospitals.name,
        meetingPoint: accHospitals.meetingPoint,
        personName: persons.name,
        volunteerName: careVolunteers.name,
        offerVolunteerId: offer.volunteerId,
        offerState: offer.state,
      })
      .from(accBookings)
      .innerJoin(accHospitals, eq(accHospitals.id, accBookings.hospitalId))
      .innerJoin(persons, eq(persons.id, accBookings.personId))
      .leftJoin(careVolunteers, eq(careVolunteers.id, accBookings.volunteerId))
      .leftJoin(
        offer,
        and(eq(offer.bookingId, accBookings.id), inArray(offer.state, ['offered', 'accepted'])),
      )
      .where(where);
  }

  /** Who may see a booking as staff: coordinators (`.manage`) the whole programme; others their area. */
  staffWhere(actor: Actor): SQL | undefined {
    return actor.permissions.has('accompaniment.manage') ? undefined : personScope(actor);
  }

  async list(actor: Actor, q: z.infer<typeof AccBookingListQuery>) {
    const rows = await this.select(
      this.db,
      and(
        this.staffWhere(actor),
        q.hospitalId ? eq(accBookings.hospitalId, q.hospitalId) : undefined,
        q.from ? gte(accBookings.date, q.from) : undefined,
        q.to ? lte(accBookings.date, q.to) : undefined,
        q.state ? eq(accBookings.state, q.state) : undefined,
        q.unfilled ? and(isNull(accBookings.volunteerId), eq(accBookings.state, 'booked')) : undefined,
      ),
    )
      .orderBy(asc(accBookings.startsAt), asc(accBookings.id))
      .limit(q.limit);
    return rows.map(toBookingOut);
  }

  async get(actor: Actor, id: string, tx: Tx = this.db) {
    const [r] = await this.select(tx, and(eq(accBookings.id, id), this.staffWhere(actor)));
    if (!r) throw notFound();
    return toBookingOut(r);
  }

  /** Whom the signed-in resident or guardian can book for (themselves, or their wards). */
  async persons(actor: Actor) {
    return (await personsOfAccount(this.db, actor.userId)).map((x) => ({
      id: x.id,
      name: x.name,
      self: x.self,
    }));
  }

  /** A resident's or guardian's own bookings (their persons'), newest first. */
  async mine(actor: Actor) {
    const ids = (await personsOfAccount(this.db, actor.userId)).map((x) => x.id);
    if (!ids.length) return [];
    const rows = await this.select(this.db, inArray(accBookings.personId, ids))
      .orderBy(desc(accBookings.startsAt))
      .limit(100);
    return rows.map(toBookingOut);
  }

  async getMine(actor: Actor, id: string, tx: Tx = this.db) {
    const ids = (await personsOfAccount(tx, actor.userId)).map((x) => x.id);
    if (!ids.length) throw notFound();
    const [r] = await this.select(tx, and(eq(accBookings.id, id), inArray(accBookings.personId, ids)));
    if (!r) throw notFound();
    return toBookingOut(r);
  }

  /** Whom a booking is for, and through which channel — never beyond the caller's reach. */
  private async personFor(
    tx: Tx,
    actor: Actor,
    body: Body,
  ): Promise<{ personId: string; channel: 'portal' | 'guardian' | 'community' | 'hotline' }> {
    if (actor.permissions.has('accompaniment.own')) {
      const mine = await personsOfAccount(tx, actor.userId);
      const chosen = body.personId
        ? mine.find((x) => x.id === body.personId)
        : mine.length === 1
          ? mine[0]
          : undefined;
      if (!chosen) throw invalid('personId', body.personId ? 'not_found' : 'person_required');
      return { personId: chosen.id, channel: chosen.self ? 'portal' : 'guardian' };
    }
    if (body.idNumber !== undefined) {
      if (!actor.permissions.has('accompaniment.manage')) throw new AppError('forbidden');
      const n = normaliseIdentifier(body.idNumber);
      const found = await tx
        .select({ id: persons.id })
        .from(persons)
        .where(
          and(
            isNull(persons.mergedInto),
            sql`(${persons.idNumberBidx} = ${idNumberIndex(this.p.crypto, n)} OR ${persons.id} IN (
              SELECT ${certificates.personId} FROM ${certificates} WHERE ${certificates.numberBidx} = ${certificateIndex(this.p.crypto, n)}))`,
          ),
        )
        .limit(2);
      await recordAudit(tx, actor, {
        action: 'accompaniment.person.lookup',
        details: { count: found.length },
      });
      if (found.length !== 1) throw invalid('idNumber', 'not_found_by_number');
      return { personId: found[0]!.id, channel: 'hotline' };
    }
    if (!body.personId) throw invalid('personId', 'person_required');
    const [p] = await tx
      .select({ id: persons.id })
      .from(persons)
      .where(and(eq(persons.id, body.personId), personScope(actor)));
    if (!p) throw invalid('personId', 'not_found');
    return { personId: p.id, channel: 'community' };
  }

  /** The occurrence a booking asks for, checked: it runs, has not started, offers the service, has room. */
  private async occurrenceFor(
    tx: Tx,
    b: { sessionId: string; date: string; service: string; department: string },
    skipBookingId?: string,
  ) {
    // The row lock serialises bookings of one session: the capacity check below holds.
    const [session] = await tx
      .select()
      .from(accSessions)
      .where(eq(accSessions.id, b.sessionId))
      .for('update');
    if (!session) throw invalid('sessionId', 'not_found');
    const match = (await this.admin.occurrences(tx, b.date, b.date, session.hospitalId)).find(
      (o) => o.sessionId === b.sessionId,
    );
    if (!match || match.off) throw invalid('date', 'not_bookable_date');
    if (match.start.getTime() <= Date.now()) throw invalid('date', 'booking_in_past');
    if (!match.services.includes(b.service)) throw invalid('service', 'service_not_offered');
    const [hospital] = await tx.select().from(accHospitals).where(eq(accHospitals.id, session.hospitalId));
    if (!hospital?.active) throw invalid('sessionId', 'not_found');
    if (
      hospital.departments.length &&
      !hospital.departments.some((d) => d.code === b.department || d.name === b.department)
    )
      throw invalid('department', 'unknown_department');
    const [{ n } = { n: 0 }] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(accBookings)
      .where(
        and(
          eq(accBookings.sessionId, b.sessionId),
          eq(accBookings.date, b.date),
          inArray(accBookings.state, [...LIVE]),
          skipBookingId ? sql`${accBookings.id} <> ${skipBookingId}` : undefined,
        ),
      );
    if (n >= match.capacity) throw invalid('date', 'session_full');
    return { occ: match, hospital };
  }

  private async nextRef(tx: Tx, year: number): Promise<string> {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('acc_booking_ref'))`);
    const prefix = `PZ-${year}-`;
    const [last] = await tx
      .select({ ref: accBookings.ref })
      .from(accBookings)
      .where(sql`${accBookings.ref} LIKE ${`${prefix}%`}`)
      .orderBy(desc(accBookings.ref))
      .limit(1);
    const n = last ? Number(last.ref.slice(prefix.length)) + 1 : 1;
    return `${prefix}${String(n).padStart(6, '0')}`;
  }

  private async duplicate(tx: Tx, personId: string, sessionId: string, date: string, skip?: string) {
    const [dup] = await tx
      .select({ id: accBookings.id })
      .from(accBookings)
      .where(
        and(
          eq(accBookings.personId, personId),
          eq(accBookings.sessionId, sessionId),
          eq(accBookings.date, date),
          sql`${accBookings.state} <> 'cancelled'`,
          skip ? sql`${accBookings.id} <> ${skip}` : undefined,
        ),
      );
    if (dup) throw invalid('date', 'already_booked');
  }

  async create(actor: Actor, body: Body) {
    const id = newId();
    return this.db.transaction(async (tx) => {
      const who = await this.personFor(tx, actor, body);
      const { occ, hospital } = await this.occurrenceFor(tx, body);
      await this.duplicate(tx, who.personId, body.sessionId, body.date);
      const ref = await this.nextRef(tx, Number(body.date.slice(0, 4)));
      await tx.insert(accBookings).values({
        id,
        ref,
        sessionId: body.sessionId,
        hospitalId: hospital.id,
        date: body.date,
        startsAt: occ.start,
        endsAt: occ.end,
        personId: who.personId,
        service: body.service,
        department: body.department,
        note: body.note,
        channel: who.channel,
        bookedBy: actor.userId,
        confirmedAt: new Date(),
      });
      await tellPerson(
        this.p,
        tx,
        who.personId,
        'accompaniment.booked',
        { bookingId: id, ref, hospitalId: hospital.id, startsAt: occ.start.toISOString() },
        `您已预约 ${hospital.name} ${body.date} 的陪同就医（编号 ${ref}），集合地点：${hospital.meetingPoint || '门诊大厅'}。`,
      );
      await recordAudit(tx, actor, {
        action: 'accompaniment.booking.create',
        objectType: 'acc_booking',
        objectId: id,
        details: { channel: who.channel },
      });
      return actor.permissions.has('accompaniment.own')
        ? this.getMine(actor, id, tx)
        : this.get(actor, id, tx);
    });
  }

  /** Reads a booking the caller may change (own, or staff in reach) and locks it. */
  private async forChange(tx: Tx, actor: Actor, id: string) {
    const own = actor.permissions.has('accompaniment.own');
    const where = own
      ? inArray(
          accBookings.personId,
          (await personsOfAccount(tx, actor.userId))
            .map((x) => x.id)
            .concat(['00000000-0000-0000-0000-000000000000']),
        )
      : this.staffWhere(actor);
    const [r] = await tx
      .select({ b: accBookings })
      .from(accBookings)
      .innerJoin(persons, eq(persons.id, accBookings.personId))
      .where(and(eq(accBookings.id, id), where))
      .for('update', { of: accBookings });
    if (!r) throw notFound();
    return { b: r.b, own };
  }

  async reschedule(actor: Actor, id: string, version: number, to: { sessionId: string; date: string }) {
    return this.db.transaction(async (tx) => {
      const { b, own } = await this.forChange(tx, actor, id);
      if (b.version !== version) throw new AppError('version_mismatch');
      if (b.state !== 'booked') throw new AppError('invalid_state');
      const { occ, hospital } = await this.occurrenceFor(
        tx,
        { ...to, service: b.service, department: b.department },
        b.id,
      );
      await this.duplicate(tx, b.personId, to.sessionId, to.date, b.id);
      await withdrawOffers(this.p, tx, b.id, 'rescheduled');
      await tx
        .update(accBookings)
        .set({
          sessionId: to.sessionId,
          hospitalId: hospital.id,
          date: to.date,
          startsAt: occ.start,
          endsAt: occ.end,
          volunteerId: null,
          remindedAt: null,
          unfilledAlertAt: null,
          version: sql`${accBookings.version} + 1`,
        })
        .where(eq(accBookings.id, b.id));
      await tellPerson(
        this.p,
        tx,
        b.personId,
        'accompaniment.rescheduled',
        { bookingId: b.id, ref: b.ref, startsAt: occ.start.toISOString() },
        `您的陪同就医预约（编号 ${b.ref}）已改到 ${hospital.name} ${to.date}。`,
      );
      await recordAudit(tx, actor, {
        action: 'accompaniment.booking.reschedule',
        objectType: 'acc_booking',
        objectId: b.id,
      });
      return own ? this.getMine(actor, b.id, tx) : this.get(actor, b.id, tx);
    });
  }

  async cancel(actor: Actor, id: string, version: number, reason: string) {
    return this.db.transaction(async (tx) => {
      const { b, own } = await this.forChange(tx, actor, id);
      if (b.version !== version) throw new AppError('version_mismatch');
      if (b.state !== 'booked') throw new AppError('invalid_state');
      await withdrawOffers(this.p, tx, b.id, reason);
      await tx
        .update(accBookings)
        .set({ state: 'cancelled', cancelReason: reason, version: sql`${accBookings.version} + 1` })
        .where(eq(accBookings.id, b.id));
      await tellPerson(
        this.p,
        tx,
        b.personId,
        'accompaniment.cancelled',
        { bookingId: b.id, ref: b.ref },
        `您的陪同就医预约（编号 ${b.ref}）已取消。`,
      );
      await recordAudit(tx, actor, {
        action: 'accompaniment.booking.cancel',
        objectType: 'acc_booking',
        objectId: b.id,
      });
      return own ? this.getMine(actor, b.id, tx) : this.get(actor, b.id, tx);
    });
  }

  async feedback(actor: Actor, id: string, rating: number, comment: string) {
    return this.db.transaction(async (tx) => {
      const { b } = await this.forChange(tx, actor, id);
      if (b.state !== 'completed') throw invalid('rating', 'feedback_after_visit');
      await tx
        .update(accBookings)
        .set({ rating, feedback: comment, feedbackAt: new Date(), version: sql`${accBookings.version} + 1` })
        .where(eq(accBookings.id, b.id));
      await recordAudit(tx, actor, {
        action: 'accompaniment.booking.feedback',
        objectType: 'acc_booking',
        objectId: b.id,
        details: { rating },
      });
      return this.getMine(actor, b.id, tx);
    });
  }

  /** Cancels bookings of a called-off occurrence (admin.cancelOccurrence): residents told. */
  async onOccurrenceCancelled(tx: Tx, bookingIds: string[], reason: string) {
    const rows = await tx
      .select({ id: accBookings.id, ref: accBookings.ref, personId: accBookings.personId })
      .from(accBookings)
      .where(inArray(accBookings.id, bookingIds));
    for (const r of rows)
      await tellPerson(
        this.p,
        tx,
        r.personId,
        'accompaniment.cancelled',
        { bookingId: r.id, ref: r.ref },
        `很抱歉，您预约的陪同就医（编号 ${r.ref}）因“${reason}”取消，请重新预约。`,
      );
  }
}
