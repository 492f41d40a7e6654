/**
 * The review queue: grants and stops proposed by event-driven re-evaluation (and by cycle runs for
 * enrolled persons who no longer qualify). Accepting a grant starts it (and adds the person to the
 * period's cycle when it has run); accepting a stop stops it from its period. Both notify.
 */
import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { ReviewOut, RuleExplanation } from '@jinglin/shared';
import type { Platform } from '../../platform/platform.js';
import type { Tx } from '../../platform/db/client.js';
import type { Actor } from '../../platform/access/actor.js';
import { inScope } from '../../platform/access/scope.js';
import { AppError, notFound } from '../../platform/errors.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { maskIdNumber } from '../../platform/crypto/field-crypto.js';
import { persons } from '../registry/registry.tables.js';
import { benefitPrograms, benefitReviews } from './benefits.tables.js';
import { evaluatePerson, factsOf } from './engine.js';
import { startGrant, stopGrant } from './enrolments.js';
import * as programs from './programs.repo.js';
import * as cycles from './cycles.repo.js';
import { periodStart } from './periods.js';
import { newId } from '../../platform/ids.js';
import { benefitEntitlements } from './benefits.tables.js';

type ReviewState = 'open' | 'accepted' | 'dismissed';

export class ReviewsService {
  constructor(private readonly p: Platform) {}

  private get db() {
    return this.p.database.db;
  }

  private rows(tx: Tx, where: SQL, limit: number) {
    return tx
      .select({
        r: benefitReviews,
        name: persons.name,
        idNumberEnc: persons.idNumberEnc,
        code: benefitPrograms.code,
        nameZh: benefitPrograms.nameZh,
        nameEn: benefitPrograms.nameEn,
      })
      .from(benefitReviews)
      .innerJoin(persons, eq(persons.id, benefitReviews.personId))
      .innerJoin(benefitPrograms, eq(benefitPrograms.id, benefitReviews.programId))
      .where(where)
      .orderBy(desc(benefitReviews.id))
      .limit(limit);
  }

  private out(x: Awaited<ReturnType<ReviewsService['rows']>>[number]): ReviewOut {
    const r = x.r;
    return {
      id: r.id,
      programCode: x.code,
      programName: { zh: x.nameZh, en: x.nameEn },
      person: {
        id: r.personId,
        name: x.name,
        idNumber: maskIdNumber(this.p.crypto.decrypt(x.idNumberEnc)),
        streetCode: r.streetCode,
      },
      kind: r.kind,
      effectivePeriod: r.effectivePeriod,
      reason: r.reason as RuleExplanation,
      trigger: r.trigger,
      state: r.state,
      createdAt: r.createdAt.toISOString(),
      decidedBy: r.decidedBy,
      decidedAt: r.decidedAt?.toISOString() ?? null,
      note: r.note,
    };
  }

  async list(
    actor: Actor,
    q: {
      state: ReviewState;
      programCode?: string | undefined;
      streetCode?: string | undefined;
      cursor?: string | undefined;
      limit: number;
    },
  ) {
    const conds: SQL[] = [
      eq(benefitReviews.state, q.state),
      inScope(actor.scope, { street: benefitReviews.streetCode }),
    ];
    if (q.programCode) conds.push(eq(benefitPrograms.code, q.programCode));
    if (q.streetCode) conds.push(eq(benefitReviews.streetCode, q.streetCode));
    if (q.cursor) conds.push(lt(benefitReviews.id, q.cursor));
    const rows = await this.rows(this.db, and(...conds)!, q.limit + 1);
    const page = rows.slice(0, q.limit);
    return {
      items: page.map((r) => this.out(r)),
      nextCursor: rows.length > q.limit ? page[page.length - 1]!.r.id : null,
    };
  }

  async decide(actor: Actor, id: string, decision: 'accept' | 'dismiss', note?: string): Promise<ReviewOut> {
    return this.db.transaction(async (tx) => {
      const [x] = await this.rows(
        tx,
        and(eq(benefitReviews.id, id), inScope(actor.scope, { street: benefitReviews.streetCode }))!,
        1,
      );
      if (!x) throw notFound();
      if (x.r.state !== 'open') throw new AppError('invalid_state');
      const program = (await programs.findProgramById(tx, x.r.programId))!;
      if (decision === 'accept') {
        if (x.r.kind === 'grant') await this.grant(tx, program, x.r.personId, x.r.effectivePeriod);
        else
          await stopGrant(
            this.p,
            tx,
            program,
            x.r.personId,
            x.r.effectivePeriod,
            x.r.reason as RuleExplanation,
          );
      }
      await tx
        .update(benefitReviews)
        .set({
          state: decision === 'accept' ? 'accepted' : 'dismissed',
          decidedBy: actor.userId,
          decidedAt: new Date(),
          note: note ?? null,
        })
        .where(eq(benefitReviews.id, id));
      await recordAudit(tx, actor, {
        action: `benefits.review.${decision}`,
        objectType: 'benefit_review',
        objectId: id,
        details: { kind: x.r.kind, programCode: program.code, personId: x.r.personId },
      });
      const [after] = await this.rows(tx, eq(benefitReviews.id, id), 1);
      return this.out(after!);
    });
  }

  /** Starts the grant; when the period's cycle has run, the person joins it as a draft entitlement. */
  private async grant(tx: Tx, program: programs.ProgramRow, personId: string, period: string) {
    const version = await programs.versionInForce(tx, program.id, periodStart(period));
    const facts = await factsOf(tx, personId, [program]);
    const amount = version && facts ? evaluatePerson(program, version, facts, period).amountFen : 0;
    await startGrant(this.p, tx, program, personId, period, amount);
    const cycle = await cycles.findCycleFor(tx, program.id, period);
    if (cycle?.state === 'ready' && version && facts) {
      const [person] = await tx
        .select({ street: persons.streetCode })
        .from(persons)
        .where(eq(persons.id, personId));
      await tx
        .insert(benefitEntitlements)
        .values({
          id: newId(),
          programId: program.id,
          personId,
          period,
          cycleId: cycle.id,
          versionId: version.id,
          streetCode: person!.street,
          amountFen: amount,
        })
        .onConflictDoNothing();
    }
  }
}
