/**
 * Corrections (更正): a volunteer asks for a record's minutes to change, or for a missing service
 * to be added, with a reason; a coordinator (`care.hours`) approves — the change is applied (the
 * record's minutes, or a new manual record) with the old values in the audit — or rejects with a
 * note. A decided correction is never decided again (409). The volunteer sees only their own (404
 * for others') and is told the outcome through the notifier when they have an account.
 */
import { and, asc, desc, eq, gt } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  CorrectionBody,
  CorrectionDecisionBody,
  CorrectionListQuery,
  CorrectionOut,
} from '@jinglin/shared';
import type { Platform } from '../../../platform/platform.js';
import type { Actor } from '../../../platform/access/actor.js';
import type { Tx } from '../../../platform/db/client.js';
import { recordAudit } from '../../../platform/audit/audit.service.js';
import { AppError, invalid, notFound } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { careVolunteers } from '../care.tables.js';
import { careHourCorrections, careServiceRecords } from './hours.tables.js';
import { shanghaiDay, shanghaiStart, todayInShanghai } from './hours.mapper.js';
import { ownVolunteerId } from './hours.service.js';
import { page } from '../care.mapper.js';

type Row = {
  c: typeof careHourCorrections.$inferSelect;
  name: string;
  rec: typeof careServiceRecords.$inferSelect | null;
};

function toOut({ c, name, rec }: Row): z.infer<typeof CorrectionOut> {
  return {
    id: c.id,
    volunteerId: c.volunteerId,
    volunteerName: name,
    recordId: c.recordId,
    record: rec
      ? {
          serviceDate: shanghaiDay(rec.startedAt),
          activity: rec.activity,
          minutes: rec.minutes,
          state: rec.state,
        }
      : null,
    proposed: {
      minutes: c.proposed.minutes ?? null,
      serviceDate: c.proposed.startedAt ? shanghaiDay(new Date(c.proposed.startedAt)) : null,
      activity: c.proposed.activity ?? null,
      content: c.proposed.content ?? null,
    },
    reason: c.reason,
    state: c.state,
    decisionNote: c.decisionNote,
    decidedAt: c.decidedAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
    version: c.version,
  };
}

export class HourCorrections {
  constructor(private readonly p: Platform) {}

  private get db() {
    return this.p.database.db;
  }

  private select(tx: Tx) {
    return tx
      .select({ c: careHourCorrections, name: careVolunteers.name, rec: careServiceRecords })
      .from(careHourCorrections)
      .innerJoin(careVolunteers, eq(careVolunteers.id, careHourCorrections.volunteerId))
      .leftJoin(careServiceRecords, eq(careServiceRecords.id, careHourCorrections.recordId));
  }

  async ask(actor: Actor, body: z.infer<typeof CorrectionBody>) {
    return this.db.transaction(async (tx) => {
      const volunteerId = await ownVolunteerId(tx, actor);
      if (!volunteerId) throw notFound();
      let proposed: { minutes: number; startedAt?: string; activity?: string; content?: string };
      if (body.recordId) {
        const [rec] = await tx
          .select()
          .from(careServiceRecords)
          .where(
            and(eq(careServiceRecords.id, body.recordId), eq(careServiceRecords.volunteerId, volunteerId)),
          );
        if (!rec) throw invalid('recordId', 'not_found');
        if (rec.state === 'void') throw invalid('recordId', 'record_void');
        if (rec.minutes === body.minutes) throw invalid('minutes', 'same_minutes');
        const [open] = await tx
          .select({ id: careHourCorrections.id })
          .from(careHourCorrections)
          .where(and(eq(careHourCorrections.recordId, rec.id), eq(careHourCorrections.state, 'pending')));
        if (open) throw invalid('recordId', 'correction_pending');
        proposed = { minutes: body.minutes };
      } else {
        if (!body.serviceDate) throw invalid('serviceDate', 'service_date_required');
        if (body.serviceDate > todayInShanghai()) throw invalid('serviceDate', 'future_date');
        if (!body.activity) throw invalid('activity', 'activity_required');
        proposed = {
          minutes: body.minutes,
          startedAt: shanghaiStart(body.serviceDate, '09:00').toISOString(),
          activity: body.activity,
          content: body.content ?? '',
        };
      }
      const id = newId();
      await tx.insert(careHourCorrections).values({
        id,
        volunteerId,
        recordId: body.recordId,
        proposed,
        reason: body.reason,
      });
      await recordAudit(tx, actor, {
        action: 'care.hours.correction.create',
        objectType: 'care_hour_correction',
        objectId: id,
        details: { recordId: body.recordId },
      });
      const [row] = await this.select(tx).where(eq(careHourCorrections.id, id));
      return toOut(row!);
    });
  }

  async list(q: z.infer<typeof CorrectionListQuery>) {
    const rows = await this.select(this.db)
      .where(
        and(
          eq(careHourCorrections.state, q.state),
          q.volunteerId ? eq(careHourCorrections.volunteerId, q.volunteerId) : undefined,
          q.cursor ? gt(careHourCorrections.id, q.cursor) : undefined,
        ),
      )
      .orderBy(asc(careHourCorrections.id))
      .limit(q.limit + 1);
    return page(rows.map(toOut), q.limit);
  }

  async get(id: string, tx: Tx = this.db) {
    const [row] = await this.select(tx).where(eq(careHourCorrections.id, id));
    if (!row) throw notFound();
    return toOut(row);
  }

  async listMine(actor: Actor) {
    const volunteerId = await ownVolunteerId(this.db, actor);
    if (!volunteerId) return [];
    const rows = await this.select(this.db)
      .where(eq(careHourCorrections.volunteerId, volunteerId))
      .orderBy(desc(careHourCorrections.id))
      .limit(200);
    return rows.map(toOut);
  }

  async getMine(actor: Actor, id: string) {
    const volunteerId = await ownVolunteerId(this.db, actor);
    const [row] = volunteerId
      ? await this.select(this.db).where(
          and(eq(careHourCorrections.id, id), eq(careHourCorrections.volunteerId, volunteerId)),
        )
      : [];
    if (!row) throw notFound();
    return toOut(row);
  }

  async decide(actor: Actor, id: string, version: number, body: z.infer<typeof CorrectionDecisionBody>) {
    if (body.decision === 'reject' && !body.note) throw invalid('note', 'note_required_to_reject');
    const out = await this.db.transaction(async (tx) => {
      const [c] = await tx
        .select()
        .from(careHourCorrections)
        .where(eq(careHourCorrections.id, id))
        .for('update');
      if (!c) throw notFound();
      if (c.state !== 'pending') throw new AppError('invalid_state');
      if (c.version !== version) throw new AppError('version_mismatch');
      let applied: Record<string, unknown> = {};
      if (body.decision === 'approve') applied = await this.apply(tx, actor, c);
      await tx
        .update(careHourCorrections)
        .set({
          state: body.decision === 'approve' ? 'approved' : 'rejected',
          decidedBy: actor.userId,
          decidedAt: new Date(),
          decisionNote: body.note,
          version: version + 1,
        })
        .where(eq(careHourCorrections.id, id));
      await recordAudit(tx, actor, {
        action: `care.hours.correction.${body.decision}`,
        objectType: 'care_hour_correction',
        objectId: id,
        details: { volunteerId: c.volunteerId, ...applied },
      });
      await this.tell(tx, c.volunteerId, id, body.decision === 'approve' ? 'approved' : 'rejected');
      return this.get(id, tx);
    });
    await this.p.notifier.flush().catch(() => undefined);
    return out;
  }

  /** Applies an approved correction; returns what changed (old and new) for the audit. */
  private async apply(tx: Tx, actor: Actor, c: typeof careHourCorrections.$inferSelect) {
    const minutes = c.proposed.minutes!;
    if (c.recordId) {
      const [rec] = await tx
        .select()
        .from(careServiceRecords)
        .where(eq(careServiceRecords.id, c.recordId))
        .for('update');
      if (!rec) throw notFound();
      if (rec.state === 'void') throw invalid('recordId', 'record_void');
      await tx
        .update(careServiceRecords)
        .set({ minutes, version: rec.version + 1 })
        .where(eq(careServiceRecords.id, rec.id));
      return { recordId: rec.id, old: { minutes: rec.minutes }, new: { minutes } };
    }
    const recordId = newId();
    await tx.insert(careServiceRecords).values({
      id: recordId,
      volunteerId: c.volunteerId,
      source: 'manual',
      sourceId: null,
      activity: c.proposed.activity ?? '',
      content: c.proposed.content ?? '',
      startedAt: new Date(c.proposed.startedAt!),
      minutes,
      recordedBy: actor.userId,
    });
    return { recordId, old: null, new: { minutes, startedAt: c.proposed.startedAt } };
  }

  /** Tells the volunteer the outcome (ids and the state only) when they have an account. */
  private async tell(tx: Tx, volunteerId: string, correctionId: string, state: string) {
    const [v] = await tx
      .select({ userId: careVolunteers.userId, phoneEnc: careVolunteers.phoneEnc })
      .from(careVolunteers)
      .where(eq(careVolunteers.id, volunteerId));
    if (!v?.userId) return;
    await this.p.notifier.enqueue(tx, {
      userId: v.userId,
      address: this.p.crypto.decrypt(v.phoneEnc),
      template: 'care.hours.correction_decided',
      payload: { correctionId, state },
    });
  }
}
