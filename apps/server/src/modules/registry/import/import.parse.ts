/**
 * Reading an uploaded sheet, streaming: the real file type from its first bytes, then rows one at
 * a time — .xlsx by import.xlsx.ts (after import.zip.ts's checks), CSV by a small
 * quote-aware parser over decoded text (UTF-8 with or without BOM, UTF-16 with BOM, or GB18030 —
 * what Excel in China saves — when the bytes are not valid UTF-8). Memory stays flat.
 */
import fs from 'node:fs';
import { declaredRows, xlsxParts } from './import.zip.js';
import { FileProblem, readSharedStrings, readSheetRows, type SheetRow } from './import.xlsx.js';

export { FileProblem, type SheetRow };

export type UploadKind = 'xlsx' | 'csv';

const BINARY_MAGIC = [
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), // OLE2: .xls, .doc
  Buffer.from('%PDF'),
  Buffer.from([0x1f, 0x8b]), // gzip
  Buffer.from([0x89, 0x50, 0x4e, 0x47]), // PNG
  Buffer.from([0xff, 0xd8, 0xff]), // JPEG
  Buffer.from('PK'), // any other zip record
  Buffer.from('Rar!'),
  Buffer.from('7z'),
  Buffer.from([0x7f, 0x45, 0x4c, 0x46]), // ELF
  Buffer.from('MZ'),
];

type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

function bomOf(head: Buffer): TextEncoding | undefined {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return undefined;
}

const decodes = (enc: TextEncoding, buf: Buffer) => {
  try {
    new TextDecoder(enc, { fatal: true }).decode(buf, { stream: true });
    return true;
  } catch {
    return false;
  }
};

/** 'xlsx' (a zip), 'csv' (text), or null for anything else. */
export async function sniffKind(file: string): Promise<UploadKind | null> {
  const fh = await fs.promises.open(file, 'r');
  try {
    const head = Buffer.alloc(64 * 1024);
    const { bytesRead } = await fh.read(head, 0, head.length, 0);
    const h = head.subarray(0, bytesRead);
    if (h.length >= 4 && h.readUInt32LE(0) === 0x04034b50) return 'xlsx';
    const bom = bomOf(h);
    if (bom === 'utf-16le' || bom === 'utf-16be') return decodes(bom, h.subarray(2)) ? 'csv' : null;
    if (BINARY_MAGIC.some((m) => h.subarray(0, m.length).equals(m))) return null;
    for (const b of h) if (b === 0 || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d)) return null;
    return decodes('utf-8', h) || decodes('gb18030', h) ? 'csv' : null;
  } finally {
    await fh.close();
  }
}

/** A whole-file pass: the text encoding and the number of lines (for progress). */
async function csvEncoding(file: string): Promise<{ encoding: TextEncoding; lines: number }> {
  let lines = 0;
  let utf8 = true;
  let bom: TextEncoding | undefined;
  const check = new TextDecoder('utf-8', { fatal: true });
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 256 * 1024 })) {
    const buf = chunk as Buffer;
    if (bom === undefined) bom = bomOf(buf) ?? 'utf-8';
    for (let i = buf.indexOf(10); i >= 0; i = buf.indexOf(10, i + 1)) lines++;
    if (utf8 && bom === 'utf-8') {
      try {
        check.decode(buf, { stream: true });
      } catch {
        utf8 = false;
      }
    }
  }
  if (bom === 'utf-16le' || bom === 'utf-16be') return { encoding: bom, lines };
  return { encoding: utf8 ? 'utf-8' : 'gb18030', lines: lines + 1 };
}

const MAX_FIELD = 1024 * 1024;

/** CSV records (RFC 4180 quoting; the delimiter — comma, tab or semicolon — read from the first line). */
async function* csvRecords(file: string, encoding: TextEncoding): AsyncGenerator<string[]> {
  const decoder = new TextDecoder(encoding); // drops a BOM
  let delimiter: string | undefined;
  let field = '';
  let record: string[] = [];
  let quoted = false;
  let afterQuote = false;
  let started = false;
  let afterCR = false;
  const endField = () => {
    record.push(field);
    field = '';
    started = false;
    afterQuote = false;
  };
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 256 * 1024 })) {
    const text = decoder.decode(chunk as Buffer, { stream: true });
    if (delimiter === undefined) {
      const first = text.split(/\r?\n/, 1)[0] ?? '';
      const count = (d: string) => first.split(d).length;
      delimiter = [',', '\t', ';'].reduce((a, b) => (count(b) > count(a) ? b : a));
    }
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (afterCR) {
        afterCR = false;
        if (ch === '\n') continue; // CR LF split across chunks
      }
      if (quoted) {
        if (ch !== '"') field += ch;
        else if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          // Closing quote (or, at a chunk's end, maybe the first of "": see below).
          quoted = false;
          afterQuote = true;
        }
      } else if (ch === '"' && afterQuote) {
        // "" split across chunks: an escaped quote inside the quoted field.
        field += '"';
        quoted = true;
        afterQuote = false;
      } else if (ch === '"' && !started) {
        quoted = true;
        started = true;
      } else if (ch === delimiter) endField();
      else if (ch === '\n' || ch === '\r') {
        if (ch === '\r') {
          if (text[i + 1] === '\n') i++;
          else if (i + 1 === text.length) afterCR = true;
        }
        endField();
        yield record;
        record = [];
      } else {
        field += ch;
        started = true;
        afterQuote = false;
      }
      if (field.length > MAX_FIELD) throw new FileProblem('unreadable_file');
    }
  }
  const rest = decoder.decode();
  if (rest) field += rest;
  if (field || record.length) {
    endField();
    yield record;
  }
}

export interface OpenSheet {
  rows: AsyncIterable<SheetRow>;
  /** The number of rows the file seems to have (for progress), when it can be known cheaply. */
  estimatedRows: number | undefined;
}

export async function openSheet(file: string, kind: UploadKind): Promise<OpenSheet> {
  if (kind === 'csv') {
    const { encoding, lines } = await csvEncoding(file);
    async function* rows() {
      let rowNo = 0;
      for await (const cells of csvRecords(file, encoding)) yield { rowNo: ++rowNo, cells };
    }
    return { rows: rows(), estimatedRows: lines };
  }
  const parts = await xlsxParts(file);
  const estimatedRows = await declaredRows(file, parts.sheet);
  const sst = await readSharedStrings(file, parts);
  return { rows: readSheetRows(file, parts, sst), estimatedRows };
}
