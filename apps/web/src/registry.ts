/**
 * The registry's value lists and how they are shown. The lists mirror the shared Zod enums (the
 * types keep them in step) but live here as plain arrays so no schema code reaches the bundle.
 */
import type { TFunction } from 'i18next';
import {
  birthDateOf,
  CATEGORY_CODES,
  type DisabilityCategory,
  genderOf,
  idNumberProblem,
  normaliseIdentifier,
  parseCertificate,
  type CertProblem,
  type IdProblem,
} from '@jinglin/shared';
import type {
  Education,
  Employment,
  Gender,
  GuardianRelation,
  HouseholdRole,
  Hukou,
  LivingStatus,
  LowIncome,
} from './types';
import type { Query } from './api';
import type { Messages } from './i18n/zh-CN';

export const HUKOU: readonly Hukou[] = ['shanghai', 'other'];
export const LIVING_STATUS: readonly LivingStatus[] = ['normal', 'moved_out', 'deceased', 'imprisoned'];
export const LOW_INCOME: readonly LowIncome[] = ['none', 'dibao', 'dibao_edge'];
export const EMPLOYMENT: readonly Employment[] = [
  'employed',
  'self_employed',
  'unemployed',
  'retired',
  'student',
  'unable_to_work',
  'unknown',
];
export const EDUCATION: readonly Education[] = [
  'none',
  'primary',
  'junior',
  'senior',
  'vocational',
  'college',
  'bachelor',
  'postgraduate',
  'special_school',
  'unknown',
];
export const GUARDIAN_RELATIONS: readonly GuardianRelation[] = [
  'parent',
  'spouse',
  'child',
  'sibling',
  'grandparent',
  'other_relative',
  'appointed',
  'other',
];
export const HOUSEHOLD_ROLES: readonly HouseholdRole[] = [
  'head',
  'spouse',
  'child',
  'parent',
  'sibling',
  'other',
];
export const CATEGORIES = [1, 2, 3, 4, 5, 6, 7] as const;
export const GRADES = [1, 2, 3, 4] as const;

/** Age bands of the list filter: [ageMin, ageMax] (inclusive; null = open). */
export const AGE_BANDS = {
  child: [0, 17],
  adult: [18, 59],
  older: [60, 64],
  senior: [65, 79],
  oldest: [80, null],
} as const satisfies Record<string, readonly [number, number | null]>;
export type AgeBand = keyof typeof AGE_BANDS;
export const AGE_BAND_KEYS = Object.keys(AGE_BANDS) as AgeBand[];

/** The list filters, as kept in the page's URL. */
export interface PersonFilters {
  q?: string;
  streetCode?: string;
  communityId?: string;
  category?: string;
  grade?: string;
  livingStatus?: LivingStatus;
  age?: AgeBand;
}
export const FILTER_KEYS = [
  'q',
  'streetCode',
  'communityId',
  'category',
  'grade',
  'livingStatus',
  'age',
] as const;

/** URL parameters → filters (unknown values dropped). */
export function filtersFromParams(params: URLSearchParams): PersonFilters {
  const f: PersonFilters = {};
  const q = params.get('q')?.trim();
  if (q) f.q = q.slice(0, 60);
  const street = params.get('streetCode');
  if (street) f.streetCode = street;
  const community = params.get('communityId');
  if (community) f.communityId = community;
  const category = params.get('category');
  if (category && (CATEGORIES as readonly number[]).includes(Number(category))) f.category = category;
  const grade = params.get('grade');
  if (grade && (GRADES as readonly number[]).includes(Number(grade))) f.grade = grade;
  const living = params.get('livingStatus');
  if (living && (LIVING_STATUS as readonly string[]).includes(living))
    f.livingStatus = living as LivingStatus;
  const age = params.get('age');
  if (age && age in AGE_BANDS) f.age = age as AgeBand;
  return f;
}

/** Filters → the query of GET /persons, /persons/count and /persons/export. */
export function filterQuery(f: PersonFilters): Query {
  const band = f.age ? AGE_BANDS[f.age] : undefined;
  return {
    q: f.q,
    streetCode: f.streetCode,
    communityId: f.communityId,
    category: f.category,
    grade: f.grade,
    livingStatus: f.livingStatus,
    ageMin: band?.[0],
    ageMax: band?.[1] ?? undefined,
  };
}

type CategoryCode = keyof Messages['registry']['category'];

export function categoryName(t: TFunction, c: number | null | undefined): string {
  const code = c ? (CATEGORY_CODES[c as DisabilityCategory] as CategoryCode | undefined) : undefined;
  return code ? t(`registry.category.${code}`) : c ? String(c) : t('registry.noCertificate');
}

export function gradeName(t: TFunction, g: number | null | undefined): string {
  return g && g >= 1 && g <= 4 ? t(`registry.grade.g${g as 1 | 2 | 3 | 4}`) : g ? String(g) : '';
}

/** "肢体残疾 四级" */
export function disabilityText(t: TFunction, c: number | null | undefined, g: number | null | undefined) {
  return c ? `${categoryName(t, c)} ${gradeName(t, g)}`.trim() : t('registry.noCertificate');
}

export function genderName(t: TFunction, g: Gender): string {
  return t(`registry.gender.${g}`);
}

export type IdCheck =
  | { ok: true; idNumber: string; gender: Gender; birthDate: string }
  | { ok: false; problem: IdProblem | 'incomplete' };

/** An ID number as typed: normalised, checked, and what it says (gender, birth date). */
export function checkIdNumber(raw: string): IdCheck {
  const id = normaliseIdentifier(raw);
  if (id.length < 18 && /^\d*$/.test(id)) return { ok: false, problem: 'incomplete' };
  const problem = idNumberProblem(id);
  if (problem) return { ok: false, problem };
  return { ok: true, idNumber: id, gender: genderOf(id), birthDate: birthDateOf(id)! };
}

export type CertCheck =
  | { ok: true; number: string; idNumber: string; category: number; grade: number }
  | { ok: false; problem: CertProblem | 'incomplete' };

export function checkCertificate(raw: string): CertCheck {
  const n = normaliseIdentifier(raw);
  if (n.length < 20 && /^(\d{0,17}|\d{17}[\dX]\d?)$/.test(n)) return { ok: false, problem: 'incomplete' };
  const p = parseCertificate(n);
  if (typeof p === 'string') return { ok: false, problem: p };
  return { ok: true, number: p.number, idNumber: p.idNumber, category: p.category, grade: p.grade };
}

/** Whole years between a `YYYY-MM-DD` birth date and today (Beijing date is close enough here). */
export function ageFrom(birthDate: string, today = new Date()): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const y = today.getFullYear();
  const m = today.getMonth() + 1;
  const d = today.getDate();
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
