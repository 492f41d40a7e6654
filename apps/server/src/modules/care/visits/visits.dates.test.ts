import { describe, expect, it } from 'vitest';
import { addStep, daysBetween, shanghaiDate } from './visits.dates.js';

describe('visit dates', () => {
  it('takes the Shanghai date of an instant', () => {
    expect(shanghaiDate(new Date('2026-03-01T15:59:00Z'))).toBe('2026-03-01');
    expect(shanghaiDate(new Date('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
  });
  it('adds weeks', () => {
    expect(addStep('2026-12-28', 1, 'week')).toBe('2027-01-04');
    expect(addStep('2026-02-25', 2, 'week')).toBe('2026-03-11');
  });
  it('adds calendar months, keeping to the month end', () => {
    expect(addStep('2026-01-31', 1, 'month')).toBe('2026-02-28');
    expect(addStep('2028-01-31', 1, 'month')).toBe('2028-02-29');
    expect(addStep('2026-03-31', 1, 'month')).toBe('2026-04-30');
    expect(addStep('2026-11-15', 3, 'month')).toBe('2027-02-15');
    expect(addStep('2026-12-31', 12, 'month')).toBe('2027-12-31');
  });
  it('counts days between dates', () => {
    expect(daysBetween('2026-02-27', '2026-03-02')).toBe(3);
    expect(daysBetween('2026-03-02', '2026-02-27')).toBe(-3);
  });
});
