/**
 * Benefits granted without application (免申即享): programmes with versioned rules, per-person facts
 * that rules may read, cycles (one per programme and period) and the entitlements they produce,
 * each person's standing in a programme (enrolment), the review queue fed by `person.changed`,
 * waivers (declines), objections, payment accounts and payment batches.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { bytea, streets } from '../../platform/db/tables.js';
import { persons } from '../registry/registry.tables.js';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const benefitPrograms = pgTable(
  'benefit_programs',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    descriptionZh: text('description_zh').notNull().default(''),
    descriptionEn: text('description_en').notNull().default(''),
    periodicity: text('periodicity', { enum: ['monthly', 'yearly'] }).notNull(),
    active: boolean('active').notNull().default(true),
    /** Rules not confirmed by the federation: shown as example configuration everywhere. */
    example: boolean('example').notNull().default(false),
    /** Programme-specific fact variables (ProgramVariable[]). */
    variables: jsonb('variables').notNull().default([]),
    createdAt: tz('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('benefit_programs_code_uq').on(t.code)],
);

export const benefitProgramVersions = pgTable(
  'benefit_program_versions',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => benefitPrograms.id),
    versionNo: integer('version_no').notNull(),
    status: text('status', { enum: ['draft', 'published'] }).notNull(),
    rule: jsonb('rule').notNull(),
    amounts: jsonb('amounts').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    notes: text('notes').notNull().default(''),
    createdAt: tz('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
    publishedAt: tz('published_at'),
    publishedBy: uuid('published_by'),
  },
  (t) => [
    uniqueIndex('benefit_program_versions_no_uq').on(t.programId, t.versionNo),
    index('benefit_program_versions_effective_idx').on(t.programId, t.status, t.effectiveFrom),
  ],
);

/** A fact about a person that rules may read (e.g. disabled_veteran = true), by variable name. */
export const benefitFacts = pgTable(
  'benefit_facts',
  {
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    name: text('name').notNull(),
    valueNum: numeric('value_num', { mode: 'number' }),
    valueText: text('value_text'),
    valueBool: boolean('value_bool'),
    updatedAt: tz('updated_at').notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [primaryKey({ columns: [t.personId, t.name] })],
);

export const benefitCycles = pgTable(
  'benefit_cycles',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => benefitPrograms.id),
    /** 'YYYY-MM' for monthly programmes, 'YYYY' for yearly ones. */
    period: text('period').notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    versionId: uuid('version_id').references(() => benefitProgramVersions.id),
    state: text('state', { enum: ['created', 'running', 'ready', 'failed'] }).notNull(),
    jobId: uuid('job_id'),
    /** Filled when a run finishes: { count, amountFen, entered, left }. */
    summary: jsonb('summary'),
    createdAt: tz('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
    finishedAt: tz('finished_at'),
  },
  (t) => [uniqueIndex('benefit_cycles_program_period_uq').on(t.programId, t.period)],
);

export const ENTITLEMENT_STATES = [
  'draft',
  'pending_approval',
  'approved',
  'paid',
  'rejected',
  'cancelled',
] as const;

/** One per person, programme and period — the unique index makes repeated runs harmless. */
export const benefitEntitlements = pgTable(
  'benefit_entitlements',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => benefitPrograms.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    period: text('period').notNull(),
    cycleId: uuid('cycle_id')
      .notNull()
      .references(() => benefitCycles.id),
    versionId: uuid('version_id').notNull(),
    /** The person's street when the entitlement was made: the street pays it. */
    streetCode: text('street_code')
      .notNull()
      .references(() => streets.code),
    amountFen: integer('amount_fen').notNull(),
    state: text('state', { enum: ENTITLEMENT_STATES }).notNull().default('draft'),
    submittedBy: uuid('submitted_by'),
    submittedAt: tz('submitted_at'),
    decidedBy: uuid('decided_by'),
    decidedAt: tz('decided_at'),
    decisionNote: text('decision_note'),
    paidAt: tz('paid_at'),
    paymentRef: text('payment_ref'),
    paymentError: text('payment_error'),
    createdAt: tz('created_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('benefit_entitlements_uq').on(t.programId, t.personId, t.period),
    index('benefit_entitlements_cycle_idx').on(t.cycleId, t.streetCode, t.state),
    index('benefit_entitlements_person_idx').on(t.personId, t.period),
  ],
);

/** A person's standing in a programme: granted (active) or stopped, with the reason. */
export const benefitEnrolments = pgTable(
  'benefit_enrolments',
  {
    programId: uuid('program_id')
      .notNull()
      .references(() => benefitPrograms.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    state: text('state', { enum: ['active', 'stopped'] }).notNull(),
    /** First period paid, and (when stopped) the first period no longer paid. */
    sincePeriod: text('since_period').notNull(),
    untilPeriod: text('until_period'),
    reason: jsonb('reason').notNull().default({}),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.programId, t.personId] })],
);

/** Event-driven re-evaluation results awaiting a member of staff: grant or stop, with why. */
export const benefitReviews = pgTable(
  'benefit_reviews',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => benefitPrograms.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    streetCode: text('street_code').notNull(),
    kind: text('kind', { enum: ['grant', 'stop'] }).notNull(),
    /** The period the change takes effect from. */
    effectivePeriod: text('effective_period').notNull(),
    /** The explanation (failed or met rules) in both languages. */
    reason: jsonb('reason').notNull(),
    trigger: text('trigger').notNull(),
    state: text('state', { enum: ['open', 'accepted', 'dismissed'] })
      .notNull()
      .default('open'),
    createdAt: tz('created_at').notNull().defaultNow(),
    decidedBy: uuid('decided_by'),
    decidedAt: tz('decided_at'),
    note: text('note'),
  },
  (t) => [
    uniqueIndex('benefit_reviews_open_uq')
      .on(t.programId, t.personId)
      .where(sql`${t.state} = 'open'`),
    index('benefit_reviews_state_idx').on(t.state, t.streetCode, t.createdAt),
  ],
);

/** A resident's decline (放弃声明): no entitlement from `effectivePeriod` on, until withdrawn. */
export const benefitWaivers = pgTable(
  'benefit_waivers',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => benefitPrograms.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    effectivePeriod: text('effective_period').notNull(),
    signedAt: tz('signed_at').notNull().defaultNow(),
    signedBy: uuid('signed_by'),
    withdrawnAt: tz('withdrawn_at'),
  },
  (t) => [
    uniqueIndex('benefit_waivers_live_uq')
      .on(t.programId, t.personId)
      .where(sql`${t.withdrawnAt} IS NULL`),
  ],
);

export const benefitObjections = pgTable(
  'benefit_objections',
  {
    id: uuid('id').primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => benefitPrograms.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    streetCode: text('street_code').notNull(),
    text: text('text').notNull(),
    raisedBy: uuid('raised_by'),
    raisedAt: tz('raised_at').notNull().defaultNow(),
    deadline: date('deadline', { mode: 'string' }).notNull(),
    state: text('state', { enum: ['open', 'upheld', 'rejected'] })
      .notNull()
      .default('open'),
    decision: text('decision'),
    decidedBy: uuid('decided_by'),
    decidedAt: tz('decided_at'),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('benefit_objections_state_idx').on(t.state, t.deadline)],
);

/** The social-security-card account reference the street pays into (encrypted). */
export const benefitPayees = pgTable('benefit_payees', {
  personId: uuid('person_id')
    .primaryKey()
    .references(() => persons.id),
  accountRefEnc: bytea('account_ref_enc').notNull(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
});

/** Notices shown in the resident portal (and sent through the notification channel). */
export const benefitNotices = pgTable(
  'benefit_notices',
  {
    id: uuid('id').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    programId: uuid('program_id')
      .notNull()
      .references(() => benefitPrograms.id),
    kind: text('kind', {
      enum: ['grant_started', 'grant_stopped', 'waiver_recorded', 'objection_received', 'objection_decided'],
    }).notNull(),
    /** Plain-language text in both languages: { zh, en }. */
    message: jsonb('message').notNull(),
    createdAt: tz('created_at').notNull().defaultNow(),
    readAt: tz('read_at'),
  },
  (t) => [index('benefit_notices_person_idx').on(t.personId, t.createdAt)],
);
