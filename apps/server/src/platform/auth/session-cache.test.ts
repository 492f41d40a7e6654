import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestEnv, makeUser, type TestEnv } from '../../../test/harness.js';
import { sessions } from '../db/schema.js';
import type { Db } from '../db/client.js';
import type { SessionWithUser } from './auth.repo.js';
import {
  SESSION_CACHE_MS,
  cachedSession,
  forgetSession,
  invalidateSessions,
  rememberSession,
  sessionGeneration,
} from './session-cache.js';

const db = {} as Db;
const T0 = Date.parse('2026-11-29T01:00:00Z');
const entry = (over: { grants?: SessionWithUser['grants']; expiresAt?: number } = {}) =>
  ({
    session: { id: 's1', expiresAt: new Date(over.expiresAt ?? T0 + 3_600_000), lastSeenAt: new Date(T0) },
    user: { id: 'u1', disabled: false },
    grants: over.grants ?? null,
  }) as unknown as SessionWithUser;

describe('session cache (pure)', () => {
  it('serves a look-up for SESSION_CACHE_MS, then asks again', () => {
    const e = entry();
    rememberSession(db, 'h1', e, sessionGeneration(), T0);
    expect(cachedSession(db, 'h1', T0 + SESSION_CACHE_MS - 1)).toBe(e);
    expect(cachedSession(db, 'h1', T0 + SESSION_CACHE_MS)).toBeUndefined();
    expect(cachedSession(db, 'h1', T0 + 1), 'an expired entry is gone').toBeUndefined();
  });

  it('never serves a session past its own expiry', () => {
    rememberSession(db, 'h2', entry({ expiresAt: T0 + 10 }), sessionGeneration(), T0);
    expect(cachedSession(db, 'h2', T0 + 9)).toBeDefined();
    expect(cachedSession(db, 'h2', T0 + 10)).toBeUndefined();
  });

  it('an invalidation drops every entry, and a look-up that started before it is not kept', () => {
    rememberSession(db, 'h3', entry(), sessionGeneration(), T0);
    const started = sessionGeneration();
    invalidateSessions();
    expect(cachedSession(db, 'h3', T0 + 1)).toBeUndefined();
    rememberSession(db, 'h4', entry(), started, T0);
    expect(cachedSession(db, 'h4', T0 + 1), 'read before the change: stale').toBeUndefined();
  });

  it('does not keep a user with break-glass grants (their expiry is not in the entry)', () => {
    const grants = [{ id: 'g', streetCode: 'linfenlu', communityId: null }];
    rememberSession(db, 'h5', entry({ grants }), sessionGeneration(), T0);
    expect(cachedSession(db, 'h5', T0 + 1)).toBeUndefined();
    rememberSession(db, 'h6', entry({ grants: [] }), sessionGeneration(), T0);
    expect(cachedSession(db, 'h6', T0 + 1)).toBeDefined();
    forgetSession(db, 'h6');
    expect(cachedSession(db, 'h6', T0 + 1)).toBeUndefined();
  });
});

describe('session cache (HTTP)', () => {
  let t: TestEnv;
  beforeAll(async () => {
    t = await createTestEnv();
  });
  afterAll(async () => t.close());

  const me = (headers: Record<string, string>) => t.app.inject({ url: '/api/v1/auth/me', headers });

  it('a change through this server takes effect at once: logout ends the cached session', async () => {
    const u = await makeUser(t, ['district_officer']);
    expect((await me(u.auth)).statusCode).toBe(200); // now cached
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: u.auth });
    expect(out.statusCode).toBeLessThan(300);
    expect((await me(u.auth)).statusCode).toBe(401);
  });

  it('a change by another process (a direct database write) is seen within SESSION_CACHE_MS', async () => {
    const u = await makeUser(t, ['district_officer']);
    expect((await me(u.auth)).statusCode).toBe(200);
    await t.p.database.db.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.userId, u.id));
    // Within the bound the cached look-up may still answer; after it, never.
    await new Promise((r) => setTimeout(r, SESSION_CACHE_MS + 50));
    expect((await me(u.auth)).statusCode).toBe(401);
  });
});
