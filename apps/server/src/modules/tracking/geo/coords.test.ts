import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  bd09ToGcj02,
  bd09ToWgs84,
  convertCoords,
  gcj02ToBd09,
  gcj02ToWgs84,
  isInChina,
  wgs84ToBd09,
  wgs84ToGcj02,
} from './coords.js';
import { haversineM, type LatLng } from './distance.js';

const ll = (latitude: number, longitude: number): LatLng => ({ latitude, longitude });

function expectNear(actual: LatLng, expected: LatLng, digits = 5) {
  expect(actual.latitude).toBeCloseTo(expected.latitude, digits);
  expect(actual.longitude).toBeCloseTo(expected.longitude, digits);
}

// Published reference points: googollee/eviltransform's tests (WGS → GCJ in three cities) and
// hujiulong/gcoord's tests ([lon 123, lat 45] through every pair).
const EVIL: [string, LatLng, LatLng][] = [
  ['Shanghai', ll(31.1774276, 121.5272106), ll(31.17530398364597, 121.531541859215)],
  ['Shenzhen', ll(22.543847, 113.912316), ll(22.540796131694766, 113.9171764808363)],
  ['Beijing', ll(39.911954, 116.377817), ll(39.91334545536069, 116.38404722455657)],
];

describe('WGS-84 ⇄ GCJ-02 ⇄ BD-09', () => {
  it.each(EVIL)('%s: WGS-84 → GCJ-02 matches eviltransform, and back within 1 cm', (_city, wgs, gcj) => {
    expectNear(wgs84ToGcj02(wgs), gcj, 7);
    expect(haversineM(gcj02ToWgs84(gcj), wgs)).toBeLessThan(0.01);
  });

  it('matches gcoord at [123, 45]', () => {
    const p = ll(45, 123);
    expectNear(wgs84ToGcj02(p), ll(45.00197815, 123.00607541));
    expectNear(wgs84ToBd09(p), ll(45.0083293, 123.0124491));
    expectNear(gcj02ToBd09(p), ll(45.00636899, 123.00636499));
    expectNear(bd09ToGcj02(p), ll(44.9936543, 122.99363304));
    expectNear(bd09ToWgs84(p), ll(44.9917154, 122.9876221));
    expectNear(gcj02ToWgs84(p), ll(44.99804071, 122.99395597));
  });

  it('the offsets are the familiar size in Shanghai (GCJ ~500 m, BD ~1 km from WGS)', () => {
    const jingan = ll(31.229, 121.448);
    expect(haversineM(jingan, wgs84ToGcj02(jingan))).toBeGreaterThan(400);
    expect(haversineM(jingan, wgs84ToGcj02(jingan))).toBeLessThan(700);
    expect(haversineM(jingan, wgs84ToBd09(jingan))).toBeGreaterThan(900);
    expect(haversineM(jingan, wgs84ToBd09(jingan))).toBeLessThan(1400);
  });

  it('applies no offset outside China', () => {
    for (const p of [ll(51.4779, -0.0015), ll(-33.8568, 151.2153), ll(35.6586, 139.7454), ll(45, 183)]) {
      expect(isInChina(p)).toBe(false);
      expect(wgs84ToGcj02(p)).toEqual(p);
      expect(gcj02ToWgs84(p)).toEqual(p);
      expect(wgs84ToBd09(p)).toEqual(p);
      expect(bd09ToWgs84(p)).toEqual(p);
    }
  });

  it('convertCoords goes any way round', () => {
    const p = ll(31.229, 121.448);
    expectNear(convertCoords(p, 'WGS84', 'BD09'), wgs84ToBd09(p), 9);
    expectNear(convertCoords(wgs84ToBd09(p), 'BD09', 'GCJ02'), wgs84ToGcj02(p), 8);
    expect(convertCoords(p, 'GCJ02', 'GCJ02')).toEqual(p);
  });

  it('round-trips anywhere in China within 1 m (in fact under a centimetre)', () => {
    const china = fc.record({
      latitude: fc.double({ min: 18, max: 53, noNaN: true }),
      longitude: fc.double({ min: 74, max: 134, noNaN: true }),
    });
    let worstGcj = 0;
    let worstBd = 0;
    fc.assert(
      fc.property(china, (p) => {
        const g = haversineM(gcj02ToWgs84(wgs84ToGcj02(p)), p);
        const b = haversineM(bd09ToWgs84(wgs84ToBd09(p)), p);
        worstGcj = Math.max(worstGcj, g);
        worstBd = Math.max(worstBd, b);
        expect(g).toBeLessThan(1);
        expect(b).toBeLessThan(1);
      }),
      { numRuns: 2000 },
    );
    expect(worstGcj).toBeLessThan(0.01);
    expect(worstBd).toBeLessThan(0.01);
  });
});
