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
