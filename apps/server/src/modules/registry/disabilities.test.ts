/** Category 7 (多重残疾): the constituent disabilities on a certificate, checked on every way in. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, makeUser, type TestEnv, type TestUser } from '../../../test/harness.js';
import { personBody } from '../../../test/factories.js';

let t: TestEnv;
let officer: TestUser;
beforeAll(async () => {
  t = await createTestEnv();
  officer = await makeUser(t, ['street_officer'], { streetCode: 'linfenlu' });
});
afterAll(async () => t.close());

async function person(): Promise<{ id: string; idNumber: string }> {
  const body = personBody({ certificate: undefined });
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/persons',
    headers: officer.auth,
    payload: body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.json().id, idNumber: body.idNumber as string };
}

const addCert = (id: string, payload: Record<string, unknown>) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/persons/${id}/certificates`,
    headers: officer.auth,
    payload: { issuedAt: '2025-06-01', ...payload },
  });

describe('multiple disabilities', () => {
  it('refuses a list that breaks the rules, with a field error on disabilities', async () => {
    const p = await person();
    const cases: [string, { category: number; grade: number }[], string][] = [
      ['71', [{ category: 4, grade: 1 }], 'disabilities_too_few'],
      [
        '71',
        [
          { category: 4, grade: 1 },
          { category: 4, grade: 2 },
        ],
        'disabilities_repeated',
      ],
      [
        '72',
        [
          { category: 1, grade: 1 },
          { category: 4, grade: 3 },
        ],
        'disabilities_grade_mismatch',
      ],
      [
        '41',
        [
          { category: 1, grade: 1 },
          { category: 4, grade: 3 },
        ],
        'disabilities_only_multiple',
      ],
    ];
    for (const [suffix, disabilities, code] of cases) {
      const res = await addCert(p.id, { number: `${p.idNumber}${suffix}`, disabilities });
      expect(res.statusCode, `${suffix} ${code}`).toBe(400);
      expect(res.json().errors).toEqual([expect.objectContaining({ path: 'disabilities', code })]);
      // The message is in the request's language (zh-CN by default), not the bare code.
      expect(res.json().errors[0].message).not.toBe(code);
    }
    const certs = (
      await t.app.inject({ url: `/api/v1/persons/${p.id}/certificates`, headers: officer.auth })
    ).json().items;
    expect(certs).toEqual([]);
  });

  it('keeps a valid list, and still accepts category 7 without one (imports, older records)', async () => {
    const p = await person();
    const ok = await addCert(p.id, {
      number: `${p.idNumber}72`,
      disabilities: [
        { category: 2, grade: 3 },
        { category: 3, grade: 2 },
      ],
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({
      category: 7,
      grade: 2,
      disabilities: [{ category: 2 }, { category: 3 }],
    });
    const bare = await addCert(p.id, { number: `${p.idNumber}73` });
    expect(bare.statusCode, bare.body).toBe(201);
  });

  it('applies the same rule when a person is registered with a certificate', async () => {
    const body = personBody();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/persons',
      headers: { ...officer.auth, 'accept-language': 'en' },
      payload: {
        ...body,
        certificate: {
          number: `${body.idNumber}71`,
          issuedAt: '2020-05-01',
          disabilities: [{ category: 6, grade: 1 }],
        },
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      expect.objectContaining({
        path: 'certificate.disabilities',
        code: 'disabilities_too_few',
        message: 'A multiple disability needs at least two disabilities.',
      }),
    ]);
  });
});
