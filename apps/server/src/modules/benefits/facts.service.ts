/**
 * Per-person facts that programme rules read (e.g. disabled_veteran), and the social-security-card
 * account reference a street pays into (encrypted, masked when shown).
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { ProgramVariable } from '@jinglin/shared';
import type { Platform } from '../../platform/platform.js';
import type { Tx } from '../../platform/db/client.js';
import type { Actor } from '../../platform/access/actor.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { emit } from '../../platform/events/events.service.js';
import { findPerson } from '../registry/registry.repo.js';
import { benefitFacts, benefitPayees } from './benefits.tables.js';
import * as programs from './programs.repo.js';

type FactValue = number | string | boolean | null;

export const maskAccount = (a: string) => (a.length <= 4 ? '****' : `****${a.slice(-4)}`);

/** Every programme's fact variables by name (a name means the same fact in every programme). */
async function factVariables(tx: Tx): Promise<Map<string, ProgramVariable>> {
  const out = new Map<string, ProgramVariable>();
  for (const p of await programs.listPrograms(tx))
    for (const v of p.variables as ProgramVariable[]) out.set(v.name, v);
  return out;
}

function checkValue(v: ProgramVariable, value: FactValue): boolean {
  if (value === null) return true;
  switch (v.type) {
    case 'number':
      return (
        typeof value === 'number' &&
        Number.isFinite(value) &&
        (v.min === undefined || value >= v.min) &&
        (v.max === undefined || value <= v.max)
      );
    case 'boolean':
      return typeof value === 'boolean';
    case 'enum':
      return typeof value === 'string' && (v.values ?? []).includes(value);
  }
}

export class FactsService {
  constructor(private readonly p: Platform) {}

  private get db() {
    return this.p.database.db;
  }

  async get(actor: Actor, personId: string) {
    if (!(await findPerson(this.db, actor.scope, personId))) throw notFound();
    return this.read(this.db, personId);
  }

  private async read(tx: Tx, personId: string) {
    const rows = await tx.select().from(benefitFacts).where(eq(benefitFacts.personId, personId));
    const [payee] = await tx.select().from(benefitPayees).where(eq(benefitPayees.personId, personId));
    return {
      values: Object.fromEntries(
        rows.map((r) => [r.name, r.valueBool ?? r.valueNum ?? r.valueText ?? null]),
      ) as Record<string, FactValue>,
      accountRef: payee ? maskAccount(this.p.crypto.decrypt(payee.accountRefEnc)) : null,
    };
  }

  /** Sets facts (null clears one) and/or the account; a fact change re-evaluates the person (person.changed). */
  async put(
    actor: Actor,
    personId: string,
    body: { values?: Record<string, FactValue> | undefined; accountRef?: string | null | undefined },
  ) {
    return this.db.transaction(async (tx) => {
      if (!(await findPerson(tx, actor.scope, personId))) throw notFound();
      const vars = await factVariables(tx);
      const entries = Object.entries(body.values ?? {});
      for (const [name, value] of entries) {
        const v = vars.get(name);
        if (!v) throw invalid(`values.${name}`, 'unknown_variable');
        if (!checkValue(v, value)) throw invalid(`values.${name}`, 'type_mismatch');
      }
      const clear = entries.filter(([, v]) => v === null).map(([n]) => n);
      if (clear.length)
        await tx
          .delete(benefitFacts)
          .where(and(eq(benefitFacts.personId, personId), inArray(benefitFacts.name, clear)));
      for (const [name, value] of entries) {
        if (value === null) continue;
        const cols = {
          valueNum: typeof value === 'number' ? value : null,
          valueText: typeof value === 'string' ? value : null,
          valueBool: typeof value === 'boolean' ? value : null,
          updatedAt: new Date(),
          updatedBy: actor.userId,
        };
        await tx
          .insert(benefitFacts)
          .values({ personId, name, ...cols })
          .onConflictDoUpdate({ target: [benefitFacts.personId, benefitFacts.name], set: cols });
      }
      if (body.accountRef === null)
        await tx.delete(benefitPayees).where(eq(benefitPayees.personId, personId));
      else if (body.accountRef !== undefined) {
        const enc = this.p.crypto.encrypt(body.accountRef);
        await tx
          .insert(benefitPayees)
          .values({ personId, accountRefEnc: enc })
          .onConflictDoUpdate({
            target: benefitPayees.personId,
            set: { accountRefEnc: enc, updatedAt: new Date() },
          });
      }
      if (!entries.length && body.accountRef === undefined)
        throw new AppError('validation_failed', { fields: [{ path: 'body', code: 'required' }] });
      if (entries.length)
        await emit(tx, 'person.changed', personId, {
          kind: 'benefit_facts',
          fields: entries.map(([n]) => n),
        });
      await recordAudit(tx, actor, {
        action: 'benefits.facts.update',
        objectType: 'person',
        objectId: personId,
        details: { facts: entries.map(([n]) => n), account: body.accountRef !== undefined },
      });
      return this.read(tx, personId);
    });
  }
}
