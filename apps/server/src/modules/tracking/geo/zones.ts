/**
 * Zone geometry in WGS-84: circles and polygons, containment and distance from the boundary in
 * metres, and the test that keeps GPS jitter from raising false "left the safe zone" alerts: a fix
 * counts as outside only when it is outside by more than its own accuracy.
 *
 * Polygons are small (a day centre, a neighbourhood): containment is ray casting in degrees and
 * distances are measured in a local flat frame around the point. Polygons must not cross the
 * antimeridian or a pole. A point on an edge or a vertex (within BOUNDARY_TOLERANCE_M) is inside:
 * a safe zone's boundary belongs to the zone.
 */
import { haversineM, lonDelta, toLocalM, type LatLng } from './distance.js';

export type Zone =
  | { kind: 'circle'; center: LatLng; radiusM: number }
  /** Vertices in order (either winding); closing the ring by repeating the first point is optional. */
  | { kind: 'polygon'; points: LatLng[] };

/** Points this close to a polygon's boundary count as on it. */
export const BOUNDARY_TOLERANCE_M = 0.01;

/** Distance in metres from `p` to the segment a–b (both in a flat frame around p). */
function segmentDistanceM(p: LatLng, a: LatLng, b: LatLng): number {
  const A = toLocalM(p, a);
  const B = toLocalM(p, b);
  const dx = B.x - A.x;
  const dy = B.y - A.y;
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : -(A.x * dx + A.y * dy) / len2;
  t = Math.max(0, Math.min(1, t));
  return Math.hypot(A.x + t * dx, A.y + t * dy);
}

function ring(points: LatLng[]): LatLng[] {
  const first = points[0];
  const last = points[points.length - 1];
  if (
    points.length > 1 &&
    first &&
    last &&
    first.latitude === last.latitude &&
    first.longitude === last.longitude
  ) {
    return points.slice(0, -1);
  }
  return points;
}

/** Shortest distance in metres from `p` to the polygon's edges (≥ 0; Infinity for no points). */
export function distanceToPolygonEdgesM(p: LatLng, points: LatLng[]): number {
  const r = ring(points);
  if (r.length === 0) return Infinity;
  if (r.length === 1) return haversineM(p, r[0] as LatLng);
  let best = Infinity;
  for (let i = 0; i < r.length; i++) {
    const a = r[i] as LatLng;
    const b = r[(i + 1) % r.length] as LatLng;
    best = Math.min(best, segmentDistanceM(p, a, b));
  }
  return best;
}

/** Ray casting (even–odd); edges and vertices count as inside. Fewer than 3 vertices: never inside. */
export function pointInPolygon(p: LatLng, points: LatLng[]): boolean {
  const r = ring(points);
  if (r.length < 3) return false;
  if (distanceToPolygonEdgesM(p, r) <= BOUNDARY_TOLERANCE_M) return true;
  // Longitudes relative to p, so a polygon near ±180 isn't split by the fold (within ±180 of p).
  let inside = false;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
    const a = r[i] as LatLng;
    const b = r[j] as LatLng;
    const ax = lonDelta(p.longitude, a.longitude);
    const bx = lonDelta(p.longitude, b.longitude);
    if (a.latitude > p.latitude !== b.latitude > p.latitude) {
      const x = ax + ((p.latitude - a.latitude) * (bx - ax)) / (b.latitude - a.latitude);
      if (x > 0) inside = !inside;
    }
  }
  return inside;
}

/** Inside or on the circle. */
export function insideCircle(p: LatLng, center: LatLng, radiusM: number): boolean {
  return haversineM(p, center) <= radiusM;
}

export function insideZone(p: LatLng, zone: Zone): boolean {
  return zone.kind === 'circle' ? insideCircle(p, zone.center, zone.radiusM) : pointInPolygon(p, zone.points);
}

/** Metres from the zone's boundary: positive outside, negative inside, 0 on it. */
export function signedDistanceToZoneM(p: LatLng, zone: Zone): number {
  if (zone.kind === 'circle') return haversineM(p, zone.center) - zone.radiusM;
  const d = distanceToPolygonEdgesM(p, zone.points);
  if (d <= BOUNDARY_TOLERANCE_M) return 0;
  return pointInPolygon(p, zone.points) ? -d : d;
}

/**
 * true when the fix is outside the zone by more than its accuracy (and by more than `minMarginM`,
 * for devices that report no accuracy or an optimistic one). A fix inside, on the boundary or
 * within its own error of it is not "outside": TRACKING.md's first lesson.
 */
export function isOutsideBeyondAccuracy(
  p: LatLng,
  zone: Zone,
  accuracyM: number | null,
  minMarginM = 0,
): boolean {
  const accuracy = accuracyM !== null && Number.isFinite(accuracyM) && accuracyM > 0 ? accuracyM : 0;
  return signedDistanceToZoneM(p, zone) > Math.max(accuracy, minMarginM);
}
