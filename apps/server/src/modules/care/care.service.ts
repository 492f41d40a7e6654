/**
 * Organisations and teams, their members, and volunteer profiles. District-wide records (not
 * area-bound). Every change is audited (ids only); updates need the version read (If-Match).
 */
import { and, asc, count, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { idDocumentProblem, normaliseIdentifier, type IdDocumentType } from '@jinglin/shared';
import type {
  MemberBody,
  MemberPatch,
  OrganisationBody,
  OrganisationListQuery,
  OrganisationPatch,
  VolunteerBody,
  VolunteerListQuery,
  VolunteerPatch,
} from '@jinglin/shared';
import type { Platform } from '../../platform/platform.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Tx } from '../../platform/db/client.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { users } from '../../platform/db/schema.js';
import { careMembers, careOrganisations, careVolunteers } from './care.tables.js';
import { page, toOrganisationOut, toVolunteerOut } from './care.mapper.js';

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

export class CareService {
  constructor(private readonly p: Platform) {}

  private get db() {
    return this.p.database.db;
  }

  // ---- organisations and teams

  async listOrganisations(q: z.infer<typeof OrganisationListQuery>) {
    const rows = await this.db
      .select()
      .from(careOrganisations)
      .where(
        and(
          q.kind ? eq(careOrganisations.kind, q.kind) : undefined,
          q.parentId ? eq(careOrganisations.parentId, q.parentId) : undefined,
          q.cursor ? gt(careOrganisations.id, q.cursor) : undefined,
        ),
      )
      .orderBy(asc(careOrganisations.id))
      .limit(q.limit + 1);
    const counts = await this.memberCounts(rows.map((r) => r.id));
    return page(
      rows.map((r) => toOrganisationOut(r, counts.get(r.id) ?? 0)),
      q.limit,
    );
  }

  async getOrganisation(id: string) {
    const [o] = await this.db.select().from(careOrganisations).where(eq(careOrganisations.id, id));
    if (!o) throw notFound();
    return toOrganisationOut(o, (await this.memberCounts([id])).get(id) ?? 0);
  }

  private async memberCounts(ids: string[]) {
    if (!ids.length) return new Map<string, number>();
    const rows = await this.db
      .select({ id: careMembers.organisationId, n: count() })
      .from(careMembers)
      .where(and(inArray(careMembers.organisationId, ids), isNull(careMembers.leftOn)))
      .groupBy(careMembers.organisationId);
    return new Map(rows.map((r) => [r.id, Number(r.n)]));
  }

  async createOrganisation(actor: Actor, body: z.infer<typeof OrganisationBody>) {
    const id = newId();
    await this.db.transaction(async (tx) => {
      await this.checkParent(tx, id, body.kind, body.parentId);
      await tx.insert(careOrganisations).values({ id, ...body });
      await recordAudit(tx, actor, {
        action: 'care.organisation.create',
        objectType: 'care_organisation',
        objectId: id,
      });
    });
    return this.getOrganisation(id);
  }

  async patchOrganisation(
    actor: Actor,
    id: string,
    version: number,
    body: z.infer<typeof OrganisationPatch>,
  ) {
    await this.db.transaction(async (tx) => {
      const [cur] = await tx.select().from(careOrganisations).where(eq(careOrganisations.id, id));
      if (!cur) throw notFound();
      if (body.parentId !== undefined) await this.checkParent(tx, id, cur.kind, body.parentId);
      const [row] = await tx
        .update(careOrganisations)
        .set({ ...body, version: version + 1 })
        .where(and(eq(careOrganisations.id, id), eq(careOrganisations.version, version)))
        .returning({ id: careOrganisations.id });
      if (!row) throw new AppError('version_mismatch');
      await recordAudit(tx, actor, {
        action: 'care.organisation.update',
        objectType: 'care_organisation',
        objectId: id,
      });
    });
    return this.getOrganisation(id);
  }

  /** A corps has no parent; a sub-team's parent is a corps; no organisation is its own ancestor. */
  private async checkParent(tx: Tx, id: string, kind: string, parentId: string | null) {
    if (kind === 'corps' && parentId) throw invalid('parentId', 'corps_has_no_parent');
    if (kind === 'sub_team' && !parentId) throw invalid('parentId', 'parent_must_be_corps');
    if (!parentId) return;
    const [parent] = await tx.select().from(careOrganisations).where(eq(careOrganisations.id, parentId));
    if (!parent) throw invalid('parentId', 'not_found');
    if (kind === 'sub_team' && parent.kind !== 'corps') throw invalid('parentId', 'parent_must_be_corps');
    // Walk up: the hierarchy is shallow (corps → sub-team → …), so a few look-ups at most.
    let cur: string | null = parent.id;
    for (let depth = 0; cur && depth < 20; depth++) {
      if (cur === id) throw invalid('parentId', 'hierarchy_cycle');
      const [up] = await tx
        .select({ parentId: careOrganisations.parentId })
        .from(careOrganisations)
        .where(eq(careOrganisations.id, cur));
      cur = up?.parentId ?? null;
    }
  }

  // ---- members

  async listMembers(organisationId: string) {
    await this.getOrganisation(organisationId);
    const rows = await this.db
      .select({ m: careMembers, name: careVolunteers.name })
      .from(careMembers)
      .innerJoin(careVolunteers, eq(careVolunteers.id, careMembers.volunteerId))
      .where(eq(careMembers.organisationId, organisationId))
      .orderBy(asc(careMembers.id))
      .limit(5000);
    return rows.map((r) => ({ ...r.m, volunteerName: r.name }));
  }

  async addMember(actor: Actor, organisationId: string, body: z.infer<typeof MemberBody>) {
    const id = newId();
    await this.db.transaction(async (tx) => {
      const [org] = await tx
        .select({ id: careOrganisations.id })
        .from(careOrganisations)
        .where(eq(careOrganisations.id, organisationId));
      if (!org) throw notFound();
      const [vol] = await tx
        .select({ id: careVolunteers.id })
        .from(careVolunteers)
        .where(eq(careVolunteers.id, body.volunteerId));
      if (!vol) throw invalid('volunteerId', 'not_found');
      const [dup] = await tx
        .select({ id: careMembers.id })
        .from(careMembers)
        .where(
          and(
            eq(careMembers.organisationId, organisationId),
            eq(careMembers.volunteerId, body.volunteerId),
            isNull(careMembers.leftOn),
          ),
        );
      if (dup) throw invalid('volunteerId', 'already_member');
      await tx
        .insert(careMembers)
        .values({ id, organisationId, ...body, joinedOn: body.joinedOn ?? today() });
      await recordAudit(tx, actor, { action: 'care.member.add', objectType: 'care_member', objectId: id });
    });
    return this.getMember(organisationId, id);
  }

  async getMember(organisationId: string, id: string) {
    const [r] = await this.db
      .select({ m: careMembers, name: careVolunteers.name })
      .from(careMembers)
      .innerJoin(careVolunteers, eq(careVolunteers.id, careMembers.volunteerId))
      .where(and(eq(careMembers.id, id), eq(careMembers.organisationId, organisationId)));
    if (!r) throw notFound();
    return { ...r.m, volunteerName: r.name };
  }

  async patchMember(
    actor: Actor,
    organisationId: string,
    id: string,
    version: number,
    body: z.infer<typeof MemberPatch>,
  ) {
    await this.getMember(organisationId, id);
    await this.db.transaction(async (tx) => {
      const [row] = await tx
        .update(careMembers)
        .set({ ...body, version: version + 1 })
        .where(and(eq(careMembers.id, id), eq(careMembers.version, version)))
        .returning({ id: careMembers.id });
      if (!row) throw new AppError('version_mismatch');
      await recordAudit(tx, actor, { action: 'care.member.update', objectType: 'care_member', objectId: id });
    });
    return this.getMember(organisationId, id);
  }

  /** A volunteer's memberships, current first, with the organisation's name and kind. */
  async volunteerMemberships(volunteerId: string) {
    await this.getVolunteer(volunteerId);
    const rows = await this.db
      .select({ m: careMembers, name: careOrganisations.name, kind: careOrganisations.kind })
      .from(careMembers)
      .innerJoin(careOrganisations, eq(careOrganisations.id, careMembers.organisationId))
      .where(eq(careMembers.volunteerId, volunteerId))
      .orderBy(sql`${careMembers.leftOn} IS NOT NULL`, asc(careOrganisations.name))
      .limit(500);
    return rows.map((r) => ({ ...r.m, organisationName: r.name, organisationKind: r.kind }));
  }

  // ---- volunteers

  async listVolunteers(q: z.infer<typeof VolunteerListQuery>) {
    const rows = await this.db
      .select()
      .from(careVolunteers)
      .where(
        and(
          // A mobile number is looked up exactly (blind index); anything else matches the name.
          q.q && /^1[3-9]\d{9}$/.test(q.q)
            ? eq(careVolunteers.phoneBidx, this.p.crypto.blindIndex('phone', q.q))
            : q.q
              ? sql`${careVolunteers.name} LIKE ${`%${q.q.replace(/[\\%_]/g, '\\$&')}%`}`
              : undefined,
          q.skill
            ? sql`${careVolunteers.skills} @> ${JSON.stringify([{ skill: q.skill }])}::jsonb`
            : undefined,
          q.organisationId
            ? inArray(
                careVolunteers.id,
                this.db
                  .select({ id: careMembers.volunteerId })
                  .from(careMembers)
                  .where(and(eq(careMembers.organisationId, q.organisationId), isNull(careMembers.leftOn))),
              )
            : undefined,
          q.cursor ? gt(careVolunteers.id, q.cursor) : undefined,
        ),
      )
      .orderBy(asc(careVolunteers.id))
      .limit(q.limit + 1);
    return page(
      rows.map((v) => toVolunteerOut(this.p.crypto, v)),
      q.limit,
    );
  }

  async getVolunteer(id: string) {
    const [v] = await this.db.select().from(careVolunteers).where(eq(careVolunteers.id, id));
    if (!v) throw notFound();
    return toVolunteerOut(this.p.crypto, v);
  }

  /** The caller's own volunteer profile (care.own). */
  async myVolunteer(actor: Actor) {
    if (!actor.userId) return null;
    const [v] = await this.db.select().from(careVolunteers).where(eq(careVolunteers.userId, actor.userId));
    return v ? toVolunteerOut(this.p.crypto, v) : null;
  }

  async createVolunteer(actor: Actor, body: z.infer<typeof VolunteerBody>) {
    const id = newId();
    await this.db.transaction(async (tx) => {
      const { phone, idNumber, ...rest } = body;
      const identifiers = await this.identifiers(tx, id, phone, idNumber, body.userId);
      await this.checkDocument(tx, id, body.idType, idNumber, undefined, body.volunteerNo);
      await tx
        .insert(careVolunteers)
        .values({ id, ...rest, ...identifiers } as typeof careVolunteers.$inferInsert);
      await recordAudit(tx, actor, {
        action: 'care.volunteer.create',
        objectType: 'care_volunteer',
        objectId: id,
      });
    });
    return this.getVolunteer(id);
  }

  async patchVolunteer(actor: Actor, id: string, version: number, body: z.infer<typeof VolunteerPatch>) {
    await this.db.transaction(async (tx) => {
      const [cur] = await tx
        .select({
          id: careVolunteers.id,
          idType: careVolunteers.idType,
          idNumberEnc: careVolunteers.idNumberEnc,
        })
        .from(careVolunteers)
        .where(eq(careVolunteers.id, id));
      if (!cur) throw notFound();
      const { phone, idNumber, ...rest } = body;
      const identifiers = await this.identifiers(tx, id, phone, idNumber, body.userId);
      // A new type is checked against the number kept when no new number comes with it.
      const kept =
        idNumber === undefined && body.idType && cur.idNumberEnc
          ? this.p.crypto.decrypt(cur.idNumberEnc)
          : undefined;
      await this.checkDocument(tx, id, body.idType ?? cur.idType, idNumber ?? kept, kept, body.volunteerNo);
      const [row] = await tx
        .update(careVolunteers)
        .set({ ...rest, ...identifiers, version: version + 1 } as Partial<typeof careVolunteers.$inferInsert>)
        .where(and(eq(careVolunteers.id, id), eq(careVolunteers.version, version)))
        .returning({ id: careVolunteers.id });
      if (!row) throw new AppError('version_mismatch');
      await recordAudit(tx, actor, {
        action: 'care.volunteer.update',
        objectType: 'care_volunteer',
        objectId: id,
        // Which identifiers changed, never their values.
        details: { changed: Object.keys(body) },
      });
    });
    return this.getVolunteer(id);
  }

  /** The number fits its document type (a resident ID in full, GB 11643); a volunteer number is one volunteer's. */
  private async checkDocument(
    tx: Tx,
    id: string,
    idType: IdDocumentType,
    idNumber: string | undefined,
    kept: string | undefined,
    volunteerNo: string | null | undefined,
  ) {
    if (idNumber !== undefined) {
      const problem = idDocumentProblem(idType, idNumber);
      // A changed type that no longer fits the number kept is named on the type.
      if (problem) throw invalid(kept !== undefined ? 'idType' : 'idNumber', problem);
    }
    if (volunteerNo) {
      const [dup] = await tx
        .select({ id: careVolunteers.id })
        .from(careVolunteers)
        .where(eq(careVolunteers.volunteerNo, volunteerNo));
      if (dup && dup.id !== id) throw invalid('volunteerNo', 'taken');
    }
  }

  /** A volunteer's phone in clear for a coordinator, with the reason: audited (ids, reason, field). */
  async revealVolunteer(actor: Actor, id: string, reason: string) {
    const [v] = await this.db
      .select({ phoneEnc: careVolunteers.phoneEnc })
      .from(careVolunteers)
      .where(eq(careVolunteers.id, id));
    if (!v) throw notFound();
    await recordAudit(this.db, actor, {
      action: 'care.volunteer.reveal',
      objectType: 'care_volunteer',
      objectId: id,
      details: { reason, fields: ['phone'] },
    });
    return { phone: this.p.crypto.decrypt(v.phoneEnc) };
  }

  /** Encrypted phone / ID number with blind indexes; a phone and a user account belong to one volunteer. */
  private async identifiers(
    tx: Tx,
    id: string,
    phone: string | undefined,
    idNumber: string | undefined,
    userId: string | null | undefined,
  ) {
    const out: Partial<typeof careVolunteers.$inferInsert> = {};
    if (phone !== undefined) {
      const bidx = this.p.crypto.blindIndex('phone', phone);
      const [dup] = await tx
        .select({ id: careVolunteers.id })
        .from(careVolunteers)
        .where(eq(careVolunteers.phoneBidx, bidx));
      if (dup && dup.id !== id) throw invalid('phone', 'taken');
      out.phoneEnc = this.p.crypto.encrypt(phone);
      out.phoneBidx = bidx;
    }
    if (idNumber !== undefined) {
      const n = normaliseIdentifier(idNumber);
      out.idNumberEnc = this.p.crypto.encrypt(n);
      out.idNumberBidx = this.p.crypto.blindIndex('id_number', n);
    }
    if (userId) {
      const [u] = await tx.select({ roles: users.roles }).from(users).where(eq(users.id, userId));
      if (!u) throw invalid('userId', 'not_found');
      if (!u.roles.includes('volunteer')) throw invalid('userId', 'not_a_volunteer');
      const [dup] = await tx
        .select({ id: careVolunteers.id })
        .from(careVolunteers)
        .where(eq(careVolunteers.userId, userId));
      if (dup && dup.id !== id) throw invalid('userId', 'taken');
    }
    return out;
  }
}
