/**
 * The zone editor's form as plain data: a draft of strings (what the inputs hold) ⇄ the API's
 * ZoneBody, and the checks with the message key and the id of the field each one is about.
 * Pure: unit-tested in zoneForm.test.ts.
 */
import { ZoneBody } from '@jinglin/shared';
import { coord, parseCoord, type LatLng } from './geo';
import type { Zone, ZoneInput } from './model';

export interface PointDraft {
  lat: string;
  lng: string;
}

export interface ZoneDraft {
  id: string | null;
  version: number | null;
  name: string;
  kind: 'circle' | 'polygon';
  lat: string;
  lng: string;
  radius: string;
  points: PointDraft[];
  schedule: 'centre' | 'custom' | 'always';
  weekdays: number[];
  ranges: { from: string; to: string }[];
  target: 'centre' | 'person';
  personId: string;
  exitFixes: string;
  exitSeconds: string;
}

export function emptyDraft(): ZoneDraft {
  return {
    id: null,
    version: null,
    name: '',
    kind: 'circle',
    lat: '',
    lng: '',
    radius: '150',
    points: [],
    schedule: 'centre',
    weekdays: [1, 2, 3, 4, 5],
    ranges: [{ from: '08:30', to: '16:00' }],
    target: 'centre',
    personId: '',
    exitFixes: '',
    exitSeconds: '',
  };
}

export function draftOf(z: Zone): ZoneDraft {
  const s = z.schedule;
  return {
    id: z.id,
    version: z.version,
    name: z.name,
    kind: z.kind,
    lat: z.center ? coord(z.center.latitude) : '',
    lng: z.center ? coord(z.center.longitude) : '',
    radius: z.radiusM === null ? '' : String(z.radiusM),
    points: (z.points ?? []).map((p) => ({ lat: coord(p.latitude), lng: coord(p.longitude) })),
    schedule: s.useCentreHours
      ? 'centre'
      : s.weekdays.length > 0 || s.ranges.length > 0
        ? 'custom'
        : 'always',
    weekdays: s.useCentreHours || s.weekdays.length === 0 ? [1, 2, 3, 4, 5] : [...s.weekdays],
    ranges: s.ranges.length > 0 ? s.ranges.map((r) => ({ ...r })) : [{ from: '08:30', to: '16:00' }],
    target: z.personId ? 'person' : 'centre',
    personId: z.personId ?? '',
    exitFixes: z.exitConfirmFixes === null ? '' : String(z.exitConfirmFixes),
    exitSeconds: z.exitConfirmSeconds === null ? '' : String(z.exitConfirmSeconds),
  };
}

export interface DraftProblem {
  /** id of the input the message is about */
  field: string;
  key: string;
  params?: Record<string, string | number>;
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

function latLng(lat: string, lng: string, field: string, out: DraftProblem[]): LatLng | null {
  const la = parseCoord(lat);
  const lo = parseCoord(lng);
  let ok = true;
  if (!(la >= -90 && la <= 90)) {
    out.push({ field: `${field}-lat`, key: 'zones.err.lat' });
    ok = false;
  }
  if (!(lo >= -180 && lo <= 180)) {
    out.push({ field: `${field}-lng`, key: 'zones.err.lng' });
    ok = false;
  }
  return ok ? { latitude: la, longitude: lo } : null;
}

function intOrNull(
  s: string,
  min: number,
  max: number,
  field: string,
  key: string,
  out: DraftProblem[],
): number | null {
  const v = s.trim();
  if (v === '') return null;
  const n = Number(v.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
  if (!Number.isInteger(n) || n < min || n > max) {
    out.push({ field, key, params: { min, max } });
    return null;
  }
  return n;
}

/** The draft → the request body, or the problems (each naming its field). */
export function bodyOf(
  d: ZoneDraft,
  centreId: string,
): { body: ZoneInput; problems: [] } | { body: null; problems: DraftProblem[] } {
  const problems: DraftProblem[] = [];
  const name = d.name.trim();
  if (!name) problems.push({ field: 'zone-name', key: 'zones.err.name' });
  else if (name.length > 100) problems.push({ field: 'zone-name', key: 'zones.err.nameLong' });

  let geometry: Partial<ZoneInput> = {};
  if (d.kind === 'circle') {
    const c = latLng(d.lat, d.lng, 'zone-center', problems);
    const r = Number(d.radius.trim());
    if (d.radius.trim() === '' || !Number.isFinite(r) || r < 10 || r > 50_000)
      problems.push({ field: 'zone-radius', key: 'zones.err.radius' });
    if (c) geometry = { center: c, radiusM: r };
  } else {
    if (d.points.length < 3) problems.push({ field: 'zone-add-point', key: 'zones.err.points' });
    if (d.points.length > 200) problems.push({ field: 'zone-add-point', key: 'zones.err.pointsMax' });
    const pts = d.points.map((p, i) => latLng(p.lat, p.lng, `zone-point-${i + 1}`, problems));
    geometry = { points: pts.filter((p): p is LatLng => p !== null) };
  }

  let schedule: ZoneInput['schedule'] = { useCentreHours: false, weekdays: [], ranges: [] };
  if (d.schedule === 'centre') schedule = { useCentreHours: true, weekdays: [], ranges: [] };
  else if (d.schedule === 'custom') {
    if (d.weekdays.length === 0) problems.push({ field: 'zone-weekday-1', key: 'zones.err.weekdays' });
    if (d.ranges.length === 0) problems.push({ field: 'zone-add-range', key: 'zones.err.ranges' });
    d.ranges.forEach((r, i) => {
      if (!HHMM.test(r.from)) problems.push({ field: `zone-range-${i + 1}-from`, key: 'zones.err.time' });
      else if (!HHMM.test(r.to)) problems.push({ field: `zone-range-${i + 1}-to`, key: 'zones.err.time' });
      else if (r.to <= r.from)
        problems.push({ field: `zone-range-${i + 1}-to`, key: 'zones.err.rangeOrder' });
    });
    schedule = {
      useCentreHours: false,
      weekdays: [...d.weekdays].sort((a, b) => a - b),
      ranges: d.ranges.map((r) => ({ from: r.from, to: r.to })),
    };
  }

  if (d.target === 'person' && !d.personId) problems.push({ field: 'zone-person', key: 'zones.err.person' });
  const exitConfirmFixes = intOrNull(d.exitFixes, 1, 20, 'zone-exit-fixes', 'zones.err.int', problems);
  const exitConfirmSeconds = intOrNull(
    d.exitSeconds,
    0,
    3600,
    'zone-exit-seconds',
    'zones.err.int',
    problems,
  );

  if (problems.length > 0) return { body: null, problems };
  const body: ZoneInput = {
    name,
    kind: d.kind,
    ...geometry,
    schedule,
    centreId,
    personId: d.target === 'person' ? d.personId : null,
    exitConfirmFixes,
    exitConfirmSeconds,
    active: true,
  };
  // The shared schema has the last word (the server checks the same).
  const parsed = ZoneBody.safeParse(body);
  if (!parsed.success) return { body: null, problems: [{ field: 'zone-name', key: 'zones.err.invalid' }] };
  return { body: parsed.data, problems: [] };
}
