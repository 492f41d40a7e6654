import { describe, expect, it } from 'vitest';
import {
  classifyFixes,
  clockTime,
  dayRange,
  distanceM,
  fromDisplay,
  initials,
  parseCoord,
  shanghaiDay,
  sinceParts,
  subdomainsOf,
  toDisplay,
} from './geo';

const CENTRE = { latitude: 31.3177, longitude: 121.4506 };

describe('coordinates', () => {
  it('wgs84 tiles: drawn as stored, clicks stored as clicked', () => {
    expect(toDisplay(CENTRE, 'wgs84')).toEqual([31.3177, 121.4506]);
    expect(fromDisplay(31.3177, 121.4506, 'wgs84')).toEqual(CENTRE);
  });

  it('gcj02 tiles: shifted a few hundred metres in Shanghai, and back within a centimetre', () => {
    const [lat, lng] = toDisplay(CENTRE, 'gcj02');
    const shift = distanceM(CENTRE, { latitude: lat, longitude: lng });
    expect(shift).toBeGreaterThan(300);
    expect(shift).toBeLessThan(700);
    const back = fromDisplay(lat, lng, 'gcj02');
    expect(distanceM(back, CENTRE)).toBeLessThan(0.02);
  });

  it('round trip over the district', () => {
    for (let i = 0; i < 50; i++) {
      const p = { latitude: 31.2 + (i % 10) * 0.02, longitude: 121.4 + Math.floor(i / 10) * 0.02 };
      const [lat, lng] = toDisplay(p, 'gcj02');
      expect(distanceM(fromDisplay(lat, lng, 'gcj02'), p)).toBeLessThan(0.02);
    }
  });

  it('tile subdomains for {s}: 天地图 t0–t7, AMap 1–4, else a–c', () => {
    expect(subdomainsOf('https://t{s}.tianditu.gov.cn/vec_w/wmts?tk=KEY')).toBe('01234567');
    expect(subdomainsOf('https://webrd0{s}.is.autonavi.com/appmaptile?x={x}&y={y}&z={z}')).toBe('1234');
    expect(subdomainsOf('https://{s}.tile.example.org/{z}/{x}/{y}.png')).toBe('abc');
  });

  it('typed coordinates: full-width digits and points accepted, words refused', () => {
    expect(parseCoord(' 31.3177 ')).toBe(31.3177);
    expect(parseCoord('３１．３１７７')).toBe(31.3177);
    expect(parseCoord('－12.5')).toBe(-12.5);
    expect(parseCoord('31,3')).toBeNaN();
    expect(parseCoord('')).toBeNaN();
  });
});

describe('labels and fixes', () => {
  it('initials: the given name of a Chinese name, Latin initials, a fallback', () => {
    expect(initials('张小明', '?')).toBe('小明');
    expect(initials('欧阳 娜娜', '?')).toBe('娜娜');
    expect(initials('li ming', '?')).toBe('LM');
    expect(initials(null, '表1')).toBe('表1');
  });

  it('marks invalid fixes and implausible jumps, and judges jumps from the last good fix', () => {
    const t0 = Date.parse('2026-03-02T01:00:00Z');
    const at = (s: number) => new Date(t0 + s * 1000).toISOString();
    const fixes = [
      { ...CENTRE, fixTime: at(0), valid: true },
      { ...CENTRE, latitude: 31.3187, fixTime: at(60), valid: true }, // 111 m in a minute
      { latitude: 31.4, longitude: 121.45, fixTime: at(120), valid: true }, // 9 km in a minute
      { ...CENTRE, fixTime: at(180), valid: false },
      { latitude: 0, longitude: 0, fixTime: at(200), valid: true },
      { ...CENTRE, latitude: 31.3188, fixTime: at(240), valid: true },
    ];
    expect(classifyFixes(fixes)).toEqual(['ok', 'ok', 'jump', 'invalid', 'invalid', 'ok']);
  });
});

describe('time', () => {
  it('fix times and days in Shanghai time, whatever the browser zone', () => {
    expect(clockTime('2026-03-01T16:05:09Z')).toBe('00:05:09');
    expect(shanghaiDay('2026-03-01T16:05:09Z')).toBe('2026-03-02');
    expect(shanghaiDay('2026-03-01T15:59:59Z')).toBe('2026-03-01');
  });

  it('day ranges: a Shanghai day (or part of it) as UTC instants', () => {
    expect(dayRange('2026-03-02')).toEqual({
      from: '2026-03-01T16:00:00.000Z',
      to: '2026-03-02T16:00:00.000Z',
    });
    expect(dayRange('2026-03-02', '08:30', '16:00')).toEqual({
      from: '2026-03-02T00:30:00.000Z',
      to: '2026-03-02T08:00:00.000Z',
    });
    expect(dayRange('2026-03-02', '16:00', '08:30')).toBeUndefined();
    expect(dayRange('2026-3-2')).toBeUndefined();
    expect(dayRange('2026-03-02', '25:00')).toBeUndefined();
  });

  it('time since a fix', () => {
    const now = Date.parse('2026-03-02T12:00:00Z');
    expect(sinceParts('2026-03-02T11:59:30Z', now)).toEqual({ unit: 'justNow', count: 0 });
    expect(sinceParts('2026-03-02T11:45:00Z', now)).toEqual({ unit: 'minutes', count: 15 });
    expect(sinceParts('2026-03-02T09:00:00Z', now)).toEqual({ unit: 'hours', count: 3 });
    expect(sinceParts('2026-02-27T12:00:00Z', now)).toEqual({ unit: 'days', count: 3 });
    expect(sinceParts(null, now)).toBeNull();
  });
});
