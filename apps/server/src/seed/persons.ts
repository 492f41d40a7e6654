/**
 * Fills the registry with a synthetic district (seed/persons.generate.ts): rows built exactly as the
 * registry builds them (registry.rows.ts: encrypted identifiers, blind indexes, pinyin), written
 * with multi-row INSERTs of a thousand rows inside transactions. ID numbers never collide, neither
 * within a run nor with persons already in the database.
 */
import { parseCertificate, type ParsedCertificate } from '@jinglin/shared';
import type { Platform } from '../platform/platform.js';
import type { Tx } from '../platform/db/client.js';
import { systemActor } from '../platform/access/actor.js';
import { recordAudit } from '../platform/audit/audit.service.js';
import { newId } from '../platform/ids.js';
import { insertAll, insertRowsSql } from '../platform/db/bulk.js';
import { listAreas } from '../modules/areas/areas.repo.js';
import {
  certificates,
  guardians,
  households,
  personHistory,
  persons,
} from '../modules/registry/registry.tables.js';
import {
  certificateRow,
  creationChanges,
  guardianRow,
  idNumberIndex,
  personRow,
  type CertificateInsert,
  type GuardianInsert,
  type HistoryInsert,
  type PersonInsert,
} from '../modules/registry/registry.rows.js';
import { rng, ID_AREA_CODES } from './synthetic.js';
import {
  generatePersons,
  type SeedCertificate,
  type SeedGroup,
  type SeedPerson,
} from './persons.generate.js';

export interface SeedPersonsOptions {
  count: number;
  seed: number;
  /** Rows per INSERT statement. */
  batchSize?: number;
  /** Persons per transaction. */
  perTransaction?: number;
  onProgress?: (done: number) => void;
}

export interface SeedPersonsResult {
  persons: number;
  guardians: number;
  households: number;
}

interface Batch {
  households: (typeof households.$inferInsert)[];
  persons: PersonInsert[];
  certificates: CertificateInsert[];
  guardians: GuardianInsert[];
  history: HistoryInsert[];
}

const DISTRICT = { district: true, streets: [], communities: [], grantIds: [] };
const at = (isoDate: string) => new Date(`${isoDate}T09:00:00+08:00`);

function parsed(c: SeedCertificate): ParsedCertificate {
  const p = parseCertificate(c.number);
  if (typeof p === 'string') throw new Error(`synthetic certificate is invalid: ${p}`);
  return p;
}

/** One generated person → its rows (the person, one or two certificates, guardians, history). */
function addPerson(p: Platform, b: Batch, s: SeedPerson, household: string | null): void {
  const crypto = p.crypto;
  const id = newId();
  const active = parsed(s.certificate);
  const first = s.previous ?? s.certificate;
  b.persons.push(
    personRow(crypto, {
      id,
      name: s.name,
      idNumber: s.idNumber,
      gender: s.gender,
      birthDate: s.birthDate,
      phone: s.phone,
      address: s.address,
      streetCode: s.streetCode,
      communityId: s.communityId,
      hukou: s.hukou,
      livingStatus: s.livingStatus,
      lowIncome: s.lowIncome,
      employment: s.employment,
      education: s.education,
      ownsMotorisedWheelchair: s.ownsMotorisedWheelchair,
      certificate: active,
      householdId: household,
      householdRole: s.householdRole,
      createdBy: null,
      createdAt: at(first.issuedAt),
    }),
  );
  if (s.previous) {
    const prev = parsed(s.previous);
    b.certificates.push(
      certificateRow(crypto, {
        id: newId(),
        personId: id,
        certificate: prev,
        issuedAt: s.previous.issuedAt,
        status: 'superseded',
        disabilities: s.previous.disabilities,
        createdBy: null,
        createdAt: at(s.previous.issuedAt),
      }),
    );
    b.history.push({
      id: newId(),
      personId: id,
      action: 'create',
      at: at(s.previous.issuedAt),
      changes: creationChanges(prev),
    });
    b.history.push({
      id: newId(),
      personId: id,
      action: 'certificate.add',
      at: at(s.certificate.issuedAt),
      changes: {
        category: { from: prev.category, to: active.category },
        grade: { from: prev.grade, to: active.grade },
      },
      reason: '复评',
    });
  }
  b.certificates.push(
    certificateRow(crypto, {
      id: newId(),
      personId: id,
      certificate: active,
      issuedAt: s.certificate.issuedAt,
      status: 'active',
      disabilities: s.certificate.disabilities,
      reason: s.previous ? '复评' : null,
      createdBy: null,
      createdAt: at(s.certificate.issuedAt),
    }),
  );
  for (const g of s.guardians) b.guardians.push(guardianRow(crypto, { id: newId(), personId: id, ...g }));
}

/** A batch is one statement: households, persons, certificates, guardians and history together. */
const insertBatch = (tx: Tx, b: Batch) =>
  insertAll(tx, [
    insertRowsSql(households, b.households),
    insertRowsSql(persons, b.persons),
    insertRowsSql(certificates, b.certificates),
    insertRowsSql(guardians, b.guardians),
    insertRowsSql(personHistory, b.history),
  ]);

/** Whether the registry holds anyone yet. */
export async function hasPersons(p: Platform): Promise<boolean> {
  const [any] = await p.database.db.select({ id: persons.id }).from(persons).limit(1);
  return any !== undefined;
}

/** The blind indexes of persons already registered, when there are any (so new IDs avoid them). */
async function existingIdIndexes(tx: Tx): Promise<Set<string> | null> {
  const [any] = await tx.select({ id: persons.id }).from(persons).limit(1);
  if (!any) return null;
  const rows = await tx.select({ b: persons.idNumberBidx }).from(persons);
  return new Set(rows.map((r) => r.b));
}

export async function seedPersons(p: Platform, opts: SeedPersonsOptions): Promise<SeedPersonsResult> {
  const db = p.database.db;
  const batchSize = opts.batchSize ?? 1000;
  const perTransaction = Math.max(batchSize, opts.perTransaction ?? 20_000);
  const { streets, communities } = await listAreas(db, DISTRICT);
  const areas = streets.map((s) => ({
    streetCode: s.code,
    communityIds: communities.filter((c) => c.streetCode === s.code).map((c) => c.id),
  }));
  const existing = await existingIdIndexes(db);
  // In-run uniqueness on a compact key: address code number and the birth date + sequence digits.
  const areaNo = new Map(ID_AREA_CODES.map((a, i) => [a, i]));
  const claimed = new Set<number>();
  const claim = (id: string): boolean => {
    const key = (areaNo.get(id.slice(0, 6)) ?? 99) * 1e11 + Number(id.slice(6, 17));
    if (claimed.has(key) || existing?.has(idNumberIndex(p.crypto, id))) return false;
    claimed.add(key);
    return true;
  };
  const groups = generatePersons(rng(opts.seed), { areas, claim });
  const out: SeedPersonsResult = { persons: 0, guardians: 0, households: 0 };

  // Households are never split between batches, so the people of a seed do not depend on the
  // batch size; only the last household may be cut short at `count`.
  let total = 0;
  const nextBatch = (): Batch => {
    const b: Batch = { households: [], persons: [], certificates: [], guardians: [], history: [] };
    while (b.persons.length < batchSize && total < opts.count) {
      const g: SeedGroup = groups.next().value as SeedGroup;
      const members = g.members.slice(0, opts.count - total);
      total += members.length;
      let household: string | null = null;
      if (g.household && members.length > 1) {
        household = newId();
        const head = members[0]!;
        b.households.push({
          id: household,
          streetCode: head.streetCode,
          communityId: head.communityId,
          addressEnc: head.address ? p.crypto.encrypt(head.address) : null,
        });
      }
      for (const m of members) addPerson(p, b, m, household);
    }
    out.households += b.households.length;
    out.guardians += b.guardians.length;
    return b;
  };

  // While the database writes one batch, the next one is built (PostgreSQL works in parallel).
  while (out.persons < opts.count) {
    await db.transaction(async (tx) => {
      let pending: Promise<void> | undefined;
      for (let done = 0; done < perTransaction && out.persons < opts.count;) {
        const b = nextBatch();
        await pending;
        done += b.persons.length;
        out.persons += b.persons.length;
        const reached = out.persons;
        pending = insertBatch(tx, b).then(() => opts.onProgress?.(reached));
        pending.catch(() => undefined); // awaited before the next batch or below
      }
      await pending;
    });
  }
  await recordAudit(db, systemActor(), {
    action: 'person.seed',
    objectType: 'person',
    details: { persons: out.persons, seed: opts.seed },
  });
  // Fresh statistics, so the planner knows the new rows at once.
  await p.database.exec('ANALYZE persons, certificates, guardians, households, person_history');
  return out;
}
