/**
 * Persons: create, read, search, change, reveal, history. Every change is one transaction with its
 * history row, its audit row and a `person.changed` outbox event.
 */
import {
  birthDateOf,
  normaliseIdentifier,
  parseCertificate,
  type PersonCreateBody,
  type PersonListQuery,
  type PersonOut,
  type PersonPatchBody,
} from '@jinglin/shared';
import type { Platform } from '../../platform/platform.js';
import type { Tx } from '../../platform/db/client.js';
import type { Actor } from '../../platform/access/actor.js';
import { AppError, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { emit } from '../../platform/events/events.service.js';
import { findCommunity, findStreet } from '../areas/areas.repo.js';
import { staffNames } from '../users/users.service.js';
import * as repo from './registry.repo.js';
import * as search from './search.repo.js';
import { personListItem, personOut, todayIso } from './registry.mapper.js';
import { namePinyin } from './pinyin.js';
import {
  certificateIndex,
  certificateRow,
  creationChanges,
  idNumberIndex,
  personRow,
  phoneIndex,
} from './registry.rows.js';

export const PERSON_CHANGED = 'person.changed';

export function classifyQuery(
  q: string | undefined,
): Pick<search.SearchFilter, 'latin' | 'text'> & { id?: string; cert?: string; phone?: string } {
  if (!q) return {};
  const n = normaliseIdentifier(q);
  if (/^\d{17}[\dX]$/.test(n)) return { id: n };
  if (/^\d{17}[\dX]\d\d$/.test(n)) return { cert: n };
  if (/^1\d{10}$/.test(n)) return { phone: n };
  const latin = q.toLowerCase().replace(/[\s']/g, '');
  if (/^[a-z]+$/.test(latin)) return { latin };
  return { text: q.trim() };
}

export class PersonsService {
  constructor(private readonly p: Platform) {}

  private get db() {
    return this.p.database.db;
  }

  /** Street and community: they exist, agree, and are inside the caller's scope. */
  async resolveArea(tx: Tx, actor: Actor, streetCode: string | undefined, communityId: string | undefined) {
    let street = streetCode;
    if (communityId) {
      const c = await findCommunity(tx, communityId);
      if (!c)
        throw new AppError('validation_failed', { fields: [{ path: 'communityId', code: 'not_found' }] });
      if (street && street !== c.streetCode)
        throw new AppError('validation_failed', { fields: [{ path: 'communityId', code: 'not_in_street' }] });
      street = c.streetCode;
    }
    if (!street || !(await findStreet(tx, street)))
      throw new AppError('validation_failed', {
        fields: [{ path: 'streetCode', code: street ? 'not_found' : 'required' }],
      });
    const s = actor.scope;
    const ok =
      s.district ||
      s.streets.includes(street) ||
      (communityId !== undefined && s.communities.includes(communityId));
    if (!ok)
      throw new AppError('forbidden', {
        fields: [{ path: communityId ? 'communityId' : 'streetCode', code: 'out_of_scope' }],
      });
    return { streetCode: street, communityId: communityId ?? null };
  }

  async toOut(tx: Tx, row: repo.PersonRow): Promise<PersonOut> {
    const [cert] = await repo.activeCertificates(tx, [row.id]);
    return personOut(row, cert, this.p.crypto);
  }

  async create(actor: Actor, body: PersonCreateBody): Promise<PersonOut> {
    const crypto = this.p.crypto;
    const idNumber = body.idNumber;
    const bidx = idNumberIndex(crypto, idNumber);
    const cert = body.certificate ? parseCertificate(body.certificate.number) : undefined;
    if (typeof cert === 'string')
      throw new AppError('validation_failed', { fields: [{ path: 'certificate.number', code: cert }] });
    const birthDate = body.birthDate ?? birthDateOf(idNumber)!;
    const id = newId();
    const row = await this.db.transaction(async (tx) => {
      const area = await this.resolveArea(tx, actor, body.streetCode, body.communityId);
      if (await repo.findByIdIndex(tx, bidx))
        throw new AppError('conflict', { fields: [{ path: 'idNumber', code: 'duplicate_id_number' }] });
      if (!body.confirmNotDuplicate && (await repo.findSimilar(tx, body.name, birthDate)).length)
        throw new AppError('conflict', { fields: [{ path: 'name', code: 'possible_duplicate' }] });
      await repo.insertPerson(
        tx,
        personRow(crypto, {
          id,
          name: body.name,
          idNumber,
          gender: body.gender,
          birthDate,
          phone: body.phone,
          address: body.address,
          streetCode: area.streetCode,
          communityId: area.communityId,
          hukou: body.hukou,
          livingStatus: body.livingStatus,
          lowIncome: body.lowIncome,
          employment: body.employment,
          education: body.education,
          ownsMotorisedWheelchair: body.ownsMotorisedWheelchair,
          certificate: cert,
          createdBy: actor.userId,
        }),
      );
      if (cert && body.certificate) {
        await repo.insertCertificate(
          tx,
          certificateRow(crypto, {
            id: newId(),
            personId: id,
            certificate: cert,
            issuedAt: body.certificate.issuedAt,
            status: 'active',
            disabilities: body.certificate.disabilities,
            reason: body.certificate.reason,
            createdBy: actor.userId,
          }),
        );
      }
      await repo.insertHistory(tx, {
        id: newId(),
        personId: id,
        actorId: actor.userId,
        action: 'create',
        changes: creationChanges(cert),
        reason: body.reason ?? null,
      });
      await recordAudit(tx, actor, {
        action: 'person.create',
        objectType: 'person',
        objectId: id,
        details: { streetCode: area.streetCode },
      });
      await emit(tx, PERSON_CHANGED, id, { kind: 'created', fields: [] });
      return (await repo.findPerson(tx, { district: true, streets: [], communities: [], grantIds: [] }, id))!;
    });
    return this.toOut(this.db, row);
  }

  /** Reading a person's record is a sensitive read: audited. */
  async get(actor: Actor, id: string): Promise<PersonOut> {
    const row = await repo.findPerson(this.db, actor.scope, id);
    if (!row) throw notFound();
    await recordAudit(this.db, actor, {
      action: 'person.read',
      objectType: 'person',
      objectId: id,
      details: actor.scope.grantIds.length ? { breakGlassGrants: actor.scope.grantIds } : {},
    });
    return this.toOut(this.db, row);
  }

  /** Finds a person in scope or throws not_found (for the related-record routes). */
  async getRow(tx: Tx, actor: Actor, id: string): Promise<repo.PersonRow> {
    const row = await repo.findPerson(tx, actor.scope, id);
    if (!row) throw notFound();
    return row;
  }

  filterOf(q: PersonListQuery): Omit<search.SearchFilter, 'offset' | 'limit'> {
    const c = classifyQuery(q.q);
    const crypto = this.p.crypto;
    const today = todayIso();
    const yearsAgo = (n: number, plusDay = 0) => {
      const d = new Date(`${today}T00:00:00Z`);
      d.setUTCFullYear(d.getUTCFullYear() - n);
      d.setUTCDate(d.getUTCDate() + plusDay);
      return d.toISOString().slice(0, 10);
    };
    // Age a..b on today: born on or after (today − (b+1) years + 1 day) and on or before (today − a
    // years); a birth date narrows both bounds to that day. ISO dates compare as text.
    const dates = (...ds: (string | undefined)[]) => ds.filter((d): d is string => d !== undefined).sort();
    const lower = dates(q.ageMax !== undefined ? yearsAgo(q.ageMax + 1, 1) : undefined, q.birthDate);
    const upper = dates(q.ageMin !== undefined ? yearsAgo(q.ageMin) : undefined, q.birthDate);
    const bornAfter = lower.at(-1); // the later lower bound
    const bornBefore = upper[0]; // the earlier upper bound
    return {
      ...(c.id ? { idBidx: idNumberIndex(crypto, c.id) } : {}),
      ...(c.cert ? { certBidx: certificateIndex(crypto, c.cert) } : {}),
      ...(c.phone ? { phoneBidx: phoneIndex(crypto, c.phone) } : {}),
      latin: c.latin,
      text: c.text,
      streetCode: q.streetCode,
      communityId: q.communityId,
      category: q.category,
      grade: q.grade,
      livingStatus: q.livingStatus,
      ...(bornAfter ? { bornAfter } : {}),
      ...(bornBefore ? { bornBefore } : {}),
    };
  }

  async list(actor: Actor, q: PersonListQuery) {
    const offset = q.cursor ? Math.max(0, Number.parseInt(q.cursor, 10) || 0) : 0;
    // Its own handle: the search's statements are planned once (Database.searchDb).
    const rows = await search.searchPersons(this.p.database.searchDb, actor.scope, {
      ...this.filterOf(q),
      offset,
      limit: q.limit + 1,
    });
    const page = rows.slice(0, q.limit);
    const today = todayIso();
    return {
      // A list item shows the masked ID number only: nothing else is decrypted, no certificate read.
      items: page.map((r) => personListItem(r, this.p.crypto, today)),
      nextCursor: rows.length > q.limit ? String(offset + q.limit) : null,
    };
  }

  async count(actor: Actor, q: PersonListQuery): Promise<number> {
    return search.countPersons(this.db, actor.scope, this.filterOf(q));
  }

  async patch(actor: Actor, id: string, version: number, body: PersonPatchBody): Promise<PersonOut> {
    const crypto = this.p.crypto;
    const row = await this.db.transaction(async (tx) => {
      const cur = await repo.findPerson(tx, actor.scope, id);
      if (!cur || cur.mergedInto) throw notFound();
      if (cur.version !== version) throw new AppError('version_mismatch');
      const set: Partial<typeof cur> = {};
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      const plain = [
        'name',
        'hukou',
        'livingStatus',
        'lowIncome',
        'employment',
        'education',
        'ownsMotorisedWheelchair',
      ] as const;
      for (const k of plain) {
        const v = body[k];
        if (v !== undefined && v !== cur[k]) {
          changes[k] = { from: cur[k], to: v };
          (set as Record<string, unknown>)[k] = v;
        }
      }
      if (set.name) {
        const py = namePinyin(set.name);
        set.namePinyin = py.full;
        set.nameInitials = py.initials;
      }
      if (body.streetCode !== undefined || body.communityId !== undefined) {
        const area = await this.resolveArea(
          tx,
          actor,
          body.streetCode ?? (body.communityId ? undefined : cur.streetCode),
          body.communityId,
        );
        if (area.streetCode !== cur.streetCode)
          changes.streetCode = { from: cur.streetCode, to: area.streetCode };
        if (area.communityId !== cur.communityId)
          changes.communityId = { from: cur.communityId, to: area.communityId };
        set.streetCode = area.streetCode;
        set.communityId = area.communityId;
      }
      // Personal identifiers: the history says that they changed, never the values.
      if (body.phone !== undefined) {
        const old = cur.phoneEnc ? crypto.decrypt(cur.phoneEnc) : null;
        if (old !== body.phone) {
          changes.phone = { from: old ? 'set' : null, to: body.phone ? 'set' : null };
          set.phoneEnc = body.phone ? crypto.encrypt(body.phone) : null;
          set.phoneBidx = body.phone ? phoneIndex(crypto, body.phone) : null;
        }
      }
      if (body.address !== undefined) {
        const old = cur.addressEnc ? crypto.decrypt(cur.addressEnc) : null;
        if (old !== body.address) {
          changes.address = { from: old ? 'set' : null, to: body.address ? 'set' : null };
          set.addressEnc = body.address ? crypto.encrypt(body.address) : null;
        }
      }
      if (!Object.keys(changes).length) return cur;
      const updated = await repo.updatePersonVersioned(tx, id, version, set);
      if (!updated) throw new AppError('version_mismatch');
      await repo.insertHistory(tx, {
        id: newId(),
        personId: id,
        actorId: actor.userId,
        action: 'update',
        changes,
        reason: body.reason ?? null,
      });
      const fields = Object.keys(changes);
      await recordAudit(tx, actor, {
        action: 'person.update',
        objectType: 'person',
        objectId: id,
        details: { fields, version: updated.version },
      });
      await emit(tx, PERSON_CHANGED, id, { kind: 'updated', fields });
      return updated;
    });
    return this.toOut(this.db, row);
  }

  async reveal(actor: Actor, id: string, reason: string) {
    const crypto = this.p.crypto;
    const row = await repo.findPerson(this.db, actor.scope, id);
    if (!row) throw notFound();
    const [cert] = await repo.activeCertificates(this.db, [id]);
    const gs = await repo.guardiansOf(this.db, id);
    await recordAudit(this.db, actor, {
      action: 'person.reveal',
      objectType: 'person',
      objectId: id,
      details: { reason, fields: ['idNumber', 'phone', 'address', 'certificateNumber', 'guardianPhones'] },
    });
    return {
      idNumber: crypto.decrypt(row.idNumberEnc),
      phone: row.phoneEnc ? crypto.decrypt(row.phoneEnc) : null,
      address: row.addressEnc ? crypto.decrypt(row.addressEnc) : null,
      certificateNumber: cert ? crypto.decrypt(cert.numberEnc) : null,
      guardians: gs.map((g) => ({ id: g.id, phone: g.phoneEnc ? crypto.decrypt(g.phoneEnc) : null })),
    };
  }

  async history(actor: Actor, id: string) {
    await this.getRow(this.db, actor, id);
    const rows = await repo.historyOf(this.db, id);
    const names = await staffNames(this.db, [
      ...new Set(rows.map((h) => h.actorId).filter((a): a is string => a !== null)),
    ]);
    return rows.map((h) => ({
      id: h.id,
      at: h.at.toISOString(),
      actorId: h.actorId,
      actorName: (h.actorId && names.get(h.actorId)) ?? null,
      action: h.action,
      changes: h.changes as Record<string, { from: unknown; to: unknown }>,
      reason: h.reason,
    }));
  }
}
