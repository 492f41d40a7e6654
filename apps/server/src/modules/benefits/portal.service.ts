/**
 * The resident portal's "my benefits": a resident sees their own record (matched by the phone they
 * sign in with), a guardian their wards' (linked by account or phone). They can decline a benefit
 * (a waiver, effective from the next period) or object (a case with a deadline).
 */
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { MyBenefitsOut } from '@jinglin/shared';
import type { Platform } from '../../platform/platform.js';
import { resultRows, type Tx } from '../../platform/db/client.js';
import type { Actor } from '../../platform/access/actor.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import {
  benefitEntitlements,
  benefitNotices,
  benefitObjections,
  benefitPrograms,
  benefitWaivers,
} from './benefits.tables.js';
import { EligibilityService, liveWaiver } from './eligibility.service.js';
import { ObjectionsService } from './objections.service.js';
import { stopGrant, findEnrolment } from './enrolments.js';
import { noticeText, sendNotice } from './notices.js';
import * as programs from './programs.repo.js';
import { nextPeriod, periodOf, shanghaiToday } from './periods.js';

export class PortalService {
  private readonly eligibility: EligibilityService;
  private readonly objections: ObjectionsService;

  constructor(private readonly p: Platform) {
    this.eligibility = new EligibilityService(p);
    this.objections = new ObjectionsService(p);
  }

  private get db() {
    return this.p.database.db;
  }

  /** The persons the signed-in resident or guardian may act for: [{ id, name, self }]. */
  async personsOf(tx: Tx, actor: Actor): Promise<{ id: string; name: string; self: boolean }[]> {
    const rows = resultRows<{ id: string; name: string; self: boolean }>(
      await tx.execute(sql`
        WITH u AS (SELECT id, phone_bidx, roles FROM users WHERE id = ${actor.userId} AND NOT disabled)
        SELECT p.id, p.name, true AS self FROM persons p, u
          WHERE 'resident' = ANY(u.roles) AND u.phone_bidx IS NOT NULL AND p.phone_bidx = u.phone_bidx
            AND p.merged_into IS NULL
        UNION
        SELECT p.id, p.name, false AS self FROM persons p JOIN guardians g ON g.person_id = p.id, u
          WHERE 'guardian' = ANY(u.roles) AND (g.user_id = u.id OR (u.phone_bidx IS NOT NULL AND g.phone_bidx = u.phone_bidx))
            AND p.merged_into IS NULL
        ORDER BY self DESC, name`),
    );
    return rows;
  }

  private async mine(tx: Tx, actor: Actor, personId: string) {
    const person = (await this.personsOf(tx, actor)).find((x) => x.id === personId);
    if (!person) throw invalid('personId', 'not_yours');
    return person;
  }

  async myBenefits(actor: Actor): Promise<MyBenefitsOut> {
    const db = this.db;
    const people = await this.personsOf(db, actor);
    const ids = people.map((x) => x.id);
    const out: MyBenefitsOut = { persons: [], notices: [], objections: [] };
    for (const person of people) {
      const el = await this.eligibility.explain(db, person.id);
      const benefits: MyBenefitsOut['persons'][number]['benefits'] = [];
      for (const e of el.programs) {
        const program = (await programs.findProgram(db, e.code))!;
        const payments = await db
          .select({
            period: benefitEntitlements.period,
            amountFen: benefitEntitlements.amountFen,
            state: benefitEntitlements.state,
          })
          .from(benefitEntitlements)
          .where(
            and(eq(benefitEntitlements.programId, program.id), eq(benefitEntitlements.personId, person.id)),
          )
          .orderBy(desc(benefitEntitlements.period))
          .limit(24);
        const [openObjection] = await db
          .select({ id: benefitObjections.id })
          .from(benefitObjections)
          .where(
            and(
              eq(benefitObjections.programId, program.id),
              eq(benefitObjections.personId, person.id),
              eq(benefitObjections.state, 'open'),
            ),
          );
        const status = e.waived
          ? 'declined'
          : e.enrolment?.state === 'active'
            ? 'receiving'
            : e.enrolment?.state === 'stopped'
              ? 'stopped'
              : 'not_eligible';
        benefits.push({
          code: e.code,
          name: e.name,
          description: { zh: program.descriptionZh, en: program.descriptionEn },
          example: e.example,
          status,
          amountFen: e.amountFen,
          sincePeriod: e.enrolment?.sincePeriod ?? null,
          untilPeriod: e.enrolment?.untilPeriod ?? null,
          explanation: e.explanation,
          payments,
          openObjection: !!openObjection,
        });
      }
      out.persons.push({ personId: person.id, name: person.name, self: person.self, benefits });
    }
    if (ids.length) {
      const notices = await db
        .select({ n: benefitNotices, code: benefitPrograms.code })
        .from(benefitNotices)
        .innerJoin(benefitPrograms, eq(benefitPrograms.id, benefitNotices.programId))
        .where(inArray(benefitNotices.personId, ids))
        .orderBy(desc(benefitNotices.createdAt))
        .limit(50);
      out.notices = notices.map(({ n, code }) => ({
        id: n.id,
        personId: n.personId,
        programCode: code,
        kind: n.kind,
        message: n.message as { zh: string; en: string },
        createdAt: n.createdAt.toISOString(),
        read: !!n.readAt,
      }));
      const obj = await this.objections.rows(db, inArray(benefitObjections.personId, ids), 50);
      out.objections = obj.map((x) => this.objections.out(x));
    }
    return out;
  }

  /** Declines a benefit from the next period on: cancels what is not yet paid from then, notifies. */
  async decline(actor: Actor, personId: string, code: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.mine(tx, actor, personId);
      const program = await programs.findProgram(tx, code);
      if (!program) throw notFound();
      if (await liveWaiver(tx, program.id, personId))
        throw new AppError('conflict', { fields: [{ path: 'programCode', code: 'already_waived' }] });
      const from = nextPeriod(periodOf(shanghaiToday(), program.periodicity));
      await tx.insert(benefitWaivers).values({
        id: newId(),
        programId: program.id,
        personId,
        effectivePeriod: from,
        signedBy: actor.userId,
      });
      if ((await findEnrolment(tx, program.id, personId))?.state === 'active')
        await stopGrant(this.p, tx, program, personId, from, null, { notify: false });
      await sendNotice(
        this.p,
        tx,
        personId,
        program,
        'waiver_recorded',
        noticeText('waiver_recorded', program, { period: from }),
      );
      await recordAudit(tx, actor, {
        action: 'benefits.waiver.sign',
        objectType: 'person',
        objectId: personId,
        details: { programCode: code, effectivePeriod: from },
      });
    });
  }

  async object(actor: Actor, personId: string, code: string, text: string) {
    await this.mine(this.db, actor, personId);
    return this.objections.raise(actor, personId, code, text);
  }

  async markRead(actor: Actor, noticeId: string): Promise<void> {
    const ids = (await this.personsOf(this.db, actor)).map((x) => x.id);
    if (!ids.length) throw notFound();
    const done = await this.db
      .update(benefitNotices)
      .set({ readAt: new Date() })
      .where(
        and(
          eq(benefitNotices.id, noticeId),
          inArray(benefitNotices.personId, ids),
          isNull(benefitNotices.readAt),
        ),
      )
      .returning({ id: benefitNotices.id });
    if (!done.length) {
      const [exists] = await this.db
        .select({ id: benefitNotices.id })
        .from(benefitNotices)
        .where(and(eq(benefitNotices.id, noticeId), inArray(benefitNotices.personId, ids)));
      if (!exists) throw notFound();
    }
  }
}
