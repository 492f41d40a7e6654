/** Care network (issue 6, items 1–3): organisations and teams, members, volunteers, pairings — the HTTP contract. */
import { z } from 'zod';
import { MobilePhone, patchOf } from './common.js';
import { OpeningHoursSchema } from './tracking.js';
import { ID_DOCUMENT_TYPES } from '../domain/id-documents.js';

/** 扶残助残志愿服务总队 (corps) → sub-teams; 先锋队; social-work teams; 党建联建 partners. */
export const OrganisationKind = z.enum(['corps', 'sub_team', 'vanguard_team', 'social_work_team', 'partner']);
export const ContributionCategory = z.enum(['funding', 'venue', 'volunteers', 'expertise', 'goods', 'other']);
export const MemberRole = z.enum(['leader', 'member']);
export const Skill = z.enum([
  'sign_language',
  'blind_guiding',
  'wheelchair_assistance',
  'medical',
  'psychological',
  'legal',
]);
/** 1 beginner, 2 qualified, 3 expert. */
export const SkillLevel = z.number().int().min(1).max(3);
/** 居民身份证, 港澳居民来往内地通行证, 台湾居民来往大陆通行证, 护照, 外国人永久居留身份证. */
export const IdType = z.enum(ID_DOCUMENT_TYPES);
export const PairingState = z.enum(['active', 'ended']);
export const VisitUnit = z.enum(['week', 'month']);

const Day = z.iso.date();
const HhMm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/);
const Text = (max: number) => z.string().trim().max(max);

export const OrganisationBody = z
  .object({
    kind: OrganisationKind,
    name: Text(100).min(1),
    parentId: z.uuid().nullable().default(null),
    description: Text(1000).default(''),
    /** What a partner contributes (党建联建): free text and categories. */
    contribution: Text(1000).default(''),
    contributionCategories: z.array(ContributionCategory).max(6).default([]),
  })
  .strict();
/** A patch never resets what it does not name (patchOf drops the create defaults). */
export const OrganisationPatch = patchOf(OrganisationBody.omit({ kind: true }));
export const OrganisationOut = z.object({
  id: z.uuid(),
  kind: OrganisationKind,
  name: z.string(),
  parentId: z.uuid().nullable(),
  description: z.string(),
  contribution: z.string(),
  contributionCategories: z.array(ContributionCategory),
  memberCount: z.number().int(),
  version: z.number().int(),
});
export const OrganisationListQuery = z
  .object({
    kind: OrganisationKind.optional(),
    parentId: z.uuid().optional(),
    cursor: z.uuid().optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const MemberBody = z
  .object({
    volunteerId: z.uuid(),
    role: MemberRole.default('member'),
    partyMember: z.boolean().default(false),
    joinedOn: Day.optional(),
  })
  .strict();
export const MemberPatch = z
  .object({ role: MemberRole, partyMember: z.boolean(), leftOn: Day.nullable() })
  .partial()
  .strict();
export const MemberParams = z.object({ id: z.uuid(), memberId: z.uuid() }).strict();
export const MemberOut = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  volunteerId: z.uuid(),
  volunteerName: z.string(),
  role: MemberRole,
  partyMember: z.boolean(),
  joinedOn: z.string(),
  leftOn: z.string().nullable(),
  version: z.number().int(),
});

export const AvailabilitySchema = z
  .object({
    /** ISO weekday ('1' Monday … '7' Sunday) → "HH:MM" ranges, Shanghai local time. */
    weekly: OpeningHoursSchema.default({}),
    /** Dated exceptions: unavailable all day (no ranges) or only in the given ranges. */
    exceptions: z
      .array(
        z
          .object({
            date: Day,
            available: z.boolean(),
            ranges: z
              .array(z.object({ from: HhMm, to: HhMm }).strict())
              .max(4)
              .default([]),
          })
          .strict(),
      )
      .max(366)
      .default([]),
  })
  .strict();
export type Availability = z.infer<typeof AvailabilitySchema>;

const SkillItem = z.object({ skill: Skill, level: SkillLevel }).strict();
const TrainingItem = z
  .object({ course: Text(200).min(1), completedOn: Day, hours: z.number().min(0).max(1000).optional() })
  .strict();
const AwardItem = z.object({ title: Text(200).min(1), awardedOn: Day, by: Text(200).default('') }).strict();
const EvaluationItem = z
  .object({ on: Day, rating: z.number().int().min(1).max(5), note: Text(500).default('') })
  .strict();

export const VolunteerBody = z
  .object({
    name: Text(50).min(1),
    phone: MobilePhone,
    /** Needed only on a proof of service (志愿服务证明); stored encrypted, always masked. */
    idNumber: z.string().trim().min(6).max(30).optional(),
    /** The type decides the number's form (checked by the server: idDocumentProblem). */
    idType: IdType.default('resident_id'),
    /** 志愿者编号 (e.g. the 上海志愿者网 number), unique; printed on a proof of service. */
    volunteerNo: Text(40).min(1).nullable().default(null),
    userId: z.uuid().nullable().default(null),
    skills: z.array(SkillItem).max(6).default([]),
    languages: z.array(Text(30).min(1)).max(10).default([]),
    availability: AvailabilitySchema.default({ weekly: {}, exceptions: [] }),
    training: z.array(TrainingItem).max(200).default([]),
    awards: z.array(AwardItem).max(200).default([]),
    evaluations: z.array(EvaluationItem).max(200).default([]),
    active: z.boolean().default(true),
  })
  .strict();
export const VolunteerPatch = patchOf(VolunteerBody);
export const VolunteerOut = z.object({
  id: z.uuid(),
  name: z.string(),
  phone: z.string(),
  idNumber: z.string().nullable(),
  idType: IdType,
  volunteerNo: z.string().nullable(),
  userId: z.uuid().nullable(),
  skills: z.array(SkillItem),
  languages: z.array(z.string()),
  availability: AvailabilitySchema,
  training: z.array(TrainingItem),
  awards: z.array(AwardItem),
  evaluations: z.array(EvaluationItem),
  active: z.boolean(),
  version: z.number().int(),
});
export const VolunteerListQuery = z
  .object({
    q: z.string().trim().max(50).optional(),
    skill: Skill.optional(),
    organisationId: z.uuid().optional(),
    cursor: z.uuid().optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const VisitPlan = z.object({ every: z.number().int().min(1).max(12), unit: VisitUnit }).strict();

export const PairingBody = z
  .object({
    personId: z.uuid(),
    householdId: z.uuid().nullable().default(null),
    teamId: z.uuid().nullable().default(null),
    volunteerId: z.uuid().nullable().default(null),
    startOn: Day,
    endOn: Day.nullable().default(null),
    goals: Text(2000).default(''),
    visitPlan: VisitPlan,
    /** The street or community worker responsible for the visits (their area must cover the person). */
    ownerUserId: z.uuid().nullable().default(null),
  })
  .strict();
export const PairingPatch = z
  .object({
    endOn: Day.nullable(),
    goals: Text(2000),
    visitPlan: VisitPlan,
    state: PairingState,
    ownerUserId: z.uuid().nullable(),
  })
  .partial()
  .strict();
export const PairingOut = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  personName: z.string(),
  streetCode: z.string(),
  householdId: z.uuid().nullable(),
  teamId: z.uuid().nullable(),
  volunteerId: z.uuid().nullable(),
  startOn: z.string(),
  endOn: z.string().nullable(),
  goals: z.string(),
  visitPlan: VisitPlan,
  state: PairingState,
  ownerUserId: z.uuid().nullable(),
  /** When the next visit is due by the plan (read-only; null once ended). */
  nextVisitOn: z.string().nullable(),
  version: z.number().int(),
});
/** What a volunteer sees of a pairing: the family's name and address for the visit, nothing more. */
export const MyPairingOut = z.object({
  id: z.uuid(),
  family: z.object({ name: z.string(), address: z.string().nullable() }),
  teamId: z.uuid().nullable(),
  /** The team's name for a team's pairing (a family may be paired with the volunteer and a team). */
  teamName: z.string().nullable(),
  volunteerId: z.uuid().nullable(),
  startOn: z.string(),
  endOn: z.string().nullable(),
  goals: z.string(),
  visitPlan: VisitPlan,
  state: PairingState,
  nextVisitOn: z.string().nullable(),
});
export const PairingListQuery = z
  .object({
    state: PairingState.optional(),
    personId: z.uuid().optional(),
    teamId: z.uuid().optional(),
    volunteerId: z.uuid().optional(),
    ownerUserId: z.uuid().optional(),
    streetCode: z.string().max(20).optional(),
    cursor: z.uuid().optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

/** A volunteer's phone for a coordinator (care.manage), with the reason (audited). Never the ID number. */
export const VolunteerRevealBody = z.object({ reason: z.string().trim().min(4).max(200) }).strict();
export const VolunteerRevealOut = z.object({ phone: z.string() });

/** A volunteer's memberships (current and ended), for the volunteer's page. */
export const VolunteerMembershipOut = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  organisationKind: OrganisationKind,
  role: MemberRole,
  partyMember: z.boolean(),
  joinedOn: z.string(),
  leftOn: z.string().nullable(),
  version: z.number().int(),
});
