import { describe, expect, it } from 'vitest';
import { EARTH_RADIUS_M, haversineM, lonDelta, type LatLng } from './distance.js';
import {
  distanceToPolygonEdgesM,
  insideCircle,
  insideZone,
  isOutsideBeyondAccuracy,
  pointInPolygon,
  signedDistanceToZoneM,
  type Zone,
} from './zones.js';

const ll = (latitude: number, longitude: number): LatLng => ({ latitude, longitude });
/** A day centre in Jing'an, WGS-84. */
const ORIGIN = ll(31.229, 121.448);
/** The point `east` and `north` metres from ORIGIN (flat-earth, exact enough at this scale). */
function at(east: number, north: number): LatLng {
  const rad = Math.PI / 180;
  return {
    latitude: ORIGIN.latitude + north / (EARTH_RADIUS_M * rad),
    longitude: ORIGIN.longitude + east / (EARTH_RADIUS_M * rad * Math.cos(ORIGIN.latitude * rad)),
  };
}

describe('haversine', () => {
  it('matches published figures', () => {
    // Nashville BNA → Los Angeles LAX: 2887.26 km on R = 6372.8 km (Rosetta Code); scaled to our R.
    const d = haversineM(ll(36.12, -86.67), ll(33.94, -118.4));
    expect(d).toBeCloseTo((2887259.95060711 * EARTH_RADIUS_M) / 6372800, 3);
    // One degree of latitude on the mean sphere (R = 6371.0088 km): 111.195 km.
    expect(haversineM(ll(0, 0), ll(1, 0))).toBeCloseTo(111195.08, 1);
    expect(haversineM(ORIGIN, ORIGIN)).toBe(0);
    expect(haversineM(ll(0, 179.9995), ll(0, -179.9995))).toBeCloseTo(111.19, 1);
  });

  it('folds longitude differences', () => {
    expect(lonDelta(179, -179)).toBe(2);
    expect(lonDelta(-179, 179)).toBe(-2);
    expect(lonDelta(10, 20)).toBe(10);
  });
});

describe('point in polygon (ray casting)', () => {
  // A U-shaped (concave) fence, 300 m × 200 m with a 100 m × 150 m notch cut from the top middle.
  const U = [
    at(0, 0),
    at(300, 0),
    at(300, 200),
    at(200, 200),
    at(200, 50),
    at(100, 50),
    at(100, 200),
    at(0, 200),
  ];

  it.each([
    ['left arm', at(50, 150), true],
    ['right arm', at(250, 150), true],
    ['base', at(150, 25), true],
    ['inside the notch', at(150, 150), false],
    ['above the notch', at(150, 250), false],
    ['left of the fence', at(-10, 100), false],
    ['below the fence', at(150, -1), false],
    // Rays through vertices: the point is level with the notch's bottom corners and the top corners.
    ['level with the notch bottom, in the left arm', at(50, 50), true],
    ['level with the notch bottom, in the notch gap', at(150, 50), true], // on the notch's bottom edge
    ['level with the top corners, outside', at(-50, 200), false],
    ['level with the top corners, in the notch', at(150, 200), false],
  ])('%s → %s', (_name, p, inside) => {
    expect(pointInPolygon(p, U)).toBe(inside);
  });

  it('counts edges and vertices as inside, and a metre past them as outside', () => {
    expect(pointInPolygon(at(150, 0), U)).toBe(true); // bottom edge
    expect(pointInPolygon(at(300, 100), U)).toBe(true); // right edge
    expect(pointInPolygon(at(100, 120), U)).toBe(true); // notch's left edge
    expect(pointInPolygon(at(200, 200), U)).toBe(true); // vertex
    expect(pointInPolygon(at(0, 0), U)).toBe(true); // vertex
    expect(pointInPolygon(at(301, 100), U)).toBe(false);
    expect(pointInPolygon(at(101, 120), U)).toBe(false); // 1 m into the notch
    expect(pointInPolygon(at(99, 120), U)).toBe(true);
  });

  it('accepts a closed ring, either winding, and refuses degenerate polygons', () => {
    const closed = [...U, U[0] as LatLng];
    expect(pointInPolygon(at(50, 150), closed)).toBe(true);
    expect(pointInPolygon(at(150, 150), [...U].reverse())).toBe(false);
    expect(pointInPolygon(at(0, 0), [at(0, 0), at(10, 0)])).toBe(false);
    expect(pointInPolygon(at(0, 0), [])).toBe(false);
  });

  it('measures the distance to the edges in metres', () => {
    expect(distanceToPolygonEdgesM(at(150, 150), U)).toBeCloseTo(50, 1); // to the notch walls
    expect(distanceToPolygonEdgesM(at(310, 100), U)).toBeCloseTo(10, 1);
    expect(distanceToPolygonEdgesM(at(310, 210), U)).toBeCloseTo(Math.SQRT2 * 10, 1); // corner
    expect(distanceToPolygonEdgesM(at(0, 0), [])).toBe(Infinity);
  });
});

describe('circles and the accuracy margin', () => {
  const circle: Zone = { kind: 'circle', center: ORIGIN, radiusM: 100 };
  const square: Zone = { kind: 'polygon', points: [at(0, 0), at(100, 0), at(100, 100), at(0, 100)] };

  it('contains and measures', () => {
    expect(insideCircle(at(0, 99.9), ORIGIN, 100)).toBe(true);
    expect(insideCircle(at(0, 100.1), ORIGIN, 100)).toBe(false);
    expect(insideZone(at(60, 60), circle)).toBe(true);
    expect(signedDistanceToZoneM(at(0, 130), circle)).toBeCloseTo(30, 1);
    expect(signedDistanceToZoneM(at(0, 40), circle)).toBeCloseTo(-60, 1);
    expect(signedDistanceToZoneM(at(50, 90), square)).toBeCloseTo(-10, 1);
    expect(signedDistanceToZoneM(at(50, 125), square)).toBeCloseTo(25, 1);
    expect(signedDistanceToZoneM(at(50, 100), square)).toBe(0);
  });

  it('calls a fix outside only beyond its accuracy', () => {
    const p = at(0, 130); // 30 m outside the circle
    expect(isOutsideBeyondAccuracy(p, circle, 50)).toBe(false);
    expect(isOutsideBeyondAccuracy(p, circle, 29)).toBe(true);
    expect(isOutsideBeyondAccuracy(p, circle, null)).toBe(true);
    expect(isOutsideBeyondAccuracy(p, circle, null, 40)).toBe(false);
    expect(isOutsideBeyondAccuracy(p, circle, Number.NaN, 10)).toBe(true);
    expect(isOutsideBeyondAccuracy(at(0, 50), circle, 0)).toBe(false);
    expect(isOutsideBeyondAccuracy(at(50, 125), square, 20)).toBe(true);
    expect(isOutsideBeyondAccuracy(at(50, 125), square, 30)).toBe(false);
  });
});
