/** Distances on the WGS-84 sphere approximation, in metres. */

export interface LatLng {
  /** degrees, south negative */
  latitude: number;
  /** degrees, west negative */
  longitude: number;
}

/** Mean Earth radius (IUGG), metres. Haversine on it is within 0.5 % of the ellipsoid. */
export const EARTH_RADIUS_M = 6_371_008.8;

const RAD = Math.PI / 180;

/** Great-circle distance in metres (haversine). */
export function haversineM(a: LatLng, b: LatLng): number {
  const dLat = (b.latitude - a.latitude) * RAD;
  const dLon = (b.longitude - a.longitude) * RAD;
  const s =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.latitude * RAD) * Math.cos(b.latitude * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(s)));
}

/** Longitude difference folded into [-180, 180). */
export function lonDelta(from: number, to: number): number {
  const d = (((to - from) % 360) + 540) % 360;
  return d - 180;
}

/**
 * A local flat frame around `origin` (equirectangular: x east, y north, metres). Accurate to well
 * under a metre over a few kilometres — the size of any safe zone.
 */
export function toLocalM(origin: LatLng, p: LatLng): { x: number; y: number } {
  return {
    x: lonDelta(origin.longitude, p.longitude) * RAD * EARTH_RADIUS_M * Math.cos(origin.latitude * RAD),
    y: (p.latitude - origin.latitude) * RAD * EARTH_RADIUS_M,
  };
}
