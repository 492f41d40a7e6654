import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ExcelJS from 'exceljs';
import { cellText } from './import.normalise.js';
import { openSheet } from './import.parse.js';
import { workbookParts, xlsxOf, zipOf } from './import.test-utils.js';
import { SharedStrings } from './import.xlsx.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jinglin-xlsx-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;

async function ours(buf: Buffer): Promise<string[][]> {
  const file = path.join(dir, `${n++}.xlsx`);
  fs.writeFileSync(file, buf);
  const out: string[][] = [];
  const { rows } = await openSheet(file, 'xlsx');
  for await (const r of rows) out[r.rowNo - 1] = Array.from(r.cells, (c) => cellText(c));
  return out;
}

/** What ExcelJS itself reads from the same bytes (non-streaming), as text. */
async function theirs(buf: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const out: string[][] = [];
  wb.worksheets[0]!.eachRow((row, i) => {
    out[i - 1] = (row.values as unknown[]).slice(1).map((v) => cellText(v));
  });
  return out;
}

/** Rows as comparable lists, trailing empty cells dropped. */
const trim = (t: string[][]) =>
  Array.from(t, (r) => {
    const cells = Array.from(r ?? [], (c) => c ?? '');
    while (cells.length && cells.at(-1) === '') cells.pop();
    return cells;
  });

/** Characters XML 1.0 cannot carry, and text that looks like Office's own escapes. */
const unwritable = (s: string) =>
  [...s].some((ch) => {
    const c = ch.codePointAt(0)!;
    return (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffe || c === 0xffff;
  }) || /_x[0-9a-f]{4}_/i.test(s);

describe('the .xlsx reader', () => {
  it('reads what ExcelJS writes as ExcelJS reads it: shared and inline strings, numbers, formulas, links', async () => {
    const rows: unknown[][] = [
      ['姓名', '身份证号', 'x'],
      ['A & B <c> "d" \'e\'', '310106194912310021', 42],
      ['😀 𠀀 阿依古丽·买买提', ' spaced ', 3.5],
      ['line\nbreak', { formula: 'A1', result: '公式结果' }, true],
      [
        { richText: [{ text: '富' }, { font: { bold: true }, text: '文本' }] },
        { text: '链接', hyperlink: 'http://x' },
        -7,
      ],
      [null, '', 'last'],
    ];
    for (const buf of [await xlsxOf(rows), await xlsxOf(rows, { sharedStrings: false })])
      expect(trim(await ours(buf))).toEqual(trim(await theirs(buf)));
  });

  // (Office's _xHHHH_ escapes are decoded, as the format says; ExcelJS writes and reads them raw.)
  it('matches ExcelJS on arbitrary text tables', async () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 12 }).filter((s) => !unwritable(s));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(text, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 }),
        async (table) => {
          const buf = await xlsxOf(table);
          expect(trim(await ours(buf))).toEqual(trim(await theirs(buf)));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('copes with what other writers do: prefixes, comments, CDATA, missing refs, phonetic runs, quoted >', async () => {
    const sheet = `<?xml version="1.0" encoding="UTF-8"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><!-- a comment <c> -->
<x:sheetData>
<x:row><x:c t='inlineStr' data-x="a>b"><x:is><x:t>甲</x:t><x:rPh><x:t>コウ</x:t></x:rPh></x:is></x:c><x:c t="s"><x:v>0</x:v></x:c></x:row>
<x:row r="5"><x:c r="C5"><x:v>1.25</x:v></x:c><x:c t="str"><x:f>A1</x:f><x:v><![CDATA[<raw & text>]]></x:v></x:c><x:c t="b"><x:v>1</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c></x:row>
</x:sheetData></x:worksheet>`;
    const parts = workbookParts(sheet);
    parts.push({
      name: 'xl/sharedStrings.xml',
      data: Buffer.from(
        '<sst><si><r><t>上</t></r><r><t xml:space="preserve">海 &amp;_x000D_</t></r><rPh><t>シャン</t></rPh></si></sst>',
      ),
    });
    parts[2] = {
      name: 'xl/_rels/workbook.xml.rels',
      data: Buffer.from(
        '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml" Type="x/worksheet"/>' +
          '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="/xl/sharedStrings.xml"/></Relationships>',
      ),
    };
    const got = await ours(zipOf(parts));
    expect(got[0]).toEqual(['甲', '上海 &\r']);
    expect(got[4]).toEqual(['', '', '1.25', '<raw & text>', '是', '']);
  });

  it('refuses a DTD', async () => {
    const sheet =
      '<!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet><sheetData><row><c t="inlineStr"><is><t>&a;</t></is></c></row></sheetData></worksheet>';
    await expect(ours(zipOf(workbookParts(sheet)))).rejects.toThrow(/unreadable_file/);
  });
});

describe('SharedStrings (the compact shared-strings table)', () => {
  it('gives back every string as pushed, and nothing outside the table', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme', maxLength: 40 }), { maxLength: 3000 }),
        (strings) => {
          const t = new SharedStrings();
          for (const s of strings) t.push(s);
          expect(t.length).toBe(strings.length);
          expect(Array.from({ length: t.length }, (_, i) => t.at(i))).toEqual(strings);
          for (const i of [-1, strings.length, 0.5, Number.NaN]) expect(t.at(i)).toBeUndefined();
        },
      ),
      { numRuns: 50 },
    );
  });
});
