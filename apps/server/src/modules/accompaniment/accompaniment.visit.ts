/**
 * The visit: the hospital desk's day list (only what the desk needs: time, reference, the resident's
 * name, service, department, volunteer, state), check-in and check-out by the desk of that hospital
 * or by the volunteer serving it, the service record (minutes, what was done) that adds the
 * volunteer's service hours, and no-shows.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Platform } from '../../platform/platform.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Tx } from '../../platform/db/client.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { AppError, notFound } from '../../platform/errors.js';
import { persons } from '../../platform/db/schema.js';
import { careVolunteers } from '../care/care.tables.js';
import { ownVolunteerId } from '../care/hours/hours.service.js';
import { recordServiceForSource } from '../care/hours/hours.recorder.js';
import { accBookings, accDeskUsers, accHospitals } from './accompaniment.tables.js';
import { tellPerson } from './accompaniment.notices.js';

const STEP_WORDS: Record<string, string> = {
  registration: '挂号',
  consultation: '就诊',
  tests: '检查',
  payment: '缴费',
  pharmacy: '取药',
  interpretation: '手语翻译',
  other: '其他',
};

export class AccompanimentVisit {
  constructor(private readonly p: Platform) {}

  private get db() {
    return this.p.database.db;
  }

  async deskHospital(tx: Tx, actor: Actor): Promise<string | null> {
    if (!actor.userId || !actor.permissions.has('accompaniment.desk')) return null;
    const [d] = await tx.select().from(accDeskUsers).where(eq(accDeskUsers.userId, actor.userId));
    return d?.hospitalId ?? null;
  }

  /** The desk's list for a Shanghai date at its own hospital. */
  async dayList(actor: Actor, date: string) {
    const hospitalId = await this.deskHospital(this.db, actor);
    if (!hospitalId) return { hospital: null, rows: [] };
    const [h] = await this.db.select().from(accHospitals).where(eq(accHospitals.id, hospitalId));
    const rows = await this.db
      .select({ b: accBookings, personName: persons.name, volunteerName: careVolunteers.name })
      .from(accBookings)
      .innerJoin(persons, eq(persons.id, accBookings.personId))
      .leftJoin(careVolunteers, eq(careVolunteers.id, accBookings.volunteerId))
      .where(
        and(
          eq(accBookings.hospitalId, hospitalId),
          eq(accBookings.date, date),
          sql`${accBookings.state} <> 'cancelled'`,
        ),
      )
      .orderBy(asc(accBookings.startsAt), asc(accBookings.ref));
    await recordAudit(this.db, actor, {
      action: 'accompaniment.desk.list',
      details: { date, count: rows.length },
    });
    return {
      hospital: h ? { id: h.id, name: h.name, meetingPoint: h.meetingPoint } : null,
      rows: rows.map((r) => ({
        id: r.b.id,
        ref: r.b.ref,
        startsAt: r.b.startsAt.toISOString(),
        endsAt: r.b.endsAt.toISOString(),
        service: r.b.service,
        department: r.b.department,
        personName: r.personName,
        volunteerName: r.volunteerName,
        state: r.b.state,
        checkedInAt: r.b.checkedInAt?.toISOString() ?? null,
        checkedOutAt: r.b.checkedOutAt?.toISOString() ?? null,
        version: r.b.version,
      })),
    };
  }

  /** The booking, locked, if the caller is its hospital's desk or its volunteer; else 404. */
  private async reachable(tx: Tx, actor: Actor, id: string) {
    const [b] = await tx.select().from(accBookings).where(eq(accBookings.id, id)).for('update');
    if (!b) throw notFound();
    const desk = await this.deskHospital(tx, actor);
    if (desk && desk === b.hospitalId) return b;
    if (actor.permissions.has('care.own')) {
      const vid = await ownVolunteerId(tx, actor);
      if (vid && b.volunteerId === vid) return b;
    }
    throw notFound();
  }

  async checkIn(actor: Actor, id: string, now = new Date()) {
    return this.db.transaction(async (tx) => {
      const b = await this.reachable(tx, actor, id);
      if (b.state !== 'booked') throw new AppError('invalid_state');
      await tx
        .update(accBookings)
        .set({
          state: 'checked_in',
          checkedInAt: now,
          checkedInBy: actor.userId,
          version: sql`${accBookings.version} + 1`,
        })
        .where(eq(accBookings.id, b.id));
      await recordAudit(tx, actor, {
        action: 'accompaniment.visit.check_in',
        objectType: 'acc_booking',
        objectId: b.id,
      });
      return { id: b.id, state: 'checked_in' as const };
    });
  }

  /**
   * Ends the visit: the minutes served (given, or from check-in to now), what was done, and the
   * volunteer's service hours (`recordServiceForSource`, source `accompaniment`).
   */
  async checkOut(
    actor: Actor,
    id: string,
    body: { minutes?: number | undefined; steps: string[]; note: string },
    now = new Date(),
  ) {
    return this.db.transaction(async (tx) => {
      const b = await this.reachable(tx, actor, id);
      if (b.state !== 'checked_in' || !b.checkedInAt) throw new AppError('invalid_state');
      const minutes =
        body.minutes ?? Math.max(1, Math.round((now.getTime() - b.checkedInAt.getTime()) / 60_000));
      await tx
        .update(accBookings)
        .set({
          state: 'completed',
          checkedOutAt: now,
          minutes,
          steps: body.steps,
          serviceNote: body.note,
          version: sql`${accBookings.version} + 1`,
        })
        .where(eq(accBookings.id, b.id));
      if (b.volunteerId) {
        const [h] = await tx
          .select({ name: accHospitals.name })
          .from(accHospitals)
          .where(eq(accHospitals.id, b.hospitalId));
        await recordServiceForSource(tx, {
          source: 'accompaniment',
          sourceId: b.id,
          activity: `陪同就医（${h?.name ?? ''}）`,
          content: [
            b.service === 'sign_language'
              ? '助聋手翻'
              : b.service === 'blind_guide'
                ? '助盲全程就诊'
                : '轮椅协助',
            ...body.steps.map((s) => STEP_WORDS[s] ?? s),
          ].join('、'),
          startedAt: b.checkedInAt,
          entries: [{ volunteerId: b.volunteerId, minutes }],
          recordedBy: actor.userId,
        });
      }
      await tellPerson(
        this.p,
        tx,
        b.personId,
        'accompaniment.completed',
        { bookingId: b.id, ref: b.ref },
        `您的陪同就医（编号 ${b.ref}）已完成。欢迎在“我的陪诊”里为这次服务打分。`,
      );
      await recordAudit(tx, actor, {
        action: 'accompaniment.visit.check_out',
        objectType: 'acc_booking',
        objectId: b.id,
        details: { minutes },
      });
      return { id: b.id, state: 'completed' as const, minutes };
    });
  }

  async noShow(actor: Actor, id: string, now = new Date()) {
    return this.db.transaction(async (tx) => {
      const b = await this.reachable(tx, actor, id);
      if (b.state !== 'booked' || b.startsAt.getTime() > now.getTime()) throw new AppError('invalid_state');
      await tx
        .update(accBookings)
        .set({ state: 'no_show', version: sql`${accBookings.version} + 1` })
        .where(eq(accBookings.id, b.id));
      await recordAudit(tx, actor, {
        action: 'accompaniment.visit.no_show',
        objectType: 'acc_booking',
        objectId: b.id,
      });
      return { id: b.id, state: 'no_show' as const };
    });
  }
}
