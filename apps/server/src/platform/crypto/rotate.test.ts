import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestEnv, makeUser, type TestEnv } from '../../../test/harness.js';
import { personBody } from '../../../test/factories.js';
import { FieldCrypto, addKeyToFile, keyFile, loadKeyRing } from './field-crypto.js';
import { ENCRYPTED_COLUMNS, rotateAll } from './rotate.js';

let t: TestEnv;
beforeAll(async () => {
  t = await createTestEnv();
});
afterAll(async () => t.close());

describe('key rotation', () => {
  it('lists every encrypted column of the schema', async () => {
    const cols = await t.p.database.rows<{ table_name: string; column_name: string }>(sql`
      SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = 'public' AND data_type = 'bytea'`);
    const listed = new Set(ENCRYPTED_COLUMNS.flatMap((e) => e.columns.map((c) => `${e.table}.${c}`)));
    for (const c of cols)
      expect(listed, `${c.table_name}.${c.column_name}`).toContain(`${c.table_name}.${c.column_name}`);
  });

  it('re-encrypts everything with a new key; data reads back; the old key can then be dropped', async () => {
    const officer = await makeUser(t, ['street_officer'], { streetCode: 'linfenlu' });
    const body = personBody();
    const p = (
      await t.app.inject({ method: 'POST', url: '/api/v1/persons', headers: officer.auth, payload: body })
    ).json();
    const ring = addKeyToFile(t.config.dataDir);
    expect(ring.active).toBe(2);
    const fresh = new FieldCrypto(ring, t.config.crypto);
    const r = await rotateAll(t.p.database, fresh);
    expect(r.values).toBeGreaterThan(3);
    expect((await rotateAll(t.p.database, fresh)).values).toBe(0); // idempotent
    // Only key 2 is needed now.
    const onlyNew = new FieldCrypto({ ...ring, keys: { '2': ring.keys['2']! } }, t.config.crypto);
    const rows = await t.p.database.rows<{ id_number_enc: Uint8Array; phone_enc: Uint8Array }>(
      sql`SELECT id_number_enc, phone_enc FROM persons WHERE id = ${p.id}`,
    );
    expect(onlyNew.decrypt(Buffer.from(rows[0]!.id_number_enc))).toBe(body.idNumber);
    expect(onlyNew.decrypt(Buffer.from(rows[0]!.phone_enc))).toBe(body.phone);
    expect(loadKeyRing({ dataDir: t.config.dataDir }).active).toBe(2);
    expect(fs.existsSync(`${keyFile(t.config.dataDir)}.1.bak`)).toBe(true);
  });

  it('switches mode: AES data re-encrypted under SM4 + SM3', async () => {
    const ring = loadKeyRing({ dataDir: t.config.dataDir });
    const sm = new FieldCrypto(ring, 'sm');
    await rotateAll(t.p.database, sm);
    const rows = await t.p.database.rows<{ id_number_enc: Uint8Array }>(
      sql`SELECT id_number_enc FROM persons LIMIT 1`,
    );
    expect(Buffer.from(rows[0]!.id_number_enc)[0]).toBe(2);
  });

  it('reads a key list from JINGLIN_MASTER_KEY, first is active, key 1 required', () => {
    const k1 = Buffer.alloc(32, 1).toString('base64');
    const k2 = Buffer.alloc(32, 2).toString('base64');
    expect(loadKeyRing({ dataDir: '/nonexistent', masterKey: `2:${k2},1:${k1}` }).active).toBe(2);
    expect(() => loadKeyRing({ dataDir: '/nonexistent', masterKey: `2:${k2}` })).toThrow(/key 1/);
    expect(loadKeyRing({ dataDir: '/nonexistent', masterKey: k1 }).active).toBe(1);
  });
});
