import { describe, expect, it } from 'vitest';
import { addDays, byUrgency, daysBetween, shanghaiToday, visitInstant } from './model';

describe('care visits model', () => {
  it("takes today's Shanghai date", () => {
    expect(shanghaiToday(Date.parse('2026-03-01T16:30:00Z'))).toBe('2026-03-02');
  });
  it('counts days between dates, and adds them', () => {
    expect(daysBetween('2026-02-27', '2026-03-02')).toBe(3);
    expect(addDays('2026-02-27', 7)).toBe('2026-03-06');
  });
  it('puts overdue first, most days late first, then by date', () => {
    const rows = [
      { id: 'a', overdueDays: 0, on: '2026-03-05' },
      { id: 'b', overdueDays: 3, on: '2026-02-27' },
      { id: 'c', overdueDays: 0, on: '2026-03-03' },
      { id: 'd', overdueDays: 10, on: '2026-02-20' },
    ];
    expect(rows.sort(byUrgency((r) => r.on)).map((r) => r.id)).toEqual(['d', 'b', 'c', 'a']);
  });
  it('makes a visit instant in Shanghai time, never later than now today', () => {
    const now = Date.parse('2026-03-02T00:30:00Z'); // 08:30 in Shanghai
    expect(visitInstant('2026-03-01', undefined, now)).toBe('2026-03-01T09:00:00+08:00');
    expect(visitInstant('2026-03-02', undefined, now)).toBe('2026-03-02T08:30:00+08:00');
    expect(visitInstant('2026-03-02', '07:15', now)).toBe('2026-03-02T07:15:00+08:00');
  });
});
