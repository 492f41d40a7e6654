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
