import { z } from 'zod';
import { MobilePhone } from './common.js';
import {
  birthDateOf,
  disabilitiesProblem,
  idNumberProblem,
  normaliseIdentifier,
  parseCertificate,
} from '../domain/idcard.js';

export const HUKOU = ['shanghai', 'other'] as const;
export const LIVING_STATUS = ['normal', 'moved_out', 'deceased', 'imprisoned'] as const;
export const LOW_INCOME = ['dibao', 'dibao_edge', 'none'] as const;
export const EMPLOYMENT = [
  'employed',
  'self_employed',
  'unemployed',
  'retired',
  'student',
  'unable_to_work',
  'unknown',
] as const;
export const EDUCATION = [
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
] as const;
export const GUARDIAN_RELATIONS = [
  'parent',
  'spouse',
  'child',
  'sibling',
  'grandparent',
  'other_relative',
  'appointed',
  'other',
] as const;
export const HOUSEHOLD_ROLES = ['head', 'spouse', 'child', 'parent', 'sibling', 'other'] as const;

/** An ID number as typed: normalised (full-width, spaces, x), then checked. */
export const IdNumber = z
  .string()
  .max(40)
  .transform(normaliseIdentifier)
  .superRefine((v, ctx) => {
    const p = idNumberProblem(v);
    if (p) ctx.addIssue({ code: 'custom', message: p });
  });

export const CertificateNumber = z
  .string()
  .max(40)
  .transform(normaliseIdentifier)
  .superRefine((v, ctx) => {
    const p = parseCertificate(v);
    if (typeof p === 'string') ctx.addIssue({ code: 'custom', message: p });
  });

export const IsoDate = z.iso.date();

const PersonFields = {
  name: z.string().trim().min(1).max(100),
  idNumber: IdNumber,
  gender: z.enum(['male', 'female']).optional(),
  birthDate: IsoDate.optional(),
  phone: MobilePhone.optional(),
  address: z.string().trim().max(300).optional(),
  streetCode: z.string().max(40).optional(),
  communityId: z.uuid().optional(),
  hukou: z.enum(HUKOU).default('shanghai'),
  livingStatus: z.enum(LIVING_STATUS).default('normal'),
  lowIncome: z.enum(LOW_INCOME).default('none'),
  employment: z.enum(EMPLOYMENT).default('unknown'),
  education: z.enum(EDUCATION).default('unknown'),
  ownsMotorisedWheelchair: z.boolean().default(false),
};

export const CertificateInput = z
  .object({
    number: CertificateNumber,
    issuedAt: IsoDate,
    /** For category 7 (multiple): the constituent disabilities. */
    disabilities: z
      .array(
        z
          .object({ category: z.number().int().min(1).max(6), grade: z.number().int().min(1).max(4) })
          .strict(),
      )
      .max(6)
      .optional(),
    reason: z.string().trim().max(200).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    // The number is normalised by now; its last two characters are the category and the grade.
    if (!/^\d{17}[\dX][1-7][1-4]$/.test(v.number)) return;
    const problem = disabilitiesProblem(Number(v.number.at(-2)), Number(v.number.at(-1)), v.disabilities);
    if (problem) ctx.addIssue({ code: 'custom', path: ['disabilities'], message: problem });
  });
export type CertificateInput = z.infer<typeof CertificateInput>;

export const PersonCreateBody = z
  .object({
    ...PersonFields,
    certificate: CertificateInput.optional(),
    reason: z.string().trim().max(200).optional(),
    /** The caller saw the possible duplicates (similar name, same birth date) and creates anyway. */
    confirmNotDuplicate: z.boolean().optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.birthDate && birthDateOf(v.idNumber) && v.birthDate !== birthDateOf(v.idNumber))
      ctx.addIssue({ code: 'custom', path: ['birthDate'], message: 'does_not_match_id' });
    if (v.certificate && !v.certificate.number.startsWith(v.idNumber))
      ctx.addIssue({ code: 'custom', path: ['certificate', 'number'], message: 'does_not_match_id' });
    if (!v.streetCode && !v.communityId)
      ctx.addIssue({ code: 'custom', path: ['communityId'], message: 'required' });
  });
export type PersonCreateBody = z.infer<typeof PersonCreateBody>;

export const PersonPatchBody = z
  .object({
    name: PersonFields.name.optional(),
    phone: MobilePhone.nullable().optional(),
    address: z.string().trim().max(300).nullable().optional(),
    streetCode: z.string().max(40).optional(),
    communityId: z.uuid().optional(),
    hukou: z.enum(HUKOU).optional(),
    livingStatus: z.enum(LIVING_STATUS).optional(),
    lowIncome: z.enum(LOW_INCOME).optional(),
    employment: z.enum(EMPLOYMENT).optional(),
    education: z.enum(EDUCATION).optional(),
    ownsMotorisedWheelchair: z.boolean().optional(),
    /** Why the change was made: kept in the person's history. */
    reason: z.string().trim().max(200).optional(),
  })
  .strict();
export type PersonPatchBody = z.infer<typeof PersonPatchBody>;

export const CertificateOut = z.object({
  id: z.uuid(),
  number: z.string(), // masked unless revealed
  category: z.number().int(),
  grade: z.number().int(),
  issuedAt: z.string(),
  status: z.enum(['active', 'superseded', 'revoked']),
  disabilities: z.array(z.object({ category: z.number().int(), grade: z.number().int() })),
  reason: z.string().nullable(),
  createdAt: z.string(),
});

export const GuardianOut = z.object({
  id: z.uuid(),
  name: z.string(),
  relationship: z.enum(GUARDIAN_RELATIONS),
  phone: z.string().nullable(), // masked
  isPrimary: z.boolean(),
  userId: z.uuid().nullable(),
  version: z.number().int(),
});

export const GuardianBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    relationship: z.enum(GUARDIAN_RELATIONS),
    phone: MobilePhone.optional(),
    isPrimary: z.boolean().default(false),
  })
  .strict();

export const PersonOut = z.object({
  id: z.uuid(),
  name: z.string(),
  idNumber: z.string(), // masked: 310106********123X
  gender: z.enum(['male', 'female']),
  birthDate: z.string(),
  age: z.number().int(),
  phone: z.string().nullable(), // masked
  address: z.string().nullable(), // masked
  streetCode: z.string(),
  communityId: z.uuid().nullable(),
  hukou: z.enum(HUKOU),
  livingStatus: z.enum(LIVING_STATUS),
  lowIncome: z.enum(LOW_INCOME),
  employment: z.enum(EMPLOYMENT),
  education: z.enum(EDUCATION),
  ownsMotorisedWheelchair: z.boolean(),
  category: z.number().int().nullable(),
  grade: z.number().int().nullable(),
  certificate: CertificateOut.nullable(),
  householdId: z.uuid().nullable(),
  mergedInto: z.uuid().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type PersonOut = z.infer<typeof PersonOut>;

/**
 * A search result. It gives the age, not the birth date: the masked ID number
 * (`310106********123X`) hides exactly the birth date's eight digits, so the two together would be
 * the whole number, for every person on every page.
 */
export const PersonListItem = PersonOut.pick({
  id: true,
  name: true,
  idNumber: true,
  gender: true,
  age: true,
  streetCode: true,
  communityId: true,
  livingStatus: true,
  category: true,
  grade: true,
  version: true,
});
export type PersonListItem = z.infer<typeof PersonListItem>;

export const PersonListQuery = z
  .object({
    q: z.string().trim().max(60).optional(),
    streetCode: z.string().max(40).optional(),
    communityId: z.uuid().optional(),
    category: z.coerce.number().int().min(1).max(7).optional(),
    grade: z.coerce.number().int().min(1).max(4).optional(),
    livingStatus: z.enum(LIVING_STATUS).optional(),
    ageMin: z.coerce.number().int().min(0).max(130).optional(),
    ageMax: z.coerce.number().int().min(0).max(130).optional(),
    /** Born on this day: the duplicate check when registering someone (same name, same birth date). */
    birthDate: IsoDate.optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type PersonListQuery = z.infer<typeof PersonListQuery>;

export const RevealBody = z.object({ reason: z.string().trim().min(4).max(200) }).strict();
export const RevealOut = z.object({
  idNumber: z.string(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  certificateNumber: z.string().nullable(),
  guardians: z.array(z.object({ id: z.uuid(), phone: z.string().nullable() })),
});

export const HistoryOut = z.object({
  id: z.uuid(),
  at: z.string(),
  actorId: z.uuid().nullable(),
  /**
   * The display name of the staff member who made the change (a work name, not a resident's
   * personal data); null for the system, or when the change came from a resident or guardian.
   */
  actorName: z.string().nullable(),
  action: z.string(),
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
  reason: z.string().nullable(),
});

export const DuplicateOut = z.object({
  id: z.uuid(),
  name: z.string(),
  birthDate: z.string(),
  streetCode: z.string(),
  reason: z.enum(['same_id_number', 'similar_name_same_birth_date']),
});

export const MergeBody = z.object({ intoId: z.uuid(), reason: z.string().trim().min(4).max(200) }).strict();

export const HouseholdLinkBody = z
  .object({ householdId: z.uuid().optional(), role: z.enum(HOUSEHOLD_ROLES) })
  .strict();

/** Find households to pick from: by a member's name, pinyin, initials or ID number, or by the household's number. */
export const HouseholdListQuery = z
  .object({
    /** Absent or blank: every household in scope, by number. */
    q: z.string().trim().max(60).optional(),
    cursor: z.uuid().optional(),
    limit: z.coerce.number().int().min(1).max(50).default(20),
  })
  .strict();
export type HouseholdListQuery = z.infer<typeof HouseholdListQuery>;

export const HouseholdOut = z.object({
  id: z.uuid(),
  streetCode: z.string(),
  communityId: z.uuid().nullable(),
  members: z.array(z.object({ id: z.uuid(), name: z.string(), role: z.string().nullable() })),
});
