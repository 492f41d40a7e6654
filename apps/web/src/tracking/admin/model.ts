/**
 * Tracking administration: the API's shapes and the pure rules the pages use (alert words, device
 * ids, opening hours). No React here: unit-tested in model.test.ts.
 */
import type { AlertOut, DayCentreOut, DeviceOut, TraineeOut } from '@jinglin/shared';

type Out<S extends { parse: (v: unknown) => unknown }> = ReturnType<S['parse']>;

/** An alert; in the list it names the trainee (for the centre's staff) and the device. */
export type Alert = Out<typeof AlertOut>;
export type AlertType = Alert['type'];
export type AlertState = Alert['state'];
/** A device; `personName` is the bound trainee's name, masked. */
export type Device = Out<typeof DeviceOut>;
export type DeviceProtocol = Device['protocol'];
export type Centre = Out<typeof DayCentreOut>;
export type Trainee = Out<typeof TraineeOut>;

export interface TrackingSettings {
  exitConfirmFixes: number;
  exitConfirmSeconds: number;
  reconnectGapSeconds: number;
  minMarginM: number;
  lowBatteryPercent: number;
  offlineMinutes: number;
  escalationMinutes: number;
  maxEscalationLevel: number;
  retentionDays: number;
}

/** Who an escalation level tells (the server's CONTACT_GROUPS, tracking.settings.ts). */
export const CONTACT_GROUPS = ['centre_staff', 'guardians'] as const;
export type ContactGroup = (typeof CONTACT_GROUPS)[number];
/** One level of the escalation ladder (index = level; level 0 when the alert opens). */
export interface EscalationRung {
  groups: ContactGroup[];
  /** Named users (ids; set through the API, kept as they are). */
  userIds: string[];
  /** Minutes unacknowledged at the level below (null: `escalationMinutes`). */
  afterMinutes: number | null;
}
/** Levels 0–10. */
export const MAX_LADDER = 11;

/**
 * The ladder's problems by input id, with the message keys' values: minutes must be whole minutes
 * from 1 to 1440, or left empty for the default.
 */
export function ladderErrors(ladder: readonly EscalationRung[], message: (level: number) => string) {
  const out: Record<string, string> = {};
  ladder.forEach((r, i) => {
    const m = r.afterMinutes;
    if (i > 0 && m !== null && !(Number.isInteger(m) && m >= 1 && m <= 1440))
      out[`ladder-${i}-minutes`] = message(i);
  });
  return out;
}

/** Bounds of each setting (the server's schema, tracking.settings.ts). */
export const SETTING_BOUNDS: Record<keyof TrackingSettings, { min: number; max: number; int: boolean }> = {
  exitConfirmFixes: { min: 1, max: 20, int: true },
  exitConfirmSeconds: { min: 0, max: 3600, int: true },
  reconnectGapSeconds: { min: 30, max: 86400, int: true },
  minMarginM: { min: 0, max: 500, int: false },
  lowBatteryPercent: { min: 0, max: 100, int: true },
  offlineMinutes: { min: 1, max: 1440, int: true },
  escalationMinutes: { min: 1, max: 1440, int: true },
  maxEscalationLevel: { min: 0, max: 10, int: true },
  retentionDays: { min: 1, max: 3650, int: true },
};
export const SETTING_KEYS = Object.keys(SETTING_BOUNDS) as (keyof TrackingSettings)[];

export const ALERT_TYPES: readonly AlertType[] = [
  'sos',
  'fall',
  'geofence_exit',
  'removed',
  'low_battery',
  'offline',
  'geofence_enter',
];
export const ALERT_STATES: readonly AlertState[] = ['open', 'acknowledged', 'closed'];
export const PROTOCOLS: readonly DeviceProtocol[] = ['jt808', 'watch', 'osmand'];

/** The message key of an alert type in words (null for a type this app does not know). */
export function alertTypeKey(type: string): `alertType.${AlertType}` | null {
  return (ALERT_TYPES as readonly string[]).includes(type) ? `alertType.${type as AlertType}` : null;
}

/** Alerts that call for someone to go now (shown first in the banner, red). */
export function isUrgent(type: AlertType): boolean {
  return type === 'sos' || type === 'fall' || type === 'geofence_exit' || type === 'removed';
}

/** Newest first (by opening time, then id: ids are time-ordered). */
export function newestFirst<T extends { openedAt: string; id: string }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) =>
    a.openedAt === b.openedAt ? (a.id < b.id ? 1 : -1) : a.openedAt < b.openedAt ? 1 : -1,
  );
}

/** Ids in `now` that were not in `before` (new open alerts since the last poll). */
export function newIds(before: ReadonlySet<string> | null, now: readonly { id: string }[]): string[] {
  if (!before) return [];
  return now.filter((a) => !before.has(a.id)).map((a) => a.id);
}

// ---- device ids (CONTRACT.md "Tracking")

export type UniqueIdProblem = 'format' | 'digits' | null;

/** The id as the server will store it: trimmed, and for JT/T 808 without leading zeros. */
export function normaliseUniqueId(raw: string, protocol: DeviceProtocol): string {
  const t = raw.trim();
  return protocol === 'jt808' ? t.replace(/^0+(?=\d)/, '') : t;
}

export function uniqueIdProblem(raw: string, protocol: DeviceProtocol): UniqueIdProblem {
  const id = normaliseUniqueId(raw, protocol);
  if (protocol === 'jt808') return /^\d{1,20}$/.test(id) ? null : 'digits';
  return /^[0-9A-Za-z_-]{1,40}$/.test(id) ? null : 'format';
}

// ---- opening hours: the weekly pattern's model is shared (components/weekly-hours.ts)

export {
  WEEKDAYS,
  MAX_RANGES,
  hoursToRows,
  addRange,
  removeRange,
  setRange,
  copyMondayToWeekdays,
  tidyTime,
  validateHours,
  rowsToHours,
  summariseHours,
} from '../../components/weekly-hours';
export type {
  Weekday,
  TimeRange,
  OpeningHours,
  HoursRows,
  HoursProblem,
} from '../../components/weekly-hours';

// ---- alarm preferences (this browser)

export const MUTE_KEY = 'jinglin.tracking.alarmMuted';

export function readMuted(storage: Pick<Storage, 'getItem'> | null): boolean {
  try {
    return storage?.getItem(MUTE_KEY) === '1';
  } catch {
    return false;
  }
}

export function writeMuted(storage: Pick<Storage, 'setItem'> | null, muted: boolean): void {
  try {
    storage?.setItem(MUTE_KEY, muted ? '1' : '0');
  } catch {
    // storage unavailable: the choice lasts for this page only
  }
}

/** Flash period in ms: one flash per second, well under WCAG 2.3.1's three per second. */
export const FLASH_PERIOD_MS = 1000;
export function flashesPerSecond(periodMs: number): number {
  return 1000 / periodMs;
}
