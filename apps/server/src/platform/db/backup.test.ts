/** A restore brings every table back, row for row, on the database this suite runs on. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestEnv, freshDatabase, makeUser, type TestEnv } from '../../../test/harness.js';
import { appTables, type Database } from './client.js';
import { backup, restore } from './backup.js';
import { verifyAudit } from '../audit/audit.service.js';

let t: TestEnv;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jinglin-backup-'));
beforeAll(async () => {
  t = await createTestEnv();
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function snapshot(database: Database): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of await appTables(database)) {
    const rows = await database.rows<{ r: string }>(
      sql`SELECT to_jsonb(x)::text AS r FROM ${sql.raw(`"${table}"`)} x`,
    );
    out[table] = rows.map((r) => r.r).sort();
  }
  return out;
}

describe('backup and restore', () => {
  it('restores every table exactly, and the audit chain still verifies', async () => {
    const admin = await makeUser(t, ['district_admin']);
    await makeUser(t, ['resident']);
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.auth,
      payload: {
        username: '备份测试_user'.replace(/[^\w]/g, 'x'),
        password: 'Strong-Passw0rd-xyz',
        roles: ['street_officer'],
        streetCode: 'daninglu',
        displayName: '阿依古丽·买买提 𠀀',
      },
    });
    await t.p.jobs.enqueue(t.p.database.db, 'test.nothing', { a: [1, 2, { b: 'c' }] });
    const before = await snapshot(t.p.database);
    expect(Object.keys(before).length).toBeGreaterThanOrEqual(13);
    for (const table of [
      'users',
      'sessions',
      'audit_log',
      'communities',
      'streets',
      'jobs',
      'notifications',
      'otp_codes',
    ])
      expect(before[table]!.length, table).toBeGreaterThan(0);

    const file = path.join(dir, 'b.jsonl.gz');
    const written = await backup(t.p.database, file);
    expect(written.rows).toBe(Object.values(before).reduce((n, rows) => n + rows.length, 0));

    const target = await freshDatabase();
    try {
      await target.database.exec(`CREATE TABLE leftover (x int)`);
      const restored = await restore(target.database, file);
      expect(restored.rows).toBe(written.rows);
      const after = await snapshot(target.database);
      expect(after).toEqual(before);
      expect(await verifyAudit(target.database)).toMatchObject({ ok: true });
      // Serial columns continue after the restored rows: a new audit row links to the chain.
      await target.database.exec(`INSERT INTO login_failures (key) VALUES ('ip:test')`);
    } finally {
      await target.database.close();
      await target.drop();
    }
  });

  it('refuses a file that is not a Jinglin backup', async () => {
    const file = path.join(dir, 'bad.gz');
    fs.writeFileSync(file, (await import('node:zlib')).gzipSync('{"format":"other"}\n'));
    const target = await freshDatabase();
    try {
      await expect(restore(target.database, file)).rejects.toThrow(/not a Jinglin backup/);
    } finally {
      await target.database.close();
      await target.drop();
    }
  });
});

describe('a table that points at itself', () => {
  it('is written parents first, even when a child row was stored before its new parent', async () => {
    const db = t.p.database.db;
    // A (corps), S (sub-team of A), B (corps); S moves under B, then B is edited — in storage
    // order S now comes before B, its parent.
    const [a, s, b] = [
      '0190a000-0000-7000-8000-00000000000a',
      '0190a000-0000-7000-8000-00000000000b',
      '0190a000-0000-7000-8000-00000000000c',
    ];
    await db.execute(
      sql`INSERT INTO care_organisations (id, kind, name) VALUES (${a}, 'corps', '总队甲'), (${b}, 'corps', '总队乙')`,
    );
    await db.execute(
      sql`INSERT INTO care_organisations (id, kind, name, parent_id) VALUES (${s}, 'sub_team', '分队', ${a})`,
    );
    await db.execute(sql`UPDATE care_organisations SET parent_id = ${b} WHERE id = ${s}`);
    await db.execute(sql`UPDATE care_organisations SET name = '总队乙（改）' WHERE id = ${b}`);
    const file = path.join(dir, 'self.jsonl.gz');
    await backup(t.p.database, file);
    const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').trim().split('\n').slice(1);
    const order = lines
      .map((l) => JSON.parse(l) as { t: string; r: { id: string; parent_id: string | null } })
      .filter((x) => x.t === 'care_organisations')
      .map((x) => x.r);
    const at = (id: string) => order.findIndex((r) => r.id === id);
    for (const r of order)
      if (r.parent_id) expect(at(r.parent_id), `${r.id} after its parent`).toBeLessThan(at(r.id));
    expect(at(b)).toBeLessThan(at(s));
  });
});
