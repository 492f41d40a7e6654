/**
 * Cycles: one per programme and period, run as a job over the whole registry (cycles.job.ts). The
 * entitlements they produce move draft → pending approval (submitted) → approved (by someone else:
 * four eyes) → paid (the bank's results), or rejected / cancelled; always in the caller's scope.
 */
import type { CycleOut, EntitlementOut } from '@jinglin/shared';
import type { Platform } from '../../platform/platform.js';
import type { Tx } from '../../platform/db/client.js';
import type { Actor } from '../../platform/access/actor.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { maskIdNumber } from '../../platform/crypto/field-crypto.js';
import * as repo from './cycles.repo.js';
import * as programs from './programs.repo.js';
import { CYCLE_JOB, cycleJob, type CyclePayload } from './cycles.job.js';
import { periodFits, periodStart } from './periods.js';
import { startGrants } from './enrolments.js';

type BulkAction = 'submit' | 'approve' | 'reject' | 'cancel';

export class CyclesService {
  constructor(private readonly p: Platform) {}

  private get db() {
    return this.p.database.db;
  }

  registerJob(): void {
    this.p.jobs.register(CYCLE_JOB, cycleJob(this.p));
  }

  async toOut(tx: Tx, actor: Actor, c: repo.CycleRow, program?: programs.ProgramRow): Promise<CycleOut> {
    const prog = program ?? (await programs.findProgramById(tx, c.programId))!;
    let state = c.state;
    if (state === 'running' && c.jobId) {
      const job = await this.p.jobs.find(tx, c.jobId);
      if (job?.state === 'failed') state = 'failed';
    }
    return {
      id: c.id,
      programCode: prog.code,
      programName: { zh: prog.nameZh, en: prog.nameEn },
      period: c.period,
      periodStart: c.periodStart,
      versionId: c.versionId,
      state,
      jobId: c.jobId,
      summary: (c.summary as CycleOut['summary']) ?? null,
      counts: await repo.countsByState(tx, actor.scope, c.id),
      createdAt: c.createdAt.toISOString(),
      finishedAt: c.finishedAt?.toISOString() ?? null,
    };
  }

  async getRow(tx: Tx, id: string): Promise<repo.CycleRow> {
    const c = await repo.findCycle(tx, id);
    if (!c) throw notFound();
    return c;
  }

  async get(actor: Actor, id: string): Promise<CycleOut> {
    return this.toOut(this.db, actor, await this.getRow(this.db, id));
  }

  async list(actor: Actor, programCode: string | undefined, limit: number): Promise<CycleOut[]> {
    const program = programCode ? await programs.findProgram(this.db, programCode) : undefined;
    if (programCode && !program) return [];
    const rows = await repo.listCycles(this.db, program?.id, limit);
    const out: CycleOut[] = [];
    for (const r of rows) out.push(await this.toOut(this.db, actor, r));
    return out;
  }

  /** A cycle for a period, bound to the rule version in force on its first day; one per period. */
  async create(actor: Actor, code: string, period: string): Promise<CycleOut> {
    return this.db.transaction(async (tx) => {
      const program = await programs.findProgram(tx, code);
      if (!program) throw notFound();
      if (!periodFits(period, program.periodicity)) throw invalid('period', 'period_mismatch');
      const existing = await repo.findCycleFor(tx, program.id, period);
      if (existing) throw new AppError('conflict', { fields: [{ path: 'period', code: 'taken' }] });
      const version = await programs.versionInForce(tx, program.id, periodStart(period));
      if (!version) throw invalid('period', 'no_version_in_force');
      const c = await repo.insertCycle(tx, {
        id: newId(),
        programId: program.id,
        period,
        periodStart: periodStart(period),
        versionId: version.id,
        state: 'created',
        createdBy: actor.userId,
      });
      await recordAudit(tx, actor, {
        action: 'benefits.cycle.create',
        objectType: 'benefit_cycle',
        objectId: c.id,
        details: { code, period, versionNo: version.versionNo },
      });
      return this.toOut(tx, actor, c, program);
    });
  }

  /** Queues the run; running it again is harmless (existing entitlements are kept, never doubled). */
  async run(actor: Actor, id: string, opts: { chunkSize?: number } = {}): Promise<string> {
    return this.db.transaction(async (tx) => {
      const c = await this.getRow(tx, id);
      if (c.state === 'running' && c.jobId) {
        const job = await this.p.jobs.find(tx, c.jobId);
        if (job && (job.state === 'queued' || job.state === 'running')) return job.id;
      }
      const payload: CyclePayload = { cycleId: c.id, ...opts };
      const jobId = await this.p.jobs.enqueue(tx, CYCLE_JOB, { ...payload }, { createdBy: actor.userId });
      await repo.updateCycle(tx, c.id, { state: 'running', jobId });
      await recordAudit(tx, actor, {
        action: 'benefits.cycle.run',
        objectType: 'benefit_cycle',
        objectId: c.id,
        details: { jobId },
      });
      return jobId;
    });
  }

  entitlementOut(r: repo.EntitlementListRow): EntitlementOut {
    return {
      id: r.id,
      programCode: r.programCode,
      person: {
        id: r.personId,
        name: r.personName,
        idNumber: maskIdNumber(this.p.crypto.decrypt(r.idNumberEnc)),
        streetCode: r.streetCode,
      },
      period: r.period,
      streetCode: r.streetCode,
      amountFen: r.amountFen,
      state: r.state,
      submittedBy: r.submittedBy,
      decidedBy: r.decidedBy,
      decisionNote: r.decisionNote,
      paymentRef: r.paymentRef,
      paymentError: r.paymentError,
      version: r.version,
    };
  }

  async entitlements(
    actor: Actor,
    cycleId: string,
    q: {
      state?: EntitlementOut['state'] | undefined;
      streetCode?: string | undefined;
      cursor?: string | undefined;
      limit: number;
    },
  ) {
    await this.getRow(this.db, cycleId);
    const rows = await repo.listEntitlements(
      this.db,
      actor.scope,
      { cycleId, state: q.state, streetCode: q.streetCode, after: q.cursor },
      q.limit + 1,
    );
    const page = rows.slice(0, q.limit);
    return {
      items: page.map((r) => this.entitlementOut(r)),
      nextCursor: rows.length > q.limit ? page[page.length - 1]!.id : null,
    };
  }

  /**
   * Bulk actions on a cycle's entitlements in the caller's scope. Approval is four eyes: the caller's
   * own submissions are refused (four_eyes) when named by id, and skipped in a street-wide approval.
   */
  async bulk(
    actor: Actor,
    cycleId: string,
    body: {
      action: BulkAction;
      ids?: string[] | undefined;
      streetCode?: string | undefined;
      note?: string | undefined;
    },
  ): Promise<{ changed: number; skipped: number }> {
    const needs = body.action === 'approve' || body.action === 'reject' ? 'benefits.approve' : 'benefits.run';
    if (!actor.permissions.has(needs)) throw new AppError('forbidden');
    return this.db.transaction(async (tx) => {
      const c = await this.getRow(tx, cycleId);
      if (c.state !== 'ready') throw new AppError('invalid_state');
      const filter = { ids: body.ids, streetCode: body.streetCode };
      const now = new Date();
      let changed: repo.EntitlementRow[] = [];
      let skipped = 0;
      switch (body.action) {
        case 'submit':
          changed = await repo.transition(
            tx,
            actor.scope,
            c.id,
            ['draft'],
            {
              state: 'pending_approval',
              submittedBy: actor.userId,
              submittedAt: now,
            },
            filter,
          );
          break;
        case 'approve':
        case 'reject': {
          // The system (no user) never approves: four eyes means two people.
          if (!actor.userId) throw new AppError('four_eyes');
          const own = await repo.countOwnSubmissions(tx, actor.scope, c.id, actor.userId, filter);
          if (own && body.ids) throw new AppError('four_eyes');
          skipped = own;
          changed = await repo.transition(
            tx,
            actor.scope,
            c.id,
            ['pending_approval'],
            {
              state: body.action === 'approve' ? 'approved' : 'rejected',
              decidedBy: actor.userId,
              decidedAt: now,
              decisionNote: body.note ?? null,
            },
            { ...filter, notSubmittedBy: actor.userId },
          );
          break;
        }
        case 'cancel':
          changed = await repo.transition(
            tx,
            actor.scope,
            c.id,
            ['draft', 'pending_approval', 'approved'],
            {
              state: 'cancelled',
              decidedBy: actor.userId,
              decidedAt: now,
              decisionNote: body.note ?? null,
            },
            filter,
          );
          break;
      }
      if (body.ids) skipped = body.ids.length - changed.length;
      if (body.action === 'approve' && changed.length) {
        const program = (await programs.findProgramById(tx, c.programId))!;
        await startGrants(
          this.p,
          tx,
          program,
          c.period,
          changed.map((e) => ({ personId: e.personId, amountFen: e.amountFen })),
        );
      }
      await recordAudit(tx, actor, {
        action: `benefits.entitlements.${body.action}`,
        objectType: 'benefit_cycle',
        objectId: c.id,
        details: { count: changed.length, skipped, streetCode: body.streetCode ?? null, byIds: !!body.ids },
      });
      return { changed: changed.length, skipped: Math.max(0, skipped) };
    });
  }
}
