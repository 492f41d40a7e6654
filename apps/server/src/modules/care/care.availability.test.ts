import { describe, expect, it } from 'vitest';
import type { Availability } from '@jinglin/shared';
import { isAvailable } from './care.availability.js';

/** Monday and Wednesday mornings, Saturday afternoon (Shanghai time). */
const a: Availability = {
  weekly: {
    '1': [{ from: '09:00', to: '12:00' }],
    '3': [{ from: '09:00', to: '12:00' }],
    '6': [{ from: '14:00', to: '17:30' }],
  },
  exceptions: [
    { date: '2026-11-30', available: false, ranges: [] },
    { date: '2026-12-02', available: true, ranges: [{ from: '10:00', to: '11:00' }] },
    { date: '2026-12-03', available: true, ranges: [] },
  ],
};
/** Shanghai local time → instant. */
const sh = (local: string) => new Date(`${local}+08:00`);

describe('isAvailable', () => {
  it('follows the weekly pattern in Shanghai local time, end exclusive', () => {
    expect(isAvailable(a, sh('2026-11-23T09:00:00'))).toBe(true); // Monday
    expect(isAvailable(a, sh('2026-11-23T11:59:00'))).toBe(true);
    expect(isAvailable(a, sh('2026-11-23T12:00:00'))).toBe(false);
    expect(isAvailable(a, sh('2026-11-24T10:00:00'))).toBe(false); // Tuesday
    expect(isAvailable(a, sh('2026-11-28T17:00:00'))).toBe(true); // Saturday
  });

  it('uses the Shanghai date and weekday, not UTC', () => {
    // Monday 09:30 in Shanghai is Sunday 01:30 UTC.
    expect(isAvailable(a, new Date('2026-11-23T01:30:00Z'))).toBe(true);
    // Sunday 20:00 UTC is Monday 04:00 in Shanghai: outside the morning range.
    expect(isAvailable(a, new Date('2026-11-22T20:00:00Z'))).toBe(false);
  });

  it('lets a dated exception override the week', () => {
    expect(isAvailable(a, sh('2026-11-30T10:00:00'))).toBe(false); // a Monday, off
    expect(isAvailable(a, sh('2026-12-02T09:30:00'))).toBe(false); // Wednesday, only 10–11
    expect(isAvailable(a, sh('2026-12-02T10:30:00'))).toBe(true);
    expect(isAvailable(a, sh('2026-12-03T22:00:00'))).toBe(true); // Thursday, all day
  });

  it('is never available with an empty pattern', () => {
    expect(isAvailable({ weekly: {}, exceptions: [] }, sh('2026-11-23T10:00:00'))).toBe(false);
  });
});
