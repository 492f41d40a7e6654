import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestEnv, makeUser, PASSWORD, type TestEnv } from '../../../test/harness.js';
import { systemActor } from '../access/actor.js';
import { totpNow } from './totp.js';
import { putSecuritySettings } from '../settings/settings.service.js';
import { DEFAULT_SECURITY, SECURITY_CACHE_MS, cachedSecuritySettings } from '../settings/settings.service.js';
import { sessions, settings } from '../db/schema.js';
import { auditLog } from '../db/schema.js';
import { invalidateSessions } from './session-cache.js';

let t: TestEnv;
beforeAll(async () => {
  t = await createTestEnv();
});
afterAll(async () => t.close());

const login = (payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload, headers });

function cookiesOf(res: { cookies: { name: string; value: string }[] }) {
  return Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));
}

describe('staff sign-in', () => {
  it('signs in with the right password: token, user, HttpOnly session cookie and CSRF cookie', async () => {
    const u = await makeUser(t, ['district_officer']);
    const res = await login({ username: u.username, password: PASSWORD });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.token).toMatch(/^[\w-]{40,}$/);
    expect(body.user).toMatchObject({ id: u.id, username: u.username, roles: ['district_officer'] });
    const setCookie = [res.headers['set-cookie']].flat().join('\n');
    expect(setCookie).toMatch(/jinglin_session=[^;]+;.*HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/jinglin_csrf=/);
    // The bearer token works on the API.
    const me = await t.app.inject({
      url: '/api/v1/auth/me',
      headers: { authorization: `Bearer ${body.token}` },
    });
    expect(me.json().id).toBe(u.id);
  });

  it('answers an unknown user and a wrong password the same way, in Chinese by default and English on request', async () => {
    const u = await makeUser(t, ['district_officer']);
    const wrong = await login({ username: u.username, password: 'not-the-password-1' });
    const unknown = await login({ username: 'nobody_here_at_all', password: 'not-the-password-1' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });
    expect(strip(wrong.json())).toEqual(strip(unknown.json()));
    expect(wrong.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(wrong.json()).toMatchObject({
      code: 'invalid_credentials',
      status: 401,
      detail: '用户名或密码不正确。',
    });
    const en = await login({ username: u.username, password: 'x' }, { 'accept-language': 'en-US,en;q=0.9' });
    expect(en.json().detail).toBe('The user name or password is not correct.');
  });

  it('locks an account after repeated failures (429), for unknown names too, and audits it', async () => {
    const u = await makeUser(t, ['street_officer'], { streetCode: 'beizhan' });
    for (let i = 0; i < DEFAULT_SECURITY.lockoutThreshold; i++) {
      expect((await login({ username: u.username, password: `wrong-password-${i}` })).statusCode).toBe(401);
    }
    const locked = await login({ username: u.username, password: PASSWORD });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('account_locked');
    for (let i = 0; i < DEFAULT_SECURITY.lockoutThreshold; i++)
      await login({ username: 'ghost_user', password: 'wrong-password' });
    expect((await login({ username: 'ghost_user', password: 'wrong-password' })).json().code).toBe(
      'account_locked',
    );
    const rows = await t.p.database.db.select().from(auditLog).where(eq(auditLog.objectId, u.id));
    expect(rows.filter((r) => r.action === 'auth.login' && r.result === 'failure').length).toBe(
      DEFAULT_SECURITY.lockoutThreshold,
    );
    // The administrator can lift the lock.
    const admin = await makeUser(t, ['district_admin']);
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/v1/users/${u.id}/unlock`, headers: admin.auth }))
        .statusCode,
    ).toBe(200);
    expect((await login({ username: u.username, password: PASSWORD })).statusCode).toBe(200);
  });

  it('throttles one IP address after many failures across accounts', async () => {
    const headers = {};
    let last = 0;
    for (let i = 0; i < 31; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: `spray_${i}`, password: 'wrong-password' },
        remoteAddress: '10.9.9.9',
        headers,
      });
      last = res.statusCode;
    }
    expect(last).toBe(429);
    // Another address is not affected.
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'spray_0', password: 'wrong-password' },
      remoteAddress: '10.9.9.10',
    });
    expect(other.statusCode).toBe(401);
  });

  it('logout ends the session at once: its token and its cookie stop working', async () => {
    const u = await makeUser(t, ['district_officer']);
    const res = await login({ username: u.username, password: PASSWORD });
    const { token } = res.json();
    const cookies = cookiesOf(res);
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(out.statusCode).toBe(200);
    expect(
      (await t.app.inject({ url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } }))
        .statusCode,
    ).toBe(401);
    expect(
      (await t.app.inject({ url: '/api/v1/auth/me', cookies: { jinglin_session: cookies.jinglin_session! } }))
        .statusCode,
    ).toBe(401);
    // Another session of the same user still works.
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: u.auth })).statusCode).toBe(200);
  });

  it('cookie sessions need the CSRF token and a same-origin Origin for writes', async () => {
    const u = await makeUser(t, ['district_officer']);
    const res = await login({ username: u.username, password: PASSWORD });
    const c = cookiesOf(res);
    const cookies = { jinglin_session: c.jinglin_session!, jinglin_csrf: c.jinglin_csrf! };
    const url = '/api/v1/auth/me/preferences';
    expect((await t.app.inject({ url: '/api/v1/auth/me', cookies })).statusCode).toBe(200);
    const noToken = await t.app.inject({ method: 'PATCH', url, cookies, payload: { careMode: true } });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().code).toBe('csrf_failed');
    const badOrigin = await t.app.inject({
      method: 'PATCH',
      url,
      cookies,
      payload: { careMode: true },
      headers: { 'x-csrf-token': c.jinglin_csrf!, origin: 'https://evil.example' },
    });
    expect(badOrigin.statusCode).toBe(403);
    const ok = await t.app.inject({
      method: 'PATCH',
      url,
      cookies,
      payload: { careMode: true },
      headers: { 'x-csrf-token': c.jinglin_csrf!, origin: 'http://localhost:3000' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().preferences.careMode).toBe(true);
    // Care mode persists per user.
    expect(
      (await t.app.inject({ url: '/api/v1/auth/me', headers: u.auth })).json().preferences.careMode,
    ).toBe(true);
  });

  it('expires an idle session', async () => {
    const u = await makeUser(t, ['district_officer']);
    await t.p.database.db
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - (DEFAULT_SECURITY.idleTimeoutMinutes + 1) * 60_000) })
      .where(eq(sessions.userId, u.id));
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: u.auth })).statusCode).toBe(401);
  });

  it('a background poll (X-Jinglin-Background: 1) does not keep an idle session alive; a request of the user does', async () => {
    const u = await makeUser(t, ['district_officer']);
    const lastSeen = async () =>
      (
        await t.p.database.db.select().from(sessions).where(eq(sessions.userId, u.id))
      )[0]!.lastSeenAt.getTime();
    // Writing last_seen_at stands for minutes passing, so the session cache (≤ 1 s) is stale too.
    const idleFor = async (minutes: number) => {
      await t.p.database.db
        .update(sessions)
        .set({ lastSeenAt: new Date(Date.now() - minutes * 60_000) })
        .where(eq(sessions.userId, u.id));
      invalidateSessions();
    };
    const me = (headers: Record<string, string> = {}) =>
      t.app.inject({ url: '/api/v1/auth/me', headers: { ...u.auth, ...headers } });
    await idleFor(DEFAULT_SECURITY.idleTimeoutMinutes - 1);
    const before = await lastSeen();
    expect((await me({ 'x-jinglin-background': '1' })).statusCode).toBe(200);
    expect(await lastSeen(), 'a poll leaves the idle clock alone').toBe(before);
    expect((await me()).statusCode).toBe(200);
    expect(await lastSeen(), 'the user’s own request restarts it').toBeGreaterThan(before + 60_000);
    // A session idle too long is ended for a poll as for anything else.
    await idleFor(DEFAULT_SECURITY.idleTimeoutMinutes + 1);
    expect((await me({ 'x-jinglin-background': '1' })).statusCode).toBe(401);
  });

  it('disabling a user or changing their roles ends their sessions at once', async () => {
    const admin = await makeUser(t, ['district_admin']);
    const a = await makeUser(t, ['district_officer']);
    const b = await makeUser(t, ['district_officer']);
    const get = async (id: string) =>
      (await t.app.inject({ url: `/api/v1/users/${id}`, headers: admin.auth })).json();
    const va = (await get(a.id)).version;
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${a.id}`,
      headers: { ...admin.auth, 'if-match': String(va) },
      payload: { disabled: true },
    });
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: a.auth })).statusCode).toBe(401);
    expect((await login({ username: a.username, password: PASSWORD })).statusCode).toBe(401);
    const vb = (await get(b.id)).version;
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${b.id}`,
      headers: { ...admin.auth, 'if-match': `"${vb}"` },
      payload: { roles: ['street_officer'], streetCode: 'beizhan' },
    });
    expect(patched.statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: b.auth })).statusCode).toBe(401);
  });
});

describe('TOTP second factor', () => {
  it('enrols, then requires the code at sign-in, rejects a wrong or replayed code', async () => {
    const u = await makeUser(t, ['district_officer']);
    const setup = await t.app.inject({ method: 'POST', url: '/api/v1/auth/totp/setup', headers: u.auth });
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUrl } = setup.json();
    expect(otpauthUrl).toContain('otpauth://totp/');
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/totp/enable',
      headers: u.auth,
      payload: { code: '000000' },
    });
    expect(bad.statusCode).toBe(401);
    const code = totpNow(secret);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/totp/enable',
      headers: u.auth,
      payload: { code },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().totpEnabled).toBe(true);

    const noCode = await login({ username: u.username, password: PASSWORD });
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().code).toBe('totp_required');
    const wrong = await login({
      username: u.username,
      password: PASSWORD,
      totp: code === '123456' ? '654321' : '123456',
    });
    expect(wrong.json().code).toBe('totp_invalid');
    // The code used for enrolment can't be replayed.
    const replay = await login({ username: u.username, password: PASSWORD, totp: code });
    expect(replay.json().code).toBe('totp_invalid');
  });

  it('a role that requires TOTP gets an enrolment-only session until the factor is set up', async () => {
    await putSecuritySettings(t.p.database.db, {
      ...DEFAULT_SECURITY,
      totpRequiredRoles: ['district_admin'],
    });
    try {
      const username = 'totp_required_admin';
      await t.services.users.create(systemActor(), {
        username,
        password: PASSWORD,
        roles: ['district_admin'],
      });
      const res = await login({ username, password: PASSWORD });
      expect(res.statusCode).toBe(200);
      expect(res.json().user.mustEnrollTotp).toBe(true);
      const auth = { authorization: `Bearer ${res.json().token}` };
      const blocked = await t.app.inject({ url: '/api/v1/users', headers: auth });
      expect(blocked.statusCode).toBe(403);
      expect(blocked.json().code).toBe('totp_not_enrolled');
      const { secret } = (
        await t.app.inject({ method: 'POST', url: '/api/v1/auth/totp/setup', headers: auth })
      ).json();
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/totp/enable',
        headers: auth,
        payload: { code: totpNow(secret) },
      });
      expect((await t.app.inject({ url: '/api/v1/users', headers: auth })).statusCode).toBe(200);
    } finally {
      await putSecuritySettings(t.p.database.db, DEFAULT_SECURITY);
    }
  });
});

describe('residents and guardians: phone + one-time code', () => {
  it('sends a code through the notification channel and signs in with it', async () => {
    const admin = await makeUser(t, ['district_admin']);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.auth,
      payload: { username: 'resident_otp_1', roles: ['resident'], phone: '１７０ ０００１ ２３４５' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().user.phone).toBe('170****2345');
    const req = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/otp/request',
      payload: { phone: '17000012345' },
    });
    expect(req.statusCode).toBe(202);
    const msg = t.sent.find((m) => m.template === 'login_code' && m.address === '17000012345');
    expect(msg).toBeDefined();
    const code = String(msg!.payload.code);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/otp/verify',
      payload: { phone: '17000012345', code: code === '000000' ? '111111' : '000000' },
    });
    expect(wrong.statusCode).toBe(401);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/otp/verify',
      payload: { phone: '17000012345', code },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.roles).toEqual(['resident']);
    // A code works once.
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/otp/verify',
          payload: { phone: '17000012345', code },
        })
      ).statusCode,
    ).toBe(401);
  });

  it('answers an unknown phone number like a known one and sends nothing', async () => {
    const before = t.sent.length;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/otp/request',
      payload: { phone: '17099999999' },
    });
    expect(res.statusCode).toBe(202);
    expect(t.sent.length).toBe(before);
  });

  it('rejects a malformed phone number with a field error', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/otp/request',
      payload: { phone: '12345' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('phone');
  });
});

describe('per-request authentication', () => {
  it('caches the security settings: a change through the API applies at once, one made elsewhere within the TTL', async () => {
    const admin = await makeUser(t, ['district_admin']);
    const u = await makeUser(t, ['district_officer']);
    const db = t.p.database.db;
    const idleFor = (minutes: number) =>
      db
        .update(sessions)
        .set({ lastSeenAt: new Date(Date.now() - minutes * 60_000) })
        .where(eq(sessions.userId, u.id));
    const me = async () => (await t.app.inject({ url: '/api/v1/auth/me', headers: u.auth })).statusCode;
    const put = (idleTimeoutMinutes: number) =>
      t.app.inject({
        method: 'PUT',
        url: '/api/v1/settings/security',
        headers: admin.auth,
        payload: { ...DEFAULT_SECURITY, idleTimeoutMinutes },
      });
    try {
      await idleFor(10);
      expect(await me()).toBe(200); // cached now: 30 minutes
      expect((await put(5)).statusCode).toBe(200);
      await idleFor(10);
      expect(await me()).toBe(401); // this process's own change is seen by the very next request

      // Another process writes the table directly: the cached value holds until the TTL has passed.
      expect((await put(30)).statusCode).toBe(200);
      expect((await cachedSecuritySettings(db)).idleTimeoutMinutes).toBe(30);
      await db
        .update(settings)
        .set({ value: { ...DEFAULT_SECURITY, idleTimeoutMinutes: 7 } })
        .where(eq(settings.key, 'security'));
      expect((await cachedSecuritySettings(db)).idleTimeoutMinutes).toBe(30);
      const later = Date.now() + SECURITY_CACHE_MS + 1;
      expect((await cachedSecuritySettings(db, later)).idleTimeoutMinutes).toBe(7);
    } finally {
      await putSecuritySettings(db, DEFAULT_SECURITY);
    }
    expect((await cachedSecuritySettings(db)).idleTimeoutMinutes).toBe(DEFAULT_SECURITY.idleTimeoutMinutes);
  });

  it('touches a session at most once a minute', async () => {
    const u = await makeUser(t, ['district_officer']);
    const db = t.p.database.db;
    const seen = async () =>
      (await db.select().from(sessions).where(eq(sessions.userId, u.id)))[0]!.lastSeenAt.getTime();
    // Writing last_seen_at stands for time passing, so the session cache (≤ 1 s) is dropped too.
    const recent = new Date(Date.now() - 30_000);
    await db.update(sessions).set({ lastSeenAt: recent }).where(eq(sessions.userId, u.id));
    invalidateSessions();
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: u.auth })).statusCode).toBe(200);
    expect(await seen()).toBe(recent.getTime());
    const older = new Date(Date.now() - 5 * 60_000);
    await db.update(sessions).set({ lastSeenAt: older }).where(eq(sessions.userId, u.id));
    invalidateSessions();
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: u.auth })).statusCode).toBe(200);
    expect(await seen()).toBeGreaterThan(Date.now() - 60_000);
  });
});
