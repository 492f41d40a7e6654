/** SQL of the registry. Every read that lists or finds persons applies the caller's data scope. */
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, gt, gte, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { unionAll, type PgPreparedQuery, type PreparedQueryConfig } from 'drizzle-orm/pg-core';
import type { Tx } from '../../platform/db/client.js';
import type { DataScope } from '../../platform/access/actor.js';
import { inScope } from '../../platform/access/scope.js';
import { certificates, guardians, households, personHistory, persons } from './registry.tables.js';

export type PersonRow = typeof persons.$inferSelect;
export type CertificateRow = typeof certificates.$inferSelect;
export type GuardianRow = typeof guardians.$inferSelect;

export const personScope = (scope: DataScope): SQL =>
  inScope(scope, { street: persons.streetCode, community: persons.communityId });

export async function findPerson(tx: Tx, scope: DataScope, id: string): Promise<PersonRow | undefined> {
  const [p] = await tx
    .select()
    .from(persons)
    .where(and(eq(persons.id, id), personScope(scope)));
  return p;
}

/** Any person with this ID number (blind index), whatever the caller's scope: for duplicate checks. */
export async function findByIdIndex(tx: Tx, bidx: string): Promise<PersonRow | undefined> {
  const [p] = await tx
    .select()
    .from(persons)
    .where(and(eq(persons.idNumberBidx, bidx), isNull(persons.mergedInto)));
  return p;
}

export async function findSimilar(
  tx: Tx,
  name: string,
  birthDate: string,
  excludeId?: string,
): Promise<PersonRow[]> {
  return tx
    .select()
    .from(persons)
    .where(
      and(
        eq(persons.birthDate, birthDate),
        isNull(persons.mergedInto),
        sql`(${persons.name} = ${name} OR similarity(${persons.name}, ${name}) >= 0.4)`,
        excludeId ? sql`${persons.id} <> ${excludeId}` : undefined,
      ),
    )
    .limit(20);
}

export interface SearchFilter {
  /** One of the exact-match kinds (blind index), or a text query. */
  idBidx?: string | undefined;
  certBidx?: string | undefined;
  phoneBidx?: string | undefined;
  latin?: string | undefined;
  text?: string | undefined;
  streetCode?: string | undefined;
  communityId?: string | undefined;
  category?: number | undefined;
  grade?: number | undefined;
  livingStatus?: string | undefined;
  bornAfter?: string | undefined;
  bornBefore?: string | undefined;
  offset: number;
  limit: number;
}

/**
 * Fuzzy (trigram) matching starts at three characters. A shorter name query matches by prefix only:
 * its trigrams are shared by every name with that surname, so "fuzzy" would fetch and rank all of
 * them, while a name that similar to one or two characters starts with them anyway.
 */
export const FUZZY_MIN_CHARS = 3;

/** Text in byte order: pinyin and initials are ASCII, so this is alphabetical, and C-collated indexes give it. */
const c = (col: SQL | typeof persons.name) => sql<string>`${col} COLLATE "C"`;
const pinyinKey = c(sql`${persons.namePinyin}`);

interface Tier {
  where: SQL;
  /** The branch's own order, which an index gives (then id). */
  order: SQL[];
  /** The same order as one text for the merged list, after the tier (and rank). */
  key: SQL<string>;
  rank?: SQL<number>;
}

/**
 * How a value enters a search statement: as itself (a statement for these values), or as a named
 * placeholder (a statement for every search of the same shape, built once: see searchPersons).
 */
type Bind = <T>(name: string, value: T) => T;
const asValue: Bind = (_name, value) => value;
const asPlaceholder: Bind = <T>(name: string) => sql.placeholder(name) as unknown as T;

/**
 * The first text after every text that starts with `prefix`, in byte order (C collation; UTF-8's
 * byte order is code-point order): the prefix with its last character's code point plus one (the
 * surrogate block, which UTF-8 cannot hold, is skipped). `x >= prefix AND x < prefixEnd(prefix)` is
 * `x LIKE 'prefix%'` without LIKE: a range PostgreSQL can take from an index in a generic plan too
 * (a LIKE with a parameter needs a plan for each value), and no wildcard in the text to escape.
 */
export function prefixEnd(prefix: string): string {
  const cps = [...prefix].map((ch) => ch.codePointAt(0)!);
  while (cps.length && cps.at(-1) === 0x10ffff) cps.pop();
  // Nothing after a prefix of U+10FFFF alone: longer than any text the search accepts (60).
  if (!cps.length) return '\u{10FFFF}'.repeat(64);
  const last = cps.pop()! + 1;
  cps.push(last === 0xd800 ? 0xe000 : last);
  return String.fromCodePoint(...cps);
}

/** `col` starts with the prefix bound as `low` (its end bound as `high`): an index range. */
const startsWith = (col: SQL, low: unknown, high: unknown) => sql`(${col} >= ${low} AND ${col} < ${high})`;
const notStartsWith = (col: SQL, low: unknown, high: unknown) => sql`(${col} < ${low} OR ${col} >= ${high})`;
const isFuzzy = (t: string) => [...t].length >= FUZZY_MIN_CHARS;

/**
 * The tiers of a name query, best first. Latin letters: exact initials (by pinyin); pinyin prefix
 * (by pinyin, so an exact full pinyin comes first); initials prefix (by initials, then pinyin).
 * Chinese: names starting with the text (by name, so the exact name comes first), then — from
 * three characters — similar names, most similar first. Each tier's order comes straight from an
 * index, so no tier sorts all its matches. (The initials-prefix tier leaves out the exact initials
 * with `> q`: in byte order every longer match comes after them, and the index range starts past.)
 */
function matchTiers(f: SearchFilter, b: Bind = asValue): Tier[] {
  if (f.latin) {
    const l = () => b('latin', f.latin!);
    const end = () => b('latinEnd', prefixEnd(f.latin!));
    const initials = c(sql`${persons.nameInitials}`);
    const tiers: Tier[] = [
      { where: sql`${initials} = ${l()}`, order: [pinyinKey], key: pinyinKey },
      {
        where: sql`${startsWith(pinyinKey, l(), end())} AND ${initials} <> ${l()}`,
        order: [pinyinKey],
        key: pinyinKey,
      },
    ];
    // Initials start with the pinyin's first letter: for one letter this tier is the one above.
    if (f.latin.length > 1)
      tiers.push({
        where: sql`${initials} > ${l()} AND ${initials} < ${end()} AND ${notStartsWith(pinyinKey, l(), end())}`,
        order: [initials, pinyinKey],
        key: c(sql`${persons.nameInitials} || ' ' || ${persons.namePinyin}`),
      });
    return tiers;
  }
  if (f.text) {
    const t = () => b('text', f.text!);
    const end = () => b('textEnd', prefixEnd(f.text!));
    const name = c(sql`${persons.name}`);
    const tiers: Tier[] = [{ where: startsWith(name, t(), end()), order: [name], key: name }];
    if (isFuzzy(f.text)) {
      const rank = sql<number>`similarity(${persons.name}, ${t()})`;
      tiers.push({
        where: sql`${persons.name} % ${t()} AND ${notStartsWith(name, t(), end())}`,
        order: [sql`${rank} DESC`, pinyinKey],
        key: pinyinKey,
        rank,
      });
    }
    return tiers;
  }
  return [];
}

/** The caller's scope with its street codes and community ids bound (`s0`…, `c0`…). */
const boundScope = (scope: DataScope, b: Bind): DataScope =>
  b === asValue
    ? scope
    : {
        ...scope,
        streets: scope.streets.map((s, i) => b(`s${i}`, s)),
        communities: scope.communities.map((x, i) => b(`c${i}`, x)),
      };

export function searchConds(scope: DataScope, f: SearchFilter, b: Bind = asValue): SQL[] {
  const conds: SQL[] = [personScope(boundScope(scope, b)), isNull(persons.mergedInto)];
  if (f.idBidx) conds.push(eq(persons.idNumberBidx, b('idBidx', f.idBidx)));
  if (f.certBidx)
    conds.push(
      sql`${persons.id} IN (SELECT ${certificates.personId} FROM ${certificates} WHERE ${certificates.numberBidx} = ${b('certBidx', f.certBidx)})`,
    );
  if (f.phoneBidx) conds.push(eq(persons.phoneBidx, b('phoneBidx', f.phoneBidx)));
  const tiers = matchTiers(f, b);
  if (tiers.length) conds.push(or(...tiers.map((t) => t.where))!);
  if (f.streetCode) conds.push(eq(persons.streetCode, b('streetCode', f.streetCode)));
  if (f.communityId) conds.push(eq(persons.communityId, b('communityId', f.communityId)));
  if (f.category) conds.push(eq(persons.category, b('category', f.category)));
  if (f.grade) conds.push(eq(persons.grade, b('grade', f.grade)));
  if (f.livingStatus) conds.push(sql`${persons.livingStatus} = ${b('livingStatus', f.livingStatus)}`);
  if (f.bornAfter) conds.push(gte(persons.birthDate, b('bornAfter', f.bornAfter)));
  if (f.bornBefore) conds.push(lte(persons.birthDate, b('bornBefore', f.bornBefore)));
  return conds;
}

/**
 * What decides the text of a search statement (as opposed to its values): the scope's size, which
 * filters are set, and the kind of name query. Two searches with the same shape differ only in the
 * values of the placeholders (searchValues); a test checks both against the statement built with
 * the values themselves.
 */
export function searchShape(scope: DataScope, f: SearchFilter): string {
  const name = f.latin ? (f.latin.length > 1 ? 'L' : 'l') : f.text ? (isFuzzy(f.text) ? 'T' : 't') : '-';
  const set = (v: unknown) => (v ? '1' : '0');
  return [
    scope.district ? 'D' : `${scope.streets.length}.${scope.communities.length}`,
    name,
    set(f.idBidx),
    set(f.certBidx),
    set(f.phoneBidx),
    set(f.streetCode),
    set(f.communityId),
    set(f.category),
    set(f.grade),
    set(f.livingStatus),
    set(f.bornAfter),
    set(f.bornBefore),
    set(f.offset),
  ].join('');
}

/** The placeholders' values of a search statement (the names the binds above give them). */
export function searchValues(scope: DataScope, f: SearchFilter): Record<string, unknown> {
  const v: Record<string, unknown> = {
    idBidx: f.idBidx,
    certBidx: f.certBidx,
    phoneBidx: f.phoneBidx,
    streetCode: f.streetCode,
    communityId: f.communityId,
    category: f.category,
    grade: f.grade,
    livingStatus: f.livingStatus,
    bornAfter: f.bornAfter,
    bornBefore: f.bornBefore,
    limit: f.limit,
    offset: f.offset,
    branchLimit: f.offset + f.limit,
  };
  if (f.latin) {
    v.latin = f.latin;
    v.latinEnd = prefixEnd(f.latin);
  } else if (f.text) {
    v.text = f.text;
    v.textEnd = prefixEnd(f.text);
  }
  if (!scope.district) {
    scope.streets.forEach((s, i) => (v[`s${i}`] = s));
    scope.communities.forEach((x, i) => (v[`c${i}`] = x));
  }
  return v;
}

/** What a search result shows (PersonListItem): a narrow row is quicker to read, send and map. */
const listColumns = {
  id: persons.id,
  name: persons.name,
  idNumberEnc: persons.idNumberEnc,
  gender: persons.gender,
  birthDate: persons.birthDate,
  streetCode: persons.streetCode,
  communityId: persons.communityId,
  livingStatus: persons.livingStatus,
  category: persons.category,
  grade: persons.grade,
  version: persons.version,
};
export type PersonListRow = Pick<PersonRow, keyof typeof listColumns>;

/**
 * The search statement itself (benchmarks run its SQL as their floor: `.toSQL()`). A name query
 * with several tiers is one branch per tier (UNION ALL), each ordered and limited on its own so
 * that an index gives its order: a common surname never means sorting tens of thousands of rows.
 */
export function searchPersonsQuery(tx: Tx, scope: DataScope, f: SearchFilter, b: Bind = asValue) {
  const base = searchConds(scope, { ...f, latin: undefined, text: undefined }, b);
  const tiers: Tier[] = matchTiers(f, b);
  if (!tiers.length) tiers.push({ where: sql`true`, order: [pinyinKey], key: pinyinKey });
  const branch = (t: Tier, i: number) =>
    tx
      .select({
        ...listColumns,
        tier: sql<number>`${sql.raw(String(i))}`.as('tier'),
        rank: (t.rank ?? sql<number>`0::real`).as('rank'),
        sort_key: t.key.as('sort_key'),
      })
      .from(persons)
      .where(and(...base, t.where))
      .orderBy(...t.order, asc(persons.id));
  const limit = b('limit', f.limit);
  // Drizzle leaves out `offset 0`: so does the statement of the first page (its own shape).
  const offset = f.offset ? b('offset', f.offset) : 0;
  if (tiers.length === 1) return branch(tiers[0]!, 0).limit(limit).offset(offset);
  const branchLimit = b('branchLimit', f.offset + f.limit);
  const [first, second, ...rest] = tiers.map((t, i) => branch(t, i).limit(branchLimit));
  return unionAll(first!, second!, ...rest)
    .orderBy(sql`tier`, sql`rank DESC`, sql`sort_key`, sql`id`)
    .limit(limit)
    .offset(offset);
}

/** A search row: the list columns, and the tier, rank and sort key the statement orders by. */
export type PersonSearchRow = PersonListRow & { tier: number; rank: number; sort_key: string };
type SearchStatement = PgPreparedQuery<PreparedQueryConfig & { execute: PersonSearchRow[] }>;

/**
 * Search statements built once per shape (searchShape) and per database handle. Drizzle builds a
 * statement anew on every call otherwise: ~0.2 ms of the request's CPU for these. On PostgreSQL
 * each is a named (prepared) statement, parsed once per connection; after five executions
 * PostgreSQL keeps a generic plan for it when that plan costs no more than the plans made for each
 * value — planning was 0.2–0.9 ms of a 1–2 ms search. Every tier's condition is an index range
 * with parameters (no LIKE: see prefixEnd), so a generic plan uses the same indexes. The name
 * comes from the statement's text; shapes past MAX_SHAPES run unnamed (planned each time), so a
 * connection never holds more than MAX_SHAPES of them. PGlite ignores the name.
 */
const statements = new WeakMap<Tx, Map<string, SearchStatement>>();
const MAX_SHAPES = 256;

export function searchStatement(tx: Tx, scope: DataScope, f: SearchFilter): SearchStatement {
  let byShape = statements.get(tx);
  if (!byShape) statements.set(tx, (byShape = new Map()));
  const shape = searchShape(scope, f);
  let s = byShape.get(shape);
  if (!s) {
    const q = searchPersonsQuery(tx, scope, f, asPlaceholder);
    if (byShape.size < MAX_SHAPES) {
      const name = `jl_search_${createHash('sha256').update(q.toSQL().sql).digest('hex').slice(0, 32)}`;
      s = q.prepare(name) as unknown as SearchStatement;
      byShape.set(shape, s);
    } else s = q.prepare('') as unknown as SearchStatement;
  }
  return s;
}

/** One page of a search; the rows also carry the statement's tier, rank and sort key. */
export async function searchPersons(tx: Tx, scope: DataScope, f: SearchFilter): Promise<PersonSearchRow[]> {
  return searchStatement(tx, scope, f).execute(searchValues(scope, f));
}

export async function countPersons(
  tx: Tx,
  scope: DataScope,
  f: Omit<SearchFilter, 'offset' | 'limit'>,
): Promise<number> {
  const [r] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(persons)
    .where(and(...searchConds(scope, { ...f, offset: 0, limit: 0 })));
  return Number(r?.n ?? 0);
}

export async function insertPerson(tx: Tx, row: typeof persons.$inferInsert): Promise<void> {
  await tx.insert(persons).values(row);
}

export async function updatePersonVersioned(
  tx: Tx,
  id: string,
  version: number,
  set: Partial<typeof persons.$inferInsert>,
): Promise<PersonRow | undefined> {
  const [p] = await tx
    .update(persons)
    .set({ ...set, version: version + 1, updatedAt: new Date() })
    .where(and(eq(persons.id, id), eq(persons.version, version)))
    .returning();
  return p;
}

export async function activeCertificates(tx: Tx, personIds: string[]): Promise<CertificateRow[]> {
  if (!personIds.length) return [];
  return tx
    .select()
    .from(certificates)
    .where(and(inArray(certificates.personId, personIds), eq(certificates.status, 'active')));
}

export async function certificatesOf(tx: Tx, personIds: string[]): Promise<CertificateRow[]> {
  if (!personIds.length) return [];
  return tx
    .select()
    .from(certificates)
    .where(inArray(certificates.personId, personIds))
    .orderBy(desc(certificates.createdAt));
}

export async function insertCertificate(tx: Tx, row: typeof certificates.$inferInsert): Promise<void> {
  await tx.insert(certificates).values(row);
}

export async function supersedeCertificates(tx: Tx, personId: string): Promise<void> {
  await tx
    .update(certificates)
    .set({ status: 'superseded' })
    .where(and(eq(certificates.personId, personId), eq(certificates.status, 'active')));
}

export async function moveCertificates(
  tx: Tx,
  fromId: string,
  toId: string,
  keepActive: boolean,
): Promise<void> {
  if (!keepActive) await supersedeCertificates(tx, fromId);
  await tx.update(certificates).set({ personId: toId }).where(eq(certificates.personId, fromId));
}

export async function guardiansOf(tx: Tx, personId: string): Promise<GuardianRow[]> {
  return tx
    .select()
    .from(guardians)
    .where(eq(guardians.personId, personId))
    .orderBy(desc(guardians.isPrimary), asc(guardians.createdAt));
}

export async function insertGuardian(tx: Tx, row: typeof guardians.$inferInsert): Promise<void> {
  await tx.insert(guardians).values(row);
}

export async function deleteGuardian(tx: Tx, personId: string, id: string): Promise<boolean> {
  const r = await tx
    .delete(guardians)
    .where(and(eq(guardians.id, id), eq(guardians.personId, personId)))
    .returning({ id: guardians.id });
  return r.length > 0;
}

export async function moveGuardians(tx: Tx, fromId: string, toId: string): Promise<void> {
  await tx.update(guardians).set({ personId: toId }).where(eq(guardians.personId, fromId));
}

export async function insertHistory(tx: Tx, row: typeof personHistory.$inferInsert): Promise<void> {
  await tx.insert(personHistory).values(row);
}

/** A person's history, including that of records merged into it. */
export async function historyOf(tx: Tx, personId: string) {
  return tx
    .select()
    .from(personHistory)
    .where(
      or(
        eq(personHistory.personId, personId),
        sql`${personHistory.personId} IN (SELECT ${persons.id} FROM ${persons} WHERE ${persons.mergedInto} = ${personId})`,
      ),
    )
    .orderBy(desc(personHistory.at))
    .limit(500);
}

export async function insertHousehold(tx: Tx, row: typeof households.$inferInsert): Promise<void> {
  await tx.insert(households).values(row);
}

export async function findHousehold(tx: Tx, id: string) {
  const [h] = await tx.select().from(households).where(eq(households.id, id));
  return h;
}

export async function householdMembers(tx: Tx, scope: DataScope, householdId: string): Promise<PersonRow[]> {
  return tx
    .select()
    .from(persons)
    .where(and(eq(persons.householdId, householdId), isNull(persons.mergedInto), personScope(scope)))
    .orderBy(asc(persons.birthDate));
}

const householdScope = (scope: DataScope): SQL =>
  inScope(scope, { street: households.streetCode, community: households.communityId });

/**
 * Households to pick from: in the caller's scope, with at least one member in scope, found by the
 * household's id or by a member matching the search filter; ordered by id (the cursor).
 */
export async function searchHouseholds(
  tx: Tx,
  scope: DataScope,
  by: { id: string } | { members: Omit<SearchFilter, 'offset' | 'limit'> },
  page: { after?: string | undefined; limit: number },
) {
  const memberConds =
    'id' in by
      ? [personScope(scope), isNull(persons.mergedInto)]
      : searchConds(scope, { ...by.members, offset: 0, limit: 0 });
  return tx
    .select()
    .from(households)
    .where(
      and(
        householdScope(scope),
        'id' in by ? eq(households.id, by.id) : undefined,
        sql`${households.id} IN (SELECT ${persons.householdId} FROM ${persons} WHERE ${and(...memberConds)})`,
        page.after ? gt(households.id, page.after) : undefined,
      ),
    )
    .orderBy(asc(households.id))
    .limit(page.limit);
}

/** The in-scope members of these households (for a list of households). */
export async function membersOfHouseholds(tx: Tx, scope: DataScope, ids: string[]): Promise<PersonRow[]> {
  if (!ids.length) return [];
  return tx
    .select()
    .from(persons)
    .where(and(inArray(persons.householdId, ids), isNull(persons.mergedInto), personScope(scope)))
    .orderBy(asc(persons.birthDate));
}
