/**
 * `npm run bench -- import --rows N`: a synthetic .xlsx of N persons (shared strings, as Excel
 * writes them) imported through the real path — upload checks, the job, the one-transaction commit —
 * into a fresh database: a PGlite in a temporary folder, or a PostgreSQL database of its own made
 * with CREATE DATABASE next to DATABASE_URL's (and dropped afterwards). The import runs in a child
 * process so `peak_rss_mb` is that process's maximum resident set (process.resourceUsage()).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import pg from 'pg';
import {
  rng,
  syntheticBirthDate,
  syntheticIdNumber,
  syntheticName,
  syntheticPhone,
} from '../apps/server/src/seed/synthetic.js';
import type { Bench } from './run.js';

export const options = { rows: { default: '100000' } };

const HEADER = [
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
const STREETS = ['临汾路街道', '北站街道', '彭浦镇', '静安寺街道', '大宁路街道'];

async function writeSheet(file: string, rows: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = wb.addWorksheet('残疾人名册');
  ws.addRow(HEADER).commit();
  const r = rng(20_261_128);
  const seen = new Set<string>();
  while (seen.size < rows) {
    const gender = r() < 0.5 ? 'male' : 'female';
    const birth = syntheticBirthDate(r, 1, 95);
    const id = syntheticIdNumber(r, birth, gender);
    if (seen.has(id)) continue;
    seen.add(id);
    ws.addRow([
      syntheticName(r),
      id,
      `${id}${1 + Math.floor(r() * 7)}${1 + Math.floor(r() * 4)}`,
      gender === 'male' ? '男' : '女',
      birth,
      syntheticPhone(r),
      r() < 0.9 ? '本市' : '外省市',
      STREETS[Math.floor(r() * STREETS.length)]!,
      '',
      `示例路 ${1 + Math.floor(r() * 999)} 弄 ${1 + Math.floor(r() * 30)} 号`,
      r() < 0.1 ? '低保' : r() < 0.05 ? '低保边缘' : '否',
    ]).commit();
  }
  ws.commit();
  await wb.commit();
}

function runChild(args: string[]): Promise<{ ms: number; written: number; peak_rss_mb: number }> {
  const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'import-child.ts');
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...process.execArgv, child, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.on('error', reject);
    p.on('close', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0) return reject(new Error(`import child exited with ${code}: ${out}`));
      resolve(JSON.parse(line) as { ms: number; written: number; peak_rss_mb: number });
    });
  });
}

const bench: Bench = async (target, opts) => {
  const rows = Number.parseInt(opts.rows ?? options.rows.default, 10);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jinglin-bench-import-'));
  const file = path.join(dir, 'persons.xlsx');
  let dropDb: (() => Promise<void>) | undefined;
  try {
    await writeSheet(file, rows);
    let url = '';
    if (target.database === 'postgresql' && target.url) {
      const name = `jinglin_bench_import_${process.pid}_${Date.now() % 1_000_000}`;
      const admin = new pg.Client({ connectionString: target.url });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } catch (err) {
        throw new Error(`the import benchmark needs CREATEDB on ${target.url}: ${(err as Error).message}`);
      } finally {
        await admin.end();
      }
      const u = new URL(target.url);
      u.pathname = `/${name}`;
      url = u.toString();
      dropDb = async () => {
        const c = new pg.Client({ connectionString: target.url });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      };
    }
    const r = await runChild([file, path.join(dir, 'data'), String(rows), url]);
    if (r.written !== rows) throw new Error(`imported ${r.written} of ${rows} rows`);
    return { rows, ms: Math.round(r.ms), peak_rss_mb: Math.round(r.peak_rss_mb) };
  } finally {
    await dropDb?.();
    fs.rmSync(dir, { recursive: true, force: true });
  }
};

export default bench;
