/**
 * A weekly pattern of time ranges per ISO weekday, Shanghai local time —
 * {"1":[{"from":"08:30","to":"16:00"}]} — as a day centre's opening hours or a volunteer's
 * availability: the editor's rows, tidying, checks and a short summary in words. Pure functions.
 */
export const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export interface TimeRange {
  from: string;
  to: string;
}
export type OpeningHours = Partial<Record<Weekday, TimeRange[]>>;
/** The editor's state: every weekday, possibly empty (closed). */
export type HoursRows = Record<Weekday, TimeRange[]>;
export const MAX_RANGES = 4;

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

export function hoursToRows(h: OpeningHours | null | undefined): HoursRows {
  const out = {} as HoursRows;
  for (const d of WEEKDAYS) out[d] = (h?.[d] ?? []).map((r) => ({ from: r.from, to: r.to }));
  return out;
}

export function addRange(rows: HoursRows, day: Weekday): HoursRows {
  const list = rows[day];
  if (list.length >= MAX_RANGES) return rows;
  const last = list.at(-1);
  const next = last ? { from: last.to, to: last.to } : { from: '08:30', to: '16:00' };
  return { ...rows, [day]: [...list, next] };
}

export function removeRange(rows: HoursRows, day: Weekday, index: number): HoursRows {
  return { ...rows, [day]: rows[day].filter((_, i) => i !== index) };
}

export function setRange(
  rows: HoursRows,
  day: Weekday,
  index: number,
  field: keyof TimeRange,
  value: string,
): HoursRows {
  return { ...rows, [day]: rows[day].map((r, i) => (i === index ? { ...r, [field]: value } : r)) };
}

/** Monday's periods for Tuesday to Friday (the usual week of a day centre). */
export function copyMondayToWeekdays(rows: HoursRows): HoursRows {
  const mon = rows['1'].map((r) => ({ ...r }));
  const out = { ...rows };
  for (const d of ['2', '3', '4', '5'] as const) out[d] = mon.map((r) => ({ ...r }));
  return out;
}

/** "8:30", "0830", "８：３０" → "08:30" (other input is returned trimmed, to be reported). */
export function tidyTime(v: string): string {
  const s = v
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[：.]/g, ':')
    .trim();
  const m = /^(\d{1,2}):?(\d{2})$/.exec(s);
  return m ? `${m[1]!.padStart(2, '0')}:${m[2]}` : s;
}

export interface HoursProblem {
  day: Weekday;
  /** 0-based period index. */
  index: number;
  code: 'format' | 'order' | 'overlap' | 'tooMany';
}

const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

export function validateHours(rows: HoursRows): HoursProblem[] {
  const out: HoursProblem[] = [];
  for (const day of WEEKDAYS) {
    const list = rows[day];
    if (list.length > MAX_RANGES) out.push({ day, index: MAX_RANGES, code: 'tooMany' });
    const sorted = list
      .map((r, index) => ({ from: tidyTime(r.from), to: tidyTime(r.to), index }))
      .sort((a, b) => a.from.localeCompare(b.from));
    let prevEnd = -1;
    for (const r of sorted) {
      if (!HHMM.test(r.from) || !HHMM.test(r.to)) {
        out.push({ day, index: r.index, code: 'format' });
        continue;
      }
      if (minutes(r.to) <= minutes(r.from)) out.push({ day, index: r.index, code: 'order' });
      else if (minutes(r.from) < prevEnd) out.push({ day, index: r.index, code: 'overlap' });
      prevEnd = Math.max(prevEnd, minutes(r.to));
    }
  }
  return out.sort((a, b) => (a.day === b.day ? a.index - b.index : a.day.localeCompare(b.day)));
}

/** The editor's rows → the API's object: closed days left out, periods tidied and in time order. */
export function rowsToHours(rows: HoursRows): OpeningHours {
  const out: OpeningHours = {};
  for (const d of WEEKDAYS) {
    const list = rows[d]
      .map((r) => ({ from: tidyTime(r.from), to: tidyTime(r.to) }))
      .sort((a, b) => a.from.localeCompare(b.from));
    if (list.length > 0) out[d] = list;
  }
  return out;
}

/** A short summary: "周一至周五 08:30–16:00" style, one entry per run of days with equal periods. */
export function summariseHours(h: OpeningHours, dayName: (d: Weekday) => string, through: string): string[] {
  const out: string[] = [];
  let i = 0;
  const key = (d: Weekday) => (h[d] ?? []).map((r) => `${r.from}–${r.to}`).join(', ');
  while (i < WEEKDAYS.length) {
    const d = WEEKDAYS[i]!;
    const k = key(d);
    let j = i;
    while (j + 1 < WEEKDAYS.length && key(WEEKDAYS[j + 1]!) === k) j++;
    if (k) out.push(`${dayName(d)}${j > i ? `${through}${dayName(WEEKDAYS[j]!)}` : ''} ${k}`);
    i = j + 1;
  }
  return out;
}
