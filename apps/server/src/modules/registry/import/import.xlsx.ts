/**
 * A small streaming reader for the first worksheet of an .xlsx (after import.zip.ts has checked
 * the zip): the shared-strings table, then the sheet's rows one at a time. It reads only what an
 * import needs — cell values by column, as text, numbers or booleans — with a tokenizer that
 * handles quoted attributes, comments, processing instructions and CDATA, and refuses DTDs (an
 * .xlsx never has one; refusing them rules out entity tricks). ExcelJS's streaming reader did the
 * same work about four times slower and kept several times the memory for shared strings, which
 * decided the 100,000-row budget; ExcelJS still writes every sheet we hand out.
 */
import { entryStream, type XlsxParts, type ZipEntry } from './import.zip.js';

export interface SheetRow {
  /** The row number as the user sees it in the sheet (1-based). */
  rowNo: number;
  cells: unknown[];
}

/** The file cannot be read as a sheet at all (reported once, nothing is written). */
export class FileProblem extends Error {
  constructor(readonly code: 'unreadable_file' | 'missing_columns') {
    super(code);
  }
}

/** Columns past this are ignored: a persons sheet has a dozen; a hostile one could have 16,384. */
export const MAX_COLUMNS = 200;
const MAX_TEXT = 32_767;
const MAX_PENDING = 8 * 1024 * 1024;

interface Handlers {
  /** Whether text is being collected now (text outside such elements is not even sliced). */
  wantsText(): boolean;
  open(name: string, attrs: string, selfClosing: boolean): void;
  close(name: string): void;
  text(t: string, raw: boolean): void;
}

const TAG = /<(\/?)(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/y;

/** Feeds decoded text, calls the handlers for each complete tag and text run. */
class XmlScanner {
  private pending = '';
  constructor(private readonly on: Handlers) {}

  feed(chunk: string, final = false): void {
    const buf = this.pending + chunk;
    let pos = 0;
    for (;;) {
      const lt = buf.indexOf('<', pos);
      if (lt < 0) break; // the rest is text, maybe cut inside an entity: keep it for the next chunk
      if (lt > pos && this.on.wantsText()) this.on.text(buf.slice(pos, lt), false);
      pos = lt;
      const next = buf.charCodeAt(lt + 1);
      if (next === 0x21 /* ! */ || next === 0x3f /* ? */) {
        const special = buf.startsWith('<!--', lt)
          ? (['-->', 4] as const)
          : next === 0x3f
            ? (['?>', 2] as const)
            : buf.startsWith('<![CDATA[', lt)
              ? ([']]>', 9] as const)
              : undefined;
        if (!special) {
          if (buf.length - lt < 9 && !final) break; // maybe the start of a comment or CDATA
          throw new FileProblem('unreadable_file'); // a DTD or declaration: never in an .xlsx
        }
        const e = buf.indexOf(special[0], lt + special[1]);
        if (e < 0) break;
        if (special[1] === 9 && this.on.wantsText()) this.on.text(buf.slice(lt + 9, e), true);
        pos = e + special[0].length;
        continue;
      }
      TAG.lastIndex = lt;
      const m = TAG.exec(buf);
      if (!m) {
        if (!final && buf.length - lt < 65_536) break; // the tag continues in the next chunk
        throw new FileProblem('unreadable_file');
      }
      const attrs = m[3]!;
      const selfClosing = attrs.endsWith('/');
      if (m[1]) this.on.close(m[2]!);
      else {
        this.on.open(m[2]!, attrs, selfClosing);
        if (selfClosing) this.on.close(m[2]!);
      }
      pos = TAG.lastIndex;
    }
    this.pending = buf.slice(pos);
    if (this.pending.length > MAX_PENDING) throw new FileProblem('unreadable_file');
    if (final && this.pending.trim() && this.on.wantsText()) this.on.text(this.pending, false);
  }
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML entities, then the _xHHHH_ escapes Office uses for characters XML cannot hold. */
export function decodeXml(s: string): string {
  let out = s;
  if (out.includes('&'))
    out = out.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (all, e: string) => {
      if (e[0] !== '#') return ENTITIES[e] ?? all;
      const code = e[1] === 'x' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    });
  if (out.includes('_x'))
    out = out.replace(/_x([0-9a-fA-F]{4})_/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
  return out;
}

const attr = (attrs: string, name: string): string | undefined => {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attrs);
  return m ? (m[1] ?? m[2]) : undefined;
};
const R_ATTR = /(?:^|\s)r\s*=\s*["']([A-Za-z]*)(\d*)["']/;
const T_ATTR = /(?:^|\s)t\s*=\s*["']([A-Za-z]+)["']/;

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

async function scan(file: string, entry: ZipEntry, on: Handlers): Promise<void> {
  const scanner = new XmlScanner(on);
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of entryStream(file, entry))
    scanner.feed(decoder.decode(chunk as Buffer, { stream: true }));
  scanner.feed(decoder.decode(), true);
}

/** The shared-strings table as the sheet reader looks it up (a string[] is one too). */
export interface StringTable {
  readonly length: number;
  at(index: number): string | undefined;
}

/**
 * Strings kept as UTF-8 in one growing buffer with their end offsets, each made a JS string again
 * when looked up. An .xlsx written with shared strings (Excel's way) has one for nearly every
 * cell: 100,000 persons are ~500,000 strings, which as JS strings cut out of the decoded XML keep
 * that whole XML alive as UTF-16 (~26 MiB here) plus an object per string; this keeps ~7 MiB. (A
 * lone surrogate, which only an `_xD800_` escape can produce, comes back as U+FFFD.)
 */
export class SharedStrings implements StringTable {
  private bytes = Buffer.allocUnsafe(64 * 1024);
  private ends = new Int32Array(1024);
  private used = 0;
  length = 0;

  push(text: string): void {
    const need = this.used + text.length * 3;
    if (need > this.bytes.length) {
      const bigger = Buffer.allocUnsafe(Math.max(need, this.bytes.length * 2));
      this.bytes.copy(bigger, 0, 0, this.used);
      this.bytes = bigger;
    }
    this.used += this.bytes.write(text, this.used, 'utf8');
    if (this.length === this.ends.length) {
      const bigger = new Int32Array(this.ends.length * 2);
      bigger.set(this.ends);
      this.ends = bigger;
    }
    this.ends[this.length++] = this.used;
  }

  at(index: number): string | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.length) return undefined;
    const start = index === 0 ? 0 : this.ends[index - 1]!;
    return this.bytes.toString('utf8', start, this.ends[index]);
  }
}

/** The shared-strings table: one string per <si>, phonetic runs (<rPh>) left out. */
export async function readSharedStrings(file: string, parts: XlsxParts): Promise<SharedStrings> {
  const sst = new SharedStrings();
  if (!parts.sharedStrings) return sst;
  let inSi = false;
  let inT = false;
  let phonetic = 0;
  let text = '';
  await scan(file, parts.sharedStrings, {
    wantsText: () => inT,
    open(name) {
      if (name === 'si') {
        inSi = true;
        text = '';
      } else if (name === 'rPh') phonetic++;
      else if (name === 't' && inSi && !phonetic) inT = true;
    },
    close(name) {
      if (name === 't') inT = false;
      else if (name === 'rPh') phonetic = Math.max(0, phonetic - 1);
      else if (name === 'si') {
        sst.push(text);
        inSi = false;
      }
    },
    text(t, raw) {
      if (inT && text.length < MAX_TEXT) text += raw ? t : decodeXml(t);
    },
  });
  return sst;
}

/** The first worksheet's rows, in order: cells by column index (strings, numbers, booleans). */
export async function* readSheetRows(
  file: string,
  parts: XlsxParts,
  sst: StringTable,
): AsyncGenerator<SheetRow> {
  const out: SheetRow[] = [];
  let row: SheetRow | null = null;
  let lastRow = 0;
  let col = -1;
  let type = 'n';
  let text = '';
  let capture = false;
  let inIs = false;
  let phonetic = 0;
  let has = false;
  const value = (): unknown => {
    switch (type) {
      case 's': {
        return sst.at(Number.parseInt(text, 10)) ?? '';
      }
      case 'b':
        return text.trim() === '1' || text.trim().toLowerCase() === 'true';
      case 'e':
        return null;
      case 'str':
      case 'inlineStr':
      case 'd':
        return text;
      default: {
        const n = Number(text);
        return text.trim() !== '' && Number.isFinite(n) ? n : text;
      }
    }
  };
  const handlers: Handlers = {
    wantsText: () => capture,
    open(name, attrs) {
      switch (name) {
        case 'row': {
          const r = attr(attrs, 'r');
          const n = r ? Number.parseInt(r, 10) : Number.NaN;
          row = { rowNo: Number.isInteger(n) && n > lastRow ? n : lastRow + 1, cells: [] };
          col = -1;
          break;
        }
        case 'c': {
          const ref = R_ATTR.exec(attrs);
          col = ref?.[1] ? columnIndex(ref[1]) : col + 1;
          type = T_ATTR.exec(attrs)?.[1] ?? 'n';
          text = '';
          has = false;
          break;
        }
        case 'v':
          capture = true;
          text = '';
          break;
        case 'is':
          inIs = true;
          text = '';
          break;
        case 'rPh':
          phonetic++;
          break;
        case 't':
          if (inIs && !phonetic) capture = true;
          break;
      }
    },
    close(name) {
      switch (name) {
        case 'v':
          capture = false;
          has = true;
          break;
        case 't':
          if (inIs) capture = false;
          break;
        case 'rPh':
          phonetic = Math.max(0, phonetic - 1);
          break;
        case 'is':
          inIs = false;
          capture = false;
          has = true;
          break;
        case 'c':
          if (row && has && col >= 0 && col < MAX_COLUMNS) row.cells[col] = value();
          has = false;
          break;
        case 'row':
          if (row) {
            lastRow = row.rowNo;
            if (row.cells.length) out.push(row);
          }
          row = null;
          break;
      }
    },
    text(t, raw) {
      if (capture && text.length < MAX_TEXT) text += raw ? t : decodeXml(t);
    },
  };
  const scanner = new XmlScanner(handlers);
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of entryStream(file, parts.sheet)) {
    scanner.feed(decoder.decode(chunk as Buffer, { stream: true }));
    if (out.length) yield* out.splice(0);
  }
  scanner.feed(decoder.decode(), true);
  if (out.length) yield* out.splice(0);
}
