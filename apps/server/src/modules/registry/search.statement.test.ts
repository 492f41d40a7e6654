/**
 * The search statement built once per shape (search.repo.ts searchPersons): for every shape its
 * text and filled values equal the statement built with the values themselves, and a cached
 * statement run with other values (or for another scope) answers for those values only.
 */
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillPlaceholders, sql } from 'drizzle-orm';
import { createTestEnv, makeUser, type TestEnv, type TestUser } from '../../../test/harness.js';
import { personBody } from '../../../test/factories.js';
import type { DataScope } from '../../platform/access/actor.js';
import {
  hasStem,
  prefixEnd,
  searchPersons,
  searchPersonsQuery,
  searchShape,
  searchStatement,
  searchValues,
  type SearchFilter,
} from './search.repo.js';

let t: TestEnv;
let officer: TestUser;
let district: TestUser;
beforeAll(async () => {
  t = await createTestEnv();
  officer = await makeUser(t, ['street_officer'], { streetCode: 'linfenlu' });
  district = await makeUser(t, ['district_officer']);
});
afterAll(async () => t.close());

const DISTRICT: DataScope = { district: true, streets: [], communities: [], grantIds: [] };
const scopes: DataScope[] = [
  DISTRICT,
  { district: false, streets: ['linfenlu'], communities: [], grantIds: [] },
  {
    district: false,
    streets: ['linfenlu', 'beizhan'],
    communities: ['0190c0de-0000-7000-8000-000000000001'],
    grantIds: [],
  },
  { district: false, streets: [], communities: ['0190c0de-0000-7000-8000-000000000002'], grantIds: [] },
  { district: false, streets: [], communities: [], grantIds: [] },
];
const page = { offset: 0, limit: 51 };
const filters: SearchFilter[] = [
  { ...page },
  { ...page, text: '张' },
  { ...page, text: '张三' },
  { ...page, text: '张三丰', offset: 50 },
  { ...page, text: '50%_\\off' },
  { ...page, latin: 'z' },
  { ...page, latin: 'zsf' },
  { ...page, latin: 'zhangsanfeng', streetCode: 'linfenlu' },
  { ...page, idBidx: 'bidx-1' },
  { ...page, certBidx: 'bidx-2' },
  { ...page, phoneBidx: 'bidx-3' },
  { ...page, streetCode: 'beizhan', category: 3 },
  {
    ...page,
    category: 5,
    grade: 1,
    livingStatus: 'normal',
    bornAfter: '1960-01-02',
    bornBefore: '1990-01-01',
  },
  { ...page, text: '王小明', communityId: '0190c0de-0000-7000-8000-000000000003', grade: 2 },
  { ...page, text: '丽丽华' },
  { ...page, text: '孔秀\u{24b62}' },
  { ...page, text: '欧阳小明' },
];

/** The cached statement of this search, as its text and the values it is run with. */
function cached(scope: DataScope, f: SearchFilter) {
  const q = searchStatement(t.p.database.db, scope, f).getQuery();
  return { sql: q.sql, params: fillPlaceholders(q.params, searchValues(scope, f)) };
}

describe('search statements built once per shape', () => {
  it('have the text and values of the statement built with the values, for every shape', () => {
    for (const scope of scopes)
      for (const f of filters) {
        const direct = searchPersonsQuery(t.p.database.db, scope, f).toSQL();
        expect(cached(scope, f), `${searchShape(scope, f)} ${JSON.stringify(f)}`).toEqual({
          sql: direct.sql,
          params: direct.params,
        });
      }
  });

  it('give different shapes to searches whose statements differ', () => {
    const seen = new Map<string, string>();
    for (const scope of scopes)
      for (const f of filters) {
        const text = searchPersonsQuery(t.p.database.db, scope, f).toSQL().sql;
        const shape = searchShape(scope, f);
        expect(seen.get(shape) ?? text, shape).toBe(text);
        seen.set(shape, text);
      }
  });

  it('answer for the values they are run with, not those they were built with', async () => {
    const a = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/persons',
        headers: officer.auth,
        payload: personBody({ name: '缓存甲乙' }),
      })
    ).json();
    const b = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/persons',
        headers: district.auth,
        payload: personBody({ name: '缓存丙丁', streetCode: 'beizhan' }),
      })
    ).json();
    const db = t.p.database.db;
    const ids = async (scope: DataScope, f: Omit<SearchFilter, 'offset' | 'limit'>) =>
      (await searchPersons(db, scope, { ...f, ...page })).map((r) => r.id);
    // Same shape three times: each answer is its own.
    expect(await ids(DISTRICT, { text: '缓存甲乙' })).toContain(a.id);
    expect(await ids(DISTRICT, { text: '缓存丙丁' })).toContain(b.id);
    expect(await ids(DISTRICT, { text: '缓存丙丁' })).not.toContain(a.id);
    // The same statement run concurrently with different values (a pool of connections on PostgreSQL).
    const names = Array.from({ length: 12 }, (_, i) => (i % 2 ? '缓存甲乙' : '缓存丙丁'));
    const answers = await Promise.all(names.map((q) => ids(DISTRICT, { text: q })));
    answers.forEach((got, i) => expect(got).toEqual([i % 2 ? a.id : b.id]));
    // Same shape, other scopes: the scope's values are the statement's, not the first caller's.
    const linfenlu = { district: false, streets: ['linfenlu'], communities: [], grantIds: [] };
    const beizhan = { ...linfenlu, streets: ['beizhan'] };
    expect(await ids(linfenlu, { text: '缓存' })).toEqual([a.id]);
    expect(await ids(beizhan, { text: '缓存' })).toEqual([b.id]);
    expect(await ids(linfenlu, { text: '缓存丙丁' })).toEqual([]);
    // Through HTTP, the street officer's search is the same.
    const res = await t.app.inject({
      url: `/api/v1/persons?q=${encodeURIComponent('缓存')}`,
      headers: officer.auth,
    });
    expect(res.json().items.map((i: { id: string }) => i.id)).toEqual([a.id]);
  });
});

describe('search rows', () => {
  it("are the rows of Drizzle's own mapping (mapped by hand from the driver's)", async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/persons',
      headers: district.auth,
      payload: personBody({ name: '映射甲乙', communityId: undefined }),
    });
    const db = t.p.database.searchDb;
    let compared = 0;
    for (const f of [{ text: '映射' }, { text: '映射甲乙' }, { latin: 'ys' }, {}, { category: 3 }]) {
      const filter = { ...f, ...page };
      const mine = await searchPersons(db, DISTRICT, filter);
      const drizzle = await searchPersonsQuery(db, DISTRICT, filter);
      expect(mine).toEqual(drizzle);
      for (const r of mine) expect(Buffer.isBuffer(r.idNumberEnc)).toBe(true);
      compared += mine.length;
    }
    expect(compared).toBeGreaterThan(5);
  });
});

describe('the search handle (Database.searchDb)', () => {
  it('runs the search statements with generic plans on PostgreSQL, and nothing else changes', async () => {
    const mode = async (db: typeof t.p.database.db) =>
      ((await db.execute(sql`SHOW plan_cache_mode`)) as unknown as { rows: { plan_cache_mode: string }[] })
        .rows[0]!.plan_cache_mode;
    if (t.p.database.kind === 'postgresql') {
      expect(await mode(t.p.database.searchDb)).toBe('force_generic_plan');
      expect(await mode(t.p.database.db)).toBe('auto');
      // One connection per core (at least two): searches beyond that wait in the pool.
      const pool = (t.p.database.searchDb as unknown as { $client: { options: { max: number } } }).$client;
      expect(pool.options.max).toBe(Math.max(2, os.availableParallelism()));
    } else expect(t.p.database.searchDb).toBe(t.p.database.db); // PGlite: one connection
    // A generic plan answers for each run's values (the same statement, three names in turn).
    const db = t.p.database.searchDb;
    const made = [];
    for (const name of ['计划甲', '计划乙', '计划丙']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/persons',
        headers: district.auth,
        payload: personBody({ name }),
      });
      made.push(res.json().id as string);
    }
    for (let i = 0; i < 12; i++) {
      const rows = await searchPersons(db, DISTRICT, {
        text: ['计划甲', '计划乙', '计划丙'][i % 3]!,
        ...page,
      });
      // The name itself first, then the two similar ones (the fuzzy tier).
      expect(rows.map((r) => [r.id, r.tier])[0]).toEqual([made[i % 3], 0]);
      expect(new Set(rows.map((r) => r.id))).toEqual(new Set(made));
    }
  });
});

describe('the trigram indexes', () => {
  it('keep a short GIN pending list (every fuzzy or pinyin search scans it: migration 0012)', async () => {
    const rows = await t.p.database.rows<{ name: string; opts: string[] | null }>(
      sql`SELECT relname AS name, reloptions AS opts FROM pg_class
          WHERE relname IN ('persons_name_trgm_idx', 'persons_pinyin_trgm_idx') ORDER BY relname`,
    );
    expect(rows.map((r) => [r.name, r.opts])).toEqual([
      ['persons_name_trgm_idx', ['gin_pending_list_limit=128']],
      ['persons_pinyin_trgm_idx', ['gin_pending_list_limit=128']],
    ]);
    const [rare] = await t.p.database.rows<{ opts: string[] | null }>(
      sql`SELECT reloptions AS opts FROM pg_class WHERE relname = 'persons_name_trgm_rare_idx'`,
    );
    expect(rare?.opts).toEqual(['gin_pending_list_limit=128']);
  });
});

/**
 * The fuzzy tier of a full three-character name (search.repo.ts stemParts) against pg_trgm's `%`
 * itself: every name of one to four characters over a small alphabet (so that names share
 * trigrams often), with a middle dot and an Extension B character, searched by every
 * three-character query over it. The stem queries (first two characters different) take the two
 * branches; the others take the trigram index; all must answer exactly `%` minus the prefix tier,
 * most similar first.
 */
describe('the fuzzy tier of a full three-character name', () => {
  const letters = ['张', '三', '丰', '李', '·', '\u{24b62}'];
  const words = (n: number): string[] => (n ? words(n - 1).flatMap((w) => letters.map((l) => w + l)) : ['']);
  const names = [1, 2, 3, 4].flatMap(words);

  it('finds exactly the names pg_trgm finds similar, most similar first', async () => {
    const tmpl = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/persons',
        headers: district.auth,
        payload: personBody({ name: '模板甲' }),
      })
    ).json();
    // Copies of one person under every generated name (names only matter here).
    await t.p.database.db.execute(sql`
      INSERT INTO persons
      SELECT (json_populate_record(p, json_build_object(
        'id', gen_random_uuid(), 'name', n, 'id_number_bidx', 'trgm-' || n))).*
      FROM persons p, unnest(ARRAY[${sql.join(
        names.map((n) => sql`${n}::text`),
        sql`, `,
      )}]) AS n
      WHERE p.id = ${tmpl.id}`);
    const queries = words(3).filter((q) => !q.includes('·'));
    expect(queries.filter(hasStem).length).toBeGreaterThan(20);
    let compared = 0;
    for (const q of queries) {
      const rows = await searchPersons(t.p.database.db, DISTRICT, { text: q, offset: 0, limit: 5000 });
      const fuzzy = rows.filter((r) => r.tier === 1);
      const want = await t.p.database.rows<{ id: string; sim: number }>(sql`
        SELECT id, similarity(name, ${q}) AS sim FROM persons
        WHERE merged_into IS NULL AND name % ${q} AND NOT starts_with(name, ${q})`);
      expect(new Set(fuzzy.map((r) => r.id)), q).toEqual(new Set(want.map((r) => r.id)));
      const sim = new Map(want.map((r) => [r.id, r.sim]));
      fuzzy.forEach((r, i) => {
        expect(r.rank, q).toBeCloseTo(sim.get(r.id)!, 5);
        if (i) expect(r.rank, q).toBeLessThanOrEqual(fuzzy[i - 1]!.rank);
      });
      compared += want.length;
    }
    expect(compared).toBeGreaterThan(1000); // the alphabet makes many similar names
  });
});

describe('the search indexes', () => {
  it('carry every column a search reads, so a page is an index-only scan (migration 0014)', async () => {
    const rows = await t.p.database.rows<{ name: string; def: string }>(
      sql`SELECT indexname AS name, indexdef AS def FROM pg_indexes
          WHERE tablename = 'persons' AND indexdef LIKE '%INCLUDE%' ORDER BY indexname`,
    );
    expect(rows.map((r) => r.name)).toEqual([
      'persons_category_idx',
      'persons_initials_idx',
      'persons_name_c_idx',
      'persons_pinyin_idx',
      'persons_street_name_c_idx',
      'persons_street_pinyin_idx',
    ]);
    // What a search reads: the list columns, its conditions and its order.
    const read = [
      'id',
      'name',
      'name_pinyin',
      'name_initials',
      'id_number_enc',
      'gender',
      'birth_date',
      'street_code',
      'community_id',
      'living_status',
      'category',
      'grade',
      'version',
      'merged_into',
    ];
    for (const r of rows) {
      const [, key, include] = /\((.*)\) INCLUDE \((.*)\)$/.exec(r.def)!;
      const cols = [...key!.split(', '), ...include!.split(', ')].map((c) => c.split(' ')[0]);
      expect(new Set(cols), r.name).toEqual(new Set(read));
    }
  });

  /** The plan of a search (values written in), with the plan types the test database allows. */
  async function planOf(f: SearchFilter, allow: { bitmap: boolean }): Promise<string> {
    await t.p.database.exec('VACUUM persons');
    const q = searchPersonsQuery(t.p.database.db, DISTRICT, f).toSQL();
    // The test database is small: a sequential scan would be cheaper, so the planner is told not to.
    const plan = await t.p.database.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL enable_seqscan = off`);
      if (!allow.bitmap) await tx.execute(sql`SET LOCAL enable_bitmapscan = off`);
      const filled = q.sql.replace(
        /\$(\d+)/g,
        (_, i: string) => `'${String(q.params[Number(i) - 1]).replace(/'/g, "''")}'`,
      );
      const r = (await tx.execute(sql.raw(`EXPLAIN (COSTS OFF) ${filled}`))) as unknown;
      return (r as { rows: { 'QUERY PLAN': string }[] }).rows;
    });
    return plan.map((r) => r['QUERY PLAN']).join('\n');
  }

  it('answer a search page from the index alone on PostgreSQL', async () => {
    if (t.p.database.kind !== 'postgresql') return; // PGlite has the same indexes; its planner is the same
    const text = await planOf({ ...page, latin: 'zhang' }, { bitmap: false });
    expect(text).toMatch(/Index Only Scan using persons_(pinyin|initials)_idx/);
    expect(text).not.toMatch(/Seq Scan|Bitmap Heap Scan/);
  });

  it('read the similar common names of a full three-character name from the index alone on PostgreSQL', async () => {
    if (t.p.database.kind !== 'postgresql') return;
    const text = await planOf({ ...page, text: '张三丰' }, { bitmap: true });
    // The prefix tier and the common similar names: ranges of the name index; the rest: the
    // partial trigram index (a bitmap scan, the only kind GIN has), never the full one.
    expect(text.match(/Index Only Scan using persons_name_c_idx/g)?.length).toBe(2);
    expect(text).toMatch(/Bitmap Index Scan on persons_name_trgm_rare_idx/);
    expect(text).not.toMatch(/persons_name_trgm_idx|Seq Scan/);
  });
});

describe('prefix ranges (a name or pinyin prefix without LIKE)', () => {
  it('end just after every text with the prefix', () => {
    expect(prefixEnd('zhang')).toBe('zhanh');
    expect(prefixEnd('张')).toBe('\u5f21');
    expect(prefixEnd('阿依古丽·')).toBe('阿依古丽\u00b8');
    expect(prefixEnd('孔秀\u{24b62}')).toBe('孔秀\u{24b63}'); // Extension B: one code point, two UTF-16 units
    expect(prefixEnd('a\ud7ff')).toBe('a\ue000'); // past the surrogates UTF-8 cannot hold
    expect(prefixEnd('a\u{10ffff}')).toBe('b');
    expect([...prefixEnd('\u{10ffff}')].length).toBeGreaterThan(60);
  });

  it('select in PostgreSQL exactly the texts LIKE would (C collation)', async () => {
    const names = [
      '张',
      '张三',
      '张三丰',
      '张伞',
      '弡',
      '章',
      '孔秀\u{24b62}',
      '孔秀\u{24b63}',
      '孔秀',
      '阿依古丽·买买提',
      '阿依古丽',
      '50%_\\off',
      '50%',
      'a\ud7ffb',
      'a\ue000',
      'zhang',
      'zhanh',
      'zhangsan',
    ];
    const prefixes = ['张', '张三', '孔秀\u{24b62}', '孔秀', '阿依古丽·', '50%_', 'a\ud7ff', 'zhang', 'z'];
    for (const p of prefixes) {
      const rows = await t.p.database.rows<{ n: string; by_range: boolean; by_like: boolean }>(sql`
        SELECT n,
               (n COLLATE "C" >= ${p} AND n COLLATE "C" < ${prefixEnd(p)}) AS by_range,
               starts_with(n, ${p}) AS by_like
        FROM unnest(ARRAY[${sql.join(
          names.map((n) => sql`${n}::text`),
          sql`, `,
        )}]) AS n`);
      for (const r of rows) expect(r.by_range, `${r.n} starts with ${p}`).toBe(r.by_like);
      expect(rows.some((r) => r.by_like)).toBe(true);
    }
  });
});
