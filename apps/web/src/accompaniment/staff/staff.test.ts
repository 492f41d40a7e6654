import { describe, expect, it } from 'vitest';
import { addDays, hhmm, mondayOf, notStarted, weekdayOf, withTimes } from './data';
import { byReason, withCodes } from './model';

describe('staff accompaniment helpers', () => {
  it('shows instants as Shanghai wall-clock time and leaves HH:MM alone', () => {
    expect(hhmm('2026-11-29T05:30:00.000Z')).toBe('13:30');
    expect(hhmm('2026-11-29T16:00:00.000Z')).toBe('00:00');
    expect(hhmm('08:30')).toBe('08:30');
    expect(
      withTimes({ startsAt: '2026-12-01T00:30:00.000Z', endsAt: '2026-12-01T03:30:00.000Z', x: 1 }),
    ).toEqual({
      startsAt: '08:30',
      endsAt: '11:30',
      x: 1,
    });
  });
  it('offers only occurrences that have not started (Shanghai time)', () => {
    const now = Date.parse('2026-12-01T05:00:00Z'); // 13:00 in Shanghai
    expect(notStarted({ date: '2026-12-01', startsAt: '13:30' }, now)).toBe(true);
    expect(notStarted({ date: '2026-12-01', startsAt: '08:30' }, now)).toBe(false);
    expect(notStarted({ date: '2026-11-30', startsAt: '23:00' }, now)).toBe(false);
    expect(notStarted({ date: '2026-12-02', startsAt: '08:30' }, now)).toBe(true);
  });
  it('finds the week of a day (Monday first) across months and years', () => {
    expect(mondayOf('2026-11-29')).toBe('2026-11-23'); // a Sunday
    expect(mondayOf('2026-11-30')).toBe('2026-11-30');
    expect(mondayOf('2027-01-01')).toBe('2026-12-28');
    expect(weekdayOf('2026-11-29')).toBe(7);
    expect(weekdayOf('2026-12-01')).toBe(2);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
  it('gives departments without a code d1, d2, … never taken', () => {
    expect(
      withCodes([
        { name: ' 眼科 ' },
        { code: 'd1', name: '骨科' },
        { code: '', name: '耳鼻喉科' },
        { code: 'ent2', name: '口腔科' },
      ]),
    ).toEqual([
      { code: 'd2', name: '眼科' },
      { code: 'd1', name: '骨科' },
      { code: 'd3', name: '耳鼻喉科' },
      { code: 'ent2', name: '口腔科' },
    ]);
  });
  it('groups the volunteers of an unfilled booking by why they could not take it, smallest group first', () => {
    expect(byReason({ a: 'hospital', b: 'skill', c: 'hospital', d: 'busy' })).toEqual([
      ['skill', ['b']],
      ['busy', ['d']],
      ['hospital', ['a', 'c']],
    ]);
    expect(byReason({})).toEqual([]);
  });
});
