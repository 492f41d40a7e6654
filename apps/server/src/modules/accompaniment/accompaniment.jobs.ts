/**
 * The worker's accompaniment duties (tick from server.ts, `now` injectable for tests): the
 * automatic assignment of bookings in the next two weeks, the reminder the day before (resident,
 * guardians and the volunteer), and an alert to the coordinators about any booking still without a
 * volunteer UNFILLED_ALERT_HOURS before it starts. Plus the counts against the programme's targets.
 */
import { and, eq, gte, inArray, isNull, lt, lte, sql } from 'drizzle-orm';
import type { Platform } from '../../platform/platform.js';
import type { Tx } from '../../platform/db/client.js';
import { systemActor } from '../../platform/access/actor.js';
import { users } from '../../platform/db/schema.js';
import { accBookings, accHospitals } from './accompaniment.tables.js';
import type { AccompanimentAdmin } from './accompaniment.admin.js';
import { tellPerson, tellVolunteer } from './accompaniment.notices.js';
import type { AccompanimentOffers } from './accompaniment.offers.js';
import { mondayOf } from './accompaniment.calendar.js';

export const UNFILLED_ALERT_HOURS = 48;
/** S6: at least 3 sessions a week, at least 2,000 person-times a year. */
export const TARGETS = { sessionsPerWeek: 3, personTimesPerYear: 2000 };

const shanghaiDate = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

export class AccompanimentJobs {
  constructor(
    private readonly p: Platform,
    private readonly admin: AccompanimentAdmin,
    private readonly offers: AccompanimentOffers,
  ) {}

  private get db() {
    return this.p.database.db;
  }

  async tick(now = new Date()): Promise<void> {
    await this.offers.run(systemActor(), now);
    await this.remind(now);
    await this.alertUnfilled(now);
  }

  /** Bookings of tomorrow (Shanghai) not yet reminded: the resident's accounts and the volunteer. */
  async remind(now = new Date()): Promise<number> {
    const tomorrow = shanghaiDate(new Date(now.getTime() + 86_400_000));
    return this.db.transaction(async (tx) => {
      const due = await tx
        .select({ b: accBookings, hospital: accHospitals.name, meetingPoint: accHospitals.meetingPoint })
        .from(accBookings)
        .innerJoin(accHospitals, eq(accHospitals.id, accBookings.hospitalId))
        .where(
          and(
            eq(accBookings.state, 'booked'),
            eq(accBookings.date, tomorrow),
            isNull(accBookings.remindedAt),
          ),
        )
        .for('update', { of: accBookings, skipLocked: true });
      for (const { b, hospital, meetingPoint } of due) {
        const time = new Date(b.startsAt.getTime() + 8 * 3_600_000).toISOString().slice(11, 16);
        await tellPerson(
          this.p,
          tx,
          b.personId,
          'accompaniment.reminder',
          { bookingId: b.id, ref: b.ref, startsAt: b.startsAt.toISOString() },
          `提醒：明天 ${time} 在${hospital}有陪同就医（编号 ${b.ref}），集合地点：${meetingPoint || '门诊大厅'}。请带好医保卡。`,
        );
        if (b.volunteerId)
          await tellVolunteer(this.p, tx, b.volunteerId, 'accompaniment.reminder.volunteer', {
            bookingId: b.id,
            ref: b.ref,
          });
        await tx.update(accBookings).set({ remindedAt: now }).where(eq(accBookings.id, b.id));
      }
      return due.length;
    });
  }

  /** Tells the coordinators once about each booking still without a volunteer close to its time. */
  async alertUnfilled(now = new Date()): Promise<number> {
    return this.db.transaction(async (tx) => {
      const rows = await this.offers.unfilledBefore(
        tx,
        now,
        new Date(now.getTime() + UNFILLED_ALERT_HOURS * 3_600_000),
      );
      if (!rows.length) return 0;
      const coordinators = await this.coordinators(tx);
      for (const r of rows) {
        for (const userId of coordinators)
          await this.p.notifier.enqueue(tx, {
            userId,
            address: null,
            template: 'accompaniment.unfilled',
            payload: { bookingId: r.id, ref: r.ref, hospitalId: r.hospitalId },
          });
        await tx.update(accBookings).set({ unfilledAlertAt: now }).where(eq(accBookings.id, r.id));
      }
      return rows.length;
    });
  }

  private async coordinators(tx: Tx): Promise<string[]> {
    const rows = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(sql`'volunteer_coordinator' = ANY(${users.roles})`, eq(users.disabled, false)));
    return rows.map((r) => r.id);
  }

  /** Per ISO week of a year: sessions held (occurrences that served someone), person-times served, no-shows. */
  async stats(year: number, now = new Date()) {
    const from = `${year}-01-01`;
    const today = shanghaiDate(now);
    const to = `${year}-12-31` < today ? `${year}-12-31` : today;
    const weeks = new Map<
      string,
      { monday: string; sessionsHeld: number; personTimes: number; noShows: number }
    >();
    const week = (date: string) => {
      const monday = mondayOf(date);
      let w = weeks.get(monday);
      if (!w) weeks.set(monday, (w = { monday, sessionsHeld: 0, personTimes: 0, noShows: 0 }));
      return w;
    };
    if (to >= from) {
      // A session counts as held when the records show it served someone (a visit checked in or
      // completed) — not merely because it was on the timetable.
      const served = await this.db
        .selectDistinct({ sessionId: accBookings.sessionId, date: accBookings.date })
        .from(accBookings)
        .where(
          and(
            gte(accBookings.date, from),
            lte(accBookings.date, to),
            inArray(accBookings.state, ['checked_in', 'completed']),
          ),
        );
      const held = new Set(served.map((x) => `${x.sessionId}/${x.date}`));
      for (const o of await this.admin.occurrences(this.db, from, to))
        if (!o.off && held.has(`${o.sessionId}/${o.date}`)) week(o.date).sessionsHeld++;
      const counts = await this.db
        .select({
          date: accBookings.date,
          done: sql<number>`(count(*) FILTER (WHERE ${accBookings.state} = 'completed'))::int`,
          noShows: sql<number>`(count(*) FILTER (WHERE ${accBookings.state} = 'no_show'))::int`,
        })
        .from(accBookings)
        .where(and(gte(accBookings.date, from), lt(accBookings.date, `${year + 1}-01-01`)))
        .groupBy(accBookings.date);
      for (const c of counts) {
        if (!c.done && !c.noShows) continue;
        const w = week(c.date);
        w.personTimes += c.done;
        w.noShows += c.noShows;
      }
    }
    const list = [...weeks.values()].sort((a, b) => (a.monday < b.monday ? -1 : 1));
    return {
      year,
      targets: TARGETS,
      personTimes: list.reduce((n, w) => n + w.personTimes, 0),
      weeks: list,
    };
  }
}
