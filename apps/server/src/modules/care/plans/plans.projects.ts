/**
 * 暖心行动 projects (S3): ordered stages, each with its tasks and the standard each must meet
 * (项目标准); a project's progress counts its work items per stage by status. District-wide
 * (care.plans): no personal data here.
 */
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  ProjectBody,
  ProjectListQuery,
  ProjectOut,
  ProjectPatch,
  ProjectProgressOut,
} from '@jinglin/shared';
import type { Platform } from '../../../platform/platform.js';
import type { Actor } from '../../../platform/access/actor.js';
import type { Tx } from '../../../platform/db/client.js';
import { recordAudit } from '../../../platform/audit/audit.service.js';
import { AppError, invalid, notFound } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { page } from '../care.mapper.js';
import { careProjects, careWorkItems, type ProjectStage } from './plans.tables.js';
import { shanghaiDay } from './plans.common.js';

type Row = typeof careProjects.$inferSelect;

export function toProjectOut(p: Row): z.infer<typeof ProjectOut> {
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    stages: p.stages,
    active: p.active,
    createdAt: p.createdAt.toISOString(),
    version: p.version,
  };
}

/** Stage keys must be unique within a project. */
function checkStages(stages: ProjectStage[]) {
  const seen = new Set<string>();
  stages.forEach((s, i) => {
    if (seen.has(s.key)) throw invalid(`stages.${i}.key`, 'duplicate_stage_key');
    seen.add(s.key);
  });
}

export class PlanProjects {
  /** The clock (tests fix it). */
  now: () => Date = () => new Date();

  constructor(private readonly p: Platform) {}

  private get db() {
    return this.p.database.db;
  }

  async list(q: z.infer<typeof ProjectListQuery>) {
    const rows = await this.db
      .select()
      .from(careProjects)
      .where(
        and(
          q.active ? eq(careProjects.active, q.active === 'true') : undefined,
          q.cursor ? gt(careProjects.id, q.cursor) : undefined,
        ),
      )
      .orderBy(asc(careProjects.id))
      .limit(q.limit + 1);
    return page(rows.map(toProjectOut), q.limit);
  }

  async row(tx: Tx, id: string) {
    const [r] = await tx.select().from(careProjects).where(eq(careProjects.id, id));
    return r ?? null;
  }

  async get(id: string, tx: Tx = this.db) {
    const r = await this.row(tx, id);
    if (!r) throw notFound();
    return toProjectOut(r);
  }

  async create(actor: Actor, body: z.infer<typeof ProjectBody>) {
    checkStages(body.stages);
    const id = newId();
    return this.db.transaction(async (tx) => {
      await tx.insert(careProjects).values({ id, ...body });
      await recordAudit(tx, actor, {
        action: 'care.project.create',
        objectType: 'care_project',
        objectId: id,
      });
      return this.get(id, tx);
    });
  }

  async patch(actor: Actor, id: string, version: number, body: z.infer<typeof ProjectPatch>) {
    if (body.stages) checkStages(body.stages);
    return this.db.transaction(async (tx) => {
      const cur = await this.row(tx, id);
      if (!cur) throw notFound();
      if (body.stages) {
        // A stage that still holds work items cannot be removed.
        const keep = new Set(body.stages.map((s) => s.key));
        const used = await tx
          .selectDistinct({ key: careWorkItems.stageKey })
          .from(careWorkItems)
          .where(eq(careWorkItems.projectId, id));
        if (used.some((u) => u.key && !keep.has(u.key))) throw invalid('stages', 'stage_in_use');
      }
      const [row] = await tx
        .update(careProjects)
        .set({ ...body, version: version + 1 })
        .where(and(eq(careProjects.id, id), eq(careProjects.version, version)))
        .returning({ id: careProjects.id });
      if (!row) throw new AppError('version_mismatch');
      await recordAudit(tx, actor, {
        action: 'care.project.update',
        objectType: 'care_project',
        objectId: id,
        details: { changed: Object.keys(body) },
      });
      return this.get(id, tx);
    });
  }

  /** Items per stage by status, overdue (open or in progress past the deadline), % done. */
  async progress(id: string): Promise<z.infer<typeof ProjectProgressOut>> {
    const project = await this.row(this.db, id);
    if (!project) throw notFound();
    const today = shanghaiDay(this.now());
    const rows = await this.db
      .select({
        stageKey: careWorkItems.stageKey,
        status: careWorkItems.status,
        n: sql<number>`count(*)::int`,
        overdue: sql<number>`(count(*) FILTER (WHERE ${careWorkItems.status} IN ('open', 'in_progress') AND ${careWorkItems.deadline} < ${today}))::int`,
      })
      .from(careWorkItems)
      .where(eq(careWorkItems.projectId, id))
      .groupBy(careWorkItems.stageKey, careWorkItems.status);
    const zero = () => ({ open: 0, in_progress: 0, done: 0, cancelled: 0 });
    const stages = project.stages.map((s) => ({ key: s.key, name: s.name, counts: zero(), overdue: 0 }));
    const counts = zero();
    let overdue = 0;
    for (const r of rows) {
      const n = Number(r.n);
      counts[r.status] += n;
      overdue += Number(r.overdue);
      const st = stages.find((s) => s.key === r.stageKey);
      if (st) {
        st.counts[r.status] += n;
        st.overdue += Number(r.overdue);
      }
    }
    const total = counts.open + counts.in_progress + counts.done + counts.cancelled;
    const live = total - counts.cancelled;
    return {
      projectId: id,
      stages,
      total,
      counts,
      overdue,
      percentDone: live === 0 ? 0 : Math.round((counts.done * 100) / live),
    };
  }
}
