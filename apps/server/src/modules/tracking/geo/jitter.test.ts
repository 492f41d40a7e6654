import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EARTH_RADIUS_M } from './distance.js';
import { assessFix, type FixForFilter } from './jitter.js';

const T0 = new Date('2025-05-06T02:00:00Z');
const NOW = { now: new Date('2025-05-06T03:00:00Z') };
const fix = (over: Partial<FixForFilter> = {}): FixForFilter => ({
  fixTime: T0,
  valid: true,
  latitude: 31.229,
  longitude: 121.448,
  accuracyM: 10,
  ...over,
});
const later = (s: number) => new Date(T0.getTime() + s * 1000);
/** `m` metres north of the base fix. */
const north = (m: number) => 31.229 + m / ((EARTH_RADIUS_M * Math.PI) / 180);

describe('assessFix', () => {
  it('accepts a first good fix', () => {
    expect(assessFix(fix(), null, NOW)).toEqual({ accept: true, impliedSpeedKmh: null });
  });

  it.each<[string, Partial<FixForFilter>, string]>([
    ['NaN latitude', { latitude: Number.NaN }, 'bad_coordinates'],
    ['latitude 91', { latitude: 91 }, 'bad_coordinates'],
    ['longitude -181', { longitude: -181 }, 'bad_coordinates'],
    ['bad date', { fixTime: new Date(Number.NaN) }, 'bad_coordinates'],
    ['invalid fix', { valid: false }, 'invalid_fix'],
    ['(0,0)', { latitude: 0, longitude: 0 }, 'null_island'],
    ['an hour ahead', { fixTime: new Date(NOW.now.getTime() + 3_600_000) }, 'future_fix'],
    [
      'eight hours ahead (a watch sending local time)',
      { fixTime: new Date(NOW.now.getTime() + 8 * 3_600_000) },
      'future_fix',
    ],
  ])('rejects %s', (_name, over, reason) => {
    expect(assessFix(fix(over), null, NOW)).toMatchObject({ accept: false, reason });
  });

  it('tolerates a clock a little ahead', () => {
    expect(assessFix(fix({ fixTime: new Date(NOW.now.getTime() + 60_000) }), null, NOW).accept).toBe(true);
  });

  it('rejects exact duplicates and out-of-order fixes', () => {
    expect(assessFix(fix(), fix(), NOW)).toMatchObject({ accept: false, reason: 'duplicate' });
    expect(assessFix(fix({ latitude: north(5) }), fix(), NOW)).toMatchObject({ reason: 'out_of_order' });
    expect(assessFix(fix({ fixTime: later(-30) }), fix(), NOW)).toMatchObject({ reason: 'out_of_order' });
  });

  it('rejects a jump no person could make, allowing for both fixes’ accuracy', () => {
    // 2 km in 10 s: 720 km/h.
    const jump = assessFix(fix({ fixTime: later(10), latitude: north(2000) }), fix(), NOW);
    expect(jump).toMatchObject({ accept: false, reason: 'implausible_jump' });
    // 60 m in 1 s, but each fix is ±50 m: explained by the error, accepted.
    const noisy = assessFix(
      fix({ fixTime: later(1), latitude: north(60), accuracyM: 50 }),
      fix({ accuracyM: 50 }),
      NOW,
    );
    expect(noisy).toMatchObject({ accept: true, impliedSpeedKmh: 0 });
    // 2 km in 60 s = 120 km/h (a car): accepted by default, rejected with a walking limit.
    const car = fix({ fixTime: later(60), latitude: north(2000) });
    expect(assessFix(car, fix(), NOW).accept).toBe(true);
    expect(assessFix(car, fix(), NOW, { maxSpeedKmh: 20 })).toMatchObject({ reason: 'implausible_jump' });
  });

  it('re-anchors when rejected fixes agree with each other, not with a bad anchor', () => {
    const badAnchor = fix({ latitude: north(5000) }); // an outlier that was accepted
    const r1 = fix({ fixTime: later(10) });
    const r2 = fix({ fixTime: later(20), latitude: north(5) });
    const r3 = fix({ fixTime: later(30), latitude: north(10) });
    expect(assessFix(r1, badAnchor, NOW)).toMatchObject({ reason: 'implausible_jump' });
    expect(assessFix(r2, badAnchor, { ...NOW, consecutiveJumpRejects: 1, lastRejected: r1 }).accept).toBe(
      false,
    );
    expect(assessFix(r3, badAnchor, { ...NOW, consecutiveJumpRejects: 2, lastRejected: r2 }).accept).toBe(
      true,
    );
    // …but not for a fix that jumps from the last rejected one too.
    const wild = fix({ fixTime: later(30), latitude: north(-9000) });
    expect(assessFix(wild, badAnchor, { ...NOW, consecutiveJumpRejects: 2, lastRejected: r2 }).accept).toBe(
      false,
    );
    // Without lastRejected, the count alone re-anchors.
    expect(assessFix(wild, badAnchor, { ...NOW, consecutiveJumpRejects: 2 }).accept).toBe(true);
  });

  it('always accepts a smooth walk (property)', () => {
    const step = fc.record({
      dtS: fc.integer({ min: 1, max: 600 }),
      speedKmh: fc.double({ min: 0, max: 7, noNaN: true }),
      headingDeg: fc.double({ min: 0, max: 360, noNaN: true }),
      accuracyM: fc.option(fc.double({ min: 3, max: 80, noNaN: true }), { nil: null }),
    });
    const start = fc.record({
      latitude: fc.double({ min: -70, max: 70, noNaN: true }).filter((x) => Math.abs(x) > 0.01),
      longitude: fc.double({ min: -179, max: 179, noNaN: true }),
    });
    fc.assert(
      fc.property(start, fc.array(step, { minLength: 1, maxLength: 60 }), (s, steps) => {
        let prev: FixForFilter = { fixTime: T0, valid: true, accuracyM: 10, ...s };
        for (const st of steps) {
          const d = (st.speedKmh / 3.6) * st.dtS;
          const h = (st.headingDeg * Math.PI) / 180;
          const dLat = ((d * Math.cos(h)) / EARTH_RADIUS_M) * (180 / Math.PI);
          const dLon =
            ((d * Math.sin(h)) / (EARTH_RADIUS_M * Math.cos((prev.latitude * Math.PI) / 180))) *
            (180 / Math.PI);
          const next: FixForFilter = {
            fixTime: new Date(prev.fixTime.getTime() + st.dtS * 1000),
            valid: true,
            latitude: prev.latitude + dLat,
            longitude: prev.longitude + dLon,
            accuracyM: st.accuracyM,
          };
          const now = { now: new Date(next.fixTime.getTime() + 5000) };
          const v = assessFix(next, prev, now);
          if (!v.accept) throw new Error(`rejected ${v.reason} after ${JSON.stringify(st)}`);
          prev = next;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('always rejects a teleport (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ min: 5, max: 50, noNaN: true }), (dtS, km) => {
        const next = fix({ fixTime: later(dtS), latitude: north(km * 1000) });
        return !assessFix(next, fix(), NOW).accept;
      }),
      { numRuns: 300 },
    );
  });
});
