import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ageOn,
  birthDateOf,
  genderOf,
  idCheckChar,
  idNumberProblem,
  normaliseIdentifier,
  parseCertificate,
} from './idcard.js';

describe('citizen ID numbers', () => {
  it('accepts the GB 11643 example and derives birth date and gender', () => {
    expect(idNumberProblem('11010519491231002X')).toBeNull();
    expect(birthDateOf('11010519491231002X')).toBe('1949-12-31');
    expect(genderOf('11010519491231002X')).toBe('female');
  });
  it('rejects a wrong check character, a bad date and a bad format', () => {
    expect(idNumberProblem('110105194912310021')).toBe('invalid_checksum');
    expect(idNumberProblem('110105194902300024'.slice(0, 17) + idCheckChar('11010519490230002'))).toBe(
      'invalid_birth_date',
    );
    expect(idNumberProblem('11010519491231002')).toBe('invalid_format');
  });
  it('normalises full-width digits, spaces and lower-case x', () => {
    expect(normaliseIdentifier(' １１０１０５１９４９１２３１００２ｘ ')).toBe('11010519491231002X');
    expect(normaliseIdentifier('110105 19491231 002x')).toBe('11010519491231002X');
  });
  it('every generated number with its computed check character is valid', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 34000 }), fc.integer({ min: 0, max: 999 }), (days, seq) => {
        const d = new Date(Date.UTC(1930, 0, 1) + days * 86400000)
          .toISOString()
          .slice(0, 10)
          .replace(/-/g, '');
        const first17 = `310106${d}${String(seq).padStart(3, '0')}`;
        const id = first17 + idCheckChar(first17);
        expect(idNumberProblem(id)).toBeNull();
        // Changing any one digit breaks the checksum (or the date or format).
        const i = seq % 17;
        const other = ((Number(id[i]) + 1 + (days % 9)) % 10).toString();
        const broken = id.slice(0, i) + other + id.slice(i + 1);
        if (broken !== id) expect(idNumberProblem(broken)).not.toBeNull();
      }),
    );
  });
});

describe('certificate numbers', () => {
  it('reads category and grade', () => {
    expect(parseCertificate('11010519491231002X42')).toEqual({
      number: '11010519491231002X42',
      idNumber: '11010519491231002X',
      category: 4,
      grade: 2,
    });
  });
  it('rejects category 0/8, grade 0/5 and a bad ID part', () => {
    expect(parseCertificate('11010519491231002X82')).toBe('invalid_category');
    expect(parseCertificate('11010519491231002X45')).toBe('invalid_grade');
    expect(parseCertificate('11010519491231002142')).toBe('invalid_checksum');
    expect(parseCertificate('abc')).toBe('invalid_format');
  });
});

describe('age', () => {
  it('counts whole years, the day before a birthday included', () => {
    expect(ageOn('1962-03-15', '2027-03-14')).toBe(64);
    expect(ageOn('1962-03-15', '2027-03-15')).toBe(65);
    // Born on 29 February: a year older on 1 March in other years, and on the day in leap years.
    expect(ageOn('2000-02-29', '2027-02-28')).toBe(26);
    expect(ageOn('2000-02-29', '2027-03-01')).toBe(27);
    expect(ageOn('2000-02-29', '2028-02-29')).toBe(28);
    expect(ageOn('1999-12-31', '2000-01-01')).toBe(0);
    expect(ageOn('1926-11-29', '2026-11-29')).toBe(100);
  });
});
