/**
 * The resident portal's needs (care.needs.own): a resident raises a need for themselves, a guardian
 * for their ward, and both follow their cases — the status, the dates and the public resolution;
 * never staff notes, staff names or anyone else's cases (404). Every read and write is audited.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { MyNeedBody, MyNeedOut } from '@jinglin/shared';
import type { Platform } from '../../../platform/platform.js';
import type { Actor } from '../../../platform/access/actor.js';
import { resultRows, type Tx } from '../../../platform/db/client.js';
import { recordAudit } from '../../../platform/audit/audit.service.js';
import { invalid, notFound } from '../../../platform/errors.js';
import { careNeedActions, careNeeds } from './needs.tables.js';
import { raiseNeed } from './needs.raise.js';
import { toMyNeedOut } from './needs.mapper.js';

/** A short title from the resident's own words (the first line, up to 40 characters). */
const titleOf = (description: string) => {
  const line = description.split('\n')[0]!.trim();
  return line.length > 40 ? `${line.slice(0, 39)}…` : line;
};

export class NeedsPortal {
  constructor(private readonly p: Platform) {}

  private get db() {
    return this.p.database.db;
  }

  /** The persons the signed-in resident or guardian acts for (the same link as "my benefits"). */
  async personsOf(tx: Tx, actor: Actor): Promise<{ id: string; name: string; self: boolean }[]> {
    if (!actor.userId) return [];
    return resultRows<{ id: string; name: string; self: boolean }>(
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
  }

  private async cases(tx: Tx, personIds: string[], id?: string): Promise<MyNeedOut[]> {
    if (!personIds.length) return [];
    const rows = await tx
      .select()
      .from(careNeeds)
      .where(and(inArray(careNeeds.personId, personIds), id ? eq(careNeeds.id, id) : undefined))
      .orderBy(desc(careNeeds.id))
      .limit(200);
    if (!rows.length) return [];
    const actions = await tx
      .select()
      .from(careNeedActions)
      .where(
        inArray(
          careNeedActions.needId,
          rows.map((r) => r.id),
        ),
      )
      .orderBy(asc(careNeedActions.at), asc(careNeedActions.id));
    return rows.map((n) =>
      toMyNeedOut(
        n,
        '',
        actions.filter((a) => a.needId === n.id),
      ),
    );
  }

  async list(actor: Actor) {
    return this.db.transaction(async (tx) => {
      const persons = await this.personsOf(tx, actor);
      const names = new Map(persons.map((x) => [x.id, x.name]));
      const items = (await this.cases(tx, [...names.keys()])).map((c) => ({
        ...c,
        personName: names.get(c.personId)!,
      }));
      await recordAudit(tx, actor, {
        action: 'care.need.own.list',
        objectType: 'care_need',
        details: { count: items.length },
      });
      return { items, persons };
    });
  }

  async get(actor: Actor, id: string, tx?: Tx) {
    const run = async (t: Tx) => {
      const persons = await this.personsOf(t, actor);
      const names = new Map(persons.map((x) => [x.id, x.name]));
      const [c] = await this.cases(t, [...names.keys()], id);
      if (!c) throw notFound();
      await recordAudit(t, actor, { action: 'care.need.own.view', objectType: 'care_need', objectId: id });
      return { ...c, personName: names.get(c.personId)! };
    };
    return tx ? run(tx) : this.db.transaction(run);
  }

  async create(actor: Actor, body: z.infer<typeof MyNeedBody>) {
    return this.db.transaction(async (tx) => {
      const persons = await this.personsOf(tx, actor);
      const person = body.personId
        ? persons.find((x) => x.id === body.personId)
        : persons.find((x) => x.self);
      if (!person) throw invalid('personId', 'not_yours');
      const raised = await raiseNeed(this.p, tx, actor, {
        source: 'portal',
        personId: person.id,
        category: body.category,
        urgency: 'normal',
        title: titleOf(body.description),
        description: body.description,
        contactTime: body.preferredContactTime || undefined,
      });
      return this.get(actor, raised.id, tx);
    });
  }
}
