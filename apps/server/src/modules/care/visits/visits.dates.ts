/** Shanghai calendar dates for visits: today, a visit's date, the next visit by a plan. */

const SHANGHAI_MS = 8 * 3600_000;

/** The Shanghai calendar date (YYYY-MM-DD) of an instant. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_MS).toISOString().slice(0, 10);
}

/** A date plus whole days. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * A date plus a visit plan's step: `every` weeks, or `every` calendar months keeping the day of the
 * month where it exists and the month's last day where it does not (31 Jan + 1 month = 28/29 Feb).
 */
export function addStep(day: string, every: number, unit: 'week' | 'month'): string {
  if (unit === 'week') return addDays(day, every * 7);
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const months = y * 12 + (m - 1) + every;
  const ny = Math.floor(months / 12);
  const nm = (months % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
