import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FieldCrypto, newKeyRing } from '../../../platform/crypto/field-crypto.js';
import { FIELDS, mapHeader, type ColumnMap } from './import.columns.js';
import {
  cellText,
  normaliseRow,
  parseDate,
  parseHukou,
  parseIdentifier,
  parseLowIncome,
} from './import.normalise.js';
import { openSheet } from './import.parse.js';
import { RowValidator, type AreaIndex } from './import.validate.js';

const ALL: ColumnMap = Object.fromEntries(FIELDS.map((f, i) => [f, i]));

/** Cells as a spreadsheet reader may hand them over: text, numbers, dates, rich text, formulas, links, errors. */
const cell = fc.oneof(
  fc.anything(),
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.double(),
  fc.integer(),
  fc.date({ noInvalidDate: false }),
  fc.record({ richText: fc.array(fc.oneof(fc.record({ text: fc.anything() }), fc.anything())) }),
  fc.record({ formula: fc.string(), result: fc.anything() }),
  fc.record({ text: fc.anything(), hyperlink: fc.string() }),
  fc.record({ error: fc.constantFrom('#N/A', '#REF!', '#VALUE!') }),
  fc.constantFrom(
    '３１０１０６１９４９１２３１００２ｘ',
    '2020年1月2日',
    '44197',
    '=1+2',
    '\u3000',
    '低保边缘',
  ),
);

describe('row normaliser', () => {
  it('never throws, whatever the cells', () => {
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 14 }), (cells) => {
        const { values, problems } = normaliseRow(cells, ALL);
        expect(Array.isArray(problems)).toBe(true);
        for (const v of Object.values(values)) expect(typeof v).toBe('string');
      }),
      { numRuns: 2000 },
    );
  });

  it('and the row validator never throws either', () => {
    const areas: AreaIndex = {
      streetOf: (s) => (s.includes('临汾') ? 'linfenlu' : undefined),
      communitiesNamed: () => [],
    };
    const v = new RowValidator(
      {
        crypto: new FieldCrypto(newKeyRing(), 'aes'),
        areas,
        scope: { district: true, streets: [], communities: [], grantIds: [] },
        jobId: '00000000-0000-7000-8000-000000000000',
        actorId: null,
        defaultStreet: 'linfenlu',
        today: '2026-01-01',
      },
      ALL,
    );
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 14 }), (cells) => {
        const out = v.check(2, cells);
        expect(typeof out.ok).toBe('boolean');
      }),
      { numRuns: 1000 },
    );
  });

  it('reads dates as Excel serials, Date cells and text', () => {
    expect(parseDate(43832)).toEqual({ value: '2020-01-02' });
    expect(parseDate(new Date(Date.UTC(2020, 0, 2)))).toEqual({ value: '2020-01-02' });
    for (const s of [
      '2020-01-02',
      '2020/1/2',
      '2020.1.2',
      '2020年1月2日',
      '20200102',
      '２０２０－０１－０２',
      '2020-01-02 00:00:00',
    ])
      expect(parseDate(s), s).toEqual({ value: '2020-01-02' });
    expect(parseDate(20200102)).toEqual({ value: '2020-01-02' });
    expect(parseDate('2020-02-30')).toEqual({ error: 'invalid_date' });
    expect(parseDate('yesterday')).toEqual({ error: 'invalid_date' });
    expect(parseDate('  ')).toBeNull();
  });

  it('reads identifiers, hukou and low income as people write them', () => {
    expect(parseIdentifier(' １１０１０５１９４９１２３１００２ｘ ')).toEqual({
      value: '11010519491231002X',
    });
    expect(parseIdentifier(310106194912310000)).toEqual({ error: 'stored_as_number' });
    expect(parseIdentifier('3.10106E+17')).toEqual({ error: 'stored_as_number' });
    expect(parseHukou('上海市')).toEqual({ value: 'shanghai' });
    expect(parseHukou('外省市')).toEqual({ value: 'other' });
    expect(parseHukou('非本市')).toEqual({ value: 'other' });
    expect(parseLowIncome('低保边缘户')).toEqual({ value: 'dibao_edge' });
    expect(parseLowIncome('无')).toEqual({ value: 'none' });
    expect(cellText({ richText: [{ text: '张' }, { text: '三' }] })).toBe('张三');
    expect(cellText({ formula: 'A1', result: 17012345678 })).toBe('17012345678');
  });

  it('finds header variants', () => {
    expect(
      mapHeader([
        '序号',
        '姓 名',
        '公民身份号码',
        '残疾证号',
        '手机号',
        '街道（镇）',
        '居委会',
        '*家庭住址：',
      ]),
    ).toEqual({
      name: 1,
      idNumber: 2,
      certificateNumber: 3,
      phone: 4,
      street: 5,
      community: 6,
      address: 7,
    });
  });
});

describe('CSV reader', () => {
  it('keeps quoted fields whole across read chunks (an escaped quote on the boundary)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jinglin-csv-'));
    try {
      const file = path.join(dir, 'a.csv');
      const chunk = 256 * 1024;
      const prefix = 'a,b\n"';
      const pad = 'x'.repeat(chunk - prefix.length - 1);
      // The escaped quote "" straddles the first 256 KiB read, and a CR LF the second.
      const first = `${prefix}${pad}""y",z\n`;
      const qs = 'q'.repeat(2 * chunk - first.length - 1);
      fs.writeFileSync(file, `${first}${qs}\r\n"1",2\n`);
      const { rows } = await openSheet(file, 'csv');
      const out: unknown[][] = [];
      for await (const r of rows) out.push(r.cells);
      expect(out[0]).toEqual(['a', 'b']);
      expect(out[1]).toEqual([`${pad}"y`, 'z']);
      expect(out[2]).toEqual([qs]);
      expect(out[3]).toEqual(['1', '2']);
      expect(out.length).toBe(4);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
