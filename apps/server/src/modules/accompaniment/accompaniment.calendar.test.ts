import { describe, expect, it } from 'vitest';
import { mondayOf, occurrences, shanghaiInstant, type SessionRule } from './accompaniment.calendar.js';

const tue: SessionRule = {
  id: 's-tue',
  hospitalId: 'h',
  weekday: 2,
  startsAt: '13:30',
  endsAt: '16:30',
  capacity: 6,
  services: ['sign_language', 'blind_guide'],
  validFrom: '2026-12-01',
  validTo: '2027-01-31',
  active: true,
};

describe('session occurrences', () => {
  it('runs on its weekday inside its validity, in Shanghai time', () => {
    const got = occurrences([tue], '2026-11-24', '2026-12-15', new Map(), new Map());
    expect(got.map((o) => o.date)).toEqual(['2026-12-01', '2026-12-08', '2026-12-15']);
    expect(got[0]!.start.toISOString()).toBe('2026-12-01T05:30:00.000Z');
    expect(got[0]!.end.toISOString()).toBe('2026-12-01T08:30:00.000Z');
    expect(got.every((o) => o.off === null)).toBe(true);
  });

  it('a public holiday or a cancellation keeps the occurrence, marked off with why', () => {
    const got = occurrences(
      [tue, { ...tue, id: 's-thu', weekday: 4, validTo: null }],
      '2026-12-29',
      '2027-01-07',
      new Map([
        ['2027-01-01', { name: '元旦', workday: false }],
        ['2026-12-29', { name: '调休上班', workday: true }],
      ]),
      new Map([['s-tue/2027-01-05', '医院停诊']]),
    );
    expect(got.map((o) => [o.sessionId, o.date, o.off?.kind ?? 'on'])).toEqual([
      ['s-tue', '2026-12-29', 'on'],
      ['s-thu', '2026-12-31', 'on'],
      ['s-tue', '2027-01-05', 'cancelled'],
      ['s-thu', '2027-01-07', 'on'],
    ]);
    const fridayHoliday = occurrences(
      [{ ...tue, weekday: 5 }],
      '2027-01-01',
      '2027-01-01',
      new Map([['2027-01-01', { name: '元旦', workday: false }]]),
      new Map(),
    );
    expect(fridayHoliday[0]!.off).toEqual({ kind: 'holiday', reason: '元旦' });
  });

  it('an inactive session has no occurrences; mondayOf and shanghaiInstant', () => {
    expect(
      occurrences([{ ...tue, active: false }], '2026-12-01', '2026-12-31', new Map(), new Map()),
    ).toEqual([]);
    expect(mondayOf('2026-12-06')).toBe('2026-11-30');
    expect(mondayOf('2026-11-30')).toBe('2026-11-30');
    expect(shanghaiInstant('2026-12-01', '00:30').toISOString()).toBe('2026-11-30T16:30:00.000Z');
  });
});
