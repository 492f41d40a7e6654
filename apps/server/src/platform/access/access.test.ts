/**
 * The role × route matrix, generated from the route table: every /api route declares its access;
 * every non-public route refuses anonymous callers; every role without the route's permission is
 * refused (403, or 404 on single-record routes) and every role with it gets through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import { ROLES, ROLE_PERMISSIONS, type Permission, type Role } from '@jinglin/shared';
import { createTestEnv, makeUser, communityOf, type TestEnv, type TestUser } from '../../../test/harness.js';
import accessPlugin from '../http/access.plugin.js';
import type { AuthService } from '../auth/auth.service.js';

let t: TestEnv;
const users = new Map<Role, TestUser>();

beforeAll(async () => {
  t = await createTestEnv();
  const community = await communityOf(t, 'linfenlu');
  for (const role of ROLES) {
    const area =
      role === 'street_officer'
        ? { streetCode: 'linfenlu' }
        : role === 'community_worker'
          ? { communityId: community }
          : {};
    users.set(role, await makeUser(t, [role], area));
  }
});
afterAll(async () => t.close());

const FAKE_ID = '01900000-0000-7000-8000-000000000000';
const urlOf = (pattern: string) => pattern.replace(':id', FAKE_ID).replace(':code', 'zz_unknown');

describe('route table', () => {
  it('lists every /api route with a declared access, and has the platform routes', () => {
    expect(t.routes.length).toBeGreaterThan(20);
    for (const r of t.routes) expect(r.access, `${r.method} ${r.url}`).toBeTruthy();
    const urls = t.routes.map((r) => `${r.method} ${r.url}`);
    expect(urls).toContain('POST /api/v1/auth/login');
    expect(urls).toContain('GET /api/v1/audit');
    expect(urls).toContain('GET /api/v1/jobs/:id');
  });

  it('refuses to register an /api route that declares no permission', async () => {
    const app = Fastify();
    await app.register(cookie);
    await app.register(accessPlugin, {
      auth: {} as AuthService,
      db: t.p.database.db,
      origins: [],
      routes: [],
    });
    expect(() => app.get('/api/v1/oops', async () => 'x')).toThrow(/declares no access permission/);
    await app.close();
  });
});

describe('role × route matrix', () => {
  it('anonymous callers get 401 on every non-public route', async () => {
    for (const r of t.routes.filter((x) => x.access !== 'public')) {
      const res = await t.app.inject({
        method: r.method as 'GET',
        url: urlOf(r.url),
        payload: r.method === 'GET' ? undefined : {},
      });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
  });

  it('each role reaches exactly the routes its permissions allow', async () => {
    const permissionRoutes = t.routes.filter(
      (x) => !['public', 'authenticated', 'enrolment'].includes(x.access),
    );
    for (const role of ROLES) {
      const u = users.get(role)!;
      for (const r of permissionRoutes) {
        const allowed = ROLE_PERMISSIONS[role].includes(r.access as Permission);
        const res = await t.app.inject({
          method: r.method as 'GET',
          url: urlOf(r.url),
          headers: u.auth,
          payload: r.method === 'GET' ? undefined : {},
        });
        const label = `${role} ${r.method} ${r.url} → ${res.statusCode} ${res.body.slice(0, 120)}`;
        if (!allowed) {
          expect([403, 404], label).toContain(res.statusCode);
          expect(res.json().code, label).toBe(r.recordRoute ? 'not_found' : 'forbidden');
        } else {
          expect(res.statusCode, label).not.toBe(401);
          if (String(res.headers['content-type']).includes('json'))
            expect(res.json().code, label).not.toBe('forbidden');
          if (r.method === 'GET' && !r.url.includes(':')) expect(res.statusCode, label).toBe(200);
        }
      }
    }
  });

  it('separation of duties: the administrator cannot read audit records, the auditor cannot change data', async () => {
    const admin = users.get('district_admin')!;
    const auditor = users.get('auditor')!;
    expect((await t.app.inject({ url: '/api/v1/audit', headers: admin.auth })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/audit', headers: auditor.auth })).statusCode).toBe(200);
    const create = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: auditor.auth,
      payload: {
        username: 'auditor_made_this',
        password: 'Strong-Passw0rd-xyz',
        roles: ['district_officer'],
      },
    });
    expect(create.statusCode).toBe(403);
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: '/api/v1/settings/security',
          headers: auditor.auth,
          payload: {},
        })
      ).statusCode,
    ).toBe(403);
  });

  it('nobody can grant a role they do not hold; the administrator cannot make an auditor who is also an administrator', async () => {
    const admin = users.get('district_admin')!;
    const both = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.auth,
      payload: {
        username: 'two_hats',
        password: 'Strong-Passw0rd-xyz',
        roles: ['district_admin', 'auditor'],
      },
    });
    expect(both.statusCode).toBe(403);
    expect(both.json().code).toBe('role_not_grantable');
    const me = await t.app.inject({ url: `/api/v1/users/${admin.id}`, headers: admin.auth });
    const self = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${admin.id}`,
      headers: { ...admin.auth, 'if-match': String(me.json().version) },
      payload: { roles: ['district_admin', 'district_officer'] },
    });
    expect(self.statusCode).toBe(403);
  });
});
