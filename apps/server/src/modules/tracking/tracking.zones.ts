/**
 * Pure zone logic: schedules in Asia/Shanghai local time (UTC+8, no daylight saving since 1991)
 * and the per-device zone state machine with exit confirmation (TRACKING.md "What Traccar's users
 * suffered": exits beyond accuracy only, N fixes or T seconds, found outside on reconnect, state
 * drives alerts, old data never re-raises).
 */
import { isOutsideBeyondAccuracy, type Zone } from './geo/index.js';
import type { OpeningHours, ZoneSchedule } from './tracking.tables.js';

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** ISO weekday (1–7) and minute of day in Shanghai. */
export function shanghaiLocal(at: Date): { weekday: number; minute: number } {
  const d = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  const wd = d.getUTCDay();
  return { weekday: wd === 0 ? 7 : wd, minute: d.getUTCHours() * 60 + d.getUTCMinutes() };
}

/** Is the zone's schedule in force at this instant? No weekdays and no ranges: always. */
export function scheduleActive(schedule: ZoneSchedule, centreHours: OpeningHours | null, at: Date): boolean {
  const { weekday, minute } = shanghaiLocal(at);
  const inRanges = (ranges: { from: string; to: string }[]) =>
    ranges.some((r) => minute >= minutesOf(r.from) && minute < minutesOf(r.to));
  if (schedule.useCentreHours) {
    const today = centreHours?.[String(weekday) as keyof OpeningHours] ?? [];
    return inRanges(today);
  }
  if (schedule.weekdays.length > 0 && !schedule.weekdays.includes(weekday)) return false;
  return schedule.ranges.length === 0 || inRanges(schedule.ranges);
}

export interface ZoneState {
  state: 'unknown' | 'inside' | 'outside';
  pendingExitCount: number;
  pendingExitSince: Date | null;
  lastEvaluatedFixTime: Date | null;
}

export interface ZoneRules {
  exitConfirmFixes: number;
  exitConfirmSeconds: number;
  /** A gap this long since the last evaluated fix means the device was away: one outside fix confirms. */
  reconnectGapSeconds: number;
  minMarginM: number;
}

export interface ZoneFix {
  fixTime: Date;
  latitude: number;
  longitude: number;
  accuracyM: number | null;
}

/** What a fix does to a zone's state: the new state and the alert it raises, if any. */
export function evaluateZone(
  zone: Zone,
  active: boolean,
  prev: ZoneState,
  fix: ZoneFix,
  rules: ZoneRules,
  deviceWasOffline: boolean,
): { next: ZoneState; raise: 'geofence_exit' | 'geofence_enter' | null } {
  // Old data (back-filled, out of order) is stored but never moves the state nor raises alerts.
  if (prev.lastEvaluatedFixTime && fix.fixTime.getTime() <= prev.lastEvaluatedFixTime.getTime()) {
    return { next: prev, raise: null };
  }
  const base = { lastEvaluatedFixTime: fix.fixTime };
  if (!active) {
    // Outside the schedule nothing is watched; the state restarts when the schedule does.
    return { next: { state: 'unknown', pendingExitCount: 0, pendingExitSince: null, ...base }, raise: null };
  }
  const p = { latitude: fix.latitude, longitude: fix.longitude };
  const outside = isOutsideBeyondAccuracy(p, zone, fix.accuracyM, rules.minMarginM);
  if (!outside) {
    const raise = prev.state === 'outside' ? 'geofence_enter' : null;
    return { next: { state: 'inside', pendingExitCount: 0, pendingExitSince: null, ...base }, raise };
  }
  if (prev.state === 'outside') return { next: { ...prev, ...base }, raise: null };
  const count = prev.pendingExitCount + 1;
  const since = prev.pendingExitSince ?? fix.fixTime;
  const gapS = prev.lastEvaluatedFixTime
    ? (fix.fixTime.getTime() - prev.lastEvaluatedFixTime.getTime()) / 1000
    : Infinity;
  const reconnected = deviceWasOffline || (prev.state !== 'unknown' && gapS >= rules.reconnectGapSeconds);
  const confirmed =
    count >= rules.exitConfirmFixes ||
    (fix.fixTime.getTime() - since.getTime()) / 1000 >= rules.exitConfirmSeconds ||
    reconnected;
  if (confirmed) {
    return {
      next: { state: 'outside', pendingExitCount: 0, pendingExitSince: null, ...base },
      raise: 'geofence_exit',
    };
  }
  return {
    next: { state: prev.state, pendingExitCount: count, pendingExitSince: since, ...base },
    raise: null,
  };
}

/** A zone row's geometry as the geo module's Zone. */
export function zoneGeometry(kind: 'circle' | 'polygon', geometry: unknown): Zone {
  const g = geometry as {
    center?: { latitude: number; longitude: number };
    radiusM?: number;
    points?: { latitude: number; longitude: number }[];
  };
  return kind === 'circle'
    ? { kind: 'circle', center: g.center!, radiusM: g.radiusM! }
    : { kind: 'polygon', points: g.points! };
}
