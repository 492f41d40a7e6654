/**
 * WGS-84 ⇄ GCJ-02 ⇄ BD-09 with the well-known public formulas (the same ones `gcoord` and
 * eviltransform use), written out here so the server has no dependency for ~100 lines of maths.
 *
 * Everything is stored and evaluated in WGS-84 (TRACKING.md); these are for the map boundary only:
 * showing positions on an AMap/Tencent (GCJ-02) or Baidu (BD-09) map, and bringing fences drawn on
 * such a map back to WGS-84. The inverses are iterated to well under a centimetre.
 *
 * Outside China (a rough bounding box, as in every public implementation) the three are the same:
 * GCJ-02 is not applied there, and Baidu uses WGS-84 abroad.
 */
import type { LatLng } from './distance.js';

const A = 6378245.0; // Krasovsky 1940 semi-major axis, as GCJ-02 uses
const EE = 0.006693421622965943; // its first eccentricity squared
const X_PI = (Math.PI * 3000.0) / 180.0;

/** The rough box every implementation uses. It also covers parts of neighbouring countries. */
export function isInChina(p: LatLng): boolean {
  return p.longitude >= 72.004 && p.longitude <= 137.8347 && p.latitude >= 0.8293 && p.latitude <= 55.8271;
}

function transformLat(x: number, y: number): number {
  let ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  ret += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  ret += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  ret += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return ret;
}

function transformLon(x: number, y: number): number {
  let ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  ret += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  ret += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  ret += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return ret;
}

function gcjForward(p: LatLng): LatLng {
  const dLat0 = transformLat(p.longitude - 105.0, p.latitude - 35.0);
  const dLon0 = transformLon(p.longitude - 105.0, p.latitude - 35.0);
  const radLat = (p.latitude / 180.0) * Math.PI;
  const s = Math.sin(radLat);
  const magic = 1 - EE * s * s;
  const sqrtMagic = Math.sqrt(magic);
  const dLat = (dLat0 * 180.0) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  const dLon = (dLon0 * 180.0) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return { latitude: p.latitude + dLat, longitude: p.longitude + dLon };
}

/** Solves forward(x) = target by fixed-point iteration (the offsets vary slowly: 3–4 steps). */
function invert(target: LatLng, forward: (p: LatLng) => LatLng): LatLng {
  let x = { latitude: target.latitude, longitude: target.longitude };
  for (let i = 0; i < 20; i++) {
    const f = forward(x);
    const dLat = f.latitude - target.latitude;
    const dLon = f.longitude - target.longitude;
    x = { latitude: x.latitude - dLat, longitude: x.longitude - dLon };
    if (Math.abs(dLat) < 1e-10 && Math.abs(dLon) < 1e-10) break;
  }
  return x;
}

export function wgs84ToGcj02(p: LatLng): LatLng {
  return isInChina(p) ? gcjForward(p) : { latitude: p.latitude, longitude: p.longitude };
}

export function gcj02ToWgs84(p: LatLng): LatLng {
  return isInChina(p) ? invert(p, gcjForward) : { latitude: p.latitude, longitude: p.longitude };
}

function bdForward(p: LatLng): LatLng {
  const x = p.longitude;
  const y = p.latitude;
  const z = Math.sqrt(x * x + y * y) + 0.00002 * Math.sin(y * X_PI);
  const theta = Math.atan2(y, x) + 0.000003 * Math.cos(x * X_PI);
  return { latitude: z * Math.sin(theta) + 0.006, longitude: z * Math.cos(theta) + 0.0065 };
}

export function gcj02ToBd09(p: LatLng): LatLng {
  return isInChina(p) ? bdForward(p) : { latitude: p.latitude, longitude: p.longitude };
}

export function bd09ToGcj02(p: LatLng): LatLng {
  return isInChina(p) ? invert(p, bdForward) : { latitude: p.latitude, longitude: p.longitude };
}

export function wgs84ToBd09(p: LatLng): LatLng {
  return gcj02ToBd09(wgs84ToGcj02(p));
}

export function bd09ToWgs84(p: LatLng): LatLng {
  return gcj02ToWgs84(bd09ToGcj02(p));
}

export type CoordSystem = 'WGS84' | 'GCJ02' | 'BD09';

/** Any of the three to any other. */
export function convertCoords(p: LatLng, from: CoordSystem, to: CoordSystem): LatLng {
  if (from === to) return { latitude: p.latitude, longitude: p.longitude };
  const wgs = from === 'WGS84' ? p : from === 'GCJ02' ? gcj02ToWgs84(p) : bd09ToWgs84(p);
  return to === 'WGS84' ? wgs : to === 'GCJ02' ? wgs84ToGcj02(wgs) : wgs84ToBd09(wgs);
}
