/**
 * Objections (异议): a resident or guardian says a grant, a stop or an amount is wrong. Each is a
 * case with a deadline (15 days by default), decided by staff in scope; the decision is recorded
 * and sent to the resident.
 */
import { and, asc, eq, gt, sql, type SQL } from 'drizzle-orm';
import type { ObjectionOut } from '@jinglin/shared';
import type { Platform } from '../../platform/platform.js';
import type { Tx } from '../../platform/db/client.js';
import type { Actor } from '../../platform/access/actor.js';
import { inScope } from '../../platform/access/scope.js';
import { AppError, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { maskIdNumber } from '../../platform/crypto/field-crypto.js';
import { persons } from '../registry/registry.tables.js';
import { benefitObjections, benefitPrograms } from './benefits.tables.js';
import * as programs from './programs.repo.js';
import { noticeText, sendNotice } from './notices.js';
import { addDays, shanghaiToday } from './periods.js';

export const OBJECTION_DAYS = 15;

export class ObjectionsService {
  constructor(private readonly p: Platform) {}

  private get db() {
    return this.p.database.db;
  }

  rows(tx: Tx, where: SQL, limit: number) {
    return tx
      .select({
        o: benefitObjections,
        name: persons.name,
        idNumberEnc: persons.idNumberEnc,
        code: benefitPrograms.code,
        nameZh: benefitPrograms.nameZh,
        nameEn: benefitPrograms.nameEn,
      })
      .from(benefitObjections)
      .innerJoin(persons, eq(persons.id, benefitObjections.personId))
      .innerJoin(benefitPrograms, eq(benefitPrograms.id, benefitObjections.programId))
      .where(where)
      .orderBy(asc(benefitObjections.deadline), asc(benefitObjections.id))
      .limit(limit);
  }

  out(x: Awaited<ReturnType<ObjectionsService['rows']>>[number]): ObjectionOut {
    const o = x.o;
    return {
      id: o.id,
      programCode: x.code,
      programName: { zh: x.nameZh, en: x.nameEn },
      person: {
        id: o.personId,
        name: x.name,
        idNumber: maskIdNumber(this.p.crypto.decrypt(x.idNumberEnc)),
        streetCode: o.streetCode,
      },
      text: o.text,
      raisedAt: o.raisedAt.toISOString(),
      deadline: o.deadline,
      overdue: o.state === 'open' && o.deadline < shanghaiToday(),
      state: o.state,
      decision: o.decision,
      decidedAt: o.decidedAt?.toISOString() ?? null,
      version: o.version,
    };
  }

  async list(
    actor: Actor,
    q: { state?: ObjectionOut['state'] | undefined; cursor?: string | undefined; limit: number },
  ) {
    const conds: SQL[] = [inScope(actor.scope, { street: benefitObjections.streetCode })];
    if (q.state) conds.push(eq(benefitObjections.state, q.state));
    if (q.cursor) conds.push(gt(benefitObjections.id, q.cursor));
    const rows = await this.db
      .select({ id: benefitObjections.id })
      .from(benefitObjections)
      .where(and(...conds))
      .orderBy(asc(benefitObjections.id))
      .limit(q.limit + 1);
    const ids = rows.slice(0, q.limit).map((r) => r.id);
    const items = ids.length
      ? await this.rows(
          this.db,
          sql`${benefitObjections.id} IN (${sql.join(
            ids.map((i) => sql`${i}`),
            sql`, `,
          )})`,
          q.limit,
        )
      : [];
    return {
      items: items.map((x) => this.out(x)),
      nextCursor: rows.length > q.limit ? ids[ids.length - 1]! : null,
    };
  }

  /** Raised from the portal (the caller's own record or their ward's — checked by the caller). */
  async raise(actor: Actor, personId: string, code: string, text: string): Promise<ObjectionOut> {
    return this.db.transaction(async (tx) => {
      const program = await programs.findProgram(tx, code);
      if (!program) throw notFound();
      const [person] = await tx
        .select({ street: persons.streetCode })
        .from(persons)
        .where(eq(persons.id, personId));
      if (!person) throw notFound();
      const id = newId();
      await tx.insert(benefitObjections).values({
        id,
        programId: program.id,
        personId,
        streetCode: person.street,
        text,
        raisedBy: actor.userId,
        deadline: addDays(shanghaiToday(), OBJECTION_DAYS),
      });
      await sendNotice(
        this.p,
        tx,
        personId,
        program,
        'objection_received',
        noticeText('objection_received', program, {}),
      );
      await recordAudit(tx, actor, {
        action: 'benefits.objection.raise',
        objectType: 'benefit_objection',
        objectId: id,
        details: { programCode: code, personId },
      });
      const [x] = await this.rows(tx, eq(benefitObjections.id, id), 1);
      return this.out(x!);
    });
  }

  async decide(
    actor: Actor,
    id: string,
    version: number,
    decision: 'upheld' | 'rejected',
    text: string,
  ): Promise<ObjectionOut> {
    return this.db.transaction(async (tx) => {
      const [x] = await this.rows(
        tx,
        and(eq(benefitObjections.id, id), inScope(actor.scope, { street: benefitObjections.streetCode }))!,
        1,
      );
      if (!x) throw notFound();
      if (x.o.version !== version) throw new AppError('version_mismatch');
      if (x.o.state !== 'open') throw new AppError('invalid_state');
      await tx
        .update(benefitObjections)
        .set({
          state: decision,
          decision: text,
          decidedBy: actor.userId,
          decidedAt: new Date(),
          version: version + 1,
        })
        .where(eq(benefitObjections.id, id));
      const program = (await programs.findProgramById(tx, x.o.programId))!;
      await sendNotice(
        this.p,
        tx,
        x.o.personId,
        program,
        'objection_decided',
        noticeText('objection_decided', program, { decision: text, upheld: decision === 'upheld' }),
      );
      await recordAudit(tx, actor, {
        action: 'benefits.objection.decide',
        objectType: 'benefit_objection',
        objectId: id,
        details: { decision },
      });
      const [after] = await this.rows(tx, eq(benefitObjections.id, id), 1);
      return this.out(after!);
    });
  }
}
