/**
 * Escalation of overdue needs cases (worker tick). A case still open or in progress past its due
 * time goes to level 1 — its owner and the street officers of the person's street are told; one
 * further SLA period later (as long again as the time it was given) to level 2 — the district
 * officers. Each step is an 'escalated' action; a level is reached once (the row's level is the
 * guard, rows are locked SKIP LOCKED so two workers never escalate one case twice). Reopening a
 * case starts again at level 0. `now` is injectable for tests.
 */
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Platform } from '../../../platform/platform.js';
import { recordAudit } from '../../../platform/audit/audit.service.js';
import { systemActor } from '../../../platform/access/actor.js';
import { newId } from '../../../platform/ids.js';
import { persons } from '../../../platform/db/schema.js';
import { careNeedActions, careNeeds } from './needs.tables.js';
import { escalationRecipients } from './needs.notify.js';

export const MAX_LEVEL = 2;

export class NeedsJobs {
  constructor(private readonly p: Platform) {}

  async tick(now = new Date()): Promise<void> {
    await this.escalate(now);
  }

  /** Escalates every due case one level per pass, level 1 before level 2; returns the steps taken. */
  async escalate(now = new Date()): Promise<number> {
    let n = 0;
    for (let level = 1; level <= MAX_LEVEL; level++) {
      // Level 1 at the due time; level 2 one SLA period (due − raised) after it.
      const dueCond =
        level === 1
          ? lt(careNeeds.dueAt, now)
          : sql`${careNeeds.dueAt} + (${careNeeds.dueAt} - ${careNeeds.createdAt}) < ${now}`;
      n += await this.p.database.db.transaction(async (tx) => {
        const due = await tx
          .select({
            id: careNeeds.id,
            ref: careNeeds.ref,
            ownerUserId: careNeeds.ownerUserId,
            dueAt: careNeeds.dueAt,
            streetCode: persons.streetCode,
          })
          .from(careNeeds)
          .innerJoin(persons, eq(persons.id, careNeeds.personId))
          .where(
            and(
              inArray(careNeeds.status, ['open', 'in_progress']),
              eq(careNeeds.escalationLevel, level - 1),
              dueCond,
            ),
          )
          .orderBy(careNeeds.dueAt)
          .limit(500)
          .for('update', { of: careNeeds, skipLocked: true });
        for (const c of due) {
          const recipients = await escalationRecipients(tx, level, c);
          for (const userId of recipients) {
            await this.p.notifier.enqueue(tx, {
              userId,
              address: null,
              template: 'care.need.escalated',
              payload: { needId: c.id, ref: c.ref, level, dueAt: c.dueAt.toISOString() },
            });
          }
          await tx
            .update(careNeeds)
            .set({ escalationLevel: level, escalatedAt: now })
            .where(eq(careNeeds.id, c.id));
          await tx.insert(careNeedActions).values({
            id: newId(),
            needId: c.id,
            at: now,
            actorUserId: null,
            kind: 'escalated',
            detail: { level, recipients: recipients.length },
          });
          await recordAudit(tx, systemActor(), {
            action: 'care.need.escalate',
            objectType: 'care_need',
            objectId: c.id,
            details: { level, recipients: recipients.length },
          });
          this.p.log.warn({ needId: c.id, level, recipients: recipients.length }, 'care need escalated');
        }
        return due.length;
      });
    }
    if (n > 0) await this.p.notifier.flush();
    return n;
  }
}
