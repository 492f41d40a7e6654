/**
 * An .xlsx is a zip. Before anything parses it we read its central directory and refuse zip bombs
 * (too much uncompressed data, too high a compression ratio, overlapping or hidden entries, sizes
 * that lie) and path tricks (absolute paths, `..`, backslashes, drive letters, duplicate names).
 * Entries are then read straight from their checked offsets, inflated under a size guard.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { Transform, type Readable } from 'node:stream';

export const ZIP_LIMITS = {
  /** Sum of the entries' uncompressed sizes. */
  maxUncompressed: 200 * 1024 * 1024,
  /** Uncompressed ÷ compressed, for the whole file and for any entry over 1 MiB. */
  maxRatio: 100,
  maxEntries: 10_000,
  maxNameBytes: 512,
  maxCentralDirectory: 8 * 1024 * 1024,
};

export type ZipProblem = 'zip_bomb' | 'unsafe_zip' | 'not_xlsx';

export class ZipRejected extends Error {
  constructor(readonly problem: ZipProblem) {
    super(problem);
  }
}

export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
  /** Where the compressed bytes start (after the local header). */
  dataStart: number;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;

function readAt(fd: number, pos: number, len: number): Buffer {
  const buf = Buffer.alloc(len);
  const n = fs.readSync(fd, buf, 0, len, pos);
  if (n !== len) throw new ZipRejected('unsafe_zip');
  return buf;
}

function unsafeName(name: string): boolean {
  if (!name || name.includes('\\') || name.includes('\0') || name.startsWith('/') || /^[a-z]:/i.test(name))
    return true;
  return name
    .split('/')
    .some((seg, i, all) => seg === '..' || seg === '.' || (seg === '' && i < all.length - 1));
}

/** Reads and checks the central directory and every local header; throws ZipRejected. */
export function readZip(file: string): ZipEntry[] {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    if (size < 22) throw new ZipRejected('unsafe_zip');
    const tailLen = Math.min(size, 22 + 0xffff);
    const tail = readAt(fd, size - tailLen, tailLen);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === SIG_END) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new ZipRejected('unsafe_zip');
    const disk = tail.readUInt16LE(eocd + 4);
    const cdDisk = tail.readUInt16LE(eocd + 6);
    const onDisk = tail.readUInt16LE(eocd + 8);
    const count = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    const eocdPos = size - tailLen + eocd;
    // Multi-disk and ZIP64 archives are not spreadsheets anyone uploads: refuse them.
    if (disk !== 0 || cdDisk !== 0 || onDisk !== count || count === 0xffff || cdOffset === 0xffffffff)
      throw new ZipRejected('unsafe_zip');
    if (count > ZIP_LIMITS.maxEntries) throw new ZipRejected('zip_bomb');
    if (cdSize > ZIP_LIMITS.maxCentralDirectory || cdOffset + cdSize > eocdPos)
      throw new ZipRejected('unsafe_zip');
    const cd = readAt(fd, cdOffset, cdSize);
    const entries: ZipEntry[] = [];
    const names = new Set<string>();
    let p = 0;
    let total = 0;
    let totalCompressed = 0;
    for (let i = 0; i < count; i++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== SIG_CENTRAL) throw new ZipRejected('unsafe_zip');
      const flags = cd.readUInt16LE(p + 8);
      const method = cd.readUInt16LE(p + 10);
      const crc = cd.readUInt32LE(p + 16);
      const compressedSize = cd.readUInt32LE(p + 20);
      const uncompressed = cd.readUInt32LE(p + 24);
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      const offset = cd.readUInt32LE(p + 42);
      if (p + 46 + nameLen > cd.length || nameLen > ZIP_LIMITS.maxNameBytes)
        throw new ZipRejected('unsafe_zip');
      const nameBuf = cd.subarray(p + 46, p + 46 + nameLen);
      const name = nameBuf.toString(flags & 0x800 ? 'utf8' : 'latin1');
      p += 46 + nameLen + extraLen + commentLen;
      if (unsafeName(name) || names.has(name.toLowerCase())) throw new ZipRejected('unsafe_zip');
      names.add(name.toLowerCase());
      if (flags & 0x1 || (method !== 0 && method !== 8)) throw new ZipRejected('unsafe_zip');
      if (compressedSize === 0xffffffff || uncompressed === 0xffffffff) throw new ZipRejected('unsafe_zip');
      if (method === 0 && compressedSize !== uncompressed) throw new ZipRejected('unsafe_zip');
      total += uncompressed;
      totalCompressed += compressedSize;
      if (total > ZIP_LIMITS.maxUncompressed) throw new ZipRejected('zip_bomb');
      if (uncompressed > 1024 * 1024 && uncompressed > ZIP_LIMITS.maxRatio * Math.max(1, compressedSize))
        throw new ZipRejected('zip_bomb');
      // The local header must agree with the directory (a different name there is a path trick).
      if (offset + 30 > cdOffset) throw new ZipRejected('unsafe_zip');
      const local = readAt(fd, offset, 30);
      if (local.readUInt32LE(0) !== SIG_LOCAL || local.readUInt16LE(8) !== method)
        throw new ZipRejected('unsafe_zip');
      const lName = local.readUInt16LE(26);
      const lExtra = local.readUInt16LE(28);
      if (lName !== nameLen || !readAt(fd, offset + 30, lName).equals(nameBuf))
        throw new ZipRejected('unsafe_zip');
      const dataStart = offset + 30 + lName + lExtra;
      entries.push({ name, flags, method, crc, compressedSize, size: uncompressed, offset, dataStart });
    }
    if (total > ZIP_LIMITS.maxRatio * Math.max(1, totalCompressed)) throw new ZipRejected('zip_bomb');
    // Entries must tile the file from its start to the central directory: no overlaps (the
    // overlapping-entry bomb) and no hidden data a streaming reader would see but we did not check.
    const sorted = [...entries].sort((a, b) => a.offset - b.offset);
    let pos = 0;
    for (const e of sorted) {
      if (e.offset !== pos) throw new ZipRejected('unsafe_zip');
      pos = e.dataStart + e.compressedSize;
      if (e.flags & 0x8) {
        const next = sorted[sorted.indexOf(e) + 1]?.offset ?? cdOffset;
        const gap = next - pos;
        if (![12, 16, 20, 24].includes(gap)) throw new ZipRejected('unsafe_zip');
        pos = next;
      }
    }
    if (pos !== cdOffset) throw new ZipRejected('unsafe_zip');
    return entries;
  } finally {
    fs.closeSync(fd);
  }
}

/** The entry's uncompressed bytes as a stream; it fails once more than `limit` bytes come out. */
export function entryStream(file: string, e: ZipEntry, limit = e.size): Readable {
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      seen += chunk.length;
      if (seen > limit) cb(new ZipRejected('zip_bomb'));
      else cb(null, chunk);
    },
  });
  if (e.compressedSize === 0) {
    counter.end();
    return counter;
  }
  const raw = fs.createReadStream(file, { start: e.dataStart, end: e.dataStart + e.compressedSize - 1 });
  const fail = () => counter.destroy(new ZipRejected('unsafe_zip'));
  raw.on('error', fail);
  if (e.method === 8) {
    const inflate = zlib.createInflateRaw();
    inflate.on('error', fail);
    raw.pipe(inflate).pipe(counter);
    counter.on('close', () => {
      raw.destroy();
      inflate.destroy();
    });
  } else {
    raw.pipe(counter);
    counter.on('close', () => raw.destroy());
  }
  return counter;
}

/** Inflates an entry completely, checking it is exactly the size the directory declares. */
async function verifyEntry(file: string, e: ZipEntry): Promise<void> {
  let n = 0;
  for await (const chunk of entryStream(file, e)) n += (chunk as Buffer).length;
  if (n !== e.size) throw new ZipRejected('unsafe_zip');
}

async function entryText(file: string, e: ZipEntry, max = 4 * 1024 * 1024): Promise<string> {
  if (e.size > max) throw new ZipRejected('not_xlsx');
  const parts: Buffer[] = [];
  for await (const chunk of entryStream(file, e)) parts.push(chunk as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

const attr = (tag: string, name: string) =>
  new RegExp(`\\s(?:\\w+:)?${name}\\s*=\\s*"([^"]*)"`).exec(tag)?.[1] ??
  new RegExp(`\\s(?:\\w+:)?${name}\\s*=\\s*'([^']*)'`).exec(tag)?.[1];

function partPath(target: string): string {
  const t = target.startsWith('/') ? target.slice(1) : path.posix.join('xl', target);
  return path.posix.normalize(t);
}

export interface XlsxParts {
  entries: ZipEntry[];
  rels: ZipEntry;
  workbook: ZipEntry;
  sharedStrings: ZipEntry | undefined;
  sheet: ZipEntry;
}

/** Finds the workbook's parts: its relationships, shared strings and its first worksheet. */
export async function xlsxParts(file: string, entries = readZip(file)): Promise<XlsxParts> {
  const byName = new Map(entries.map((e) => [e.name, e]));
  const workbook = byName.get('xl/workbook.xml');
  const rels = byName.get('xl/_rels/workbook.xml.rels');
  if (!byName.has('[Content_Types].xml') || !workbook || !rels) throw new ZipRejected('not_xlsx');
  const relsXml = await entryText(file, rels);
  const targets = new Map<string, { type: string; target: string }>();
  for (const m of relsXml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const id = attr(m[0], 'Id');
    const target = attr(m[0], 'Target');
    if (id && target) targets.set(id, { type: attr(m[0], 'Type') ?? '', target });
  }
  const wbXml = await entryText(file, workbook);
  const first = /<(?:\w+:)?sheet\b[^>]*>/.exec(wbXml)?.[0];
  const rid = first ? attr(first, 'id') : undefined;
  const sheetTarget = rid ? targets.get(rid)?.target : undefined;
  const sheet = sheetTarget ? byName.get(partPath(sheetTarget)) : undefined;
  if (!sheet) throw new ZipRejected('not_xlsx');
  const ssTarget = [...targets.values()].find((t) => t.type.endsWith('/sharedStrings'))?.target;
  const sharedStrings = ssTarget ? byName.get(partPath(ssTarget)) : byName.get('xl/sharedStrings.xml');
  return { entries, rels, workbook, sharedStrings, sheet };
}

/** The upload check: directory, layout, and the parts we will read inflate to their declared sizes. */
export async function checkXlsx(file: string): Promise<void> {
  const parts = await xlsxParts(file);
  for (const e of [parts.rels, parts.workbook, parts.sharedStrings, parts.sheet])
    if (e) await verifyEntry(file, e);
}

/** The last row number the sheet declares (`<dimension ref="A1:K1001"/>`), when it does. */
export async function declaredRows(file: string, sheet: ZipEntry): Promise<number | undefined> {
  let head = '';
  const s = entryStream(file, sheet);
  for await (const chunk of s) {
    head += (chunk as Buffer).toString('utf8');
    if (head.length > 4096) break;
  }
  s.destroy();
  const m = /<(?:\w+:)?dimension\s+ref="[A-Z]+\d+(?::[A-Z]+(\d+))?"/.exec(head);
  return m?.[1] ? Number(m[1]) : undefined;
}
