/** Types of the hours API (from the shared schemas, types only) and pure helpers for the pages. */
import type {
  CorrectionOut,
  IssuerSettingsOut,
  ProofOut,
  ProofPrintOut,
  ServiceRecordOut,
  VolunteerHoursOut,
} from '@jinglin/shared';

type Out<S extends { parse: (v: unknown) => unknown }> = ReturnType<S['parse']>;

export type ServiceRecord = Out<typeof ServiceRecordOut>;
export type VolunteerHours = Out<typeof VolunteerHoursOut>;
export type Correction = Out<typeof CorrectionOut>;
export type Proof = Out<typeof ProofOut>;
export type ProofPrint = Out<typeof ProofPrintOut>;
export type Issuer = Out<typeof IssuerSettingsOut>;
export type ProofRecord = ProofPrint['records'][number];

/** Minutes split into whole hours and the rest (for "2 小时 30 分钟"). */
export function splitMinutes(total: number): { h: number; m: number } {
  return { h: Math.floor(total / 60), m: total % 60 };
}

/** Hours with up to two decimals, as volunteer records usually state them (150 → "2.5"). */
export function decimalHours(total: number): string {
  return String(Math.round((total / 60) * 100) / 100);
}

/** The Shanghai calendar day today (YYYY-MM-DD). */
export function todayShanghai(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** One month of a proof's records, for a long list condensed to stay on one A4 page. */
export interface MonthGroup {
  month: string; // YYYY-MM
  count: number;
  minutes: number;
  /** Distinct activities in order of first appearance. */
  activities: string[];
}

export function groupByMonth(records: readonly ProofRecord[]): MonthGroup[] {
  const groups = new Map<string, MonthGroup>();
  for (const r of records) {
    const month = r.serviceDate.slice(0, 7);
    let g = groups.get(month);
    if (!g) groups.set(month, (g = { month, count: 0, minutes: 0, activities: [] }));
    g.count += 1;
    g.minutes += r.minutes;
    if (!g.activities.includes(r.activity)) g.activities.push(r.activity);
  }
  return [...groups.values()].sort((a, b) => a.month.localeCompare(b.month));
}

/**
 * How many records a one-page proof lists one by one; more are condensed per month. With the
 * header, the statement and the signature block, 14 rows of a 10.5 pt table fill an A4 page.
 */
export const MAX_PRINTED_ROWS = 14;
/** At most this many month rows; beyond it the earliest months are merged into one row. */
export const MAX_MONTH_ROWS = 14;

/** A proof's rows for print: each record, or per month when there are too many (at most 14 rows). */
export function printRows(
  records: readonly ProofRecord[],
): { kind: 'records'; rows: readonly ProofRecord[] } | { kind: 'months'; rows: MonthGroup[] } {
  if (records.length <= MAX_PRINTED_ROWS) return { kind: 'records', rows: records };
  const months = groupByMonth(records);
  if (months.length <= MAX_MONTH_ROWS) return { kind: 'months', rows: months };
  // Years of service: merge the oldest months so the table still fits one page.
  const keep = months.slice(months.length - (MAX_MONTH_ROWS - 1));
  const merged = months.slice(0, months.length - (MAX_MONTH_ROWS - 1)).reduce<MonthGroup>(
    (acc, g) => ({
      month: `${acc.month || g.month}`,
      count: acc.count + g.count,
      minutes: acc.minutes + g.minutes,
      activities: [...acc.activities, ...g.activities.filter((a) => !acc.activities.includes(a))],
    }),
    { month: '', count: 0, minutes: 0, activities: [] },
  );
  const lastMerged = months[months.length - MAX_MONTH_ROWS]!.month;
  return { kind: 'months', rows: [{ ...merged, month: `${merged.month}~${lastMerged}` }, ...keep] };
}
