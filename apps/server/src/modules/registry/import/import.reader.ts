/**
 * The CPU side of an import: read the sheet, find the header, and turn each chunk of rows into
 * staged rows (validated, encrypted, ready to insert) or invalid rows (problems + encrypted cells).
 * It needs no database, so it runs in a worker thread (import.worker.mjs) while the job's thread
 * does the database work — on a 2-core machine parsing and encryption then overlap the writes.
 * When no worker can be started it runs inline, in the same way.
 */
import { Worker } from 'node:worker_threads';
import type { DataScope } from '../../../platform/access/actor.js';
import { FieldCrypto, loadKeyRing, type CryptoMode } from '../../../platform/crypto/field-crypto.js';
import { HEADER_SEARCH_ROWS, isHeader, mapHeader } from './import.columns.js';
import { HeapBudget } from './import.heap.js';
import { cellText, isBlankRow } from './import.normalise.js';
import { FileProblem, openSheet, type SheetRow, type UploadKind } from './import.parse.js';
import { ZipRejected } from './import.zip.js';
import {
  areaIndex,
  RowValidator,
  type AreaRows,
  type StagedRow,
  type StoredProblem,
} from './import.validate.js';

export interface ReaderOptions {
  file: string;
  kind: UploadKind;
  /** Rows up to this one were handled by an earlier run. */
  afterRow: number;
  chunkRows: number;
  keys: { dataDir: string; masterKey: string | undefined; mode: CryptoMode };
  areas: AreaRows;
  scope: DataScope;
  jobId: string;
  actorId: string | null;
  defaultStreet: string | null;
  today: string;
}

export type BatchItem =
  /** A valid row, with its cells as text in case it turns out to be a duplicate. */
  | { rowNo: number; staged: StagedRow; cells: string[] }
  | { rowNo: number; problems: StoredProblem[]; cellsEnc: Uint8Array };

export type ReaderMessage =
  | { type: 'start'; header: string[]; headerRow: number; estimatedRows: number | undefined }
  | { type: 'batch'; items: BatchItem[]; lastRow: number }
  | { type: 'end'; fileError?: 'missing_columns' | 'unreadable_file' };

/** Heap growth tolerated between full collections, in the reader's thread and in the job's. */
export const HEAP_SLACK_MB = 32;

const isFileError = (e: unknown) => e instanceof FileProblem || e instanceof ZipRejected;

/** The sheet as messages: start (the header), batches of handled rows, end. */
export async function* readBatches(o: ReaderOptions, crypto: FieldCrypto): AsyncGenerator<ReaderMessage> {
  let sheet;
  try {
    sheet = await openSheet(o.file, o.kind);
  } catch (e) {
    if (isFileError(e)) return yield { type: 'end', fileError: 'unreadable_file' };
    throw e;
  }
  let validator: RowValidator | undefined;
  let searched = 0;
  let batch: SheetRow[] = [];
  const handle = (rows: SheetRow[]): ReaderMessage => ({
    type: 'batch',
    lastRow: rows.at(-1)!.rowNo,
    items: rows.map((r) => {
      const out = validator!.check(r.rowNo, r.cells);
      const cells = Array.from(r.cells, (c) => cellText(c));
      if (out.ok) return { rowNo: r.rowNo, staged: out.staged, cells };
      return { rowNo: r.rowNo, problems: out.problems, cellsEnc: crypto.encrypt(JSON.stringify(cells)) };
    }),
  });
  const rows = sheet.rows[Symbol.asyncIterator]();
  for (;;) {
    let item: IteratorResult<SheetRow>;
    try {
      item = await rows.next();
    } catch {
      // A sheet that cannot be parsed (bad XML, a broken zip stream): reported, nothing written.
      return yield { type: 'end', fileError: 'unreadable_file' };
    }
    if (item.done) break;
    const r = item.value;
    if (isBlankRow(r.cells)) continue;
    if (!validator) {
      const header = Array.from(r.cells, (c) => cellText(c).trim());
      const cols = mapHeader(header);
      if (isHeader(cols)) {
        validator = new RowValidator({ ...o, crypto, areas: areaIndex(o.areas) }, cols);
        yield { type: 'start', header, headerRow: r.rowNo, estimatedRows: sheet.estimatedRows };
      } else if (++searched >= HEADER_SEARCH_ROWS) break;
      continue;
    }
    if (r.rowNo <= o.afterRow) continue;
    batch.push(r);
    if (batch.length >= o.chunkRows) {
      yield handle(batch);
      batch = [];
    }
  }
  if (!validator) return yield { type: 'end', fileError: 'missing_columns' };
  if (batch.length) yield handle(batch);
  yield { type: 'end' };
}

/** Batches from a worker thread, at most two ahead of the consumer. */
async function* fromWorker(o: ReaderOptions, worker: Worker): AsyncGenerator<ReaderMessage> {
  const queue: ReaderMessage[] = [];
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  worker.on('message', (m: ReaderMessage | { type: 'error'; message: string }) => {
    if (m.type === 'error') failure = new Error(m.message);
    else queue.push(m);
    notify();
  });
  worker.on('error', (e) => {
    failure = e;
    notify();
  });
  worker.on('exit', (code) => {
    failure ??= new Error(`import reader exited (${code})`);
    notify();
  });
  worker.postMessage({ type: 'go', options: o });
  try {
    for (;;) {
      while (!queue.length) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
      }
      const m = queue.shift()!;
      if (m.type === 'batch') worker.postMessage({ type: 'more' });
      yield m;
      if (m.type === 'end') return;
    }
  } finally {
    await worker.terminate();
  }
}

const WORKER_URL = new URL('./import.worker.mjs', import.meta.url);

/**
 * Starts the reader in a worker thread, or runs it inline when asked to (`inline`) or when no
 * worker can start. Inline suits the embedded database: PGlite's engine lives in this process, and a
 * second V8 isolate with its own copy of the reader's modules and heap adds ~70 MiB to the import's
 * peak (100,000 rows: 550–560 MiB with the worker, 485 MiB inline), while the overlap it buys is
 * small when the database's work runs in the job's own thread anyway.
 */
export async function* batches(
  o: ReaderOptions,
  inlineCrypto: FieldCrypto,
  inline = false,
): AsyncGenerator<ReaderMessage> {
  if (inline) return yield* readBatches(o, inlineCrypto);
  let worker: Worker | undefined;
  try {
    // A small young generation and a capped old one keep the reader's garbage from piling up
    // (a 100,000-row import peaks ~170 MiB lower); 512 MiB still holds the largest shared-strings
    // table a 200 MiB workbook can have.
    worker = new Worker(WORKER_URL, {
      resourceLimits: { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 16 },
    });
    await new Promise<void>((resolve, reject) => {
      worker!.once('message', (m: { type: string }) =>
        m.type === 'ready' ? resolve() : reject(new Error(m.type)),
      );
      worker!.once('error', reject);
    });
  } catch {
    await worker?.terminate();
    worker = undefined;
  }
  if (worker) yield* fromWorker(o, worker);
  else yield* readBatches(o, inlineCrypto);
}

/** The worker side: run readBatches and post its messages, two batches ahead at most. */
export function serveReader(port: {
  postMessage(m: unknown): void;
  on(e: 'message', f: (m: { type: string; options?: ReaderOptions }) => void): void;
}): void {
  let credit = 2;
  let wake: (() => void) | undefined;
  port.on('message', (m) => {
    if (m.type === 'more') {
      credit++;
      wake?.();
      return;
    }
    if (m.type !== 'go' || !m.options) return;
    const o = m.options;
    void (async () => {
      try {
        const crypto = new FieldCrypto(
          loadKeyRing({ dataDir: o.keys.dataDir, masterKey: o.keys.masterKey }),
          o.keys.mode,
        );
        const heap = new HeapBudget(HEAP_SLACK_MB);
        for await (const msg of readBatches(o, crypto)) {
          if (msg.type === 'batch') {
            while (credit <= 0) await new Promise<void>((resolve) => (wake = resolve));
            credit--;
          }
          port.postMessage(msg);
          heap.check();
        }
      } catch (e) {
        port.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) });
      }
    })();
  });
  port.postMessage({ type: 'ready' });
}
