/**
 * What every protocol decoder produces: positions in WGS-84 with the fix time in UTC, and the
 * device events (alarms, wear state, battery) the alert engine reads. Decoders are pure: bytes or
 * text in, these out; the gateways do the I/O.
 */
export type Protocol = 'jt808' | 'watch' | 'osmand';

/** Alarm flags a position may carry (from JT/T 808 alarm bits, watch STATUS bits, OsmAnd `alarm=`). */
export type DeviceAlarm = 'sos' | 'low_battery' | 'removed' | 'fall' | 'power_off' | 'geofence' | 'overspeed';

export interface DecodedPosition {
  protocol: Protocol;
  /** The device's uniqueId (JT/T 808 terminal phone without leading zeros, watch id, OsmAnd id). */
  uniqueId: string;
  /** Fix time, UTC. */
  fixTime: Date;
  /** true when the device says the fix is valid (JT/T 808 status bit 1, watch 'A', OsmAnd valid). */
  valid: boolean;
  /** WGS-84 degrees, south and west negative. */
  latitude: number;
  longitude: number;
  altitudeM: number | null;
  speedKmh: number | null;
  /** 0–359, north = 0, clockwise. */
  course: number | null;
  /** Horizontal accuracy in metres when the device reports it. */
  accuracyM: number | null;
  satellites: number | null;
  /** 0–100 when known. */
  batteryPercent: number | null;
  alarms: DeviceAlarm[];
  /** true for back-filled (blind-area / UD2 / JT/T 808 0x0704 type 1) positions. */
  backfill: boolean;
  /** Everything else the frame carried, raw (JSON-safe: numbers, strings, hex strings). */
  attributes: Record<string, string | number | boolean>;
}
