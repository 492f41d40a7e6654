/**
 * The registry search's SQL: one statement per search shape, a branch per match tier, each tier an
 * index range in the list's order (docs/DATABASE.md, "Search indexes"). Every search applies the
 * caller's data scope.
 */
import { createHash } from 'node:crypto';
import { and, asc, eq, gt, gte, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { unionAll, type PgPreparedQuery, type PreparedQueryConfig } from 'drizzle-orm/pg-core';
import type { Tx } from '../../platform/db/client.js';
import type { DataScope } from '../../platform/access/actor.js';
import { inScope } from '../../platform/access/scope.js';
import { certificates, households, persons } from './registry.tables.js';
import { personScope, type PersonRow } from './registry.repo.js';

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
  /**
   * Disjoint conditions whose union is `where`, each a branch of its own in the search statement
   * (one index each; see stemParts). Counts and exports use `where`.
   */
  parts?: SQL[];
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
 * A full three-character name of common ideographs (U+4E00–U+9FFF, one trigram "word"), its first
 * two different: the names similar to it (pg_trgm `%`, threshold 0.3) that do not start with it are
 * known without the trigram index (see stemParts). A name query of any other shape uses the index.
 */
const STEM_QUERY = /^[\u4e00-\u9fff]{3}$/u;
export const hasStem = (t: string) => STEM_QUERY.test(t) && t[0] !== t[1];
/** The first two characters of a stem query (all three are in the BMP). */
const stemOf = (t: string) => t.slice(0, 2);

/**
 * A name other than one to three common ideographs: only these are in the partial trigram index
 * persons_name_trgm_rare_idx (migration 0015). The text must stay the index's predicate, character
 * for character, for PostgreSQL to use that index.
 */
const uncommonName = sql`${persons.name} !~ ${sql.raw(`'^[\\u4e00-\\u9fff]{1,3}$'`)}`;

/**
 * The fuzzy tier of a stem query q = abc, as two disjoint branches that need no trigram index for
 * the common names. pg_trgm gives a one-word name of n characters its n + 1 trigrams ("  a", " ab",
 * "abc", "bc " for q) and `%` holds when shared / (4 + mine - shared) ≥ 0.3. A name of one to three
 * common ideographs (one word) that does not start with "ab" shares no " ab"; it shares "abc" only
 * by being abc, and "  a" with "bc " only by being abc or (when a = b, excluded) "ac"; one shared
 * trigram is at most 1 / (3 + 2) < 0.3. So such a name is similar to q only if it starts with "ab":
 * 1. names starting with "ab" (not with q): a range of the covering name index, read index-only
 *    (`%` checked on the indexed name; its COLLATE keeps the planner off the trigram index);
 * 2. the other names that are not one to three common ideographs (longer names, names with `·`,
 *    rare characters): the partial trigram index over just those.
 * search.statement.test.ts compares the two with `%` over generated names in the database.
 */
function stemParts(q: () => unknown, stem: () => unknown, stemEnd: () => unknown, notQ: SQL): SQL[] {
  const name = c(sql`${persons.name}`);
  return [
    sql`${startsWith(name, stem(), stemEnd())} AND ${notQ} AND ${name} % ${q()}`,
    sql`${uncommonName} AND ${notStartsWith(name, stem(), stemEnd())} AND ${persons.name} % ${q()}`,
  ];
}

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
      const notQ = notStartsWith(name, t(), end());
      tiers.push({
        where: sql`${persons.name} % ${t()} AND ${notQ}`,
        order: [sql`${rank} DESC`, pinyinKey],
        key: pinyinKey,
        rank,
        parts: hasStem(f.text)
          ? stemParts(
              t,
              () => b('stem', stemOf(f.text!)),
              () => b('stemEnd', prefixEnd(stemOf(f.text!))),
              notQ,
            )
          : undefined,
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
  const text = (t: string) => (hasStem(t) ? 'S' : isFuzzy(t) ? 'T' : 't');
  const name = f.latin ? (f.latin.length > 1 ? 'L' : 'l') : f.text ? text(f.text) : '-';
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
    if (hasStem(f.text)) {
      v.stem = stemOf(f.text);
      v.stemEnd = prefixEnd(stemOf(f.text));
    }
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
  // A tier with parts is one branch per part, under the tier's number.
  const branches = tiers.flatMap((t, i) =>
    (t.parts ?? [t.where]).map((where) => ({ t: { ...t, where }, i })),
  );
  if (branches.length === 1) return branch(branches[0]!.t, 0).limit(limit).offset(offset);
  const branchLimit = b('branchLimit', f.offset + f.limit);
  const [first, second, ...rest] = branches.map(({ t, i }) => branch(t, i).limit(branchLimit));
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
 * each is a named (prepared) statement, parsed once per connection, and on the search handle
 * (Database.searchDb) planned once: its generic plan — planning was 0.2–0.9 ms of a 1–2 ms search.
 * Every tier's condition is an index range with parameters (no LIKE: see prefixEnd), so a generic
 * plan uses the same indexes. The name
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

/** A search row as the driver gives it: the statement's column names, the drivers' own types. */
interface DriverSearchRow {
  id: string;
  name: string;
  id_number_enc: Buffer | Uint8Array;
  gender: PersonListRow['gender'];
  birth_date: string;
  street_code: string;
  community_id: string | null;
  living_status: PersonListRow['livingStatus'];
  category: number | null;
  grade: number | null;
  version: number;
  tier: number;
  rank: number;
  sort_key: string;
}

/**
 * A driver row as a PersonSearchRow, mapped by hand: Drizzle's own mapping checks every field's
 * kind through the prototype chain, ~6 % of a search's CPU in Node at 50 rows (docs/benchmarks.md,
 * search round 7). search.statement.test.ts checks it against Drizzle's mapping on both drivers.
 */
const fromDriver = (r: DriverSearchRow): PersonSearchRow => ({
  id: r.id,
  name: r.name,
  idNumberEnc: Buffer.isBuffer(r.id_number_enc) ? r.id_number_enc : Buffer.from(r.id_number_enc),
  gender: r.gender,
  birthDate: r.birth_date,
  streetCode: r.street_code,
  communityId: r.community_id,
  livingStatus: r.living_status,
  category: r.category,
  grade: r.grade,
  version: r.version,
  tier: r.tier,
  rank: r.rank,
  sort_key: r.sort_key,
});

type DriverRows = { all(values: Record<string, unknown>): Promise<DriverSearchRow[]> };

/** One page of a search; the rows also carry the statement's tier, rank and sort key. */
export async function searchPersons(tx: Tx, scope: DataScope, f: SearchFilter): Promise<PersonSearchRow[]> {
  // `all` (the driver's rows, unmapped) is public in Drizzle's code but not in its types.
  const statement = searchStatement(tx, scope, f) as unknown as DriverRows;
  return (await statement.all(searchValues(scope, f))).map(fromDriver);
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
