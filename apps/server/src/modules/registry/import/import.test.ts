import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import {
  communityOf,
  createTestEnv,
  makeUser,
  type TestEnv,
  type TestUser,
} from '../../../../test/harness.js';
import { personBody } from '../../../../test/factories.js';
import { auditLog, outboxEvents, personHistory } from '../../../platform/db/schema.js';
import { HEADER, csvOf, gbkOf, runImport, sheetRows, upload, xlsxOf } from './import.test-utils.js';

let t: TestEnv;
let officer: TestUser;
beforeAll(async () => {
  t = await createTestEnv();
  officer = await makeUser(t, ['street_officer'], { streetCode: 'linfenlu' });
});
afterAll(async () => t.close());

/** A valid row (synthetic person) in the standard column order. */
function row(over: Partial<Record<string, unknown>> = {}): unknown[] {
  const b = personBody();
  const v: Record<string, unknown> = {
    姓名: b.name,
    身份证号: b.idNumber,
    残疾人证号: b.certificate.number,
    性别: '',
    出生日期: '',
    联系电话: b.phone,
    户籍: '本市',
    街镇: '临汾路街道',
    居委: '',
    住址: b.address,
    低保: '否',
    ...over,
  };
  return HEADER.map((h) => v[h]);
}

const countPersons = async () =>
  (await t.p.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM persons`))[0]!.n;
const personsWithIdPrefix = async (name: string) =>
  (
    await t.p.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM persons WHERE name = ${name}`)
  )[0]!.n;

describe('import: reading the sheet', () => {
  it('accepts header variants, title rows, full-width digits, lower-case x, Excel serial and text dates', async () => {
    const header = [
      '序号',
      '姓 名',
      '公民身份号码',
      '残疾证号',
      '性别',
      '出生日期',
      '手机号',
      '户籍地',
      '街道',
      '居委会',
      '家庭住址',
      '低保情况',
    ];
    const id = '11010519491231002X';
    const full = id.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).toLowerCase();
    const b2 = personBody();
    const b3 = personBody();
    const b4 = personBody();
    const serial = (iso: string) => (Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000;
    const buf = await xlsxOf([
      ['静安区残疾人名册（示例）'],
      [],
      header,
      [
        1,
        '测试甲',
        ` ${full} `,
        `${id.toLowerCase()}42`,
        '女',
        serial('1949-12-31'),
        '１７０ １２３４ ５６７８',
        '上海',
        '临汾路',
        '',
        '某路 1 号',
        '低保',
      ],
      [
        2,
        '测试乙',
        b2.idNumber,
        '',
        '',
        b2.idNumber.slice(6, 10) +
          '/' +
          Number(b2.idNumber.slice(10, 12)) +
          '/' +
          Number(b2.idNumber.slice(12, 14)),
        '',
        '外省市',
        'linfenlu',
        '',
        '',
        '否',
      ],
      [
        3,
        '测试丙',
        b3.idNumber,
        '',
        '',
        `${b3.idNumber.slice(6, 10)}年${b3.idNumber.slice(10, 12)}月${b3.idNumber.slice(12, 14)}日`,
        '',
        '',
        '临汾路街道',
        '',
        '',
        '低保边缘',
      ],
      [
        4,
        '测 试 丁',
        b4.idNumber,
        '',
        '',
        Number(b4.idNumber.slice(6, 14)),
        '',
        '本市',
        '临汾路街道',
        '',
        '',
        '',
      ],
    ]);
    const { result, state } = await runImport(t, officer, { name: 'a.xlsx', data: buf }, { dryRun: 'false' });
    expect(state).toBe('succeeded');
    expect(result, JSON.stringify(result.errors)).toMatchObject({
      rows: 4,
      valid: 4,
      invalid: 0,
      written: 4,
    });
    const [p] = await t.p.database.rows<{
      birth_date: string;
      gender: string;
      low_income: string;
      category: number;
    }>(sql`SELECT birth_date::text, gender, low_income, category FROM persons WHERE name = '测试甲'`);
    expect(p).toMatchObject({ birth_date: '1949-12-31', gender: 'female', low_income: 'dibao', category: 4 });
    const [d] = await t.p.database.rows<{ hukou: string }>(
      sql`SELECT hukou FROM persons WHERE name = '测试乙'`,
    );
    expect(d!.hukou).toBe('other');
    expect(await personsWithIdPrefix('测试丁')).toBe(1); // stray spaces in a Chinese name dropped
  });

  it('reads a GBK (GB18030) CSV, as Excel in China saves it', async () => {
    const rows = [HEADER, row({ 姓名: '赵钱孙' }), row({ 姓名: '周吴郑' })];
    const gbk = gbkOf(csvOf(rows));
    expect(gbk.toString('utf8')).not.toContain('赵钱孙'); // really not UTF-8
    const { result } = await runImport(t, officer, { name: 'gbk.csv', data: gbk }, { dryRun: 'false' });
    expect(result).toMatchObject({ rows: 2, valid: 2, written: 2 });
    expect(await personsWithIdPrefix('赵钱孙')).toBe(1);
  });

  it('reads a UTF-8 CSV with BOM, quoted fields and a sheet without shared strings', async () => {
    const csv = Buffer.from(
      `\uFEFF${csvOf([HEADER, row({ 姓名: '王"小"二', 住址: '临汾路 1 号,2 楼\n101 室' })])}`,
    );
    const a = await runImport(t, officer, { name: 'b.csv', data: csv }, { dryRun: 'false' });
    expect(a.result).toMatchObject({ rows: 1, written: 1 });
    expect(await personsWithIdPrefix('王"小"二')).toBe(1);
    const inline = await xlsxOf([HEADER, row({ 姓名: '内联字符串' })], { sharedStrings: false });
    const b = await runImport(t, officer, { name: 'c.xlsx', data: inline }, { dryRun: 'false' });
    expect(b.result).toMatchObject({ rows: 1, written: 1 });
  });

  it('reports a file without a header row, and writes nothing', async () => {
    const { result } = await runImport(
      t,
      officer,
      {
        name: 'x.csv',
        data: Buffer.from('a,b,c\n1,2,3\n'),
      },
      { dryRun: 'false' },
    );
    expect(result).toMatchObject({ rows: 0, written: 0 });
    expect(result.errors[0]).toMatchObject({ row: null, code: 'missing_columns' });
    expect(result.errors[0]!.message).toMatch(/姓名/);
  });
});

describe('import: validation, dry run and commit', () => {
  it('a dry run writes nothing and reports each bad row by row, column and code in Chinese', async () => {
    const before = await countPersons();
    const good = row();
    const bad = [
      row({ 身份证号: '110105194912310021' }), // checksum
      row({ 联系电话: '12345' }),
      row({ 出生日期: '2020-13-45' }),
      row({ 姓名: '' }),
      row({ 户籍: '火星' }),
      row({ 身份证号: 310106194912310000 }), // a number cell: digits lost
    ];
    const { result } = await runImport(t, officer, {
      name: 'd.xlsx',
      data: await xlsxOf([HEADER, good, ...bad]),
    });
    expect(result).toMatchObject({
      dryRun: true,
      rows: 7,
      valid: 1,
      invalid: 6,
      written: 0,
      errorReportAvailable: true,
    });
    expect(await countPersons()).toBe(before);
    expect(result.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 3, column: '身份证号', code: 'invalid_checksum' }),
        expect.objectContaining({ row: 4, column: '联系电话', code: 'invalid_format' }),
        expect.objectContaining({ row: 5, column: '出生日期', code: 'invalid_date' }),
        expect.objectContaining({ row: 6, column: '姓名', code: 'required' }),
        expect.objectContaining({ row: 7, column: '户籍', code: 'invalid_hukou' }),
        expect.objectContaining({ row: 8, column: '身份证号', code: 'stored_as_number' }),
      ]),
    );
    expect(result.errors.some((e) => e.row === 2)).toBe(false);
    for (const e of result.errors) expect(e.message).toMatch(/[\u4e00-\u9fff]/);
    // No personal data in the result.
    expect(JSON.stringify(result)).not.toContain(String(good[1]));
  });

  it('commits all or nothing: one bad row and nothing is written', async () => {
    const before = await countPersons();
    const rows = [row(), row(), row({ 身份证号: 'abc' })];
    const { result } = await runImport(
      t,
      officer,
      { name: 'e.xlsx', data: await xlsxOf([HEADER, ...rows]) },
      {
        dryRun: 'false',
      },
    );
    expect(result).toMatchObject({ dryRun: false, valid: 2, invalid: 1, written: 0 });
    expect(await countPersons()).toBe(before);
  });

  it('with skipInvalid, writes the valid rows with history, events and one audit row', async () => {
    const rows = [row({ 姓名: '跳过甲' }), row({ 身份证号: 'abc' }), row({ 姓名: '跳过乙' })];
    const { jobId, result } = await runImport(
      t,
      officer,
      { name: 'f.xlsx', data: await xlsxOf([HEADER, ...rows]) },
      {
        dryRun: 'false',
        skipInvalid: 'true',
      },
    );
    expect(result).toMatchObject({ valid: 2, invalid: 1, written: 2 });
    const [p] = await t.p.database.rows<{ id: string; created_by: string }>(
      sql`SELECT id, created_by FROM persons WHERE name = '跳过甲'`,
    );
    expect(p!.created_by).toBe(officer.id);
    const hist = await t.p.database.db.select().from(personHistory).where(eq(personHistory.personId, p!.id));
    expect(hist.map((h) => h.action)).toEqual(['import']);
    const events = await t.p.database.db
      .select()
      .from(outboxEvents)
      .where(eq(outboxEvents.aggregateId, p!.id));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'person.changed',
      payload: { kind: 'created', source: 'import', jobId },
    });
    const audits = await t.p.database.db.select().from(auditLog).where(eq(auditLog.objectId, jobId));
    expect(audits.map((a) => a.action).sort()).toEqual(['person.import', 'person.import.upload']);
    expect(audits.find((a) => a.action === 'person.import')!.details).toMatchObject({
      written: 2,
      invalid: 1,
    });
    // The raw person row holds no clear identifiers; staging is empty.
    const staged = await t.p.database.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM person_import_staging WHERE job_id = ${jobId}`,
    );
    expect(staged[0]!.n).toBe(0);
  });

  it('reports duplicates within the file and against the registry', async () => {
    const dupRow = row();
    const existing = personBody();
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/persons',
          headers: officer.auth,
          payload: existing,
        })
      ).statusCode,
    ).toBe(201);
    const rows = [dupRow, row(), [...dupRow], row({ 身份证号: existing.idNumber, 残疾人证号: '' })];
    const { result } = await runImport(t, officer, { name: 'g.xlsx', data: await xlsxOf([HEADER, ...rows]) });
    expect(result).toMatchObject({ valid: 2, invalid: 2 });
    expect(result.errors).toEqual([
      expect.objectContaining({
        row: 4,
        column: '身份证号',
        code: 'duplicate_in_file',
        message: expect.stringMatching(/第 2 行/),
      }),
      expect.objectContaining({ row: 5, column: '身份证号', code: 'duplicate_id_number' }),
    ]);
  });

  it('rows for a street outside the importer’s scope are errors', async () => {
    const rows = [row(), row({ 街镇: '北站街道' }), row({ 街镇: '不存在街道' }), row({ 街镇: '', 居委: '' })];
    const { result } = await runImport(t, officer, { name: 'h.xlsx', data: await xlsxOf([HEADER, ...rows]) });
    expect(result.errors).toEqual([
      expect.objectContaining({ row: 3, column: '街镇', code: 'out_of_scope' }),
      expect.objectContaining({ row: 4, column: '街镇', code: 'unknown_street' }),
    ]);
    // Row 5 has no 街镇: a one-street officer's rows default to their street.
    expect(result).toMatchObject({ valid: 2, invalid: 2 });
  });

  it('matches 居委 by name inside the street', async () => {
    const areas = (await t.app.inject({ url: '/api/v1/areas', headers: officer.auth })).json();
    const street = areas.items.find((s: { code: string }) => s.code === 'linfenlu');
    const c = street.communities[0];
    const { result } = await runImport(
      t,
      officer,
      {
        name: 'i.xlsx',
        data: await xlsxOf([HEADER, row({ 姓名: '居委甲', 居委: c.name }), row({ 居委: '没有这个居委' })]),
      },
      { dryRun: 'false', skipInvalid: 'true' },
    );
    expect(result.errors).toEqual([
      expect.objectContaining({ row: 3, column: '居委', code: 'unknown_community' }),
    ]);
    const [p] = await t.p.database.rows<{ community_id: string }>(
      sql`SELECT community_id FROM persons WHERE name = '居委甲'`,
    );
    expect(p!.community_id).toBe(c.id);
  });

  it('gives the error report to the job’s creator only, with the rows as uploaded and an 错误 column', async () => {
    const bad = row({ 身份证号: '110105194912310021', 住址: '=HYPERLINK("http://x","y")' });
    const { jobId } = await runImport(t, officer, {
      name: 'j.xlsx',
      data: await xlsxOf([HEADER, row(), bad]),
    });
    const res = await t.app.inject({
      url: `/api/v1/persons/import/${jobId}/errors.xlsx`,
      headers: officer.auth,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    const sheet = await sheetRows(res.rawPayload);
    expect(sheet[0]).toEqual([...HEADER, '错误', '原行号']);
    expect(sheet).toHaveLength(2);
    expect(sheet[1]![1]).toBe('110105194912310021');
    expect(sheet[1]![9]).toBe('\'=HYPERLINK("http://x","y")'); // formula escaped
    expect(sheet[1]![11]).toMatch(/身份证号：.*校验位/);
    expect(sheet[1]![12]).toBe('3');
    const other = await makeUser(t, ['street_officer'], { streetCode: 'linfenlu' });
    const denied = await t.app.inject({
      url: `/api/v1/persons/import/${jobId}/errors.xlsx`,
      headers: other.auth,
    });
    expect(denied.statusCode).toBe(404);
    const volunteer = await makeUser(t, ['volunteer']);
    const v = await t.app.inject({
      url: `/api/v1/persons/import/${jobId}/errors.xlsx`,
      headers: volunteer.auth,
    });
    expect(v.statusCode).toBe(404);
  });

  it('needs the import permission', async () => {
    const cw = await makeUser(t, ['community_worker'], { communityId: await communityOf(t, 'linfenlu') });
    const res = await upload(t, cw, { name: 'a.csv', data: Buffer.from(csvOf([HEADER, row()])) });
    expect(res.statusCode).toBe(403);
  });
});
