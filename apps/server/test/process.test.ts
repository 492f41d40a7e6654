/** The process and the CLI as operators use them: start, settings, SIGTERM, audit verify. */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'jinglin-proc-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const baseEnv = (dataDir: string, extra: Record<string, string> = {}) => {
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    JINGLIN_DATA_DIR: dataDir,
    JINGLIN_LOG_LEVEL: 'warn',
    ...extra,
  };
  delete env.DATABASE_URL;
  if (process.env.TEST_DATABASE_URL && extra.USE_PG) env.DATABASE_URL = process.env.TEST_DATABASE_URL;
  return env;
};

const cli = (dataDir: string, args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'apps/server/src/cli.ts', ...args], {
    cwd: root,
    env: baseEnv(dataDir),
    encoding: 'utf8',
    timeout: 60_000,
  });

describe('the server process', () => {
  it('exits non-zero naming a bad setting', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
      cwd: root,
      env: baseEnv(tmp(), { PORT: 'not-a-port' }),
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/PORT/);
  });

  it('prints a generated admin password once, logs "listening on", stops cleanly on SIGTERM', async () => {
    const dataDir = tmp();
    const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
      cwd: root,
      env: baseEnv(dataDir, {
        PORT: '0',
        JINGLIN_DEMO: '0',
        JINGLIN_JT808_PORT: '0',
        JINGLIN_WATCH_PORT: '0',
      }),
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    await expect.poll(() => out, { timeout: 60_000 }).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(out).toMatch(/created user admin \(district_admin\) with password: \S{12,}/);
    const url = /listening on (\S+)/.exec(out)![1]!;
    const health = await (await fetch(`${url}/api/v1/health`)).json();
    expect(health).toMatchObject({ status: 'ok', database: 'pglite' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    // The password is printed only on the first start.
    const again = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
      cwd: root,
      env: baseEnv(dataDir, {
        PORT: '0',
        JINGLIN_DEMO: '0',
        JINGLIN_JT808_PORT: '0',
        JINGLIN_WATCH_PORT: '0',
      }),
    });
    let out2 = '';
    again.stdout.on('data', (d: Buffer) => (out2 += d.toString()));
    await expect.poll(() => out2, { timeout: 60_000 }).toMatch(/listening on/);
    expect(out2).not.toMatch(/password/);
    const exited2 = new Promise<number | null>((resolve) => again.on('exit', (code) => resolve(code)));
    again.kill('SIGTERM');
    expect(await exited2).toBe(0);
  }, 300_000);
});

describe('jinglin CLI', () => {
  it('user create, then audit verify passes, then names the first broken link after tampering', async () => {
    const dataDir = tmp();
    const created = cli(dataDir, [
      'user',
      'create',
      '--username',
      'ops_a',
      '--password',
      'Very-Strong-Pass-1',
      '--role',
      'street_officer',
      '--street',
      'beizhan',
    ]);
    expect(created.stderr).toBe('');
    expect(created.stdout).toMatch(/created user ops_a \(street_officer\)/);
    cli(dataDir, [
      'user',
      'create',
      '--username',
      'ops_b',
      '--password',
      'Very-Strong-Pass-2',
      '--role',
      'district_officer',
    ]);
    const ok = cli(dataDir, ['audit', 'verify']);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/intact: 2 rows/);

    // Tamper with row 1 as someone with direct access to the data folder would.
    const { PGlite } = await import('@electric-sql/pglite');
    const db = await PGlite.create(path.join(dataDir, 'pgdata'));
    await db.exec(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;
      UPDATE audit_log SET details = '{"roles":["district_admin"]}' WHERE seq = 1;
      ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;`);
    await db.close();
    const bad = cli(dataDir, ['audit', 'verify']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/BROKEN at row 1: row 1 was changed/);
  }, 300_000);

  it('rejects a weak password and an unknown role with a clear message', () => {
    const dataDir = tmp();
    const weak = cli(dataDir, [
      'user',
      'create',
      '--username',
      'w',
      '--password',
      '123456',
      '--role',
      'district_officer',
    ]);
    expect(weak.status).toBe(1);
    expect(weak.stderr).toMatch(/password is too simple/);
    const role = cli(dataDir, [
      'user',
      'create',
      '--username',
      'w',
      '--password',
      'Very-Strong-Pass-1',
      '--role',
      'king',
    ]);
    expect(role.status).not.toBe(0);
    expect(role.stderr).toMatch(/Allowed choices/);
  }, 300_000);
});
