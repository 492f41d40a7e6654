/**
 * Turns one spreadsheet row (cells as the reader gives them: strings from CSV; strings, numbers,
 * Dates, rich text, formula or hyperlink objects from .xlsx) into clean field values. Pure and
 * total: any input gives values and per-column problems, never an exception. Validation proper
 * (ID checksum, phone format, certificate/ID agreement, …) is the API's Zod schema, applied after.
 */
import { normaliseIdentifier } from '@jinglin/shared';
import type { ColumnMap, Field } from './import.columns.js';

export interface RowProblem {
  column: Field;
  code: string;
}

export interface RowValues {
  name?: string;
  idNumber?: string;
  certificateNumber?: string;
  certificateIssuedAt?: string;
  gender?: 'male' | 'female';
  birthDate?: string;
  phone?: string;
  hukou?: 'shanghai' | 'other';
  street?: string;
  community?: string;
  address?: string;
  lowIncome?: 'dibao' | 'dibao_edge' | 'none';
}

const MAX_CELL = 32_767; // Excel's own limit for one cell

const toHalfWidth = (s: string) =>
  s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');

function isoOf(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (y < 1890 || y > 2100) return null;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const isoOfDate = (d: Date) =>
  Number.isNaN(d.getTime()) ? null : isoOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());

/** A cell as text: what the user sees in the sheet. */
export function cellText(v: unknown, depth = 0): string {
  try {
    if (v === null || v === undefined || depth > 4) return '';
    if (typeof v === 'string') return v.length > MAX_CELL ? v.slice(0, MAX_CELL) : v;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return '';
      return Number.isInteger(v) && Math.abs(v) < 1e21 ? v.toFixed(0) : String(v);
    }
    if (typeof v === 'boolean') return v ? '是' : '否';
    if (typeof v === 'bigint') return v.toString();
    if (v instanceof Date) return isoOfDate(v) ?? '';
    if (typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (Array.isArray(o.richText))
        return o.richText
          .map((r: unknown) =>
            r && typeof r === 'object' ? cellText((r as { text?: unknown }).text, depth + 1) : '',
          )
          .join('')
          .slice(0, MAX_CELL);
      if ('result' in o) return cellText(o.result, depth + 1); // a formula: its cached value
      if ('text' in o) return cellText(o.text, depth + 1); // a hyperlink
    }
    return '';
  } catch {
    return '';
  }
}

type Parsed<T> = { value: T } | { error: string } | null;

/**
 * A date cell: an Excel date, an Excel serial number (1900 system), or text such as 2020-01-02,
 * 2020/1/2, 2020.1.2, 2020年1月2日 or 20200102 (a time after the date is ignored).
 */
export function parseDate(v: unknown): Parsed<string> {
  if (v instanceof Date) {
    const iso = isoOfDate(v);
    return iso ? { value: iso } : { error: 'invalid_date' };
  }
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { error: 'invalid_date' };
    if (Number.isInteger(v) && v >= 18_900_101 && v <= 21_001_231) {
      const iso = isoOf(Math.floor(v / 10_000), Math.floor(v / 100) % 100, v % 100);
      return iso ? { value: iso } : { error: 'invalid_date' };
    }
    if (v >= 1 && v < 73_051) {
      const iso = isoOfDate(new Date(Date.UTC(1899, 11, 30) + Math.floor(v) * 86_400_000));
      return iso ? { value: iso } : { error: 'invalid_date' };
    }
    return { error: 'invalid_date' };
  }
  const s = toHalfWidth(cellText(v)).trim();
  if (!s) return null;
  let m =
    /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[T\s]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(
      s,
    );
  if (!m) m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return { error: 'invalid_date' };
  const iso = isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
  return iso ? { value: iso } : { error: 'invalid_date' };
}

const keyOf = (v: unknown) =>
  toHalfWidth(cellText(v))
    .replace(/[\s\u00a0]/g, '')
    .toLowerCase();

export function parseGender(v: unknown): Parsed<'male' | 'female'> {
  const k = keyOf(v);
  if (!k) return null;
  if (['男', '男性', 'm', 'male', '1'].includes(k)) return { value: 'male' };
  if (['女', '女性', 'f', 'female', '2'].includes(k)) return { value: 'female' };
  return { error: 'invalid_gender' };
}

/** 本市 / 上海 / 沪 … → shanghai; 外省市 / 外地 / 非本市 … → other. */
export function parseHukou(v: unknown): Parsed<'shanghai' | 'other'> {
  const k = keyOf(v);
  if (!k) return null;
  if (/外|非本市|非上海|非沪|^other$|^否$/.test(k)) return { value: 'other' };
  if (/本市|上海|沪|静安|^shanghai$|^是$|^本地$/.test(k)) return { value: 'shanghai' };
  return { error: 'invalid_hukou' };
}

/** 低保 → dibao; 低保边缘 → dibao_edge; 否 / 无 / 非低保 → none. */
export function parseLowIncome(v: unknown): Parsed<'dibao' | 'dibao_edge' | 'none'> {
  const k = keyOf(v);
  if (!k) return null;
  if (/边缘|^dibao_edge$/.test(k)) return { value: 'dibao_edge' };
  if (/^(否|无|不是|非低保|非|没有|none|no|-|—|\/)$/.test(k)) return { value: 'none' };
  if (/^(低保|低保户|是|有|城镇低保|农村低保|dibao|yes)$/.test(k)) return { value: 'dibao' };
  return { error: 'invalid_low_income' };
}

/**
 * An ID or certificate number. A number cell longer than 15 digits has lost its last digits in
 * Excel (and "3.10106E+17" is what such a cell looks like after a CSV export): say so.
 */
export function parseIdentifier(v: unknown): Parsed<string> {
  if (typeof v === 'number' && !Number.isSafeInteger(v)) return { error: 'stored_as_number' };
  const s = cellText(v);
  if (/^\s*\d(\.\d+)?e\+?\d+\s*$/i.test(s)) return { error: 'stored_as_number' };
  const n = normaliseIdentifier(s);
  return n ? { value: n } : null;
}

/** Free text: trimmed, runs of spaces folded; a Chinese name loses stray inner spaces. */
export function cleanText(v: unknown): string | undefined {
  const s = cellText(v)
    .replace(/[\s\u3000\u00a0]+/g, ' ')
    .trim();
  return s || undefined;
}

export function cleanName(v: unknown): string | undefined {
  const s = cleanText(v);
  if (!s) return undefined;
  return /^[\p{Script=Han}·・•.\s]+$/u.test(s) ? s.replace(/\s/g, '') : s;
}

const cellAt = (cells: unknown[], i: number | undefined) => (i === undefined ? undefined : cells[i]);

/** One row's values and problems. Never throws. */
export function normaliseRow(
  cells: unknown[],
  cols: ColumnMap,
): { values: RowValues; problems: RowProblem[] } {
  const values: RowValues = {};
  const problems: RowProblem[] = [];
  try {
    const at = (f: Field) => cellAt(cells, cols[f]);
    const take = <T>(f: Field, r: Parsed<T>, set: (v: T) => void) => {
      if (!r) return;
      if ('error' in r) problems.push({ column: f, code: r.error });
      else set(r.value);
    };
    const name = cleanName(at('name'));
    if (name) values.name = name;
    take('idNumber', parseIdentifier(at('idNumber')), (v) => (values.idNumber = v));
    take(
      'certificateNumber',
      parseIdentifier(at('certificateNumber')),
      (v) => (values.certificateNumber = v),
    );
    take(
      'certificateIssuedAt',
      parseDate(at('certificateIssuedAt')),
      (v) => (values.certificateIssuedAt = v),
    );
    take('gender', parseGender(at('gender')), (v) => (values.gender = v));
    take('birthDate', parseDate(at('birthDate')), (v) => (values.birthDate = v));
    const phone = cleanText(at('phone'));
    if (phone) values.phone = phone;
    take('hukou', parseHukou(at('hukou')), (v) => (values.hukou = v));
    const street = cleanText(at('street'));
    if (street) values.street = toHalfWidth(street);
    const community = cleanText(at('community'));
    if (community) values.community = toHalfWidth(community);
    const address = cleanText(at('address'));
    if (address) values.address = address;
    take('lowIncome', parseLowIncome(at('lowIncome')), (v) => (values.lowIncome = v));
  } catch {
    problems.push({ column: 'name', code: 'unreadable' });
  }
  return { values, problems };
}

/** A row with nothing in it (spreadsheets often end with formatted but empty rows). */
export const isBlankRow = (cells: unknown[]) => cells.every((c) => cellText(c).trim() === '');
