/** Test helpers for the import: sheets as bytes, multipart bodies, hand-made zips, waiting for jobs. */
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import type { TestEnv, TestUser } from '../../../../test/harness.js';

export const HEADER = [
  '姓名',
  '身份证号',
  '残疾人证号',
  '性别',
  '出生日期',
  '联系电话',
  '户籍',
  '街镇',
  '居委',
  '住址',
  '低保',
];

export async function xlsxOf(rows: unknown[][], opts: { sharedStrings?: boolean } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  for (const r of rows) ws.addRow(r);
  if (opts.sharedStrings === false) {
    // ExcelJS's streaming writer writes inline strings (no sharedStrings.xml), like some exporters.
    const chunks: Buffer[] = [];
    const { PassThrough } = await import('node:stream');
    const out = new PassThrough();
    out.on('data', (c: Buffer) => chunks.push(c));
    const sw = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false });
    const s = sw.addWorksheet('Sheet1');
    for (const r of rows) s.addRow(r).commit();
    s.commit();
    await sw.commit();
    return Buffer.concat(chunks);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const csvOf = (rows: unknown[][]) =>
  rows
    .map((r) =>
      r
        .map((c) => (/[",\n]/.test(String(c ?? '')) ? `"${String(c).replace(/"/g, '""')}"` : String(c ?? '')))
        .join(','),
    )
    .join('\r\n');

/** A multipart/form-data body with fields and one file. */
export function multipart(
  fields: Record<string, string>,
  file?: { name: string; data: Buffer; field?: string; type?: string },
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----jinglin${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\n` +
          `Content-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface ZipItem {
  name: string;
  data: Buffer;
  deflate?: boolean;
  /** Lie in the central directory about the uncompressed size. */
  declaredSize?: number;
}

/** A zip written by hand, so tests can make the malformed and malicious ones. */
export function zipOf(items: ZipItem[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const it of items) {
    const name = Buffer.from(it.name, 'utf8');
    const body = it.deflate === false ? it.data : zlib.deflateRawSync(it.data);
    const method = it.deflate === false ? 0 : 8;
    const size = it.declaredSize ?? it.data.length;
    const crc = crc32(it.data);
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(0x800, 6);
    lh.writeUInt16LE(method, 8);
    lh.writeUInt32LE(crc, 14);
    lh.writeUInt32LE(body.length, 18);
    lh.writeUInt32LE(size, 22);
    lh.writeUInt16LE(name.length, 26);
    locals.push(lh, name, body);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(0x800, 8);
    ch.writeUInt16LE(method, 10);
    ch.writeUInt32LE(crc, 16);
    ch.writeUInt32LE(body.length, 20);
    ch.writeUInt32LE(size, 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offset, 42);
    centrals.push(ch, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(items.length, 8);
  end.writeUInt16LE(items.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** The parts of a minimal workbook, to build malicious variants around. */
export function workbookParts(sheetXml = '<worksheet><sheetData/></worksheet>'): ZipItem[] {
  return [
    { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
    {
      name: 'xl/workbook.xml',
      data: Buffer.from('<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: Buffer.from(
        '<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
    },
    { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(sheetXml) },
  ];
}

export async function upload(
  t: TestEnv,
  user: TestUser,
  file: { name: string; data: Buffer } | undefined,
  fields: Record<string, string> = {},
) {
  const { payload, headers } = multipart(fields, file);
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/persons/import',
    headers: { ...user.auth, ...headers },
    payload,
  });
}

export interface ImportResultBody {
  dryRun: boolean;
  rows: number;
  valid: number;
  invalid: number;
  written: number;
  errors: { row: number | null; column: string | null; code: string; message: string }[];
  errorReportAvailable: boolean;
}

/** Runs queued jobs and returns the import job as its creator sees it. */
export async function finished(t: TestEnv, user: TestUser, jobId: string) {
  await t.p.jobs.drain();
  const res = await t.app.inject({ url: `/api/v1/jobs/${jobId}`, headers: user.auth });
  const job = res.json() as { state: string; result: ImportResultBody; error: string | null };
  return job;
}

/** Upload, run, and return the result. */
export async function runImport(
  t: TestEnv,
  user: TestUser,
  file: { name: string; data: Buffer },
  fields: Record<string, string> = {},
): Promise<{ jobId: string; result: ImportResultBody; state: string }> {
  const res = await upload(t, user, file, fields);
  if (res.statusCode !== 202) throw new Error(`upload answered ${res.statusCode}: ${res.body}`);
  const jobId = res.json().jobId as string;
  const job = await finished(t, user, jobId);
  return { jobId, result: job.result, state: job.state };
}

/** Rows of the first sheet of an .xlsx, as text. */
export async function sheetRows(buf: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const out: string[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    out.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v))));
  });
  return out;
}

let gbkTable: Map<string, Buffer> | undefined;

/** Text encoded as GBK (the two-byte part of GB18030), built from the platform's decoder. */
export function gbkOf(text: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const dec = new TextDecoder('gb18030');
    for (let lead = 0x81; lead <= 0xfe; lead++)
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const b = Buffer.from([lead, trail]);
        const ch = dec.decode(b);
        if (ch.length === 1 && ch !== '\uFFFD' && !gbkTable.has(ch)) gbkTable.set(ch, b);
      }
  }
  const out: Buffer[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(Buffer.from(ch, 'latin1'));
    else {
      const b = gbkTable.get(ch);
      if (!b) throw new Error(`no GBK code for ${ch}`);
      out.push(b);
    }
  }
  return Buffer.concat(out);
}
