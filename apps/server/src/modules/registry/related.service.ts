/**
 * What hangs off a person: certificates (a new category or grade is a new row; the old one is kept
 * as superseded), guardians, households, duplicate candidates and merging.
 */
import {
  parseCertificate,
  type CertificateInput,
  HouseholdLinkBody,
  type HouseholdListQuery,
  GuardianBody,
} from '@jinglin/shared';
import type { z } from 'zod';
import type { Platform } from '../../platform/platform.js';
import type { Actor } from '../../platform/access/actor.js';
import { AppError, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { emit } from '../../platform/events/events.service.js';
import * as repo from './registry.repo.js';
import * as search from './search.repo.js';
import { certificateOut, guardianOut } from './registry.mapper.js';
import { certificateRow, guardianRow } from './registry.rows.js';
import { PERSON_CHANGED, type PersonsService } from './persons.service.js';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class RelatedService {
  constructor(
    private readonly p: Platform,
    private readonly persons: PersonsService,
  ) {}

  private get db() {
    return this.p.database.db;
  }

  async certificates(actor: Actor, personId: string) {
    await this.persons.getRow(this.db, actor, personId);
    return (await repo.certificatesOf(this.db, [personId])).map((c) => certificateOut(c, this.p.crypto));
  }

  /** A (re-)assessment: the new certificate becomes active; the previous one stays as history. */
  async addCertificate(actor: Actor, personId: string, body: CertificateInput) {
    const crypto = this.p.crypto;
    const cert = parseCertificate(body.number);
    if (typeof cert === 'string')
      throw new AppError('validation_failed', { fields: [{ path: 'number', code: cert }] });
    return this.db.transaction(async (tx) => {
      const person = await this.persons.getRow(tx, actor, personId);
      if (crypto.decrypt(person.idNumberEnc) !== cert.idNumber)
        throw new AppError('validation_failed', { fields: [{ path: 'number', code: 'does_not_match_id' }] });
      await repo.supersedeCertificates(tx, personId);
      const id = newId();
      await repo.insertCertificate(
        tx,
        certificateRow(crypto, {
          id,
          personId,
          certificate: cert,
          issuedAt: body.issuedAt,
          status: 'active',
          disabilities: body.disabilities,
          reason: body.reason,
          createdBy: actor.userId,
        }),
      );
      const updated = await repo.updatePersonVersioned(tx, personId, person.version, {
        category: cert.category,
        grade: cert.grade,
      });
      if (!updated) throw new AppError('version_mismatch');
      await repo.insertHistory(tx, {
        id: newId(),
        personId,
        actorId: actor.userId,
        action: 'certificate.add',
        changes: {
          category: { from: person.category, to: cert.category },
          grade: { from: person.grade, to: cert.grade },
        },
        reason: body.reason ?? null,
      });
      await recordAudit(tx, actor, {
        action: 'person.certificate.add',
        objectType: 'person',
        objectId: personId,
        details: { certificateId: id },
      });
      await emit(tx, PERSON_CHANGED, personId, { kind: 'certificate', fields: ['category', 'grade'] });
      const [row] = await repo.activeCertificates(tx, [personId]);
      return certificateOut(row!, crypto);
    });
  }

  async guardians(actor: Actor, personId: string) {
    await this.persons.getRow(this.db, actor, personId);
    return (await repo.guardiansOf(this.db, personId)).map((g) => guardianOut(g, this.p.crypto));
  }

  async addGuardian(actor: Actor, personId: string, body: z.infer<typeof GuardianBody>) {
    const crypto = this.p.crypto;
    return this.db.transaction(async (tx) => {
      await this.persons.getRow(tx, actor, personId);
      const id = newId();
      await repo.insertGuardian(
        tx,
        guardianRow(crypto, {
          id,
          personId,
          name: body.name,
          relationship: body.relationship,
          phone: body.phone,
          isPrimary: body.isPrimary,
        }),
      );
      await repo.insertHistory(tx, {
        id: newId(),
        personId,
        actorId: actor.userId,
        action: 'guardian.add',
        changes: { guardian: { from: null, to: { id, relationship: body.relationship } } },
      });
      await recordAudit(tx, actor, {
        action: 'person.guardian.add',
        objectType: 'person',
        objectId: personId,
        details: { guardianId: id },
      });
      await emit(tx, PERSON_CHANGED, personId, { kind: 'guardian', fields: ['guardians'] });
      return guardianOut(
        (await repo.guardiansOf(tx, personId)).find((g) => g.id === id)!,
        crypto,
      );
    });
  }

  async removeGuardian(actor: Actor, personId: string, guardianId: string) {
    await this.db.transaction(async (tx) => {
      await this.persons.getRow(tx, actor, personId);
      if (!(await repo.deleteGuardian(tx, personId, guardianId))) throw notFound();
      await repo.insertHistory(tx, {
        id: newId(),
        personId,
        actorId: actor.userId,
        action: 'guardian.remove',
        changes: { guardian: { from: { id: guardianId }, to: null } },
      });
      await recordAudit(tx, actor, {
        action: 'person.guardian.remove',
        objectType: 'person',
        objectId: personId,
        details: { guardianId },
      });
      await emit(tx, PERSON_CHANGED, personId, { kind: 'guardian', fields: ['guardians'] });
    });
  }

  /** Puts the person in a household (an existing one in scope, or a new one at their address). */
  async linkHousehold(actor: Actor, personId: string, body: z.infer<typeof HouseholdLinkBody>) {
    return this.db.transaction(async (tx) => {
      const person = await this.persons.getRow(tx, actor, personId);
      let householdId = body.householdId;
      if (householdId) {
        const h = await repo.findHousehold(tx, householdId);
        const s = actor.scope;
        if (
          !h ||
          !(
            s.district ||
            s.streets.includes(h.streetCode) ||
            (h.communityId && s.communities.includes(h.communityId))
          )
        )
          throw new AppError('validation_failed', { fields: [{ path: 'householdId', code: 'not_found' }] });
      } else {
        householdId = newId();
        await repo.insertHousehold(tx, {
          id: householdId,
          streetCode: person.streetCode,
          communityId: person.communityId,
          addressEnc: person.addressEnc,
        });
      }
      const updated = await repo.updatePersonVersioned(tx, personId, person.version, {
        householdId,
        householdRole: body.role,
      });
      if (!updated) throw new AppError('version_mismatch');
      await repo.insertHistory(tx, {
        id: newId(),
        personId,
        actorId: actor.userId,
        action: 'household.link',
        changes: {
          householdId: { from: person.householdId, to: householdId },
          householdRole: { from: person.householdRole, to: body.role },
        },
      });
      await recordAudit(tx, actor, {
        action: 'person.household.link',
        objectType: 'person',
        objectId: personId,
        details: { householdId },
      });
      return this.household(actor, householdId, tx);
    });
  }

  async household(actor: Actor, householdId: string, tx: Parameters<PersonsService['getRow']>[0] = this.db) {
    const h = await repo.findHousehold(tx, householdId);
    if (!h) throw notFound();
    const members = await repo.householdMembers(tx, actor.scope, householdId);
    if (!members.length) throw notFound();
    return {
      id: h.id,
      streetCode: h.streetCode,
      communityId: h.communityId,
      members: members.map((m) => ({ id: m.id, name: m.name, role: m.householdRole })),
    };
  }

  /**
   * Households to pick from: a pasted household number finds that household; other text finds the
   * households of the members it matches (name, pinyin, initials, ID or certificate number).
   * Households outside the caller's scope are never listed.
   */
  async households(actor: Actor, q: HouseholdListQuery) {
    const text = q.q?.trim() ?? '';
    const id = UUID_RE.test(text) ? text.toLowerCase() : null;
    const rows = await search.searchHouseholds(
      this.db,
      actor.scope,
      id ? { id } : { members: this.persons.filterOf({ q: text || undefined, limit: q.limit }) },
      { after: q.cursor, limit: q.limit + 1 },
    );
    const page = rows.slice(0, q.limit);
    const members = await repo.membersOfHouseholds(
      this.db,
      actor.scope,
      page.map((h) => h.id),
    );
    return {
      items: page.map((h) => ({
        id: h.id,
        streetCode: h.streetCode,
        communityId: h.communityId,
        members: members
          .filter((m) => m.householdId === h.id)
          .map((m) => ({ id: m.id, name: m.name, role: m.householdRole })),
      })),
      nextCursor: rows.length > q.limit ? page[page.length - 1]!.id : null,
    };
  }

  /** Candidates that may be the same resident: same ID number (merged records), or a similar name with the same birth date. */
  async duplicates(actor: Actor, personId: string) {
    const person = await this.persons.getRow(this.db, actor, personId);
    const similar = await repo.findSimilar(this.db, person.name, person.birthDate, personId);
    const inScope = similar.filter((s) => {
      const sc = actor.scope;
      return (
        sc.district ||
        sc.streets.includes(s.streetCode) ||
        (s.communityId !== null && sc.communities.includes(s.communityId))
      );
    });
    return inScope.map((s) => ({
      id: s.id,
      name: s.name,
      birthDate: s.birthDate,
      streetCode: s.streetCode,
      reason:
        s.idNumberBidx === person.idNumberBidx
          ? ('same_id_number' as const)
          : ('similar_name_same_birth_date' as const),
    }));
  }

  /**
   * Merges a duplicate into the record that stays: certificates and guardians move over, both
   * histories are kept (the kept record's history includes the merged one's), and the duplicate
   * leaves lists and search (it stays readable by id, marked as merged).
   */
  async merge(actor: Actor, sourceId: string, intoId: string, reason: string) {
    if (sourceId === intoId)
      throw new AppError('validation_failed', { fields: [{ path: 'intoId', code: 'same_record' }] });
    return this.db.transaction(async (tx) => {
      const source = await this.persons.getRow(tx, actor, sourceId);
      const target = await this.persons.getRow(tx, actor, intoId);
      if (source.mergedInto || target.mergedInto)
        throw new AppError('conflict', { fields: [{ path: 'intoId', code: 'already_merged' }] });
      const targetHasActive = (await repo.activeCertificates(tx, [intoId])).length > 0;
      await repo.moveCertificates(tx, sourceId, intoId, !targetHasActive);
      await repo.moveGuardians(tx, sourceId, intoId);
      const s = await repo.updatePersonVersioned(tx, sourceId, source.version, { mergedInto: intoId });
      if (!s) throw new AppError('version_mismatch');
      const active = (await repo.activeCertificates(tx, [intoId]))[0];
      const t = await repo.updatePersonVersioned(tx, intoId, target.version, {
        category: active?.category ?? target.category,
        grade: active?.grade ?? target.grade,
      });
      if (!t) throw new AppError('version_mismatch');
      await repo.insertHistory(tx, {
        id: newId(),
        personId: intoId,
        actorId: actor.userId,
        action: 'merge.into',
        changes: { mergedFrom: { from: null, to: sourceId } },
        reason,
      });
      await repo.insertHistory(tx, {
        id: newId(),
        personId: sourceId,
        actorId: actor.userId,
        action: 'merge.from',
        changes: { mergedInto: { from: null, to: intoId } },
        reason,
      });
      await recordAudit(tx, actor, {
        action: 'person.merge',
        objectType: 'person',
        objectId: intoId,
        details: { mergedFrom: sourceId },
      });
      await emit(tx, PERSON_CHANGED, intoId, {
        kind: 'merged',
        fields: ['certificates', 'guardians'],
        mergedFrom: sourceId,
      });
      await emit(tx, PERSON_CHANGED, sourceId, {
        kind: 'merged_away',
        fields: ['mergedInto'],
        mergedInto: intoId,
      });
      return this.persons.toOut(tx, t);
    });
  }
}
