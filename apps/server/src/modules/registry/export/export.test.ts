import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import { birthDateOf } from '@jinglin/shared';
import { createTestEnv, makeUser, type TestEnv, type TestUser } from '../../../../test/harness.js';
import { personBody } from '../../../../test/factories.js';
import { auditLog } from '../../../platform/db/schema.js';
import { systemActor } from '../../../platform/access/actor.js';
import { AppError } from '../../../platform/errors.js';
import { sheetRows } from '../import/import.test-utils.js';
import { EXPORT_HEADER, ExportService } from './export.service.js';

let t: TestEnv;
let linfen: TestUser;
let beizhan: TestUser;
const mine: Record<string, unknown>[] = [];
beforeAll(async () => {
  t = await createTestEnv();
  linfen = await makeUser(t, ['street_officer'], { streetCode: 'linfenlu' });
  beizhan = await makeUser(t, ['street_officer'], { streetCode: 'beizhan' });
  const create = async (u: TestUser, body: Record<string, unknown>) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/persons',
      headers: u.auth,
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(201);
  };
  for (const over of [{}, { name: '=1+2' }, { address: '@SUM(A1)', name: '导出乙' }]) {
    const b = personBody(over);
    mine.push(b);
    await create(linfen, b);
  }
  for (let i = 0; i < 2; i++) await create(beizhan, personBody({ streetCode: 'beizhan', name: '北站人员' }));
});
afterAll(async () => t.close());

const exportAs = (u: TestUser, query = '') =>
  t.app.inject({ url: `/api/v1/persons/export${query}`, headers: u.auth });

const lastExportAudit = async (u: TestUser) =>
  (
    await t.p.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorId, u.id), eq(auditLog.action, 'person.export')))
      .orderBy(desc(auditLog.seq))
      .limit(1)
  )[0]!;

describe('export of persons', () => {
  it('streams an .xlsx of the caller’s scope only, identifiers masked, formulas escaped, audited with the row count', async () => {
    const res = await exportAs(linfen);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="persons-.*\.xlsx"/);
    const rows = await sheetRows(res.rawPayload);
    expect(rows[0]).toEqual(EXPORT_HEADER);
    const body = rows.slice(1);
    expect(body).toHaveLength(3);
    expect(body.some((r) => r[0] === '北站人员')).toBe(false);
    expect(body.every((r) => r[9] === '临汾路街道')).toBe(true);
    for (const r of body) {
      expect(r[1]).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
      expect(r[2]).toMatch(/^\d{6}\*{8}\d{3}[\dX]\d\d$/);
      expect(r[7]).toMatch(/^170\*{4}\d{4}$/);
      // The birth year only: the full date is the ID number's eight masked digits.
      expect(r[6]).toMatch(/^\d{4}-\*\*-\*\*$/);
    }
    expect(body.map((r) => r[0])).toContain("'=1+2");
    expect(body.find((r) => r[0] === '导出乙')![11]).toBe("'@SUM(A****"); // masked, then escaped
    const ids = body.map((r) => r[1]);
    for (const p of mine) expect(ids).not.toContain(String(p.idNumber));
    const audit = await lastExportAudit(linfen);
    expect(audit.details).toMatchObject({ rows: 3, revealed: false });
    expect(res.headers['x-row-count']).toBe('3');
  });

  it('applies the list filters, never past the scope', async () => {
    const byName = await sheetRows((await exportAs(linfen, `?q=${encodeURIComponent('导出乙')}`)).rawPayload);
    expect(byName.slice(1).map((r) => r[0])).toEqual(['导出乙']);
    const other = await sheetRows((await exportAs(linfen, '?streetCode=beizhan')).rawPayload);
    expect(other).toHaveLength(1); // the header only
    const theirs = await sheetRows((await exportAs(beizhan)).rawPayload);
    expect(theirs.slice(1).map((r) => r[0])).toEqual(['北站人员', '北站人员']);
  });

  it('never writes the search text into the audit trail (it may be an ID number)', async () => {
    const id = String(mine[0]!.idNumber);
    const res = await exportAs(linfen, `?q=${id}`);
    expect((await sheetRows(res.rawPayload)).length).toBe(2);
    const audit = await lastExportAudit(linfen);
    expect(audit.details).toMatchObject({ rows: 1, filters: { q: 'id_number' } });
    expect(JSON.stringify(audit.details)).not.toContain(id);
  });

  it('reveals identifiers only with a reason (and the permission), audited as revealed', async () => {
    expect((await exportAs(linfen, '?revealReason=ab')).statusCode).toBe(400);
    const res = await exportAs(linfen, `?revealReason=${encodeURIComponent('核对补贴发放名单')}`);
    expect(res.statusCode).toBe(200);
    const rows = (await sheetRows(res.rawPayload)).slice(1);
    expect(rows.map((r) => r[1]).sort()).toEqual(mine.map((p) => String(p.idNumber)).sort());
    for (const r of rows) expect(r[6]).toBe(birthDateOf(String(r[1])));
    expect(rows.some((r) => r[7] === String(mine[0]!.phone))).toBe(true);
    const audit = await lastExportAudit(linfen);
    expect(audit.details).toMatchObject({ rows: 3, revealed: true, reason: '核对补贴发放名单' });
    // Export without reveal: a reason is refused.
    const svc = new ExportService(t.p, t.services.persons);
    const exportOnly = {
      ...systemActor(),
      userId: linfen.id,
      permissions: new Set(['persons.export' as const]),
    };
    await expect(svc.export(exportOnly, { revealReason: '核对补贴发放名单' })).rejects.toThrow(AppError);
  });

  it('needs the export permission', async () => {
    const cw = await makeUser(t, ['volunteer']);
    expect((await exportAs(cw)).statusCode).toBe(403);
  });
});
