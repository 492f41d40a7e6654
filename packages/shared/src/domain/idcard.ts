/**
 * Citizen ID numbers (GB 11643-1999) and disability certificate numbers (第二代残疾人证).
 * Pure functions shared by the server, the importer and the web forms.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** Full-width digits and letters to ASCII, spaces removed, upper-case X. */
export function normaliseIdentifier(raw: string): string {
  return raw
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]/g, '')
    .toUpperCase();
}

export function idCheckChar(first17: string): string {
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[s % 11]!;
}

export type IdProblem = 'invalid_format' | 'invalid_checksum' | 'invalid_birth_date';

/** Checks an already-normalised 18-character ID number. */
export function idNumberProblem(id: string, today = new Date()): IdProblem | null {
  if (!/^\d{17}[\dX]$/.test(id)) return 'invalid_format';
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return 'invalid_checksum';
  const b = birthDateOf(id);
  if (!b) return 'invalid_birth_date';
  const d = new Date(`${b}T00:00:00Z`);
  if (d.getTime() > today.getTime() || d.getUTCFullYear() < 1890) return 'invalid_birth_date';
  return null;
}

/** `YYYY-MM-DD` from the ID's birth-date digits, or null when that is not a real date. */
export function birthDateOf(id: string): string | null {
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

/** Odd sequence digit = male, even = female. */
export function genderOf(id: string): 'male' | 'female' {
  return Number(id[16]) % 2 === 1 ? 'male' : 'female';
}

export const DISABILITY_CATEGORIES = [1, 2, 3, 4, 5, 6, 7] as const;
export type DisabilityCategory = (typeof DISABILITY_CATEGORIES)[number];
export const DISABILITY_GRADES = [1, 2, 3, 4] as const;
export type DisabilityGrade = (typeof DISABILITY_GRADES)[number];

export const CATEGORY_CODES: Record<DisabilityCategory, string> = {
  1: 'vision',
  2: 'hearing',
  3: 'speech',
  4: 'physical',
  5: 'intellectual',
  6: 'mental',
  7: 'multiple',
};
export const CATEGORY_NAMES_ZH: Record<DisabilityCategory, string> = {
  1: '视力残疾',
  2: '听力残疾',
  3: '言语残疾',
  4: '肢体残疾',
  5: '智力残疾',
  6: '精神残疾',
  7: '多重残疾',
};
/** Usual labels; to confirm against GB/T 26341-2010 (domain notes). */
export const GRADE_NAMES_ZH: Record<DisabilityGrade, string> = { 1: '一级', 2: '二级', 3: '三级', 4: '四级' };

export type CertProblem = IdProblem | 'invalid_category' | 'invalid_grade';

export interface ParsedCertificate {
  number: string;
  idNumber: string;
  category: DisabilityCategory;
  grade: DisabilityGrade;
}

/** A 20-character certificate number: the holder's ID number + category digit + grade digit. */
export function parseCertificate(raw: string, today = new Date()): ParsedCertificate | CertProblem {
  const n = normaliseIdentifier(raw);
  if (!/^\d{17}[\dX]\d\d$/.test(n)) return 'invalid_format';
  const id = n.slice(0, 18);
  const p = idNumberProblem(id, today);
  if (p) return p;
  const category = Number(n[18]);
  const grade = Number(n[19]);
  if (category < 1 || category > 7) return 'invalid_category';
  if (grade < 1 || grade > 4) return 'invalid_grade';
  return {
    number: n,
    idNumber: id,
    category: category as DisabilityCategory,
    grade: grade as DisabilityGrade,
  };
}

/** Age in whole years on a date (both `YYYY-MM-DD`). */
export function ageOn(birthDate: string, on: string): number {
  // Fixed-width `MM-DD` texts compare as the days do (a search page computes 50 of these: no arrays).
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return on.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** Category 7 (多重残疾) is two or more of categories 1–6, each with its grade. */
export const MULTIPLE_DISABILITY = 7;

export type DisabilitiesProblem =
  | 'disabilities_only_multiple'
  | 'disabilities_too_few'
  | 'disabilities_repeated'
  | 'disabilities_grade_mismatch';

/**
 * The constituent disabilities of a certificate (GB/T 26341-2010: a multiple disability is two or
 * more kinds, graded by the most severe of them). Listing none is allowed (imports and older
 * records have no list); when listed, they belong to a category-7 certificate only, at least two,
 * each category once, and the most severe grade (the smallest number) is the certificate's grade.
 */
export function disabilitiesProblem(
  category: number,
  grade: number,
  list: readonly { category: number; grade: number }[] | undefined,
): DisabilitiesProblem | null {
  if (!list || list.length === 0) return null;
  if (category !== MULTIPLE_DISABILITY) return 'disabilities_only_multiple';
  if (list.length < 2) return 'disabilities_too_few';
  if (new Set(list.map((d) => d.category)).size !== list.length) return 'disabilities_repeated';
  if (Math.min(...list.map((d) => d.grade)) !== grade) return 'disabilities_grade_mismatch';
  return null;
}
