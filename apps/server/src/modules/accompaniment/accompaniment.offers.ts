/**
 * Volunteer assignment: the automatic run offers each unfilled booking to the fairest eligible
 * volunteer (accompaniment.assign.ts), a coordinator may choose someone else (override: the skill is
 * still required and a double booking still refused; availability and hospital preference are the
 * coordinator's call), and the volunteer accepts or declines. A declined booking is offered to the
 * next volunteer on the next run, never to the one who declined.
 */
import { and, asc, eq, gt, gte, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { Platform } from '../../platform/platform.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Tx } from '../../platform/db/client.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { persons } from '../../platform/db/schema.js';
import { careVolunteers } from '../care/care.tables.js';
import { ownVolunteerId } from '../care/hours/hours.service.js';
import {
  accBookings,
  accHospitals,
  accOffers,
  accSessions,
  accVolunteerHospitals,
} from './accompaniment.tables.js';
import { SKILL_FOR, assignVolunteers, type BookingNeed, type Candidate } from './accompaniment.assign.js';
import type { AccompanimentBookings } from './accompaniment.bookings.js';
import { tellPerson, tellVolunteer, withdrawOffers } from './accompaniment.notices.js';

const DAY = 86_400_000;
/** Fairness: assignments in this window around now count as a volunteer's load. */
const LOAD_WINDOW_DAYS = 30;
/** The automatic run looks this far ahead. */
export const ASSIGN_AHEAD_DAYS = 14;

const LIVE_BOOKING = ['booked', 'checked_in', 'completed'] as const;

export class AccompanimentOffers {
  constructor(
    private readonly p: Platform,
    private readonly bookings: AccompanimentBookings,
  ) {}

  private get db() {
    return this.p.database.db;
  }

  /** Intervals a volunteer already serves or is offered (live), from `since`. */
  private async busyOf(tx: Tx, volunteerIds: string[], since: Date) {
    const out = new Map<string, { start: Date; end: Date; bookingId: string }[]>();
    if (!volunteerIds.length) return out;
    const rows = await tx
      .select({
        v: accOffers.volunteerId,
        start: accBookings.startsAt,
        end: accBookings.endsAt,
        id: accBookings.id,
      })
      .from(accOffers)
      .innerJoin(accBookings, eq(accBookings.id, accOffers.bookingId))
      .where(
        and(
          inArray(accOffers.volunteerId, volunteerIds),
          inArray(accOffers.state, ['offered', 'accepted']),
          inArray(accBookings.state, [...LIVE_BOOKING]),
          gt(accBookings.endsAt, since),
        ),
      );
    for (const r of rows)
      out.set(r.v, [...(out.get(r.v) ?? []), { start: r.start, end: r.end, bookingId: r.id }]);
    return out;
  }

  /** The automatic run over bookings starting in (now, now + ASSIGN_AHEAD_DAYS] that have no live offer. */
  async run(actor: Actor, now = new Date()) {
    return this.db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('acc_assign_run'))`);
      const open = await tx
        .select({ b: accBookings, minLevel: accSessions.minLevel })
        .from(accBookings)
        .innerJoin(accSessions, eq(accSessions.id, accBookings.sessionId))
        .where(
          and(
            eq(accBookings.state, 'booked'),
            gt(accBookings.startsAt, now),
            lt(accBookings.startsAt, new Date(now.getTime() + ASSIGN_AHEAD_DAYS * DAY)),
            sql`NOT EXISTS (SELECT 1 FROM ${accOffers} WHERE ${accOffers.bookingId} = ${accBookings.id}
              AND ${accOffers.state} IN ('offered', 'accepted'))`,
          ),
        )
        .orderBy(asc(accBookings.startsAt))
        .limit(500);
      if (!open.length) return { considered: 0, offered: 0, unfilled: [] };
      const vols = await tx
        .select()
        .from(careVolunteers)
        .where(and(eq(careVolunteers.active, true), isNotNull(careVolunteers.userId)));
      const ids = vols.map((v) => v.id);
      const hospitals = ids.length
        ? await tx.select().from(accVolunteerHospitals).where(inArray(accVolunteerHospitals.volunteerId, ids))
        : [];
      const loads = ids.length
        ? await tx
            .select({
              v: accBookings.volunteerId,
              n: sql<number>`(count(*) FILTER (WHERE ${accBookings.startsAt} > ${new Date(now.getTime() - LOAD_WINDOW_DAYS * DAY)}))::int`,
              last: sql<Date | null>`max(${accBookings.checkedOutAt})`,
            })
            .from(accBookings)
            .where(and(inArray(accBookings.volunteerId, ids), inArray(accBookings.state, [...LIVE_BOOKING])))
            .groupBy(accBookings.volunteerId)
        : [];
      const declined = ids.length
        ? await tx
            .select({ v: accOffers.volunteerId, b: accOffers.bookingId })
            .from(accOffers)
            .where(and(inArray(accOffers.volunteerId, ids), eq(accOffers.state, 'declined')))
        : [];
      const busy = await this.busyOf(tx, ids, now);
      const candidates: Candidate[] = vols.map((v) => {
        const l = loads.find((x) => x.v === v.id);
        return {
          id: v.id,
          active: v.active,
          skills: v.skills,
          availability: v.availability,
          hospitalIds: hospitals.filter((h) => h.volunteerId === v.id).map((h) => h.hospitalId),
          load: l?.n ?? 0,
          lastServedAt: l?.last ? new Date(l.last) : null,
          busy: busy.get(v.id) ?? [],
          declined: declined.filter((d) => d.v === v.id).map((d) => d.b),
        };
      });
      const needs: BookingNeed[] = open.map(({ b, minLevel }) => ({
        id: b.id,
        hospitalId: b.hospitalId,
        service: b.service,
        minLevel,
        start: b.startsAt,
        end: b.endsAt,
      }));
      const result = assignVolunteers(needs, candidates);
      let offered = 0;
      for (const a of result) {
        if (!a.volunteerId) continue;
        await tx
          .insert(accOffers)
          .values({ id: newId(), bookingId: a.bookingId, volunteerId: a.volunteerId });
        await tellVolunteer(this.p, tx, a.volunteerId, 'accompaniment.offer', {
          bookingId: a.bookingId,
        });
        offered++;
      }
      await recordAudit(tx, actor, {
        action: 'accompaniment.assign.run',
        details: { considered: open.length, offered },
      });
      return {
        considered: open.length,
        offered,
        unfilled: result
          .filter((a) => !a.volunteerId)
          .map((a) => ({ bookingId: a.bookingId, refusals: a.refusals ?? {} })),
      };
    });
  }

  /** A coordinator's choice: the volunteer must have the skill and be free; their offer replaces any other. */
  async override(actor: Actor, bookingId: string, volunteerId: string, reason: string) {
    return this.db.transaction(async (tx) => {
      const [b] = await tx.select().from(accBookings).where(eq(accBookings.id, bookingId)).for('update');
      if (!b) throw notFound();
      if (b.state !== 'booked') throw new AppError('invalid_state');
      const [v] = await tx.select().from(careVolunteers).where(eq(careVolunteers.id, volunteerId));
      if (!v || !v.active) throw invalid('volunteerId', 'not_found');
      const [session] = await tx
        .select({ minLevel: accSessions.minLevel })
        .from(accSessions)
        .where(eq(accSessions.id, b.sessionId));
      if (!v.skills.some((s) => s.skill === SKILL_FOR[b.service] && s.level >= (session?.minLevel ?? 1)))
        throw invalid('volunteerId', 'lacks_skill');
      const busy = (await this.busyOf(tx, [v.id], b.startsAt)).get(v.id) ?? [];
      if (busy.some((x) => x.bookingId !== b.id && x.start < b.endsAt && b.startsAt < x.end))
        throw invalid('volunteerId', 'double_booked');
      await withdrawOffers(this.p, tx, b.id, reason);
      await tx
        .update(accBookings)
        .set({ volunteerId: null, version: sql`${accBookings.version} + 1` })
        .where(eq(accBookings.id, b.id));
      const id = newId();
      await tx
        .insert(accOffers)
        .values({ id, bookingId: b.id, volunteerId: v.id, offeredBy: actor.userId, reason });
      await tellVolunteer(this.p, tx, v.id, 'accompaniment.offer', { bookingId: b.id });
      await recordAudit(tx, actor, {
        action: 'accompaniment.assign.override',
        objectType: 'acc_booking',
        objectId: b.id,
        details: { volunteerId: v.id },
      });
      return this.bookings.get(actor, b.id, tx);
    });
  }

  /** A volunteer's live offers of bookings not yet over (name, hospital, time, service, department, note). */
  async mine(actor: Actor) {
    const vid = await ownVolunteerId(this.db, actor);
    if (!vid) return [];
    const rows = await this.db
      .select({
        o: accOffers,
        b: accBookings,
        hospitalName: accHospitals.name,
        meetingPoint: accHospitals.meetingPoint,
        personName: persons.name,
      })
      .from(accOffers)
      .innerJoin(accBookings, eq(accBookings.id, accOffers.bookingId))
      .innerJoin(accHospitals, eq(accHospitals.id, accBookings.hospitalId))
      .innerJoin(persons, eq(persons.id, accBookings.personId))
      .where(
        and(
          eq(accOffers.volunteerId, vid),
          or(
            inArray(accOffers.state, ['offered', 'accepted']),
            and(eq(accOffers.state, 'withdrawn'), gte(accBookings.startsAt, new Date(Date.now() - DAY))),
          ),
          gte(accBookings.endsAt, new Date(Date.now() - 7 * DAY)),
        ),
      )
      .orderBy(asc(accBookings.startsAt))
      .limit(100);
    await recordAudit(this.db, actor, {
      action: 'accompaniment.offer.own.list',
      details: { count: rows.length },
    });
    return rows.map((r) => ({
      id: r.o.id,
      state: r.o.state,
      booking: {
        id: r.b.id,
        ref: r.b.ref,
        hospital: { id: r.b.hospitalId, name: r.hospitalName, meetingPoint: r.meetingPoint },
        date: r.b.date,
        startsAt: r.b.startsAt.toISOString(),
        endsAt: r.b.endsAt.toISOString(),
        service: r.b.service,
        department: r.b.department,
        note: r.b.note,
        personName: r.personName,
        state: r.b.state,
      },
    }));
  }

  private async ownOffer(tx: Tx, actor: Actor, offerId: string) {
    const vid = await ownVolunteerId(tx, actor);
    const [o] = vid
      ? await tx
          .select()
          .from(accOffers)
          .where(and(eq(accOffers.id, offerId), eq(accOffers.volunteerId, vid)))
          .for('update')
      : [];
    if (!o) throw notFound();
    return o;
  }

  async accept(actor: Actor, offerId: string) {
    return this.db.transaction(async (tx) => {
      const o = await this.ownOffer(tx, actor, offerId);
      if (o.state !== 'offered') throw new AppError('invalid_state');
      const [b] = await tx.select().from(accBookings).where(eq(accBookings.id, o.bookingId)).for('update');
      if (!b || b.state !== 'booked') throw new AppError('invalid_state');
      const busy = (await this.busyOf(tx, [o.volunteerId], b.startsAt)).get(o.volunteerId) ?? [];
      if (busy.some((x) => x.bookingId !== b.id && x.start < b.endsAt && b.startsAt < x.end))
        throw invalid('offer', 'double_booked');
      await tx
        .update(accOffers)
        .set({ state: 'accepted', respondedAt: new Date() })
        .where(eq(accOffers.id, o.id));
      await tx
        .update(accBookings)
        .set({ volunteerId: o.volunteerId, version: sql`${accBookings.version} + 1` })
        .where(eq(accBookings.id, b.id));
      await tellPerson(
        this.p,
        tx,
        b.personId,
        'accompaniment.volunteer',
        { bookingId: b.id, ref: b.ref },
        `您预约的陪同就医（编号 ${b.ref}）已有志愿者确认陪同。`,
      );
      await recordAudit(tx, actor, {
        action: 'accompaniment.offer.accept',
        objectType: 'acc_booking',
        objectId: b.id,
      });
      return { id: o.id, state: 'accepted' as const };
    });
  }

  async decline(actor: Actor, offerId: string, reason: string) {
    return this.db.transaction(async (tx) => {
      const o = await this.ownOffer(tx, actor, offerId);
      if (o.state !== 'offered' && o.state !== 'accepted') throw new AppError('invalid_state');
      await tx
        .update(accOffers)
        .set({ state: 'declined', respondedAt: new Date(), reason })
        .where(eq(accOffers.id, o.id));
      await tx
        .update(accBookings)
        .set({ volunteerId: null, unfilledAlertAt: null, version: sql`${accBookings.version} + 1` })
        .where(and(eq(accBookings.id, o.bookingId), eq(accBookings.volunteerId, o.volunteerId)));
      await recordAudit(tx, actor, {
        action: 'accompaniment.offer.decline',
        objectType: 'acc_booking',
        objectId: o.bookingId,
      });
      return { id: o.id, state: 'declined' as const };
    });
  }

  /** Live bookings without an accepted volunteer starting before `until` (the coordinator's alert). */
  async unfilledBefore(tx: Tx, now: Date, until: Date) {
    return tx
      .select({ id: accBookings.id, ref: accBookings.ref, hospitalId: accBookings.hospitalId })
      .from(accBookings)
      .where(
        and(
          eq(accBookings.state, 'booked'),
          isNull(accBookings.volunteerId),
          isNull(accBookings.unfilledAlertAt),
          gt(accBookings.startsAt, now),
          lt(accBookings.startsAt, until),
        ),
      );
  }
}
