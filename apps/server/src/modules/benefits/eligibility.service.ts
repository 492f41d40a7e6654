/**
 * Eligibility of one person, in TypeScript: the explanation shown on the person page and in the
 * portal, and the event-driven re-evaluation that makes "without application" real — on
 * `person.changed` (and for birthdays that cross an age limit) every active programme is evaluated
 * for that person, and a grant or a stop, with its reason, goes into the review queue.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { EligibilityOut, RuleExplanation } from '@jinglin/shared';
import type { Platform } from '../../platform/platform.js';
import { resultRows, type Tx } from '../../platform/db/client.js';
import type { Actor } from '../../platform/access/actor.js';
import { notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { DomainEvent } from '../../platform/events/events.service.js';
import { findPerson } from '../registry/registry.repo.js';
import {
  benefitEnrolments,
  benefitProgramVersions,
  benefitReviews,
  benefitWaivers,
} from './benefits.tables.js';
import { evaluatePerson, factsOf } from './engine.js';
import * as programs from './programs.repo.js';
import { nextPeriod, periodOf, periodStart, shanghaiToday } from './periods.js';
import type { PersonFacts } from './rules/evaluate.js';

export interface ProgramInForce {
  program: programs.ProgramRow;
  version: programs.VersionRow;
  period: string;
  /** The version in force next period (the same one unless a newer version takes effect then). */
  next: programs.VersionRow;
}

/** The latest published version effective on or before `date`. */
function inForce(versions: programs.VersionRow[], date: string): programs.VersionRow | undefined {
  let best: programs.VersionRow | undefined;
  for (const v of versions) {
    if (v.status !== 'published' || v.effectiveFrom > date) continue;
    if (
      !best ||
      v.effectiveFrom > best.effectiveFrom ||
      (v.effectiveFrom === best.effectiveFrom && v.versionNo > best.versionNo)
    )
      best = v;
  }
  return best;
}

/** Active programmes with the version in force for their current period (as of `date`): two queries. */
export async function programsInForce(tx: Tx, date = shanghaiToday()): Promise<ProgramInForce[]> {
  const active = await programs.listPrograms(tx, { activeOnly: true });
  if (!active.length) return [];
  const versions = await tx
    .select()
    .from(benefitProgramVersions)
    .where(
      and(
        inArray(
          benefitProgramVersions.programId,
          active.map((p) => p.id),
        ),
        eq(benefitProgramVersions.status, 'published'),
      ),
    );
  const out: ProgramInForce[] = [];
  for (const program of active) {
    const mine = versions.filter((v) => v.programId === program.id);
    const period = periodOf(date, program.periodicity);
    const version = inForce(mine, periodStart(period));
    if (version)
      out.push({ program, version, period, next: inForce(mine, periodStart(nextPeriod(period))) ?? version });
  }
  return out;
}

export async function liveWaiver(tx: Tx, programId: string, personId: string) {
  const [w] = await tx
    .select()
    .from(benefitWaivers)
    .where(
      and(
        eq(benefitWaivers.programId, programId),
        eq(benefitWaivers.personId, personId),
        isNull(benefitWaivers.withdrawnAt),
      ),
    );
  return w;
}

/** One person's enrolments, live waivers and open reviews in every programme (three queries). */
async function standing(tx: Tx, personId: string) {
  const [enrolments, waivers, reviews] = [
    await tx.select().from(benefitEnrolments).where(eq(benefitEnrolments.personId, personId)),
    await tx
      .select()
      .from(benefitWaivers)
      .where(and(eq(benefitWaivers.personId, personId), isNull(benefitWaivers.withdrawnAt))),
    await tx
      .select()
      .from(benefitReviews)
      .where(and(eq(benefitReviews.personId, personId), eq(benefitReviews.state, 'open'))),
  ];
  return {
    enrolment: (programId: string) => enrolments.find((e) => e.programId === programId),
    waiver: (programId: string) => waivers.find((w) => w.programId === programId),
    review: (programId: string) => reviews.find((r) => r.programId === programId),
  };
}

export class EligibilityService {
  constructor(private readonly p: Platform) {}

  /** GET /persons/:id/eligibility: every active programme, rule by rule. */
  async forPerson(actor: Actor, personId: string): Promise<EligibilityOut> {
    const db = this.p.database.db;
    const person = await findPerson(db, actor.scope, personId);
    if (!person) throw notFound();
    return this.explain(db, personId);
  }

  async explain(tx: Tx, personId: string): Promise<EligibilityOut> {
    const inForce = await programsInForce(tx);
    const facts = await factsOf(
      tx,
      personId,
      inForce.map((x) => x.program),
    );
    if (!facts) throw notFound();
    const out: EligibilityOut['programs'] = [];
    const st = await standing(tx, personId);
    for (const { program, version, period } of inForce) {
      const r = evaluatePerson(program, version, facts, period);
      const waiver = st.waiver(program.id);
      const waived = !!waiver && waiver.effectivePeriod <= period;
      const en = st.enrolment(program.id);
      out.push({
        code: program.code,
        name: { zh: program.nameZh, en: program.nameEn },
        example: program.example,
        period,
        eligible: r.qualifies && !waived,
        amountFen: r.amountFen,
        explanation: r.explanation,
        waived,
        enrolment: en ? { state: en.state, sincePeriod: en.sincePeriod, untilPeriod: en.untilPeriod } : null,
      });
    }
    return { personId, asOf: shanghaiToday(), programs: out };
  }

  /** Lets this process react to registry changes. */
  subscribe(): void {
    this.p.events.subscribe('person.changed', (tx, e) => this.onPersonChanged(tx, e));
  }

  async onPersonChanged(tx: Tx, e: DomainEvent): Promise<void> {
    const kind = typeof e.payload.kind === 'string' ? e.payload.kind : 'updated';
    await this.reevaluate(tx, e.aggregateId, `person.${kind}`);
  }

  /**
   * Re-evaluates one person for every programme: an enrolled person who no longer qualifies next
   * period gets a `stop` review (stops the month after, as the rules say); a person not enrolled
   * who qualifies this period gets a `grant` review. A stale open review is dismissed.
   */
  async reevaluate(tx: Tx, personId: string, trigger: string, date = shanghaiToday()): Promise<number> {
    const inForce = await programsInForce(tx, date);
    const facts = await factsOf(
      tx,
      personId,
      inForce.map((x) => x.program),
    );
    if (!facts) return 0;
    const [row] = resultRows<{ street_code: string; merged_into: string | null }>(
      await tx.execute(sql`SELECT street_code, merged_into FROM persons WHERE id = ${personId}`),
    );
    if (!row || row.merged_into) return 0;
    let queued = 0;
    const st = await standing(tx, personId);
    for (const { program, version, period, next } of inForce) {
      const enrolled = st.enrolment(program.id)?.state === 'active';
      let want: { kind: 'grant' | 'stop'; period: string; reason: RuleExplanation } | null = null;
      if (enrolled) {
        const r = evaluatePerson(program, next, facts, nextPeriod(period));
        if (!r.qualifies) want = { kind: 'stop', period: nextPeriod(period), reason: r.explanation };
      } else if (!st.waiver(program.id)) {
        const r = evaluatePerson(program, version, facts, period);
        if (r.qualifies) want = { kind: 'grant', period, reason: r.explanation };
      }
      if (await this.queue(tx, st.review(program.id), program.id, personId, row.street_code, want, trigger))
        queued++;
    }
    return queued;
  }

  private async queue(
    tx: Tx,
    open: typeof benefitReviews.$inferSelect | undefined,
    programId: string,
    personId: string,
    streetCode: string,
    want: { kind: 'grant' | 'stop'; period: string; reason: RuleExplanation } | null,
    trigger: string,
  ): Promise<boolean> {
    if (open && want && open.kind === want.kind && open.effectivePeriod === want.period) {
      await tx.update(benefitReviews).set({ reason: want.reason }).where(eq(benefitReviews.id, open.id));
      return false;
    }
    if (open)
      await tx
        .update(benefitReviews)
        .set({ state: 'dismissed', decidedAt: new Date(), note: 'superseded' })
        .where(eq(benefitReviews.id, open.id));
    if (!want) return false;
    await tx.insert(benefitReviews).values({
      id: newId(),
      programId,
      personId,
      streetCode,
      kind: want.kind,
      effectivePeriod: want.period,
      reason: want.reason,
      trigger,
    });
    return true;
  }

  /**
   * Birthdays: persons whose age on the first day of next month differs from today's age at a
   * limit the rules use (e.g. turning 65) are re-evaluated — nothing in the registry changes on a
   * birthday, so no `person.changed` would. Run daily by the worker; returns how many were queued.
   */
  async birthdayCheck(tx: Tx, date = shanghaiToday()): Promise<number> {
    const mmdd = date.slice(5);
    const leapDay = mmdd === '02-28' && !isLeap(Number(date.slice(0, 4)));
    const ids = resultRows<{ id: string }>(
      await tx.execute(sql`
        SELECT id FROM persons WHERE merged_into IS NULL AND living_status = 'normal'
          AND (to_char(birth_date, 'MM-DD') = ${mmdd} ${leapDay ? sql`OR to_char(birth_date, 'MM-DD') = '02-29'` : sql``})`),
    );
    let n = 0;
    for (const { id } of ids) n += await this.reevaluate(tx, id, 'birthday', date);
    return n;
  }
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

export type { PersonFacts };
