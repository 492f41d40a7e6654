import { describe, expect, it } from 'vitest';
import { canResolve, movesOf, spokenRef, validHours } from './model';

describe('care needs model', () => {
  it('offers the status moves the server allows (resolving apart)', () => {
    expect(movesOf('open')).toEqual(['in_progress', 'withdrawn']);
    expect(movesOf('in_progress')).toEqual(['withdrawn']);
    expect(movesOf('resolved')).toEqual(['closed', 'open']);
    expect(movesOf('closed')).toEqual(['open']);
    expect(movesOf('withdrawn')).toEqual(['open']);
    expect(['open', 'in_progress'].every((s) => canResolve(s as 'open'))).toBe(true);
    expect(canResolve('resolved')).toBe(false);
  });
  it('reads a reference out character by character', () => {
    expect(spokenRef('XQ-2026-000123')).toBe('X Q 2 0 2 6 0 0 0 1 2 3');
  });
  it('takes whole hours from 1 to 8760', () => {
    expect(validHours('24')).toBe(true);
    expect(validHours(8760)).toBe(true);
    expect(validHours('0')).toBe(false);
    expect(validHours('1.5')).toBe(false);
    expect(validHours('')).toBe(false);
    expect(validHours('8761')).toBe(false);
  });
});
