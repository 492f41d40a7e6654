/**
 * Simulation before publishing: the draft (or any) version over the whole registry for a period —
 * who qualifies per street and what it costs — next to the version in force, with who would enter
 * and who would leave. Whole-registry figures regardless of the caller's scope (programme design is
 * district work); the samples show masked identifiers only.
 */
import { sql } from 'drizzle-orm';
import type { SimulationOut } from '@jinglin/shared';
import type { Platform } from '../../platform/platform.js';
import { resultRows, type Tx } from '../../platform/db/client.js';
import { invalid, notFound } from '../../platform/errors.js';
import { maskIdNumber } from '../../platform/crypto/field-crypto.js';
import { compileVersion } from './engine.js';
import * as programs from './programs.repo.js';
import { periodFits, periodOf, periodsPerYear, periodStart, shanghaiToday } from './periods.js';

const SAMPLE = 20;

export class SimulationService {
  constructor(private readonly p: Platform) {}

  async simulate(code: string, versionId: string, period?: string): Promise<SimulationOut> {
    const started = performance.now();
    return this.p.database.db.transaction(async (tx) => {
      const program = await programs.findProgram(tx, code);
      if (!program) throw notFound();
      const version = await programs.findVersion(tx, program.id, versionId);
      if (!version) throw notFound();
      const per =
        period ??
        periodOf(
          version.effectiveFrom > shanghaiToday() ? version.effectiveFrom : shanghaiToday(),
          program.periodicity,
        );
      if (!periodFits(per, program.periodicity)) throw invalid('period', 'period_mismatch');
      const current = await programs.versionInForce(tx, program.id, periodStart(per));
      const next = compileVersion(program, version, per);
      const byStreet = resultRows<{ street_code: string; n: number; fen: string | number }>(
        await tx.execute(sql`
          SELECT p.street_code, count(*)::int AS n, coalesce(sum(${next.amount}), 0)::bigint AS fen
          FROM persons p WHERE ${next.eligible} GROUP BY p.street_code ORDER BY p.street_code`),
      ).map((r) => ({ streetCode: r.street_code, count: Number(r.n), amountFen: Number(r.fen) }));
      const total = byStreet.reduce(
        (t, s) => ({ count: t.count + s.count, amountFen: t.amountFen + s.amountFen }),
        {
          count: 0,
          amountFen: 0,
        },
      );
      let currentTotal: SimulationOut['current'] = null;
      let entering = { count: total.count, sample: await this.sample(tx, next.eligible) };
      let leaving = { count: 0, sample: [] as SimulationOut['leaving']['sample'] };
      if (current && current.id !== version.id) {
        const cur = compileVersion(program, current, per);
        const [t] = resultRows<{ n: number; fen: string | number }>(
          await tx.execute(sql`
            SELECT count(*)::int AS n, coalesce(sum(${cur.amount}), 0)::bigint AS fen FROM persons p WHERE ${cur.eligible}`),
        );
        currentTotal = { count: Number(t?.n ?? 0), amountFen: Number(t?.fen ?? 0) };
        const enter = sql`(${next.eligible} AND NOT ${cur.eligible})`;
        const leave = sql`(${cur.eligible} AND NOT ${next.eligible})`;
        entering = { count: await this.count(tx, enter), sample: await this.sample(tx, enter) };
        leaving = { count: await this.count(tx, leave), sample: await this.sample(tx, leave) };
      } else if (current?.id === version.id) {
        currentTotal = total;
        entering = { count: 0, sample: [] };
      }
      return {
        versionId: version.id,
        period: per,
        byStreet,
        total,
        monthlyCostFen: Math.round((total.amountFen * periodsPerYear(program.periodicity)) / 12),
        current: currentTotal,
        entering,
        leaving,
        ms: Math.round(performance.now() - started),
      };
    });
  }

  private async count(tx: Tx, where: ReturnType<typeof sql>): Promise<number> {
    const [r] = resultRows<{ n: number }>(
      await tx.execute(sql`SELECT count(*)::int AS n FROM persons p WHERE ${where}`),
    );
    return Number(r?.n ?? 0);
  }

  private async sample(tx: Tx, where: ReturnType<typeof sql>) {
    const rows = resultRows<{
      id: string;
      name: string;
      id_number_enc: Buffer | Uint8Array;
      street_code: string;
    }>(
      await tx.execute(sql`
        SELECT p.id, p.name, p.id_number_enc, p.street_code FROM persons p WHERE ${where}
        ORDER BY p.name_pinyin, p.id LIMIT ${SAMPLE}`),
    );
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      idNumber: maskIdNumber(this.p.crypto.decrypt(Buffer.from(r.id_number_enc))),
      streetCode: r.street_code,
    }));
  }
}
