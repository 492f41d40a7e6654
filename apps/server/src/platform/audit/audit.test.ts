import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq, sql } from 'drizzle-orm';
import { createTestEnv, makeUser, type TestEnv, type TestUser } from '../../../test/harness.js';
import { auditLog } from '../db/schema.js';
import { recordAudit, verifyAudit } from './audit.service.js';
import { systemActor } from '../access/actor.js';

let t: TestEnv;
let auditor: TestUser;
beforeAll(async () => {
  t = await createTestEnv();
  auditor = await makeUser(t, ['auditor']);
});
afterAll(async () => t.close());

const latest = async (action: string) =>
  (
    await t.p.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, action))
      .orderBy(desc(auditLog.seq))
      .limit(1)
  )[0];

describe('audit trail', () => {
  it('records logins, writes and sensitive reads with actor, role, object, scope, result, time, IP and request id', async () => {
    const admin = await makeUser(t, ['district_admin']);
    const login = await latest('auth.login');
    expect(login).toMatchObject({
      actorId: admin.id,
      actorRoles: ['district_admin'],
      result: 'success',
      objectType: 'user',
      objectId: admin.id,
    });
    expect(login!.ip).toBeTruthy();
    expect(login!.requestId).toBeTruthy();

    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.auth,
      payload: {
        username: 'audited_user',
        password: 'Strong-Passw0rd-xyz',
        roles: ['district_officer'],
        phone: '17011112222',
      },
    });
    const created = await latest('user.create');
    expect(created).toMatchObject({
      actorId: admin.id,
      objectId: res.json().user.id,
      scope: 'district',
      result: 'success',
    });
    expect(created!.requestId).toBe(res.headers['x-request-id']);
    // Never personal identifiers or secrets in audit details.
    const text = JSON.stringify(await t.p.database.db.select().from(auditLog));
    expect(text).not.toContain('17011112222');
    expect(text).not.toContain('Strong-Passw0rd-xyz');
    expect(text).not.toContain(admin.token);

    await t.app.inject({ url: '/api/v1/audit?action=user.', headers: auditor.auth });
    expect(await latest('audit.search')).toMatchObject({ actorId: auditor.id, actorRoles: ['auditor'] });
  });

  it('the auditor searches by action, actor and object, newest first, paged by cursor', async () => {
    for (let i = 0; i < 3; i++) await makeUser(t, ['district_officer']);
    const page1 = await t.app.inject({
      url: '/api/v1/audit?action=auth.login&limit=2',
      headers: auditor.auth,
    });
    expect(page1.statusCode).toBe(200);
    const b1 = page1.json();
    expect(b1.items).toHaveLength(2);
    expect(b1.nextCursor).toBeTruthy();
    expect(b1.items[0].seq).toBeGreaterThan(b1.items[1].seq);
    for (const i of b1.items) expect(i.action).toBe('auth.login');
    const page2 = (
      await t.app.inject({
        url: `/api/v1/audit?action=auth.login&limit=2&cursor=${b1.nextCursor}`,
        headers: auditor.auth,
      })
    ).json();
    expect(page2.items[0].seq).toBeLessThan(b1.items[1].seq);
    const byActor = (
      await t.app.inject({ url: `/api/v1/audit?actorId=${auditor.id}`, headers: auditor.auth })
    ).json();
    for (const i of byActor.items) expect(i.actorId).toBe(auditor.id);
  });

  it('is append-only: UPDATE, DELETE and TRUNCATE are refused by the database', async () => {
    const db = t.p.database;
    await expect(db.exec(`UPDATE audit_log SET action = 'x' WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(db.exec(`DELETE FROM audit_log WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(db.exec(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
  });

  it('verify passes on an intact chain and names the first broken link after tampering', async () => {
    await recordAudit(t.p.database.db, systemActor(), { action: 'test.marker' });
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/audit/verify', headers: auditor.auth });
    expect(ok.json()).toMatchObject({ ok: true, firstBrokenSeq: null });
    expect(ok.json().checked).toBeGreaterThan(5);

    const target = (await latest('user.create'))!;
    // Someone with the database owner's powers switches the guard off and edits a row.
    await t.p.database.exec(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`);
    await t.p.database.db.execute(sql`UPDATE audit_log SET result = 'failure' WHERE seq = ${target.seq}`);
    await t.p.database.exec(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`);
    const broken = await verifyAudit(t.p.database);
    expect(broken).toMatchObject({ ok: false, firstBrokenSeq: Number(target.seq) });
    expect(broken.reason).toMatch(/changed/);
    const viaApi = (
      await t.app.inject({ method: 'POST', url: '/api/v1/audit/verify', headers: auditor.auth })
    ).json();
    expect(viaApi.firstBrokenSeq).toBe(Number(target.seq));
  });

  it('verify detects a removed row', async () => {
    const t2 = await createTestEnv();
    try {
      for (let i = 0; i < 5; i++) await recordAudit(t2.p.database.db, systemActor(), { action: `test.${i}` });
      expect((await verifyAudit(t2.p.database)).ok).toBe(true);
      await t2.p.database.exec(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`);
      await t2.p.database.exec(`DELETE FROM audit_log WHERE seq = 3`);
      const r = await verifyAudit(t2.p.database);
      expect(r).toMatchObject({ ok: false, firstBrokenSeq: 3 });
      await t2.p.database.exec(`DELETE FROM audit_log WHERE seq >= 3`);
      const tail = await verifyAudit(t2.p.database);
      expect(tail.ok).toBe(false);
      expect(tail.reason).toMatch(/removed/);
    } finally {
      await t2.close();
    }
  });

  it('keeps the chain linear under concurrent writers', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        recordAudit(t.p.database.db, systemActor(), { action: `test.concurrent.${i}` }),
      ),
    );
    const rows = await t.p.database.db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.action} LIKE 'test.concurrent.%'`);
    expect(new Set(rows.map((r) => r.seq)).size).toBe(20);
    expect(new Set(rows.map((r) => r.prevHash)).size).toBe(20);
  });
});
