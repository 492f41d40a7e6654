import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { fieldOfPath, isApiError } from './api';
import type { SummaryItem } from './components/ErrorSummary';

type NamePath = string | number | readonly (string | number)[];

/** The id antd gives a Form.Item's control: `${formName}_${name}`. */
export function fieldId(formName: string, name: NamePath): string {
  return `${formName}_${(Array.isArray(name) ? name : [name]).join('_')}`;
}

export interface ValidationInfo {
  errorFields: { name: NamePath; errors: string[] }[];
}

/** antd's client-side validation result → error summary items linked to the fields. */
export function summaryFromValidation(formName: string, info: ValidationInfo): SummaryItem[] {
  return info.errorFields.flatMap((f) =>
    f.errors.map((message) => ({ id: fieldId(formName, f.name), message })),
  );
}

export interface ProblemSummary {
  title?: string;
  items: SummaryItem[];
}

/**
 * A failed request → messages on the form fields named in `errors[].path`, plus the error summary.
 * Paths that name no field of this form are listed in the summary without a link.
 */
export function applyProblem(
  form: FormInstance | null,
  formName: string,
  err: unknown,
  fields: readonly string[],
  t: TFunction,
  /** Problem paths (dotted, e.g. "certificate.number") that belong to a differently named field. */
  aliases: Readonly<Record<string, string>> = {},
): ProblemSummary {
  if (!isApiError(err)) {
    return { items: [{ message: err instanceof Error && err.message ? err.message : t('errors.network') }] };
  }
  if (err.code === 'version_mismatch') return { items: [{ message: t('errors.versionMismatch') }] };
  if (err.fieldErrors.length === 0) return { items: [{ message: err.detail }] };
  const byField = new Map<string, string[]>();
  const items: SummaryItem[] = [];
  for (const fe of err.fieldErrors) {
    const first = fieldOfPath(fe.path);
    const field = aliases[dottedPath(fe.path)] ?? aliases[first] ?? first;
    if (fields.includes(field)) {
      byField.set(field, [...(byField.get(field) ?? []), fe.message]);
      items.push({ id: fieldId(formName, field), message: fe.message });
    } else {
      items.push({ message: fe.message });
    }
  }
  if (form && byField.size > 0) form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return { title: err.detail, items };
}

/** "/certificate/number", "body.certificate.number" → "certificate.number". */
export function dottedPath(path: string): string {
  const parts = path
    .replace(/^[#/]+/, '')
    .split(/[./[\]]+/)
    .filter(Boolean);
  if (parts[0] === 'body' || parts[0] === 'query') parts.shift();
  return parts.join('.');
}

/** Full-width digits (０-９) → ASCII, trimmed (same rule as the shared schemas). */
export function normaliseDigits(s: string): string {
  return s.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).trim();
}

/** Keep only digits (full-width digits become ASCII): for 6-digit codes. */
export function digitsOnly(v: unknown): string {
  return typeof v === 'string' ? normaliseDigits(v).replace(/\D/g, '').slice(0, 6) : '';
}

/** A mainland mobile number as typed: full-width digits, spaces and dashes tidied. */
export function tidyPhone(v: unknown): string {
  return typeof v === 'string' ? normaliseDigits(v).replace(/[\s-]/g, '') : '';
}

export const PHONE_RE = /^1[3-9]\d{9}$/;
