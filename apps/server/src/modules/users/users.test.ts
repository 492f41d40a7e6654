import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestEnv, makeUser, type TestEnv, type TestUser } from '../../../test/harness.js';
import { users } from '../../platform/db/schema.js';

let t: TestEnv;
let admin: TestUser;
beforeAll(async () => {
  t = await createTestEnv();
  admin = await makeUser(t, ['district_admin']);
});
afterAll(async () => t.close());

const post = (payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/users',
    headers: { ...admin.auth, ...headers },
    payload: payload as object,
  });

describe('users API', () => {
  it('creates a street officer; the street is required for that role', async () => {
    const missing = await post({
      username: 'street_no_area',
      password: 'Strong-Passw0rd-xyz',
      roles: ['street_officer'],
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([
      expect.objectContaining({ path: 'streetCode', code: 'required' }),
    ]);
    const ok = await post({
      username: 'street_ok',
      password: 'Strong-Passw0rd-xyz',
      roles: ['street_officer'],
      streetCode: 'jingansi',
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().user).toMatchObject({ username: 'street_ok', streetCode: 'jingansi', version: 1 });
  });

  it('rejects bad input with per-field errors and writes nothing', async () => {
    const before = await t.p.database.db.select({ n: sql<number>`count(*)::int` }).from(users);
    const res = await post(
      { username: 'x', password: 'short', roles: ['no_such_role'], extra: 1 },
      { 'accept-language': 'en' },
    );
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('validation_failed');
    expect(body.detail).toBe('Some of the information is not valid. Please correct it.');
    const paths = body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['username', 'roles.0', 'extra']));
    for (const e of body.errors) expect(e.message).toBeTruthy();
    const weak = await post({
      username: 'weak_pw_user',
      password: 'password123',
      roles: ['district_officer'],
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({
      code: 'password_too_weak',
      errors: [{ path: 'password', code: 'common' }],
    });
    expect(weak.json().errors[0].message).toMatch(/密码/);
    const after = await t.p.database.db.select({ n: sql<number>`count(*)::int` }).from(users);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('rejects a duplicate user name (case-insensitive) with 409', async () => {
    await post({ username: 'Dup_Name', password: 'Strong-Passw0rd-xyz', roles: ['district_officer'] });
    const dup = await post({
      username: 'dup_name',
      password: 'Strong-Passw0rd-xyz',
      roles: ['district_officer'],
    });
    expect(dup.statusCode).toBe(409);
  });

  it('updates need If-Match: 428 without it, 412 on a stale version, nothing lost', async () => {
    const created = (
      await post({ username: 'versioned', password: 'Strong-Passw0rd-xyz', roles: ['district_officer'] })
    ).json().user;
    const url = `/api/v1/users/${created.id}`;
    const none = await t.app.inject({
      method: 'PATCH',
      url,
      headers: admin.auth,
      payload: { displayName: 'A' },
    });
    expect(none.statusCode).toBe(428);
    const first = await t.app.inject({
      method: 'PATCH',
      url,
      headers: { ...admin.auth, 'if-match': '1' },
      payload: { displayName: '张三' },
    });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(2);
    expect(first.headers.etag).toBe('"2"');
    const stale = await t.app.inject({
      method: 'PATCH',
      url,
      headers: { ...admin.auth, 'if-match': '1' },
      payload: { displayName: '李四' },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().code).toBe('version_mismatch');
    const [row] = await t.p.database.db.select().from(users).where(eq(users.id, created.id));
    expect(row!.displayName).toBe('张三');
  });

  it('keeps names exactly as given, including rare characters and the middle dot', async () => {
    const name = '阿依古丽·买买提 𠀀𪚥';
    const res = await post({
      username: 'minority_name',
      password: 'Strong-Passw0rd-xyz',
      roles: ['district_officer'],
      displayName: name,
    });
    expect(res.json().user.displayName).toBe(name);
  });

  it('stores phone numbers encrypted with a blind index; the API shows them masked', async () => {
    const res = await post({ username: 'resident_phone', roles: ['resident'], phone: '17012345678' });
    expect(res.statusCode).toBe(201);
    expect(res.json().user.phone).toBe('170****5678');
    const [row] = await t.p.database.db.select().from(users).where(eq(users.username, 'resident_phone'));
    expect(row!.phoneEnc).toBeInstanceOf(Buffer);
    expect(row!.phoneEnc!.toString('latin1')).not.toContain('17012345678');
    expect(row!.phoneBidx).not.toContain('17012345678');
    const raw = await t.p.database.rows<{ t: string }>(
      sql`SELECT row_to_json(u)::text AS t FROM users u WHERE username = 'resident_phone'`,
    );
    expect(raw[0]!.t).not.toContain('17012345678');
  });

  it('a generated password is returned once when none is given', async () => {
    const res = await post({ username: 'gen_pw', roles: ['district_officer'] });
    expect(res.statusCode).toBe(201);
    expect(res.json().generatedPassword).toMatch(/^[\w-]{16}$/);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'gen_pw', password: res.json().generatedPassword },
    });
    expect(login.statusCode).toBe(200);
  });
});
