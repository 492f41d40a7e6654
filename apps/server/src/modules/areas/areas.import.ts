/** Reads (street, community) rows from an .xlsx or .csv file with headers 街镇 and 居委 (and variants). */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';

const STREET_HEADERS = ['街镇', '街道', '街道/镇', '街道镇', 'street', 'streetcode'];
const COMMUNITY_HEADERS = ['居委', '居委会', '居民区', '社区', 'community'];

const norm = (s: unknown) =>
  String(s ?? '')
    .replace(/\s+/g, '')
    .toLowerCase();

function columns(header: string[]): { s: number; c: number } {
  const s = header.findIndex((h) => STREET_HEADERS.includes(norm(h)));
  const c = header.findIndex((h) => COMMUNITY_HEADERS.includes(norm(h)));
  if (s < 0 || c < 0) throw new Error('the file needs the columns 街镇 and 居委');
  return { s, c };
}

function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

export async function readAreaRows(file: string): Promise<{ street: string; community: string }[]> {
  const ext = path.extname(file).toLowerCase();
  let table: string[][];
  if (ext === '.csv') {
    table = fs
      .readFileSync(file, 'utf8')
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .filter((l) => l.trim())
      .map(parseCsvLine);
  } else if (ext === '.xlsx') {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('the workbook has no sheet');
    table = [];
    ws.eachRow((row) => {
      const values = (row.values as unknown[]).slice(1);
      table.push(values.map((v) => String(v ?? '')));
    });
  } else throw new Error('use an .xlsx or .csv file');
  const [header, ...rows] = table;
  if (!header) return [];
  const { s, c } = columns(header);
  return rows.map((r) => ({ street: r[s] ?? '', community: r[c] ?? '' }));
}
