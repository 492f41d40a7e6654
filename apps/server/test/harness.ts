/**
 * Per-test-file harness: a fresh copy of the migrated golden database, the platform and the HTTP
 * app on it, and factories that make fresh data per test. Requests go through `app.inject()`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { Role } from '@jinglin/shared';
import { loadConfig, type Config } from '../src/config.js';
import { openDatabase, type Database } from '../src/platform/db/client.js';
import { createPlatform, type Platform } from '../src/platform/platform.js';
import { createLogger } from '../src/platform/logger.js';
import { buildApp, type App } from '../src/app.js';
import { systemActor } from '../src/platform/access/actor.js';
import { newId } from '../src/platform/ids.js';
import type { ChannelAdapter, OutgoingMessage } from '../src/platform/notify/notify.service.js';

export interface TestEnv extends App {
  p: Platform;
  config: Config;
  sent: OutgoingMessage[];
  close(): Promise<void>;
}

let counter = 0;

/** A database copy for this test file: a PGlite from the golden tarball, or a PostgreSQL database from the template. */
export async function freshDatabase(): Promise<{
  database: Database;
  url: string | undefined;
  drop(): Promise<void>;
}> {
  const template = inject('pgTemplate');
  const base = process.env.TEST_DATABASE_URL;
  if (template && base) {
    const name = `jt_${process.ppid}_${process.pid}_${counter++}_${Date.now() % 100000}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    await admin.end();
    const u = new URL(base);
    u.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: u.toString(), poolSize: 5 });
    return {
      database,
      url: u.toString(),
      drop: async () => {
        const c = new pg.Client({ connectionString: base });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const tar = fs.readFileSync(inject('goldenTar'));
  const database = await openDatabase({ pgliteDir: 'memory://', loadDataDir: new Blob([tar]) });
  return { database, url: undefined, drop: async () => undefined };
}

export async function createTestEnv(env: Record<string, string> = {}): Promise<TestEnv> {
  const { database, url, drop } = await freshDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jinglin-test-'));
  const config = loadConfig({
    JINGLIN_DATA_DIR: dataDir,
    JINGLIN_LOG_LEVEL: 'silent',
    JINGLIN_DEMO: '0',
    ...(url ? { DATABASE_URL: url } : {}),
    ...env,
  });
  const sent: OutgoingMessage[] = [];
  const channel: ChannelAdapter = { name: 'test', send: async (m) => void sent.push(m) };
  const p = createPlatform(config, database, createLogger('silent'), { channel });
  const built = await buildApp(p, { serveWeb: false });
  await database.db.transaction(async (tx) => {
    await built.services.areas.ensureStreets(tx);
    await built.services.areas.ensureDemoCommunities(tx);
  });
  return {
    ...built,
    p,
    config,
    sent,
    close: async () => {
      await built.app.close();
      await p.jobs.stop();
      await database.close();
      await drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const PASSWORD = 'Correct-Horse-Battery-9';

export interface TestUser {
  id: string;
  username: string;
  token: string;
  roles: Role[];
  auth: { authorization: string };
}

/** A fresh user with the given roles (and area), signed in. */
export async function makeUser(
  t: TestEnv,
  roles: Role[],
  area: { streetCode?: string; communityId?: string; phone?: string } = {},
): Promise<TestUser> {
  const username = `u_${newId().slice(-12).replace(/-/g, '')}`;
  const residentOnly = roles.every((r) => r === 'resident' || r === 'guardian');
  if (residentOnly) {
    const { phone: given, ...place } = area;
    const phone = given ?? `170${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const { user } = await t.services.users.create(systemActor(), { username, roles, phone, ...place });
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/otp/request', payload: { phone } });
    const code = t.sent.filter((m) => m.address === phone).at(-1)?.payload.code;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/otp/verify',
      payload: { phone, code },
    });
    if (res.statusCode !== 200) throw new Error(`resident login failed for test user: ${res.body}`);
    const token = res.json().token as string;
    return { id: user.id, username, token, roles, auth: { authorization: `Bearer ${token}` } };
  }
  const { user } = await t.services.users.create(systemActor(), {
    username,
    password: PASSWORD,
    roles,
    ...area,
  });
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: PASSWORD },
  });
  if (res.statusCode !== 200) throw new Error(`login failed for test user: ${res.body}`);
  const token = res.json().token as string;
  return { id: user.id, username, token, roles, auth: { authorization: `Bearer ${token}` } };
}

export async function communityOf(t: TestEnv, streetCode: string): Promise<string> {
  const areas = await t.services.areas.list(systemActor());
  return areas.items.find((s) => s.code === streetCode)!.communities[0]!.id;
}
