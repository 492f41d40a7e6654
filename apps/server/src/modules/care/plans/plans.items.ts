/**
 * Work-plan items (S1, S3): from a meeting (optionally one of the needs it analysed) or standalone
 * in a 暖心行动 project, with an owner (staff holding care.plans), a stage of the project and a
 * deadline; status open → in_progress → done / cancelled (done and cancelled are final); every
 * status change, stage move and note is appended to the progress log with who and when.
 */
import { and, asc, eq, gt, inArray, or, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import {
  WORK_ITEM_TRANSITIONS,
  type WorkItemBody,
  type WorkItemListQuery,
  type WorkItemOut,
  type WorkItemPatch,
} from '@jinglin/shared';
import type { Platform } from '../../../platform/platform.js';
import type { Actor } from '../../../platform/access/actor.js';
import type { Tx } from '../../../platform/db/client.js';
import { recordAudit } from '../../../platform/audit/audit.service.js';
import { AppError, invalid, notFound } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { careOrganisations } from '../care.tables.js';
import { careNeeds } from '../needs/needs.tables.js';
import type { NeedsService } from '../needs/needs.service.js';
import { careMeetings, careProjects, careWorkItems } from './plans.tables.js';
import {
  decodeCursor,
  encodeCursor,
  isPlanner,
  shanghaiDay,
  userNames,
  visibleNeeds,
} from './plans.common.js';

type Row = typeof careWorkItems.$inferSelect;
type Entry = Row['progress'][number];

export class PlanItems {
  /** The clock (tests fix it). */
  now: () => Date = () => new Date();

  constructor(
    private readonly p: Platform,
    /** The needs cases (their note action), when the module has them. */
    private readonly needs?: NeedsService,
  ) {}

  private get db() {
    return this.p.database.db;
  }

  /** Rows → responses, with the names and the visible needs loaded in a few set queries. */
  private async toOut(tx: Tx, actor: Actor, rows: Row[]): Promise<z.infer<typeof WorkItemOut>[]> {
    if (rows.length === 0) return [];
    const today = shanghaiDay(this.now());
    const meetingIds = [...new Set(rows.flatMap((r) => (r.meetingId ? [r.meetingId] : [])))];
    const projectIds = [...new Set(rows.flatMap((r) => (r.projectId ? [r.projectId] : [])))];
    const meetings = meetingIds.length
      ? await tx
          .select({ id: careMeetings.id, title: careMeetings.title })
          .from(careMeetings)
          .where(inArray(careMeetings.id, meetingIds))
      : [];
    const projects = projectIds.length
      ? await tx
          .select({ id: careProjects.id, name: careProjects.name, stages: careProjects.stages })
          .from(careProjects)
          .where(inArray(careProjects.id, projectIds))
      : [];
    const names = await userNames(tx, [
      ...rows.map((r) => r.ownerUserId),
      ...rows.flatMap((r) => r.progress.map((e) => e.userId)),
    ]);
    const needs = await visibleNeeds(
      tx,
      actor,
      rows.flatMap((r) => (r.needId ? [r.needId] : [])),
    );
    return rows.map((r) => {
      const project = projects.find((x) => x.id === r.projectId);
      return {
        id: r.id,
        title: r.title,
        description: r.description,
        meetingId: r.meetingId,
        meetingTitle: meetings.find((m) => m.id === r.meetingId)?.title ?? null,
        needId: r.needId,
        need: (r.needId && needs.get(r.needId)) || null,
        projectId: r.projectId,
        projectName: project?.name ?? null,
        stageKey: r.stageKey,
        stageName: project?.stages.find((s) => s.key === r.stageKey)?.name ?? null,
        ownerUserId: r.ownerUserId,
        ownerName: r.ownerUserId ? (names.get(r.ownerUserId) ?? null) : null,
        organisationId: r.organisationId,
        deadline: r.deadline,
        status: r.status,
        overdue: (r.status === 'open' || r.status === 'in_progress') && r.deadline < today,
        progress: r.progress.map((e) => ({
          at: e.at,
          userId: e.userId,
          userName: names.get(e.userId) ?? '',
          note: e.note,
          stageKey: e.stageKey ?? null,
          status: e.status ?? null,
        })),
        doneAt: r.doneAt ? r.doneAt.toISOString() : null,
        createdAt: r.createdAt.toISOString(),
        version: r.version,
      };
    });
  }

  async list(actor: Actor, q: z.infer<typeof WorkItemListQuery>) {
    const c = decodeCursor(q.cursor);
    if (q.cursor && !c) throw invalid('cursor', 'invalid_format');
    const after = c
      ? (or(
          gt(careWorkItems.deadline, c.value),
          and(eq(careWorkItems.deadline, c.value), gt(careWorkItems.id, c.id)),
        ) as SQL)
      : undefined;
    const rows = await this.db
      .select()
      .from(careWorkItems)
      .where(
        and(
          q.meetingId ? eq(careWorkItems.meetingId, q.meetingId) : undefined,
          q.projectId ? eq(careWorkItems.projectId, q.projectId) : undefined,
          q.stageKey ? eq(careWorkItems.stageKey, q.stageKey) : undefined,
          q.ownerUserId ? eq(careWorkItems.ownerUserId, q.ownerUserId) : undefined,
          q.status ? eq(careWorkItems.status, q.status) : undefined,
          after,
        ),
      )
      .orderBy(asc(careWorkItems.deadline), asc(careWorkItems.id))
      .limit(q.limit + 1);
    const pageRows = rows.slice(0, q.limit);
    const last = pageRows[pageRows.length - 1];
    return {
      items: await this.toOut(this.db, actor, pageRows),
      nextCursor: rows.length > q.limit && last ? encodeCursor(last.deadline, last.id) : null,
    };
  }

  /** My work items: open and in progress, owned by the caller; by deadline, so overdue ones come first. */
  async queue(actor: Actor) {
    if (!actor.userId) return { items: [], overdue: 0 };
    const rows = await this.db
      .select()
      .from(careWorkItems)
      .where(
        and(
          eq(careWorkItems.ownerUserId, actor.userId),
          inArray(careWorkItems.status, ['open', 'in_progress']),
        ),
      )
      .orderBy(asc(careWorkItems.deadline), asc(careWorkItems.createdAt), asc(careWorkItems.id))
      .limit(200);
    const items = await this.toOut(this.db, actor, rows);
    return { items, overdue: items.filter((i) => i.overdue).length };
  }

  async get(actor: Actor, id: string, tx: Tx = this.db) {
    const [r] = await tx.select().from(careWorkItems).where(eq(careWorkItems.id, id));
    if (!r) throw notFound();
    return (await this.toOut(tx, actor, [r]))[0]!;
  }

  /** The project's stage (default its first), checked. */
  private async stageOf(tx: Tx, projectId: string | null, stageKey: string | null, path: string) {
    if (!projectId) {
      if (stageKey) throw invalid('stageKey', 'stage_without_project');
      return null;
    }
    const [project] = await tx
      .select({ stages: careProjects.stages })
      .from(careProjects)
      .where(eq(careProjects.id, projectId));
    if (!project) throw invalid(path, 'not_found');
    if (stageKey === null) return project.stages[0]?.key ?? null;
    if (!project.stages.some((s) => s.key === stageKey)) throw invalid('stageKey', 'unknown_stage');
    return stageKey;
  }

  private async checkOwnerAndOrg(tx: Tx, ownerUserId?: string, organisationId?: string | null) {
    if (ownerUserId && !(await isPlanner(tx, ownerUserId))) throw invalid('ownerUserId', 'not_a_planner');
    if (organisationId) {
      const [o] = await tx
        .select({ id: careOrganisations.id })
        .from(careOrganisations)
        .where(eq(careOrganisations.id, organisationId));
      if (!o) throw invalid('organisationId', 'not_found');
    }
  }

  async create(actor: Actor, body: z.infer<typeof WorkItemBody>) {
    if (!body.meetingId && !body.projectId) throw invalid('meetingId', 'meeting_or_project');
    if (body.needId && !body.meetingId) throw invalid('needId', 'need_without_meeting');
    const id = newId();
    return this.db.transaction(async (tx) => {
      if (body.meetingId) {
        const [m] = await tx
          .select({ needIds: careMeetings.needIds })
          .from(careMeetings)
          .where(eq(careMeetings.id, body.meetingId));
        if (!m) throw invalid('meetingId', 'not_found');
        if (body.needId) {
          // A need the caller's scope does not cover is "not found", whether or not it was discussed.
          if (!(await visibleNeeds(tx, actor, [body.needId])).has(body.needId))
            throw invalid('needId', 'not_found');
          if (!m.needIds.includes(body.needId)) throw invalid('needId', 'need_not_in_meeting');
        }
      }
      const stageKey = await this.stageOf(tx, body.projectId, body.stageKey, 'projectId');
      await this.checkOwnerAndOrg(tx, body.ownerUserId, body.organisationId);
      await tx.insert(careWorkItems).values({ id, ...body, stageKey, createdAt: this.now() });
      await recordAudit(tx, actor, {
        action: 'care.work_item.create',
        objectType: 'care_work_item',
        objectId: id,
        details: { meetingId: body.meetingId, needId: body.needId, projectId: body.projectId },
      });
      return this.get(actor, id, tx);
    });
  }

  async patch(actor: Actor, id: string, version: number, body: z.infer<typeof WorkItemPatch>) {
    const { out, doneNeedId } = await this.db.transaction(async (tx) => {
      const [cur] = await tx.select().from(careWorkItems).where(eq(careWorkItems.id, id));
      if (!cur) throw notFound();
      const statusChange = body.status !== undefined && body.status !== cur.status ? body.status : undefined;
      if (statusChange && !WORK_ITEM_TRANSITIONS[cur.status].includes(statusChange))
        throw new AppError('invalid_state');
      const stageChange =
        body.stageKey !== undefined && body.stageKey !== cur.stageKey ? body.stageKey : undefined;
      if (stageChange !== undefined) await this.stageOf(tx, cur.projectId, stageChange, 'stageKey');
      await this.checkOwnerAndOrg(tx, body.ownerUserId, body.organisationId);
      const now = this.now();
      const entry: Entry | null =
        statusChange || stageChange !== undefined || body.note
          ? {
              at: now.toISOString(),
              userId: actor.userId ?? '',
              note: body.note ?? '',
              ...(stageChange !== undefined ? { stageKey: stageChange } : {}),
              ...(statusChange ? { status: statusChange } : {}),
            }
          : null;
      const { note: _note, status: _status, stageKey: _stage, ...fields } = body;
      const [row] = await tx
        .update(careWorkItems)
        .set({
          ...fields,
          ...(statusChange ? { status: statusChange } : {}),
          ...(statusChange === 'done' ? { doneAt: now } : {}),
          ...(stageChange !== undefined ? { stageKey: stageChange } : {}),
          ...(entry ? { progress: [...cur.progress, entry] } : {}),
          version: version + 1,
        })
        .where(and(eq(careWorkItems.id, id), eq(careWorkItems.version, version)))
        .returning({ id: careWorkItems.id });
      if (!row) throw new AppError('version_mismatch');
      await recordAudit(tx, actor, {
        action: 'care.work_item.update',
        objectType: 'care_work_item',
        objectId: id,
        details: {
          changed: Object.keys(body),
          ...(statusChange ? { status: statusChange } : {}),
          ...(stageChange !== undefined ? { stageKey: stageChange } : {}),
        },
      });
      const doneNeedId = statusChange === 'done' ? cur.needId : null;
      return { out: await this.get(actor, id, tx), doneNeedId };
    });
    if (doneNeedId) await this.noteOnNeed(actor, doneNeedId, out.title);
    return out;
  }

  /** Append a progress note (If-Match). */
  async addNote(actor: Actor, id: string, version: number, note: string) {
    return this.patch(actor, id, version, { note });
  }

  /**
   * A work item linked to a need is done: a note on the needs case, through the needs module (its
   * own transaction, after this one committed). Only if the caller's scope covers the case — a
   * coordinator without an area finishes the item, and the case gets no note; never fails the item.
   */
  private async noteOnNeed(actor: Actor, needId: string, title: string) {
    if (!this.needs) return;
    for (let attempt = 0; attempt < 2; attempt++) {
      const [n] = await this.db
        .select({ version: careNeeds.version })
        .from(careNeeds)
        .where(eq(careNeeds.id, needId));
      if (!n) return;
      try {
        await this.needs.changes.note(actor, needId, n.version, {
          note: `工作计划已完成：${title}`.slice(0, 2000),
        });
        return;
      } catch (e) {
        if (e instanceof AppError && e.code === 'version_mismatch') continue;
        if (e instanceof AppError && e.code === 'not_found') return;
        throw e;
      }
    }
  }
}
