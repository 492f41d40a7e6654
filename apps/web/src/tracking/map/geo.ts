/**
 * Pure helpers of the tracking maps: WGS-84 ⇄ the tiles' coordinate system, marker labels, fix
 * classification, Shanghai-time formatting and day ranges. No React, no Leaflet (unit-tested).
 */
import gcoord from 'gcoord';

export interface LatLng {
  latitude: number;
  longitude: number;
}

/** The tiles' coordinate system (JINGLIN_MAP_TILE_CRS): 天地图 is WGS-84, AMap is GCJ-02. */
export type TileCrs = 'wgs84' | 'gcj02';

/** A stored (WGS-84) point → where to draw it on tiles of this CRS, as [lat, lng] for Leaflet. */
export function toDisplay(p: LatLng, crs: TileCrs): [number, number] {
  if (crs === 'wgs84') return [p.latitude, p.longitude];
  const [lng, lat] = gcoord.transform([p.longitude, p.latitude], gcoord.WGS84, gcoord.GCJ02);
  return [lat, lng];
}

/**
 * A point on the map (a click, in the tiles' CRS) → WGS-84 to store, rounded to 7 decimals (~1 cm).
 * gcoord's inverse is off by up to ~10 cm; two corrections (w += g − forward(w)) bring it under 1 cm.
 */
export function fromDisplay(lat: number, lng: number, crs: TileCrs): LatLng {
  if (crs === 'wgs84') return { latitude: round7(lat), longitude: round7(lng) };
  let [lon, la] = gcoord.transform([lng, lat], gcoord.GCJ02, gcoord.WGS84) as [number, number];
  for (let i = 0; i < 2; i++) {
    const [fLon, fLat] = gcoord.transform([lon, la], gcoord.WGS84, gcoord.GCJ02) as [number, number];
    lon += lng - fLon;
    la += lat - fLat;
  }
  return { latitude: round7(la), longitude: round7(lon) };
}

/** `{s}` in a tile URL: 天地图 serves t0–t7, AMap webrd01–04, others (OSM style) a–c. */
export function subdomainsOf(url: string): string {
  if (/tianditu/i.test(url)) return '01234567';
  if (/autonavi|amap/i.test(url)) return '1234';
  return 'abc';
}

export function round7(x: number): number {
  return Math.round(x * 1e7) / 1e7;
}

/** Great-circle distance in metres. */
export function distanceM(a: LatLng, b: LatLng): number {
  const R = 6_371_008.8;
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * A short label for a marker: the last two characters of a Chinese name (the given name, what
 * staff call a trainee; two characters fit the marker), or the initials of a Latin-script name;
 * `fallback` when there is no name.
 */
export function initials(name: string | null | undefined, fallback: string): string {
  const n = (name ?? '').trim();
  if (!n) return fallback;
  if (/[\u3400-\u9fff]/.test(n)) return [...n.replace(/\s+/g, '')].slice(-2).join('');
  const words = n.split(/\s+/).filter(Boolean);
  return words
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
}

export type FixKind = 'ok' | 'invalid' | 'jump';

/** Fastest believable movement (the server's jitter filter uses the same figure). */
const MAX_SPEED_KMH = 150;

/**
 * Which fixes to draw as the track: 'invalid' when the watch itself says so or at (0,0); 'jump'
 * when reaching it from the last good fix needs more than 150 km/h (GPS jitter). Both are still
 * listed, marked as such, and not joined into the line.
 */
export function classifyFixes(fixes: readonly (LatLng & { fixTime: string; valid: boolean })[]): FixKind[] {
  const out: FixKind[] = [];
  let last: (LatLng & { t: number }) | null = null;
  for (const f of fixes) {
    if (!f.valid || (f.latitude === 0 && f.longitude === 0)) {
      out.push('invalid');
      continue;
    }
    const t = Date.parse(f.fixTime);
    if (last) {
      const hours = Math.max(t - last.t, 1000) / 3_600_000;
      const kmh = distanceM(last, f) / 1000 / hours;
      if (kmh > MAX_SPEED_KMH) {
        out.push('jump');
        continue;
      }
    }
    out.push('ok');
    last = { latitude: f.latitude, longitude: f.longitude, t };
  }
  return out;
}

const SHANGHAI = 'Asia/Shanghai';

function parts(iso: string | number | Date): Record<string, string> {
  const d = new Date(iso);
  const out: Record<string, string> = {};
  for (const p of new Intl.DateTimeFormat('en-CA', {
    timeZone: SHANGHAI,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d))
    out[p.type] = p.value;
  return out;
}

/** "14:05:09": a fix time in Shanghai local time. */
export function clockTime(iso: string | number | Date): string {
  const p = parts(iso);
  return `${p.hour}:${p.minute}:${p.second}`;
}

/** "2026-11-28": the Shanghai calendar day of an instant. */
export function shanghaiDay(iso: string | number | Date): string {
  const p = parts(iso);
  return `${p.year}-${p.month}-${p.day}`;
}

/**
 * A Shanghai day and a time range ("08:00"–"18:00"; "24:00" allowed as the end) → ISO instants
 * for the positions query. Undefined when the input is malformed or the range is empty.
 */
export function dayRange(
  day: string,
  from = '00:00',
  to = '24:00',
): { from: string; to: string } | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const hhmm = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
  if (!hhmm.test(from) || !hhmm.test(to)) return undefined;
  const at = (hm: string) => {
    const [h, m] = hm.split(':').map(Number) as [number, number];
    const base = Date.parse(`${day}T00:00:00+08:00`);
    return new Date(base + (h * 60 + m) * 60_000);
  };
  const a = at(from);
  const b = at(to);
  if (Number.isNaN(a.getTime()) || !(b > a)) return undefined;
  return { from: a.toISOString(), to: b.toISOString() };
}

/** Whole minutes (or hours, days) since an instant, for "3 分钟前" texts. */
export function sinceParts(
  iso: string | null | undefined,
  now: number,
): { unit: 'justNow' | 'minutes' | 'hours' | 'days'; count: number } | null {
  if (!iso) return null;
  const ms = now - Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  const min = Math.floor(ms / 60_000);
  if (min < 1) return { unit: 'justNow', count: 0 };
  if (min < 60) return { unit: 'minutes', count: min };
  const h = Math.floor(min / 60);
  if (h < 48) return { unit: 'hours', count: h };
  return { unit: 'days', count: Math.floor(h / 24) };
}

/** "31.3177000" style: a coordinate for tables and inputs (7 decimals, ~1 cm). */
export function coord(x: number | null | undefined): string {
  return x === null || x === undefined ? '' : x.toFixed(7);
}

/** Parse a typed coordinate (full-width digits and minus accepted); NaN when not a number. */
export function parseCoord(s: string): number {
  const v = s
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\uFF0E\u3002]/g, '.')
    .replace(/[\uFF0D\u2212]/g, '-')
    .trim();
  if (!/^-?\d+(\.\d+)?$/.test(v)) return Number.NaN;
  return Number(v);
}
