/**
 * The occurrences of weekly hospital sessions: pure. A session runs on its ISO weekday between
 * validFrom and validTo (Shanghai dates), not on a public holiday (a make-up working day — 调休 —
 * runs the sessions of the weekday it stands in for only if the session says so: it does not, by
 * default), and not when that occurrence is cancelled. Times are Shanghai local (UTC+8, no DST).
 */
const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

export interface SessionRule {
  id: string;
  hospitalId: string;
  weekday: number;
  startsAt: string;
  endsAt: string;
  capacity: number;
  services: readonly string[];
  validFrom: string;
  validTo: string | null;
  active: boolean;
}

export interface Occurrence {
  sessionId: string;
  hospitalId: string;
  date: string;
  start: Date;
  end: Date;
  capacity: number;
  services: readonly string[];
  /** Why it does not run, if it does not. */
  off: null | { kind: 'holiday' | 'cancelled'; reason: string };
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const weekdayOf = (date: string) => {
  const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
  return wd === 0 ? 7 : wd;
};

/** The instant of a Shanghai local date and HH:MM. */
export function shanghaiInstant(date: string, hhmm: string): Date {
  return new Date(Date.parse(`${date}T${hhmm}:00Z`) - SHANGHAI_OFFSET_MS);
}

/** Every occurrence of the sessions on the Shanghai dates from..to (inclusive), off ones included. */
export function occurrences(
  sessions: readonly SessionRule[],
  from: string,
  to: string,
  holidays: ReadonlyMap<string, { name: string; workday: boolean }>,
  cancellations: ReadonlyMap<string, string>,
): Occurrence[] {
  const out: Occurrence[] = [];
  for (let ms = Date.parse(`${from}T00:00:00Z`); ms <= Date.parse(`${to}T00:00:00Z`); ms += DAY_MS) {
    const date = isoDay(ms);
    const wd = weekdayOf(date);
    for (const s of sessions) {
      if (!s.active || s.weekday !== wd || date < s.validFrom || (s.validTo && date > s.validTo)) continue;
      const holiday = holidays.get(date);
      const cancelled = cancellations.get(`${s.id}/${date}`);
      out.push({
        sessionId: s.id,
        hospitalId: s.hospitalId,
        date,
        start: shanghaiInstant(date, s.startsAt),
        end: shanghaiInstant(date, s.endsAt),
        capacity: s.capacity,
        services: s.services,
        off:
          holiday && !holiday.workday
            ? { kind: 'holiday', reason: holiday.name }
            : cancelled !== undefined
              ? { kind: 'cancelled', reason: cancelled }
              : null,
      });
    }
  }
  return out.sort((a, b) => a.start.getTime() - b.start.getTime() || (a.sessionId < b.sessionId ? -1 : 1));
}

/** The Monday (Shanghai date) of the week a date is in. */
export function mondayOf(date: string): string {
  return isoDay(Date.parse(`${date}T00:00:00Z`) - (weekdayOf(date) - 1) * DAY_MS);
}
