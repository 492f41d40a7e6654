/**
 * Changes to a needs case by staff, each with the version read (If-Match, 412 when stale): correct
 * its facts, assign the owner, move its status, add a note, resolve it (the resident is told), and
 * record that the outcome was told by phone. Every change writes an action and an audit row.
 *
 * Status moves: open → in_progress → resolved → closed; open / in_progress → withdrawn;
 * resolved / closed / withdrawn → open (reopened: a new due time, escalation starts again).
 * Anything else is `invalid_state` (409).
 */
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  NeedAssignBody,
  NeedNoteBody,
  NeedPatch,
  NeedResolveBody,
  NeedStatus,
  NeedStatusBody,
  NeedToldBody,
} from '@jinglin/shared';
import type { Platform } from '../../../platform/platform.js';
import type { Actor } from '../../../platform/access/actor.js';
import type { Tx } from '../../../platform/db/client.js';
import { recordAudit } from '../../../platform/audit/audit.service.js';
import { AppError, invalid } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { persons } from '../../../platform/db/schema.js';
import { careNeedActions, careNeeds } from './needs.tables.js';
import type { NeedsService } from './needs.service.js';
import { canOwn } from './needs.raise.js';
import { dueAtOf } from './needs.sla.js';
import { notifyAssigned, notifyOutcome } from './needs.notify.js';

type Need = typeof careNeeds.$inferSelect;
type ActionIn = Omit<typeof careNeedActions.$inferInsert, 'id' | 'needId' | 'at' | 'actorUserId'>;

/** Allowed status moves (resolving has its own call, which needs a resolution). */
export const MOVES: Record<NeedStatus, readonly NeedStatus[]> = {
  open: ['in_progress', 'resolved', 'withdrawn'],
  in_progress: ['resolved', 'withdrawn'],
  resolved: ['closed', 'open'],
  closed: ['open'],
  withdrawn: ['open'],
};
export const canMove = (from: NeedStatus, to: NeedStatus) => MOVES[from].includes(to);

export class NeedChanges {
  constructor(
    private readonly p: Platform,
    private readonly needs: NeedsService,
  ) {}

  /**
   * Loads the case in scope and locked (404), checks the version (412), applies `fn`'s changes with
   * the next version, writes its actions and the audit row, and returns the case with its actions.
   */
  private async change(
    actor: Actor,
    id: string,
    version: number,
    audit: string,
    fn: (
      tx: Tx,
      cur: Need,
      now: Date,
    ) => Promise<{ set: Partial<Need>; actions: ActionIn[]; details?: Record<string, unknown> }>,
  ) {
    return this.p.database.db.transaction(async (tx) => {
      const { n: cur } = await this.needs.getRow(tx, actor, id, true);
      if (cur.version !== version) throw new AppError('version_mismatch');
      const now = new Date();
      const { set, actions, details } = await fn(tx, cur, now);
      await tx
        .update(careNeeds)
        .set({ ...set, updatedAt: now, version: version + 1 })
        .where(and(eq(careNeeds.id, id), eq(careNeeds.version, version)));
      for (const a of actions)
        await tx
          .insert(careNeedActions)
          .values({ id: newId(), needId: id, at: now, actorUserId: actor.userId, ...a });
      await recordAudit(tx, actor, {
        action: audit,
        objectType: 'care_need',
        objectId: id,
        ...(details ? { details } : {}),
      });
      return this.needs.get(actor, id, tx);
    });
  }

  async patch(actor: Actor, id: string, version: number, body: z.infer<typeof NeedPatch>) {
    return this.change(actor, id, version, 'care.need.update', async (tx, cur) => {
      const set: Partial<Need> = { ...body };
      const category = body.category ?? cur.category;
      const urgency = body.urgency ?? cur.urgency;
      // A new category or urgency takes that SLA, counted from when the case was raised.
      if (category !== cur.category || urgency !== cur.urgency)
        set.dueAt = await dueAtOf(tx, category, urgency, cur.createdAt);
      const changed = Object.keys(body);
      return {
        set,
        actions: [
          {
            kind: 'note',
            note: '',
            detail: { changed, ...(set.dueAt ? { dueAt: set.dueAt.toISOString() } : {}) },
          },
        ],
        details: { changed },
      };
    });
  }

  async assign(actor: Actor, id: string, version: number, body: z.infer<typeof NeedAssignBody>) {
    return this.change(actor, id, version, 'care.need.assign', async (tx, cur) => {
      if (body.ownerUserId) {
        const [person] = await tx
          .select({ streetCode: persons.streetCode, communityId: persons.communityId })
          .from(persons)
          .where(eq(persons.id, cur.personId));
        if (!person || !(await canOwn(tx, body.ownerUserId, person)))
          throw invalid('ownerUserId', 'owner_not_eligible');
        if (body.ownerUserId !== actor.userId) await notifyAssigned(this.p, tx, body.ownerUserId, cur);
      }
      return {
        set: { ownerUserId: body.ownerUserId },
        actions: [
          { kind: 'assigned', note: body.note, detail: { from: cur.ownerUserId, to: body.ownerUserId } },
        ],
        details: { from: cur.ownerUserId, to: body.ownerUserId },
      };
    });
  }

  async status(actor: Actor, id: string, version: number, body: z.infer<typeof NeedStatusBody>) {
    return this.change(actor, id, version, 'care.need.status', async (tx, cur, now) => {
      if (!canMove(cur.status, body.status)) throw new AppError('invalid_state');
      const detail = { from: cur.status, to: body.status };
      if (body.status === 'open') {
        // Reopened: the resolution goes back to the timeline, a new SLA period starts.
        return {
          set: {
            status: 'open',
            resolution: '',
            resolvedAt: null,
            outcomeNotifiedAt: null,
            escalationLevel: 0,
            escalatedAt: null,
            dueAt: await dueAtOf(tx, cur.category, cur.urgency, now),
          },
          actions: [{ kind: 'reopened', note: body.note, detail: { ...detail, resolution: cur.resolution } }],
          details: detail,
        };
      }
      return {
        set: { status: body.status },
        actions: [{ kind: 'status', note: body.note, detail }],
        details: detail,
      };
    });
  }

  async note(actor: Actor, id: string, version: number, body: z.infer<typeof NeedNoteBody>) {
    return this.change(actor, id, version, 'care.need.note', async () => ({
      set: {},
      actions: [{ kind: 'note', note: body.note, detail: {} }],
    }));
  }

  /** Resolves with the outcome and tells the resident and guardians; if nobody can be told, says so (phone them). */
  async resolve(actor: Actor, id: string, version: number, body: z.infer<typeof NeedResolveBody>) {
    return this.change(actor, id, version, 'care.need.resolve', async (tx, cur, now) => {
      if (!canMove(cur.status, 'resolved')) throw new AppError('invalid_state');
      const told = await notifyOutcome(this.p, tx, { ...cur, resolution: body.resolution });
      return {
        set: {
          status: 'resolved',
          resolution: body.resolution,
          resolvedAt: now,
          outcomeNotifiedAt: told > 0 ? now : null,
        },
        actions: [
          { kind: 'resolved', note: body.resolution, detail: { from: cur.status, to: 'resolved' } },
          {
            kind: 'notified',
            note: '',
            detail: told > 0 ? { channel: 'message', recipients: told } : { recipients: 0, mustPhone: true },
          },
        ],
        details: { recipients: told },
      };
    });
  }

  /** The outcome was told by phone or in person (no account could be notified, or to make sure). */
  async told(actor: Actor, id: string, version: number, body: z.infer<typeof NeedToldBody>) {
    return this.change(actor, id, version, 'care.need.told', async (_tx, cur, now) => {
      if (cur.status !== 'resolved' && cur.status !== 'closed') throw new AppError('invalid_state');
      return {
        set: { outcomeNotifiedAt: now },
        actions: [{ kind: 'notified', note: body.note, detail: { channel: body.channel } }],
        details: { channel: body.channel },
      };
    });
  }
}
