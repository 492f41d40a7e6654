/** The accompaniment portal's pure helpers: the time in words, bookable dates and why not, the lists' order. */
import { describe, expect, it } from 'vitest';
import { splitBookings, spokenRef, unbookable, whenInWords, type Booking, type Occurrence } from './model';

const occ = (o: Partial<Occurrence> = {}): Occurrence => ({
  sessionId: 's1',
  hospitalId: 'h1',
  date: '2026-12-01',
  startsAt: '2026-12-01T06:00:00.000Z',
  endsAt: '2026-12-01T08:30:00.000Z',
  capacity: 4,
  services: ['sign_language', 'blind_guide'],
  booked: 1,
  unfilled: 1,
  off: null,
  ...o,
});
const NOW = Date.parse('2026-11-29T02:00:00Z');

describe('accompaniment portal model', () => {
  it('says the visit time in words, Shanghai time, in both languages', () => {
    const zh = whenInWords('2026-12-01T06:00:00.000Z', '2026-12-01T08:30:00.000Z', 'zh-CN');
    expect(zh).toContain('2026年12月1日星期二');
    expect(zh).toContain('下午2:00');
    expect(zh).toContain('下午4:30');
    const en = whenInWords('2026-12-01T06:00:00.000Z', '2026-12-01T08:30:00.000Z', 'en');
    expect(en).toBe('Tuesday, December 1, 2026, 2:00 PM to 4:30 PM');
  });

  it('an occurrence can be booked only if it runs, has not started, offers the help and has room', () => {
    expect(unbookable(occ(), 'sign_language', NOW)).toBeNull();
    expect(unbookable(occ(), undefined, NOW)).toBeNull();
    expect(unbookable(occ({ off: { kind: 'holiday', reason: '元旦' } }), 'sign_language', NOW)).toBe(
      'holiday',
    );
    expect(unbookable(occ({ off: { kind: 'cancelled', reason: '停诊' } }), 'sign_language', NOW)).toBe(
      'cancelled',
    );
    expect(unbookable(occ(), 'wheelchair', NOW)).toBe('service');
    expect(unbookable(occ({ booked: 4 }), 'sign_language', NOW)).toBe('full');
    expect(unbookable(occ(), 'sign_language', Date.parse('2026-12-01T06:00:00Z'))).toBe('past');
  });

  it('lists visits to come first (soonest first), then the others (latest first)', () => {
    const b = (id: string, startsAt: string, state: Booking['state']) =>
      ({ id, startsAt, endsAt: startsAt, state }) as Booking;
    const list = [
      b('past', '2026-11-20T06:00:00Z', 'completed'),
      b('later', '2026-12-10T06:00:00Z', 'booked'),
      b('soon', '2026-12-01T06:00:00Z', 'booked'),
      b('cancelled', '2026-12-03T06:00:00Z', 'cancelled'),
      b('older', '2026-11-10T06:00:00Z', 'no_show'),
    ];
    const { upcoming, past } = splitBookings(list, NOW);
    expect(upcoming.map((x) => x.id)).toEqual(['soon', 'later']);
    expect(past.map((x) => x.id)).toEqual(['cancelled', 'past', 'older']);
  });

  it('reads a reference out character by character', () => {
    expect(spokenRef('PZ-2026-000012')).toBe('P Z 2 0 2 6 0 0 0 0 1 2');
  });
});
