/**
 * The search statement built once per shape (registry.repo.ts searchPersons): for every shape its
 * text and filled values equal the statement built with the values themselves, and a cached
 * statement run with other values (or for another scope) answers for those values only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillPlaceholders, sql } from 'drizzle-orm';
import { createTestEnv, makeUser, type TestEnv, type TestUser } from '../../../test/harness.js';
import { personBody } from '../../../test/factories.js';
import type { DataScope } from '../../platform/access/actor.js';
import {
  prefixEnd,
  searchPersons,
  searchPersonsQuery,
  searchShape,
  searchStatement,
  searchValues,
  type SearchFilter,
} from './registry.repo.js';

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

  it('answer a search page from the index alone on PostgreSQL', async () => {
    if (t.p.database.kind !== 'postgresql') return; // PGlite has the same indexes; its planner is the same
    await t.p.database.exec('VACUUM persons');
    const q = searchPersonsQuery(t.p.database.db, DISTRICT, { ...page, latin: 'zhang' }).toSQL();
    // The test database is small: a sequential scan would be cheaper, so the planner is told not to.
    const plan = await t.p.database.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL enable_seqscan = off`);
      await tx.execute(sql`SET LOCAL enable_bitmapscan = off`);
      const filled = q.sql.replace(
        /\$(\d+)/g,
        (_, i: string) => `'${String(q.params[Number(i) - 1]).replace(/'/g, "''")}'`,
      );
      const r = (await tx.execute(sql.raw(`EXPLAIN (COSTS OFF) ${filled}`))) as unknown;
      return (r as { rows: { 'QUERY PLAN': string }[] }).rows;
    });
    const text = plan.map((r) => r['QUERY PLAN']).join('\n');
    expect(text).toMatch(/Index Only Scan using persons_(pinyin|initials)_idx/);
    expect(text).not.toMatch(/Seq Scan|Bitmap Heap Scan/);
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
