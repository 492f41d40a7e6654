import { describe, expect, it } from 'vitest';
import { bodyOf, draftOf, emptyDraft } from './zoneForm';

const CENTRE = '01900000-0000-7000-8000-000000000001';

describe('zone form', () => {
  it('a circle typed in: coordinates (full-width too), radius, the centre hours', () => {
    const d = { ...emptyDraft(), name: ' 操场 ', lat: '３１.３１７７', lng: '121.4506', radius: '120' };
    const out = bodyOf(d, CENTRE);
    expect(out.problems).toEqual([]);
    expect(out.body).toMatchObject({
      name: '操场',
      kind: 'circle',
      center: { latitude: 31.3177, longitude: 121.4506 },
      radiusM: 120,
      schedule: { useCentreHours: true, weekdays: [], ranges: [] },
      centreId: CENTRE,
      personId: null,
      exitConfirmFixes: null,
      exitConfirmSeconds: null,
    });
  });

  it('names each wrong field', () => {
    const d = {
      ...emptyDraft(),
      kind: 'polygon' as const,
      points: [{ lat: '31.3', lng: 'x' }],
      schedule: 'custom' as const,
      weekdays: [],
      ranges: [{ from: '16:00', to: '08:30' }],
      target: 'person' as const,
      exitFixes: '0',
      exitSeconds: '1.5',
    };
    const out = bodyOf(d, CENTRE);
    expect(out.body).toBeNull();
    expect(out.problems.map((p) => `${p.field}:${p.key}`)).toEqual([
      'zone-name:zones.err.name',
      'zone-add-point:zones.err.points',
      'zone-point-1-lng:zones.err.lng',
      'zone-weekday-1:zones.err.weekdays',
      'zone-range-1-to:zones.err.rangeOrder',
      'zone-person:zones.err.person',
      'zone-exit-fixes:zones.err.int',
      'zone-exit-seconds:zones.err.int',
    ]);
  });

  it('a polygon for one trainee on weekdays, and back to a draft', () => {
    const d = {
      ...emptyDraft(),
      name: '花园',
      kind: 'polygon' as const,
      points: [
        { lat: '31.3170', lng: '121.4500' },
        { lat: '31.3180', lng: '121.4500' },
        { lat: '31.3180', lng: '121.4510' },
      ],
      schedule: 'custom' as const,
      weekdays: [3, 1],
      ranges: [{ from: '09:00', to: '11:30' }],
      target: 'person' as const,
      personId: '01900000-0000-7000-8000-000000000002',
      exitFixes: '2',
      exitSeconds: '30',
    };
    const out = bodyOf(d, CENTRE);
    expect(out.problems).toEqual([]);
    expect(out.body!.schedule).toEqual({
      useCentreHours: false,
      weekdays: [1, 3],
      ranges: [{ from: '09:00', to: '11:30' }],
    });
    const back = draftOf({
      ...out.body!,
      id: '01900000-0000-7000-8000-000000000003',
      center: null,
      radiusM: null,
      points: out.body!.points!,
      centreId: CENTRE,
      version: 4,
    });
    expect(back).toMatchObject({
      kind: 'polygon',
      schedule: 'custom',
      target: 'person',
      exitFixes: '2',
      version: 4,
    });
    expect(back.points[0]).toEqual({ lat: '31.3170000', lng: '121.4500000' });
  });
});
