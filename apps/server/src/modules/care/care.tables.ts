/**
 * Care network (S1, S2, S14, S15): organisations and teams in one hierarchy (corps → sub-teams,
 * vanguard and social-work teams, Party-building partners), their members (volunteers), volunteer
 * profiles (phone and ID number encrypted with blind indexes) and pairings (结对) of a team or a
 * volunteer with a registry person (and optionally their household).
 */
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Availability } from '@jinglin/shared';
import { bytea, users } from '../../platform/db/tables.js';
import { households, persons } from '../registry/registry.tables.js';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const day = (name: string) => date(name, { mode: 'string' });

export const ORGANISATION_KINDS = [
  'corps',
  'sub_team',
  'vanguard_team',
  'social_work_team',
  'partner',
] as const;

export const ID_TYPES = [
  'resident_id',
  'hk_macao_permit',
  'taiwan_permit',
  'passport',
  'foreign_permanent_id',
] as const;

export const careOrganisations = pgTable(
  'care_organisations',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind', { enum: ORGANISATION_KINDS }).notNull(),
    name: text('name').notNull(),
    parentId: uuid('parent_id').references((): AnyPgColumn => careOrganisations.id),
    description: text('description').notNull().default(''),
    contribution: text('contribution').notNull().default(''),
    contributionCategories: text('contribution_categories')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: tz('created_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('care_organisations_parent_idx').on(t.parentId),
    index('care_organisations_kind_idx').on(t.kind, t.id),
  ],
);

export interface SkillEntry {
  skill: string;
  level: number;
}

export const careVolunteers = pgTable(
  'care_volunteers',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    phoneEnc: bytea('phone_enc').notNull(),
    phoneBidx: text('phone_bidx').notNull(),
    idNumberEnc: bytea('id_number_enc'),
    idNumberBidx: text('id_number_bidx'),
    /** The ID document's type, printed on a proof of service: 居民身份证 and the others. */
    idType: text('id_type', { enum: ID_TYPES }).notNull().default('resident_id'),
    /** 志愿者编号 (e.g. the 上海志愿者网 number), printed on a proof of service. */
    volunteerNo: text('volunteer_no'),
    userId: uuid('user_id').references(() => users.id),
    skills: jsonb('skills').$type<SkillEntry[]>().notNull().default([]),
    languages: text('languages')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    availability: jsonb('availability')
      .$type<Availability>()
      .notNull()
      .default({ weekly: {}, exceptions: [] }),
    training: jsonb('training')
      .$type<{ course: string; completedOn: string; hours?: number }[]>()
      .notNull()
      .default([]),
    awards: jsonb('awards').$type<{ title: string; awardedOn: string; by: string }[]>().notNull().default([]),
    evaluations: jsonb('evaluations')
      .$type<{ on: string; rating: number; note: string }[]>()
      .notNull()
      .default([]),
    active: boolean('active').notNull().default(true),
    createdAt: tz('created_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('care_volunteers_phone_uq').on(t.phoneBidx),
    uniqueIndex('care_volunteers_user_uq').on(t.userId),
    uniqueIndex('care_volunteers_no_uq').on(t.volunteerNo),
    index('care_volunteers_id_number_idx').on(t.idNumberBidx),
    index('care_volunteers_name_idx').on(t.name, t.id),
  ],
);

export const careMembers = pgTable(
  'care_members',
  {
    id: uuid('id').primaryKey(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => careOrganisations.id),
    volunteerId: uuid('volunteer_id')
      .notNull()
      .references(() => careVolunteers.id),
    role: text('role', { enum: ['leader', 'member'] }).notNull(),
    partyMember: boolean('party_member').notNull().default(false),
    joinedOn: day('joined_on').notNull(),
    leftOn: day('left_on'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('care_members_current_uq')
      .on(t.organisationId, t.volunteerId)
      .where(sql`${t.leftOn} IS NULL`),
    index('care_members_volunteer_idx').on(t.volunteerId),
  ],
);

export const carePairings = pgTable(
  'care_pairings',
  {
    id: uuid('id').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    householdId: uuid('household_id').references(() => households.id),
    teamId: uuid('team_id').references(() => careOrganisations.id),
    volunteerId: uuid('volunteer_id').references(() => careVolunteers.id),
    startOn: day('start_on').notNull(),
    endOn: day('end_on'),
    goals: text('goals').notNull().default(''),
    visitEvery: integer('visit_every').notNull(),
    visitUnit: text('visit_unit', { enum: ['week', 'month'] }).notNull(),
    state: text('state', { enum: ['active', 'ended'] })
      .notNull()
      .default('active'),
    /** The street or community worker responsible: due and overdue visits show in their queue. */
    ownerUserId: uuid('owner_user_id').references(() => users.id),
    /** When the next visit is due by the plan: the start, then the last visit done + the plan's step. */
    nextVisitOn: day('next_visit_on'),
    createdAt: tz('created_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('care_pairings_person_idx').on(t.personId),
    index('care_pairings_team_idx').on(t.teamId),
    index('care_pairings_volunteer_idx').on(t.volunteerId),
    index('care_pairings_owner_due_idx').on(t.ownerUserId, t.state, t.nextVisitOn),
    index('care_pairings_due_idx').on(t.state, t.nextVisitOn),
    check('care_pairings_one_partner', sql`(${t.teamId} IS NULL) <> (${t.volunteerId} IS NULL)`),
  ],
);
