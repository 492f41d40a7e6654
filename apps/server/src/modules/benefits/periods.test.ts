import { describe, expect, it } from 'vitest';
import type { RuleExpr } from '@jinglin/shared';
import { evaluatePerson } from './engine.js';
import { nextPeriod, periodStart, previousPeriod, referenceDate } from './periods.js';
import type { ProgramRow, VersionRow } from './programs.repo.js';
import type { PersonFacts } from './rules/evaluate.js';

const program = { id: 'p', variables: [] } as unknown as ProgramRow;
const under65: RuleExpr = { op: 'cmp', var: 'age', cmp: 'lt', value: 65 };
const version = {
  rule: under65,
  amounts: [{ label: { zh: '补贴', en: 'Subsidy' }, amountFen: 4500, multiplier: 1 }],
} as unknown as VersionRow;
const person = (birthDate: string): PersonFacts => ({
  birthDate,
  hukou: 'shanghai',
  livingStatus: 'normal',
  lowIncome: 'none',
  gender: 'female',
  employment: 'unknown',
  education: 'unknown',
  category: 4,
  grade: 2,
  ownsMotorisedWheelchair: false,
  hasGuardian: false,
  facts: {},
});
const paid = (birthDate: string, period: string) =>
  evaluatePerson(program, version, person(birthDate), period).qualifies;

describe('periods', () => {
  it('steps months and years, and evaluates on the last day of the previous period', () => {
    expect(nextPeriod('2027-12')).toBe('2028-01');
    expect(previousPeriod('2027-01')).toBe('2026-12');
    expect(nextPeriod('2027')).toBe('2028');
    expect(periodStart('2027')).toBe('2027-01-01');
    expect(referenceDate('2027-03')).toBe('2027-02-28');
    expect(referenceDate('2028-03')).toBe('2028-02-29');
    expect(referenceDate('2027')).toBe('2026-12-31');
  });

  it('the transport subsidy is paid through the month of the 65th birthday and stops the month after', () => {
    // Turns 65 on 15 March 2027: paid March, not April.
    expect(paid('1962-03-15', '2027-03')).toBe(true);
    expect(paid('1962-03-15', '2027-04')).toBe(false);
    // Turns 65 on 1 April 2027: paid April, not May.
    expect(paid('1962-04-01', '2027-04')).toBe(true);
    expect(paid('1962-04-01', '2027-05')).toBe(false);
    // Turns 65 on 31 March 2027: paid March, not April.
    expect(paid('1962-03-31', '2027-03')).toBe(true);
    expect(paid('1962-03-31', '2027-04')).toBe(false);
    // Born 29 February 1960: 65 on 1 March 2025 (no 29 February that year) — paid March, not April.
    expect(paid('1960-02-29', '2025-03')).toBe(true);
    expect(paid('1960-02-29', '2025-04')).toBe(false);
  });
});
