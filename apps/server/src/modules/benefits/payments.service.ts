/**
 * Payment: each street's monthly list for the bank (.xlsx: payment number, name, masked ID number,
 * social-security-card account reference, amount, period) and the bank's results back (.xlsx or
 * .csv: payment number, 成功/失败, reason, bank reference) for reconciliation — paid entitlements
 * become `paid`; failed ones stay approved with the bank's reason, to be paid in a later list.
 */
import fs from 'node:fs';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Platform } from '../../platform/platform.js';
import type { Actor } from '../../platform/access/actor.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { maskIdNumber } from '../../platform/crypto/field-crypto.js';
import { streetInScope } from '../../platform/access/scope.js';
import { persons } from '../registry/registry.tables.js';
import { xlsxStream, type Cell } from '../registry/export/xlsx.js';
import { openSheet, sniffKind } from '../registry/import/import.parse.js';
import { checkXlsx, ZipRejected } from '../registry/import/import.zip.js';
import { benefitEntitlements, benefitPayees } from './benefits.tables.js';
import * as cycles from './cycles.repo.js';
import * as programs from './programs.repo.js';

export const PAYMENT_HEADER = ['付款编号', '姓名', '身份证号', '社保卡账户', '金额（元）', '期间', '街镇'];
const MAX_ROWS = 200_000;

const norm = (v: unknown) => String(v ?? '').trim();

function resultOf(v: unknown): 'paid' | 'failed' | null {
  const s = norm(v).toLowerCase();
  if (['成功', '已支付', '支付成功', 'paid', 'success', 'ok', '1', 'y'].includes(s)) return 'paid';
  if (['失败', '支付失败', '退回', 'failed', 'fail', '0', 'n'].includes(s)) return 'failed';
  return null;
}

export class PaymentsService {
  constructor(private readonly p: Platform) {}

  private get db() {
    return this.p.database.db;
  }

  private async cycleFor(actor: Actor, cycleId: string, streetCode: string) {
    const c = await cycles.findCycle(this.db, cycleId);
    if (!c) throw notFound();
    if (!streetInScope(actor.scope, streetCode)) throw invalid('streetCode', 'out_of_scope');
    return c;
  }

  /** The street's list of approved, unpaid entitlements of a cycle. */
  async exportList(actor: Actor, cycleId: string, streetCode: string) {
    const c = await this.cycleFor(actor, cycleId, streetCode);
    const program = (await programs.findProgramById(this.db, c.programId))!;
    const rows = await this.db
      .select({
        id: benefitEntitlements.id,
        name: persons.name,
        idEnc: persons.idNumberEnc,
        accountEnc: benefitPayees.accountRefEnc,
        amountFen: benefitEntitlements.amountFen,
        period: benefitEntitlements.period,
      })
      .from(benefitEntitlements)
      .innerJoin(persons, eq(persons.id, benefitEntitlements.personId))
      .leftJoin(benefitPayees, eq(benefitPayees.personId, benefitEntitlements.personId))
      .where(
        and(
          eq(benefitEntitlements.cycleId, c.id),
          eq(benefitEntitlements.streetCode, streetCode),
          eq(benefitEntitlements.state, 'approved'),
        ),
      )
      .orderBy(persons.namePinyin, benefitEntitlements.id);
    await recordAudit(this.db, actor, {
      action: 'benefits.payments.export',
      objectType: 'benefit_cycle',
      objectId: c.id,
      details: { streetCode, count: rows.length },
    });
    const crypto = this.p.crypto;
    async function* cells(): AsyncGenerator<Cell[]> {
      for (const r of rows)
        yield [
          r.id,
          r.name,
          maskIdNumber(crypto.decrypt(r.idEnc)),
          r.accountEnc ? crypto.decrypt(r.accountEnc) : '',
          r.amountFen / 100,
          r.period,
          streetCode,
        ];
    }
    return {
      filename: `payments-${program.code}-${c.period}-${streetCode}.xlsx`,
      stream: xlsxStream(c.period, PAYMENT_HEADER, cells()),
      count: rows.length,
    };
  }

  /** The bank's results: every row names a payment number of this cycle in the caller's scope. */
  async importResults(actor: Actor, cycleId: string, file: string) {
    const c = await cycles.findCycle(this.db, cycleId);
    if (!c) throw notFound();
    if ((await fs.promises.stat(file)).size === 0) throw invalid('file', 'required');
    const kind = await sniffKind(file);
    if (!kind)
      throw new AppError('unsupported_media_type', {
        fields: [{ path: 'file', code: 'unsupported_file_type' }],
      });
    if (kind === 'xlsx') {
      try {
        await checkXlsx(file);
      } catch (e) {
        if (!(e instanceof ZipRejected)) throw e;
        throw new AppError(e.problem === 'zip_bomb' ? 'payload_too_large' : 'unsupported_media_type', {
          fields: [{ path: 'file', code: e.problem }],
        });
      }
    }
    const sheet = await openSheet(file, kind);
    let cols: { id: number; result: number; reason: number; ref: number } | undefined;
    const parsed: { row: number; id: string; result: 'paid' | 'failed'; reason: string; ref: string }[] = [];
    const errors: { row: number; message: string }[] = [];
    let dataRows = 0;
    for await (const r of sheet.rows) {
      const cells = r.cells.map(norm);
      if (!cols) {
        const find = (...names: string[]) => cells.findIndex((h) => names.includes(h.replace(/\s/g, '')));
        const id = find('付款编号', 'paymentid', 'payment_id');
        const result = find('结果', '支付结果', '状态', 'result', 'status');
        if (id < 0 || result < 0) continue;
        cols = {
          id,
          result,
          reason: find('失败原因', '原因', 'reason'),
          ref: find('银行流水号', '流水号', 'reference', 'bankref'),
        };
        continue;
      }
      if (cells.every((x) => !x)) continue;
      if (++dataRows > MAX_ROWS) throw invalid('file', 'too_big');
      const id = cells[cols.id] ?? '';
      const result = resultOf(cells[cols.result]);
      if (!/^[0-9a-f-]{36}$/i.test(id))
        errors.push({ row: r.rowNo, message: '付款编号不正确 / invalid payment number' });
      else if (!result)
        errors.push({ row: r.rowNo, message: '结果应为“成功”或“失败” / result must be 成功 or 失败' });
      else
        parsed.push({
          row: r.rowNo,
          id,
          result,
          reason: cols.reason >= 0 ? (cells[cols.reason] ?? '') : '',
          ref: cols.ref >= 0 ? (cells[cols.ref] ?? '') : '',
        });
    }
    if (!cols) throw invalid('file', 'missing_columns');
    return this.db.transaction(async (tx) => {
      let paid = 0;
      let failed = 0;
      for (let i = 0; i < parsed.length; i += 1000) {
        const part = parsed.slice(i, i + 1000);
        const found = await tx
          .select({
            id: benefitEntitlements.id,
            street: benefitEntitlements.streetCode,
            state: benefitEntitlements.state,
          })
          .from(benefitEntitlements)
          .where(
            and(
              eq(benefitEntitlements.cycleId, c.id),
              inArray(
                benefitEntitlements.id,
                part.map((x) => x.id),
              ),
            ),
          );
        const byId = new Map(found.map((f) => [f.id, f]));
        for (const x of part) {
          const e = byId.get(x.id);
          if (!e || !streetInScope(actor.scope, e.street)) {
            errors.push({ row: x.row, message: '本期没有这个付款编号 / no such payment in this cycle' });
            continue;
          }
          if (e.state === 'paid' && x.result === 'paid') continue; // the same file twice: nothing to do
          if (e.state !== 'approved') {
            errors.push({ row: x.row, message: `状态为 ${e.state}，不能登记支付结果 / state ${e.state}` });
            continue;
          }
          if (x.result === 'paid') {
            await tx
              .update(benefitEntitlements)
              .set({
                state: 'paid',
                paidAt: new Date(),
                paymentRef: x.ref || null,
                paymentError: null,
                version: sql`${benefitEntitlements.version} + 1`,
              })
              .where(eq(benefitEntitlements.id, x.id));
            paid++;
          } else {
            await tx
              .update(benefitEntitlements)
              .set({ paymentError: x.reason || '失败', version: sql`${benefitEntitlements.version} + 1` })
              .where(eq(benefitEntitlements.id, x.id));
            failed++;
          }
        }
      }
      await recordAudit(tx, actor, {
        action: 'benefits.payments.import',
        objectType: 'benefit_cycle',
        objectId: c.id,
        details: { rows: parsed.length, paid, failed, errors: errors.length },
      });
      errors.sort((a, b) => a.row - b.row);
      return { rows: dataRows, paid, failed, errors: errors.slice(0, 500) };
    });
  }
}
