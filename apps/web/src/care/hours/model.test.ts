import { describe, expect, it } from 'vitest';
import { decimalHours, groupByMonth, printRows, splitMinutes, type ProofRecord } from './model';

const rec = (serviceDate: string, minutes: number, activity = '走访'): ProofRecord => ({
  recordId: `${serviceDate}-${minutes}-${activity}`,
  startedAt: `${serviceDate}T01:00:00.000Z`,
  serviceDate,
  minutes,
  activity,
  content: '',
});

describe('hours model', () => {
  it('splits and converts minutes', () => {
    expect(splitMinutes(150)).toEqual({ h: 2, m: 30 });
    expect(decimalHours(150)).toBe('2.5');
    expect(decimalHours(100)).toBe('1.67');
  });

  it('lists up to 14 records one by one, then condenses per month', () => {
    const few = Array.from({ length: 14 }, (_, i) => rec(`2026-01-${String(i + 1).padStart(2, '0')}`, 60));
    expect(printRows(few).kind).toBe('records');
    const many = [...few, rec('2026-02-01', 30, '陪同就医'), rec('2026-02-03', 30)];
    const out = printRows(many);
    expect(out).toEqual({
      kind: 'months',
      rows: [
        { month: '2026-01', count: 14, minutes: 840, activities: ['走访'] },
        { month: '2026-02', count: 2, minutes: 60, activities: ['陪同就医', '走访'] },
      ],
    });
  });

  it('keeps at most 14 month rows: the oldest months merged, totals kept', () => {
    const years = Array.from({ length: 30 }, (_, i) => {
      const y = 2024 + Math.floor(i / 12);
      const m = String((i % 12) + 1).padStart(2, '0');
      return [rec(`${y}-${m}-01`, 60), rec(`${y}-${m}-15`, 30)];
    }).flat();
    const out = printRows(years);
    expect(out.kind).toBe('months');
    expect(out.rows).toHaveLength(14);
    const sum = (out.rows as ReturnType<typeof groupByMonth>).reduce((s, g) => s + g.minutes, 0);
    expect(sum).toBe(30 * 90);
    expect((out.rows[0] as { month: string }).month).toBe('2024-01~2025-05');
  });
});
