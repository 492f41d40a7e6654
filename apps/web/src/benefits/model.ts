/**
 * Benefits (免申即享) in the web app: response types (from the shared schemas, types only), money
 * and period formatting, the rule variables and which comparisons each type allows, and the
 * requests the pages share.
 */
import { useQuery } from '@tanstack/react-query';
import type {
  AmountItem,
  CmpOp,
  CycleOut as CycleOutT,
  EntitlementOut as EntitlementOutT,
  EntitlementState,
  NoticeOut as NoticeOutT,
  ObjectionOut as ObjectionOutT,
  PersonRef as PersonRefT,
  ProgramOut as ProgramOutT,
  ProgramVariable,
  ProgramVersionOut as ProgramVersionOutT,
  RuleExpr,
  RuleVariableDef,
  SimulationOut as SimulationOutT,
} from '@jinglin/shared';
import { api } from '../api';
import { BUILTIN_VARIABLES } from './variables';

export type { AmountItem, CmpOp, EntitlementState, ProgramVariable, RuleExpr, RuleVariableDef };

export interface Bilingual {
  zh: string;
  en: string;
}

/** Why a rule passed or failed, rule by rule (the server's RuleExplanation). */
export interface Explanation {
  passed: boolean;
  text: Bilingual;
  children?: Explanation[];
}

export type ProgramOut = ProgramOutT;
export type ProgramVersionOut = ProgramVersionOutT;
export type SimulationOut = SimulationOutT;
export type CycleOut = CycleOutT;
export type EntitlementOut = EntitlementOutT;
export type PersonRef = PersonRefT;
export type ObjectionOut = ObjectionOutT;
export type NoticeOut = NoticeOutT;
export type ReviewState = 'open' | 'accepted' | 'dismissed';

export interface ReviewOut {
  id: string;
  programCode: string;
  programName: Bilingual;
  person: PersonRef;
  kind: 'grant' | 'stop';
  effectivePeriod: string;
  reason: Explanation;
  trigger: string;
  state: ReviewState;
  createdAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  note: string | null;
}

export interface ProgramEligibility {
  code: string;
  name: Bilingual;
  example: boolean;
  period: string;
  eligible: boolean;
  amountFen: number;
  explanation: Explanation;
  waived: boolean;
  enrolment: { state: 'active' | 'stopped'; sincePeriod: string; untilPeriod: string | null } | null;
}
export interface EligibilityOut {
  personId: string;
  asOf: string;
  programs: ProgramEligibility[];
}

export interface FactsOut {
  values: Record<string, number | string | boolean | null>;
  accountRef: string | null;
}

export type MyBenefitStatus = 'receiving' | 'stopped' | 'declined' | 'not_eligible';
export interface MyBenefit {
  code: string;
  name: Bilingual;
  description: Bilingual;
  example: boolean;
  status: MyBenefitStatus;
  amountFen: number;
  sincePeriod: string | null;
  untilPeriod: string | null;
  explanation: Explanation;
  payments: { period: string; amountFen: number; state: EntitlementState }[];
  openObjection: boolean;
}
export interface MyBenefitsOut {
  persons: { personId: string; name: string; self: boolean; benefits: MyBenefit[] }[];
  notices: NoticeOut[];
  objections: ObjectionOut[];
}

export interface PaymentImportOut {
  rows: number;
  paid: number;
  failed: number;
  errors: { row: number; message: string }[];
}

export const ENTITLEMENT_STATES: readonly EntitlementState[] = [
  'draft',
  'pending_approval',
  'approved',
  'paid',
  'rejected',
  'cancelled',
];
export const CMP_OPS: readonly CmpOp[] = ['eq', 'ne', 'lt', 'le', 'gt', 'ge'];

// ---------- Language, money, periods ----------

export function isEn(lang: string): boolean {
  return lang === 'en' || lang.startsWith('en-');
}

/** A bilingual text in the UI language. */
export function pick(text: Bilingual | null | undefined, lang: string): string {
  if (!text) return '';
  return isEn(lang) ? text.en || text.zh : text.zh || text.en;
}

/** Fen → "¥45.00" (English) or "45.00 元" (Chinese). */
export function yuan(fen: number, lang: string): string {
  const v = (fen / 100).toLocaleString(isEn(lang) ? 'en-US' : 'zh-CN', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  return isEn(lang) ? `¥${v}` : `${v} 元`;
}

/** A yuan amount as typed ("45", "45.5", "４５") → fen, or null when it is not an amount. */
export function fenOf(typed: string): number | null {
  const s = typed
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[，,\s]/g, '')
    .replace(/^[¥￥]/, '')
    .replace(/元$/, '');
  if (!/^\d{1,7}(\.\d{0,2})?$/.test(s)) return null;
  return Math.round(Number(s) * 100);
}

/** Fen → the yuan text an input shows ("45.00"). */
export function yuanInput(fen: number): string {
  return (fen / 100).toFixed(2);
}

/** '2027-03' → "2027年3月" / "March 2027"; '2027' → "2027年" / "2027". */
export function periodText(period: string | null | undefined, lang: string): string {
  if (!period) return '';
  const m = /^(\d{4})(?:-(\d{2}))?/.exec(period);
  if (!m) return period;
  const [, y, mm] = m;
  if (!mm) return isEn(lang) ? y! : `${y}年`;
  if (isEn(lang)) {
    const name = new Date(Date.UTC(Number(y), Number(mm) - 1, 1)).toLocaleString('en-GB', {
      month: 'long',
      timeZone: 'UTC',
    });
    return `${name} ${y}`;
  }
  return `${y}年${Number(mm)}月`;
}

/** This month in Shanghai, 'YYYY-MM' (offset: months after it). */
export function monthOf(offset = 0, now = new Date()): string {
  const d = new Date(now.getTime() + 8 * 3600_000);
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + offset;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

// ---------- Rule variables ----------

/** Built-in enum variables whose values have registry translations. */
export const ENUM_LABEL_KEYS: Record<string, string> = {
  hukou: 'registry.hukou',
  living_status: 'registry.livingStatus',
  low_income: 'registry.lowIncome',
  gender: 'registry.gender',
  employment: 'registry.employment',
  education: 'registry.education',
};

/** The variables a programme's rules may use: the built-ins, then the programme's own facts. */
export function variablesOf(program: Pick<ProgramOut, 'variables'> | null | undefined): RuleVariableDef[] {
  return [
    ...BUILTIN_VARIABLES,
    ...(program?.variables ?? []).map((v: ProgramVariable): RuleVariableDef => ({
      name: v.name,
      type: v.type,
      label: v.label,
      ...(v.values ? { values: v.values } : {}),
      ...(v.min !== undefined ? { min: v.min } : {}),
      ...(v.max !== undefined ? { max: v.max } : {}),
    })),
  ];
}

export type CondOp = CmpOp | 'in' | 'present';

/** The comparisons that make sense for a variable's type. */
export function opsFor(type: RuleVariableDef['type']): CondOp[] {
  if (type === 'number') return ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'present'];
  if (type === 'enum') return ['eq', 'ne', 'in', 'present'];
  return ['eq', 'present'];
}

// ---------- Requests ----------

export function usePrograms(enabled = true) {
  return useQuery({
    queryKey: ['benefits', 'programs'],
    queryFn: ({ signal }) => api.get<ProgramOut[]>('/benefits/programs', { signal }),
    enabled,
  });
}

export function useProgram(code: string | undefined) {
  return useQuery({
    queryKey: ['benefits', 'program', code],
    queryFn: ({ signal }) => api.get<ProgramOut>(`/benefits/programs/${code}`, { signal }),
    enabled: Boolean(code),
  });
}

export function useCycles(programCode?: string) {
  return useQuery({
    queryKey: ['benefits', 'cycles', programCode ?? ''],
    queryFn: ({ signal }) =>
      api.get<CycleOut[]>('/benefits/cycles', { query: { programCode, limit: 200 }, signal }),
  });
}

/** Lists may come back as a bare array or as a page `{ items, nextCursor }`. */
export function itemsOf<T>(data: T[] | { items: T[] } | undefined): T[] {
  if (!data) return [];
  return Array.isArray(data) ? data : data.items;
}

/** An empty rule: everyone (no condition yet). */
export const EVERYONE: RuleExpr = { op: 'true' };

export function defaultAmount(): AmountItem {
  return { label: { zh: '补贴', en: 'Subsidy' }, amountFen: 0, multiplier: 1 };
}
