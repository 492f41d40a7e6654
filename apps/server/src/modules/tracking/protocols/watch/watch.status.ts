/** The watch's STATUS field (8 hex digits): which bits raise which alarm (TRACKING.md). */
import type { DeviceAlarm } from '../position.js';

/** Bit 0 is the low-battery state, 17 the low-battery alarm; 18 leave fence; 21/22 fall. */
export const WATCH_STATUS_ALARMS: ReadonlyArray<readonly [bit: number, alarm: DeviceAlarm]> = [
  [0, 'low_battery'],
  [16, 'sos'],
  [17, 'low_battery'],
  [18, 'geofence'],
  [20, 'removed'],
  [21, 'fall'],
  [22, 'fall'],
];

export function alarmsFromStatus(status: number): DeviceAlarm[] {
  const alarms: DeviceAlarm[] = [];
  for (const [bit, alarm] of WATCH_STATUS_ALARMS) {
    if ((status >>> bit) & 1 && !alarms.includes(alarm)) alarms.push(alarm);
  }
  return alarms;
}

const ALARM_BITS: Partial<Record<DeviceAlarm, number>> = {
  sos: 16,
  low_battery: 17,
  geofence: 18,
  removed: 20,
  fall: 21,
};

/** The STATUS a terminal would send for these alarms (the alarm bit of each; for the simulator). */
export function statusFromAlarms(alarms: readonly DeviceAlarm[]): number {
  let status = 0;
  for (const alarm of alarms) {
    const bit = ALARM_BITS[alarm];
    if (bit !== undefined) status |= 1 << bit;
  }
  return status >>> 0;
}
