/**
 * Writing spreadsheets we hand out (exports, import error reports): streamed with ExcelJS's
 * streaming writer, and every text cell that a spreadsheet program could take for a formula
 * (starting with = + - @, a tab or a carriage return) is prefixed with an apostrophe.
 */
import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type Cell = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell that is safe to open: formula-looking text is neutralised; numbers stay numbers. */
export function safeCell(v: Cell): string | number | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  return FORMULA_START.test(v) ? `'${v}` : v;
}

/** `attachment` with an ASCII fallback name and the UTF-8 one (RFC 6266). */
export function attachment(asciiName: string, utf8Name = asciiName): string {
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(utf8Name)}`;
}

/**
 * An .xlsx of one sheet as a stream: the header row, then `rows` as they come. Writing waits for
 * the reader (backpressure) and stops when the reader goes away.
 */
export function xlsxStream(sheetName: string, header: string[], rows: AsyncIterable<Cell[]>): Readable {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: false,
    useSharedStrings: false,
  });
  void (async () => {
    const ws = wb.addWorksheet(sheetName);
    ws.addRow(header.map(safeCell)).commit();
    let n = 0;
    for await (const row of rows) {
      if (out.destroyed) return;
      ws.addRow(row.map(safeCell)).commit();
      if (++n % 200 === 0 && out.writableNeedDrain) await once(out, 'drain');
    }
    ws.commit();
    await wb.commit();
  })().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return out;
}
