/**
 * Is a new fix usable for zone evaluation, given the last accepted one? A pure filter against the
 * GPS artefacts that make naive trackers flood staff with false alarms: invalid fixes, (0,0), exact
 * duplicates, jumps no person could make, clocks far in the future, and old data arriving late.
 *
 * Rejected fixes are still stored (and their alarms — SOS, removed, fall — still raised): this
 * decides only whether the *location* may move a zone's state.
 */
import type { DecodedPosition } from '../protocols/position.js';
import { haversineM } from './distance.js';

export type FixForFilter = Pick<
  DecodedPosition,
  'fixTime' | 'valid' | 'latitude' | 'longitude' | 'accuracyM'
>;

export type JitterRejectReason =
  /** latitude/longitude NaN, infinite or out of range, or fix time not a date */
  | 'bad_coordinates'
  /** the device says the fix is not valid (watch 'V', JT/T 808 status bit 1 clear) */
  | 'invalid_fix'
  /** (0,0): what receivers report before their first fix */
  | 'null_island'
  /** fix time more than `maxFutureMs` after the server's clock */
  | 'future_fix'
  /** same fix time and place as the previous accepted fix */
  | 'duplicate'
  /** fix time not after the previous accepted fix (late, back-filled or repeated with a new place) */
  | 'out_of_order'
  /** the speed implied since the previous accepted fix exceeds `maxSpeedKmh` */
  | 'implausible_jump';

export type JitterVerdict =
  | { accept: true; impliedSpeedKmh: number | null }
  | { accept: false; reason: JitterRejectReason; impliedSpeedKmh?: number };

export interface JitterOptions {
  /** Fastest believable movement (a person on foot or in a car). Default 150 km/h. */
  maxSpeedKmh?: number;
  /** How far ahead of the server's clock a fix time may be. Default 5 minutes. */
  maxFutureMs?: number;
  /**
   * Re-anchoring, so an outlier that was once accepted can't lock a device out for ever: after this
   * many consecutive jump rejections, a fix is accepted if it is plausible from the last rejected
   * fix (two fixes agree with each other, not with the anchor), or unconditionally when the caller
   * doesn't pass `lastRejected`. Default 2.
   */
  maxConsecutiveJumpRejects?: number;
  /** Accuracy assumed for a fix that reports none, in metres (slack in the jump test). Default 20. */
  defaultAccuracyM?: number;
}

export interface JitterContext {
  /** The server's clock now. */
  now: Date;
  /** Jump rejections since `previous` was accepted (the caller keeps this per device). */
  consecutiveJumpRejects?: number;
  /** The most recent fix rejected as a jump, if any (the caller keeps this per device). */
  lastRejected?: FixForFilter | null;
}

const DEFAULTS = {
  maxSpeedKmh: 150,
  maxFutureMs: 5 * 60_000,
  maxConsecutiveJumpRejects: 2,
  defaultAccuracyM: 20,
};

function accuracyOf(f: FixForFilter, fallback: number): number {
  const a = f.accuracyM;
  return a !== null && Number.isFinite(a) && a >= 0 ? a : fallback;
}

export function assessFix(
  next: FixForFilter,
  previous: FixForFilter | null,
  context: JitterContext,
  options: JitterOptions = {},
): JitterVerdict {
  const o = { ...DEFAULTS, ...options };
  const { latitude: lat, longitude: lon } = next;
  const t = next.fixTime.getTime();
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
    return { accept: false, reason: 'bad_coordinates' };
  }
  if (!Number.isFinite(t)) return { accept: false, reason: 'bad_coordinates' };
  if (!next.valid) return { accept: false, reason: 'invalid_fix' };
  if (Math.abs(lat) < 1e-6 && Math.abs(lon) < 1e-6) return { accept: false, reason: 'null_island' };
  if (t - context.now.getTime() > o.maxFutureMs) return { accept: false, reason: 'future_fix' };
  if (!previous) return { accept: true, impliedSpeedKmh: null };

  const tp = previous.fixTime.getTime();
  if (t === tp && lat === previous.latitude && lon === previous.longitude) {
    return { accept: false, reason: 'duplicate' };
  }
  if (t <= tp) return { accept: false, reason: 'out_of_order' };

  const impliedSpeedKmh = impliedSpeed(previous, next, o.defaultAccuracyM);
  if (impliedSpeedKmh <= o.maxSpeedKmh) return { accept: true, impliedSpeedKmh };
  if ((context.consecutiveJumpRejects ?? 0) >= o.maxConsecutiveJumpRejects) {
    const r = context.lastRejected;
    const rt = r?.fixTime.getTime();
    if (!r || (rt !== undefined && rt < t && impliedSpeed(r, next, o.defaultAccuracyM) <= o.maxSpeedKmh)) {
      return { accept: true, impliedSpeedKmh };
    }
  }
  return { accept: false, reason: 'implausible_jump', impliedSpeedKmh };
}

/** km/h over the distance that both fixes' errors don't explain; `b` must be later than `a`. */
function impliedSpeed(a: FixForFilter, b: FixForFilter, defaultAccuracyM: number): number {
  const d = haversineM(a, b);
  const slack = accuracyOf(a, defaultAccuracyM) + accuracyOf(b, defaultAccuracyM);
  return (Math.max(0, d - slack) / ((b.fixTime.getTime() - a.fixTime.getTime()) / 1000)) * 3.6;
}
