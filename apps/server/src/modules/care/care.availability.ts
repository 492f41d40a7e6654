/**
 * Is a volunteer available at an instant? Weekly pattern per ISO weekday in Shanghai local time
 * (UTC+8, no daylight saving), overridden by a dated exception for that local date: unavailable
 * all day, or available only in the exception's ranges. Pure, for matching (hospital sessions).
 */
import type { Availability } from '@jinglin/shared';
import { shanghaiLocal } from '../tracking/tracking.zones.js';

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** The Shanghai local date (YYYY-MM-DD) of an instant. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

export function isAvailable(availability: Availability, at: Date): boolean {
  const { weekday, minute } = shanghaiLocal(at);
  const inRanges = (ranges: readonly { from: string; to: string }[]) =>
    ranges.some((r) => minute >= minutesOf(r.from) && minute < minutesOf(r.to));
  const exception = availability.exceptions.find((e) => e.date === shanghaiDate(at));
  if (exception) return exception.available && (exception.ranges.length === 0 || inRanges(exception.ranges));
  const today = availability.weekly[String(weekday) as keyof Availability['weekly']] ?? [];
  return inRanges(today);
}

/**
 * Is a volunteer available for the whole of [start, end)? Both ends on one Shanghai local date
 * (a hospital session is a half day), and the interval inside the union of that date's ranges
 * (touching ranges such as 08:00–12:00 and 12:00–17:00 join up).
 */
export function isAvailableThroughout(availability: Availability, start: Date, end: Date): boolean {
  if (end.getTime() <= start.getTime()) return false;
  const date = shanghaiDate(start);
  const last = new Date(end.getTime() - 1);
  if (shanghaiDate(last) !== date) return false;
  const exception = availability.exceptions.find((e) => e.date === date);
  let ranges: readonly { from: string; to: string }[];
  if (exception) {
    if (!exception.available) return false;
    if (exception.ranges.length === 0) return true;
    ranges = exception.ranges;
  } else {
    const { weekday } = shanghaiLocal(start);
    ranges = availability.weekly[String(weekday) as keyof Availability['weekly']] ?? [];
  }
  const from = shanghaiLocal(start).minute;
  const to = shanghaiLocal(last).minute + 1;
  const sorted = ranges
    .map((r) => [minutesOf(r.from), minutesOf(r.to)] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let reach = from;
  for (const [a, b] of sorted) {
    if (a > reach) break;
    if (b > reach) reach = b;
    if (reach >= to) return true;
  }
  return reach >= to;
}
