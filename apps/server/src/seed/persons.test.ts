import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { JINGAN_STREETS, idNumberProblem, parseCertificate } from '@jinglin/shared';
import { createTestEnv, makeUser, type TestEnv, type TestUser } from '../../test/harness.js';
import { seedPersons } from './persons.js';

interface Row {
  id: string;
  name: string;
  name_pinyin: string;
  name_initials: string;
  birth_date: string;
  street_code: string;
  community: string | null;
  category: number;
  grade: number;
  id_number_enc: Buffer;
  cert_enc: Buffer;
  guardians: number;
  household_id: string | null;
}

const rowsOf = (t: TestEnv) =>
  t.p.database.rows<Row>(sql`
    SELECT p.id, p.name, p.name_pinyin, p.name_initials, p.birth_date::text AS birth_date, p.street_code,
           cm.name AS community, p.category, p.grade, p.id_number_enc, c.number_enc AS cert_enc,
           (SELECT count(*)::int FROM guardians g WHERE g.person_id = p.id) AS guardians, p.household_id
    FROM persons p
    JOIN certificates c ON c.person_id = p.id AND c.status = 'active'
    LEFT JOIN communities cm ON cm.id = p.community_id
    ORDER BY p.id`);

/** What a seed decides (ids, ciphertexts and community ids differ per database). */
const content = (t: TestEnv, rows: Row[]) =>
  rows
    .map((r) =>
      [
        r.name,
        r.birth_date,
        r.street_code,
        r.community,
        r.category,
        r.grade,
        t.p.crypto.decrypt(r.id_number_enc),
        r.guardians,
        r.household_id !== null,
      ].join('|'),
    )
    .sort();

let t: TestEnv;
let officer: TestUser;
let rows: Row[];
beforeAll(async () => {
  t = await createTestEnv();
  officer = await makeUser(t, ['district_officer']);
  const r = await seedPersons(t.p, { count: 500, seed: 42, batchSize: 200 });
  expect(r.persons).toBe(500);
  expect(r.guardians).toBeGreaterThan(0);
  expect(r.households).toBeGreaterThan(0);
  rows = await rowsOf(t);
});
afterAll(async () => t?.close());

describe('the synthetic district', () => {
  it('spreads over all 14 streets/town, every category and grade, with the usual mix', () => {
    expect(rows).toHaveLength(500);
    const perStreet = new Map<string, number>();
    for (const r of rows) perStreet.set(r.street_code, (perStreet.get(r.street_code) ?? 0) + 1);
    for (const s of JINGAN_STREETS) expect(perStreet.get(s.code) ?? 0, s.code).toBeGreaterThan(0);
    expect(rows.every((r) => r.community !== null)).toBe(true);
    const cats = new Map<number, number>();
    for (const r of rows) cats.set(r.category, (cats.get(r.category) ?? 0) + 1);
    expect([...cats.keys()].sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(new Set(rows.map((r) => r.grade))).toEqual(new Set([1, 2, 3, 4]));
    // Physical disability is the most common.
    expect(Math.max(...cats.values())).toBe(cats.get(4));
  });

  it('gives everyone a valid ID number and a certificate that is that ID + category + grade', () => {
    const ids = new Set<string>();
    for (const r of rows) {
      const id = t.p.crypto.decrypt(r.id_number_enc);
      expect(idNumberProblem(id), id).toBeNull();
      ids.add(id);
      const cert = parseCertificate(t.p.crypto.decrypt(r.cert_enc));
      expect(cert).toMatchObject({ idNumber: id, category: r.category, grade: r.grade });
    }
    expect(ids.size).toBe(rows.length);
  });

  it('has mixed statuses, superseded certificates, households and wheelchair owners', async () => {
    const [s] = await t.p.database.rows<Record<string, number>>(sql`
      SELECT count(*) FILTER (WHERE hukou = 'other')::int AS other_hukou,
             count(*) FILTER (WHERE living_status <> 'normal')::int AS not_normal,
             count(*) FILTER (WHERE low_income = 'dibao')::int AS dibao,
             count(*) FILTER (WHERE owns_motorised_wheelchair)::int AS wheelchairs,
             count(*) FILTER (WHERE owns_motorised_wheelchair AND category <> 4)::int AS odd_wheelchairs,
             count(*) FILTER (WHERE birth_date > now() - interval '18 years')::int AS children,
             (SELECT count(*)::int FROM certificates WHERE status = 'superseded') AS superseded,
             (SELECT count(*)::int FROM person_history WHERE action = 'certificate.add') AS reassessed,
             (SELECT count(*)::int FROM households) AS households
      FROM persons`);
    expect(s).toMatchObject({ odd_wheelchairs: 0 });
    for (const k of [
      'other_hukou',
      'not_normal',
      'dibao',
      'wheelchairs',
      'children',
      'superseded',
      'households',
    ])
      expect(s![k], k).toBeGreaterThan(0);
    expect(s!.reassessed).toBe(s!.superseded);
  });

  it('writes names exactly, including rare characters (CJK Extension B) and minority names with ·', () => {
    expect(rows.some((r) => [...r.name].some((ch) => ch.codePointAt(0)! > 0xffff))).toBe(true);
    expect(rows.some((r) => r.name.includes('·'))).toBe(true);
  });

  it('gives guardians to persons with intellectual or mental disability and to minors', () => {
    const needing = rows.filter((r) => r.category === 5 || r.category === 6);
    expect(needing.length).toBeGreaterThan(0);
    for (const r of needing) expect(r.guardians, r.id).toBeGreaterThan(0);
    const minors = rows.filter((r) => Date.parse(r.birth_date) > Date.UTC(2009, 0, 1));
    for (const r of minors) expect(r.guardians, r.id).toBeGreaterThan(0);
  });

  it('is found by the registry search: Chinese name, full pinyin, initials, ID and certificate number', async () => {
    const target = rows.find((r) => /^[\u4e00-\u9fff]{2,3}$/.test(r.name))!;
    const id = t.p.crypto.decrypt(target.id_number_enc);
    for (const q of [
      target.name,
      target.name_pinyin,
      target.name_initials,
      id,
      t.p.crypto.decrypt(target.cert_enc),
    ]) {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/persons?limit=200&q=${encodeURIComponent(q)}`,
        headers: officer.auth,
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(
        res.json().items.map((i: { id: string }) => i.id),
        q,
      ).toContain(target.id);
    }
  });

  it('adds more persons without ID collisions, even with the same seed', async () => {
    await seedPersons(t.p, { count: 200, seed: 42 });
    const [r] = await t.p.database.rows<{ n: number; ids: number }>(
      sql`SELECT count(*)::int AS n, count(DISTINCT id_number_bidx)::int AS ids FROM persons`,
    );
    expect(r).toEqual({ n: 700, ids: 700 });
  });

  it('is deterministic for a seed', async () => {
    const other = await createTestEnv();
    try {
      await seedPersons(other.p, { count: 500, seed: 42 });
      const again = await rowsOf(other);
      expect(content(other, again)).toEqual(content(t, rows));
    } finally {
      await other.close();
    }
  });
});
