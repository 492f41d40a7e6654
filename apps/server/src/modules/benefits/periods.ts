/**
 * Benefit periods: 'YYYY-MM' for monthly programmes, 'YYYY' for yearly ones. A period's reference
 * date (its first day) is the date rules are evaluated on. Dates are Shanghai calendar dates.
 */
export type Periodicity = 'monthly' | 'yearly';

export function periodFits(period: string, periodicity: Periodicity): boolean {
  return periodicity === 'monthly' ? /^\d{4}-(0[1-9]|1[0-2])$/.test(period) : /^\d{4}$/.test(period);
}

/** The first day of the period: '2027-03' → '2027-03-01', '2027' → '2027-01-01'. */
export function periodStart(period: string): string {
  return period.length === 4 ? `${period}-01-01` : `${period}-01`;
}

export function nextPeriod(period: string): string {
  if (period.length === 4) return String(Number(period) + 1);
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

export function previousPeriod(period: string): string {
  if (period.length === 4) return String(Number(period) - 1);
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** Today's date in Shanghai (UTC+8, no daylight saving). */
export function shanghaiToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export function periodOf(date: string, periodicity: Periodicity): string {
  return periodicity === 'monthly' ? date.slice(0, 7) : date.slice(0, 4);
}

/** Periods per year, to turn one period's cost into a monthly figure. */
export const periodsPerYear = (p: Periodicity) => (p === 'monthly' ? 12 : 1);

/** A date `days` after an ISO date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The date rules are evaluated on for a period: the last day of the previous period. So a person
 * is paid through the month of their 65th birthday and stops the month after, as the transport
 * subsidy's rule says ("stops the month after turning 65"); the same holds for every other change.
 */
export function referenceDate(period: string): string {
  return addDays(periodStart(period), -1);
}
