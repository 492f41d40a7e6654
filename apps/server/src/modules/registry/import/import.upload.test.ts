import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, makeUser, type TestEnv, type TestUser } from '../../../../test/harness.js';
import { HEADER, csvOf, upload, workbookParts, xlsxOf, zipOf } from './import.test-utils.js';

let t: TestEnv;
let officer: TestUser;
beforeAll(async () => {
  t = await createTestEnv({ JINGLIN_UPLOAD_MAX_MB: '1' });
  officer = await makeUser(t, ['street_officer'], { streetCode: 'linfenlu' });
});
afterAll(async () => t.close());

const uploads = () => path.join(t.config.dataDir, 'uploads');
const leftovers = () => fs.readdirSync(uploads()).filter((n) => n.endsWith('.part'));

const send = (name: string, data: Buffer, fields: Record<string, string> = {}) =>
  upload(t, officer, { name, data }, fields);

describe('import uploads', () => {
  it('stores an accepted upload privately under the job id and answers 202', async () => {
    const res = await send('ok.xlsx', await xlsxOf([HEADER]));
    expect(res.statusCode, res.body).toBe(202);
    const { jobId } = res.json();
    const st = fs.statSync(path.join(uploads(), `${jobId}.xlsx`));
    expect(st.mode & 0o777).toBe(0o600);
    await t.p.jobs.drain();
    expect(fs.existsSync(path.join(uploads(), `${jobId}.xlsx`))).toBe(false); // deleted when done
  });

  it('refuses an upload over the size limit with 413', async () => {
    const res = await send('big.csv', Buffer.alloc(1024 * 1024 + 10, 'a'));
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('payload_too_large');
    expect(leftovers()).toEqual([]);
  });

  it('reads the type from the bytes: other files are 415 whatever their name', async () => {
    const cases: [string, Buffer][] = [
      ['doc.xlsx', Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj', 'latin1')],
      ['old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0])],
      ['pic.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
      ['bin.csv', Buffer.from([0x41, 0x00, 0x42, 0x01, 0x02])],
      ['notabook.xlsx', zipOf([{ name: 'a.txt', data: Buffer.from('hello') }])],
    ];
    for (const [name, data] of cases) {
      const res = await send(name, data);
      expect(res.statusCode, name).toBe(415);
      expect(res.json().code).toBe('unsupported_media_type');
    }
    // A CSV named .xlsx is a CSV.
    expect((await send('really.xlsx', Buffer.from(csvOf([HEADER])))).statusCode).toBe(202);
    expect(leftovers()).toEqual([]);
  });

  it('refuses zip bombs: a huge compression ratio, a huge declared size, or a size that lies', async () => {
    const huge = Buffer.alloc(30 * 1024 * 1024, '<row/>');
    const ratio = zipOf(workbookParts(`<worksheet><sheetData>${huge.toString()}</sheetData></worksheet>`));
    expect(ratio.length).toBeLessThan(1024 * 1024);
    const declared = zipOf(
      workbookParts().map((p) => (p.name.includes('sheet1') ? { ...p, declaredSize: 300 * 1024 * 1024 } : p)),
    );
    const lying = zipOf(
      workbookParts(`<worksheet><sheetData>${'<row/>'.repeat(20_000)}</sheetData></worksheet>`).map((p) =>
        p.name.includes('sheet1') ? { ...p, declaredSize: 100 } : p,
      ),
    );
    for (const [what, data] of [
      ['ratio', ratio],
      ['declared', declared],
      ['lying', lying],
    ] as const) {
      const res = await send('bomb.xlsx', data);
      expect(res.statusCode, what).toBe(413);
      expect(res.json().errors[0]).toMatchObject({ path: 'file', code: 'zip_bomb' });
    }
  });

  it('refuses path tricks and malformed zips with 415', async () => {
    const withName = (name: string) => zipOf([...workbookParts(), { name, data: Buffer.from('x') }]);
    for (const name of [
      '../../etc/evil.xml',
      '/abs.xml',
      'xl\\worksheets\\x.xml',
      'C:/x.xml',
      'xl/./a.xml',
    ]) {
      const res = await send('trick.xlsx', withName(name));
      expect(res.statusCode, name).toBe(415);
      expect(res.json().errors[0]).toMatchObject({ path: 'file', code: 'unsafe_zip' });
    }
    const dup = zipOf([...workbookParts(), { name: 'XL/workbook.xml', data: Buffer.from('x') }]);
    expect((await send('dup.xlsx', dup)).statusCode).toBe(415);
    const truncated = zipOf(workbookParts()).subarray(0, 200);
    expect((await send('cut.xlsx', truncated)).statusCode).toBe(415);
    // Data hidden before the first entry (a streaming reader would see it; the directory does not).
    const hidden = Buffer.concat([Buffer.from('PK\x03\x04junk'), zipOf(workbookParts())]);
    expect((await send('hidden.xlsx', hidden)).statusCode).toBe(415);
  });

  it('validates the form: a file is required, fields are known and well-formed, JSON is not an upload', async () => {
    expect((await upload(t, officer, undefined, { dryRun: 'true' })).json().errors[0]).toMatchObject({
      path: 'file',
      code: 'required',
    });
    const csv = Buffer.from(csvOf([HEADER]));
    const bad = await upload(t, officer, { name: 'a.csv', data: csv }, { dryRun: 'maybe' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('dryRun');
    expect((await upload(t, officer, { name: 'a.csv', data: csv }, { colour: 'red' })).statusCode).toBe(400);
    const out = await upload(t, officer, { name: 'a.csv', data: csv }, { streetCode: 'beizhan' });
    expect(out.json().errors[0]).toMatchObject({ path: 'streetCode', code: 'out_of_scope' });
    expect((await upload(t, officer, { name: 'e.csv', data: Buffer.alloc(0) })).statusCode).toBe(400);
    const json = await t.app.inject({
      method: 'POST',
      url: '/api/v1/persons/import',
      headers: officer.auth,
      payload: { file: 'x' },
    });
    expect(json.statusCode).toBe(415);
    expect(leftovers()).toEqual([]);
  });

  it('is documented in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/v1/persons/import'].post.summary).toMatch(/Import persons/);
    expect(doc.paths['/api/v1/persons/import/{jobId}/errors.xlsx'].get.summary).toMatch(/错误/);
    expect(doc.paths['/api/v1/persons/export'].get.parameters.map((p: { name: string }) => p.name)).toContain(
      'revealReason',
    );
  });
});
