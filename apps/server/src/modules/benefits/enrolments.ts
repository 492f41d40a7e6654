/**
 * A person's standing in a programme. A grant starts when staff approve the person's first
 * entitlement or accept a `grant` review; it stops when staff accept a `stop` review (death, hukou
 * moved away, turning 65, …) or the person declines. Each change notifies the resident.
 */
import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import type { RuleExplanation } from '@jinglin/shared';
import type { Platform } from '../../platform/platform.js';
import { resultRows, type Tx } from '../../platform/db/client.js';
import { benefitEnrolments, benefitEntitlements } from './benefits.tables.js';
import type { ProgramRow } from './programs.repo.js';
import { failedReasons, noticeText, sendNotice, sendNotices } from './notices.js';

export type EnrolmentRow = typeof benefitEnrolments.$inferSelect;

export async function findEnrolment(
  tx: Tx,
  programId: string,
  personId: string,
): Promise<EnrolmentRow | undefined> {
  const [row] = await tx
    .select()
    .from(benefitEnrolments)
    .where(and(eq(benefitEnrolments.programId, programId), eq(benefitEnrolments.personId, personId)));
  return row;
}

/** Starts (or restarts) a grant; false when it was active already. */
export async function startGrant(
  p: Platform,
  tx: Tx,
  program: ProgramRow,
  personId: string,
  period: string,
  amountFen: number,
): Promise<boolean> {
  const current = await findEnrolment(tx, program.id, personId);
  if (current?.state === 'active') return false;
  await tx
    .insert(benefitEnrolments)
    .values({ programId: program.id, personId, state: 'active', sincePeriod: period, reason: {} })
    .onConflictDoUpdate({
      target: [benefitEnrolments.programId, benefitEnrolments.personId],
      set: { state: 'active', sincePeriod: period, untilPeriod: null, reason: {}, updatedAt: new Date() },
    });
  await sendNotice(
    p,
    tx,
    personId,
    program,
    'grant_started',
    noticeText('grant_started', program, { period, amountFen }),
  );
  return true;
}

/**
 * Stops a grant from `period` on: entitlements of that period and later that are not yet paid are
 * cancelled. `explanation`: why (the rule's failed conditions), or null for a decline.
 */
export async function stopGrant(
  p: Platform,
  tx: Tx,
  program: ProgramRow,
  personId: string,
  period: string,
  explanation: RuleExplanation | null,
  opts: { notify?: boolean } = {},
): Promise<void> {
  await tx
    .insert(benefitEnrolments)
    .values({
      programId: program.id,
      personId,
      state: 'stopped',
      sincePeriod: period,
      untilPeriod: period,
      reason: explanation ?? {},
    })
    .onConflictDoUpdate({
      target: [benefitEnrolments.programId, benefitEnrolments.personId],
      set: { state: 'stopped', untilPeriod: period, reason: explanation ?? {}, updatedAt: new Date() },
    });
  await tx
    .update(benefitEntitlements)
    .set({ state: 'cancelled', decisionNote: 'stopped', version: sql`${benefitEntitlements.version} + 1` })
    .where(
      and(
        eq(benefitEntitlements.programId, program.id),
        eq(benefitEntitlements.personId, personId),
        gte(benefitEntitlements.period, period),
        inArray(benefitEntitlements.state, ['draft', 'pending_approval', 'approved']),
      ),
    );
  if (opts.notify !== false)
    await sendNotice(
      p,
      tx,
      personId,
      program,
      'grant_stopped',
      noticeText('grant_stopped', program, {
        period,
        reasons: explanation ? failedReasons(explanation) : [],
      }),
    );
}

/**
 * Starts grants for many persons at once (a cycle's approval): only those not active already are
 * started and notified. Returns how many started.
 */
export async function startGrants(
  p: Platform,
  tx: Tx,
  program: ProgramRow,
  period: string,
  rows: { personId: string; amountFen: number }[],
): Promise<number> {
  let n = 0;
  for (let i = 0; i < rows.length; i += 5000) {
    const part = rows.slice(i, i + 5000);
    const amounts = new Map(part.map((r) => [r.personId, r.amountFen]));
    const ids = sql.join(
      part.map((r) => sql`${r.personId}`),
      sql`, `,
    );
    const started = resultRows<{ person_id: string }>(
      await tx.execute(sql`
        INSERT INTO benefit_enrolments (program_id, person_id, state, since_period, reason)
        SELECT ${program.id}::uuid, x, 'active', ${period}, '{}'::jsonb FROM unnest(ARRAY[${ids}]::uuid[]) AS x
        ON CONFLICT (program_id, person_id) DO UPDATE SET state = 'active', since_period = EXCLUDED.since_period,
          until_period = NULL, reason = '{}'::jsonb, updated_at = now()
        WHERE benefit_enrolments.state <> 'active'
        RETURNING person_id`),
    ).map((r) => r.person_id);
    n += started.length;
    await sendNotices(
      p,
      tx,
      program,
      'grant_started',
      started.map((personId) => ({
        personId,
        message: noticeText('grant_started', program, { period, amountFen: amounts.get(personId) ?? 0 }),
      })),
    );
  }
  return n;
}
