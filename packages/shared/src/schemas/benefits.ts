/**
 * Benefits granted without application (免申即享): programmes and their rule versions, simulation,
 * cycles and entitlements, the review queue, eligibility, resident notices, waivers, objections and
 * payment. Amounts are in fen (1 yuan = 100 fen).
 */
import { z } from 'zod';
import { patchOf } from './common.js';
import { AmountItem, ProgramVariable, RuleExpr, RuleExplanation } from './benefit-rules.js';

export const Bilingual = z.object({ zh: z.string(), en: z.string() });

export const ProgramCode = z.string().regex(/^[a-z][a-z0-9_]{2,39}$/, { error: 'invalid_format' });
export const PERIODICITY = ['monthly', 'yearly'] as const;
/** 'YYYY-MM' (monthly programmes) or 'YYYY' (yearly). */
export const Period = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, { error: 'invalid_format' });

export const ProgramVersionOut = z.object({
  id: z.uuid(),
  versionNo: z.number().int(),
  status: z.enum(['draft', 'published']),
  rule: RuleExpr,
  amounts: z.array(AmountItem),
  effectiveFrom: z.string(),
  notes: z.string(),
  summary: Bilingual,
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
});
export type ProgramVersionOut = z.infer<typeof ProgramVersionOut>;

export const ProgramOut = z.object({
  id: z.uuid(),
  code: z.string(),
  name: Bilingual,
  description: Bilingual,
  periodicity: z.enum(PERIODICITY),
  active: z.boolean(),
  /** Rules not confirmed by the federation: example configuration, marked as such everywhere. */
  example: z.boolean(),
  variables: z.array(ProgramVariable),
  /** The published version in force today (null when none is yet). */
  current: ProgramVersionOut.nullable(),
  versions: z.array(ProgramVersionOut.pick({ id: true, versionNo: true, status: true, effectiveFrom: true })),
  version: z.number().int(),
});
export type ProgramOut = z.infer<typeof ProgramOut>;

export const ProgramCreateBody = z
  .object({
    code: ProgramCode,
    nameZh: z.string().trim().min(2).max(40),
    nameEn: z.string().trim().min(2).max(80),
    descriptionZh: z.string().trim().max(500).default(''),
    descriptionEn: z.string().trim().max(1000).default(''),
    periodicity: z.enum(PERIODICITY),
    example: z.boolean().default(false),
    variables: z.array(ProgramVariable).max(20).default([]),
  })
  .strict();
export type ProgramCreateBody = z.infer<typeof ProgramCreateBody>;

export const ProgramPatchBody = patchOf(ProgramCreateBody.omit({ code: true, periodicity: true }))
  .extend({ active: z.boolean().optional() })
  .strict();
export type ProgramPatchBody = z.infer<typeof ProgramPatchBody>;

export const ProgramVersionBody = z
  .object({
    rule: RuleExpr,
    amounts: z.array(AmountItem).min(1).max(20),
    /** The first day of a month. */
    effectiveFrom: z.iso.date().refine((d) => d.endsWith('-01'), { error: 'first_of_month' }),
    notes: z.string().trim().max(1000).default(''),
  })
  .strict();
export type ProgramVersionBody = z.infer<typeof ProgramVersionBody>;

export const CodeParams = z.object({ code: ProgramCode }).strict();
export const CodeVersionParams = z.object({ code: ProgramCode, versionId: z.uuid() }).strict();

export const PersonRef = z.object({
  id: z.uuid(),
  name: z.string(),
  idNumber: z.string(), // masked
  streetCode: z.string(),
});
export type PersonRef = z.infer<typeof PersonRef>;

export const SimulationQuery = z.object({ period: Period.optional() }).strict();
export const SimulationOut = z.object({
  versionId: z.uuid(),
  period: z.string(),
  byStreet: z.array(
    z.object({ streetCode: z.string(), count: z.number().int(), amountFen: z.number().int() }),
  ),
  total: z.object({ count: z.number().int(), amountFen: z.number().int() }),
  /** The period's total as a monthly cost (a yearly programme's total ÷ 12). */
  monthlyCostFen: z.number().int(),
  /** The same figures for the version in force (null when there is none). */
  current: z.object({ count: z.number().int(), amountFen: z.number().int() }).nullable(),
  entering: z.object({ count: z.number().int(), sample: z.array(PersonRef) }),
  leaving: z.object({ count: z.number().int(), sample: z.array(PersonRef) }),
  ms: z.number(),
});
export type SimulationOut = z.infer<typeof SimulationOut>;

export const CYCLE_STATES = ['created', 'running', 'ready', 'failed'] as const;
export const ENTITLEMENT_STATES = [
  'draft',
  'pending_approval',
  'approved',
  'paid',
  'rejected',
  'cancelled',
] as const;
export type EntitlementState = (typeof ENTITLEMENT_STATES)[number];

export const CycleCreateBody = z.object({ period: Period }).strict();
export const CycleOut = z.object({
  id: z.uuid(),
  programCode: z.string(),
  programName: Bilingual,
  period: z.string(),
  periodStart: z.string(),
  versionId: z.uuid().nullable(),
  state: z.enum(CYCLE_STATES),
  jobId: z.uuid().nullable(),
  summary: z
    .object({
      count: z.number().int(),
      amountFen: z.number().int(),
      entered: z.number().int(),
      left: z.number().int(),
    })
    .nullable(),
  /** Entitlements by state, inside the caller's scope. */
  counts: z.record(z.string(), z.number().int()),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type CycleOut = z.infer<typeof CycleOut>;
export const CycleListQuery = z
  .object({ programCode: ProgramCode.optional(), limit: z.coerce.number().int().min(1).max(200).default(50) })
  .strict();

export const EntitlementOut = z.object({
  id: z.uuid(),
  programCode: z.string(),
  person: PersonRef,
  period: z.string(),
  streetCode: z.string(),
  amountFen: z.number().int(),
  state: z.enum(ENTITLEMENT_STATES),
  submittedBy: z.uuid().nullable(),
  decidedBy: z.uuid().nullable(),
  decisionNote: z.string().nullable(),
  paymentRef: z.string().nullable(),
  paymentError: z.string().nullable(),
  version: z.number().int(),
});
export type EntitlementOut = z.infer<typeof EntitlementOut>;
export const EntitlementQuery = z
  .object({
    state: z.enum(ENTITLEMENT_STATES).optional(),
    streetCode: z.string().max(40).optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

/** Bulk actions on a cycle's entitlements: all in the caller's scope matching the filter, or by id. */
export const EntitlementBulkBody = z
  .object({
    action: z.enum(['submit', 'approve', 'reject', 'cancel']),
    ids: z.array(z.uuid()).min(1).max(5000).optional(),
    streetCode: z.string().max(40).optional(),
    note: z.string().trim().max(500).optional(),
  })
  .strict();
export const EntitlementBulkOut = z.object({ changed: z.number().int(), skipped: z.number().int() });

export const REVIEW_KINDS = ['grant', 'stop'] as const;
export const ReviewOut = z.object({
  id: z.uuid(),
  programCode: z.string(),
  programName: Bilingual,
  person: PersonRef,
  kind: z.enum(REVIEW_KINDS),
  effectivePeriod: z.string(),
  reason: RuleExplanation,
  trigger: z.string(),
  state: z.enum(['open', 'accepted', 'dismissed']),
  createdAt: z.string(),
  decidedBy: z.uuid().nullable(),
  decidedAt: z.string().nullable(),
  note: z.string().nullable(),
});
export type ReviewOut = z.infer<typeof ReviewOut>;
export const ReviewQuery = z
  .object({
    state: z.enum(['open', 'accepted', 'dismissed']).default('open'),
    programCode: ProgramCode.optional(),
    streetCode: z.string().max(40).optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export const ReviewDecisionBody = z
  .object({ decision: z.enum(['accept', 'dismiss']), note: z.string().trim().max(500).optional() })
  .strict();

export const ProgramEligibility = z.object({
  code: z.string(),
  name: Bilingual,
  example: z.boolean(),
  period: z.string(),
  eligible: z.boolean(),
  amountFen: z.number().int(),
  explanation: RuleExplanation,
  /** A live waiver (the resident declined). */
  waived: z.boolean(),
  enrolment: z
    .object({
      state: z.enum(['active', 'stopped']),
      sincePeriod: z.string(),
      untilPeriod: z.string().nullable(),
    })
    .nullable(),
});
export type ProgramEligibility = z.infer<typeof ProgramEligibility>;
export const EligibilityOut = z.object({
  personId: z.uuid(),
  asOf: z.string(),
  programs: z.array(ProgramEligibility),
});
export type EligibilityOut = z.infer<typeof EligibilityOut>;

export const FactsOut = z.object({
  values: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()]).nullable()),
  accountRef: z.string().nullable(), // masked
});
export const FactsBody = z
  .object({
    values: z
      .record(z.string(), z.union([z.number(), z.string().max(40), z.boolean()]).nullable())
      .optional(),
    accountRef: z
      .string()
      .trim()
      .regex(/^[0-9A-Za-z-]{6,32}$/, { error: 'invalid_format' })
      .nullable()
      .optional(),
  })
  .strict();

// ——— Objections and waivers ———

export const OBJECTION_STATES = ['open', 'upheld', 'rejected'] as const;
export const ObjectionOut = z.object({
  id: z.uuid(),
  programCode: z.string(),
  programName: Bilingual,
  person: PersonRef,
  text: z.string(),
  raisedAt: z.string(),
  deadline: z.string(),
  overdue: z.boolean(),
  state: z.enum(OBJECTION_STATES),
  decision: z.string().nullable(),
  decidedAt: z.string().nullable(),
  version: z.number().int(),
});
export type ObjectionOut = z.infer<typeof ObjectionOut>;
export const ObjectionQuery = z
  .object({
    state: z.enum(OBJECTION_STATES).optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export const ObjectionBody = z
  .object({ personId: z.uuid(), programCode: ProgramCode, text: z.string().trim().min(5).max(2000) })
  .strict();
export const ObjectionDecisionBody = z
  .object({ decision: z.enum(['upheld', 'rejected']), text: z.string().trim().min(5).max(2000) })
  .strict();
export const WaiverBody = z.object({ personId: z.uuid(), programCode: ProgramCode }).strict();

// ——— The resident portal ———

export const NoticeOut = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  programCode: z.string(),
  kind: z.enum([
    'grant_started',
    'grant_stopped',
    'waiver_recorded',
    'objection_received',
    'objection_decided',
  ]),
  message: Bilingual,
  createdAt: z.string(),
  read: z.boolean(),
});
export type NoticeOut = z.infer<typeof NoticeOut>;

export const MyBenefitOut = z.object({
  code: z.string(),
  name: Bilingual,
  description: Bilingual,
  example: z.boolean(),
  /** receiving: granted and paid monthly/yearly; stopped; declined (waiver); not_eligible. */
  status: z.enum(['receiving', 'stopped', 'declined', 'not_eligible']),
  amountFen: z.number().int(),
  sincePeriod: z.string().nullable(),
  untilPeriod: z.string().nullable(),
  explanation: RuleExplanation,
  payments: z.array(
    z.object({ period: z.string(), amountFen: z.number().int(), state: z.enum(ENTITLEMENT_STATES) }),
  ),
  openObjection: z.boolean(),
});
export const MyBenefitsOut = z.object({
  persons: z.array(
    z.object({ personId: z.uuid(), name: z.string(), self: z.boolean(), benefits: z.array(MyBenefitOut) }),
  ),
  notices: z.array(NoticeOut),
  objections: z.array(ObjectionOut),
});
export type MyBenefitsOut = z.infer<typeof MyBenefitsOut>;

// ——— Payment ———

export const PaymentQuery = z.object({ streetCode: z.string().max(40) }).strict();
export const PaymentImportOut = z.object({
  rows: z.number().int(),
  paid: z.number().int(),
  failed: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), message: z.string() })),
});
