/**
 * Volunteer service hours (志愿服务记录与证明出具办法, 2021): every recorded service — a visit now,
 * a hospital accompaniment next — is a service record on the volunteer's account ("whoever
 * organises records"); volunteers may ask for a correction; a proof (证明) is issued with a
 * certificate number and a frozen copy of what it certifies.
 */
import {
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
import { users } from '../../../platform/db/tables.js';
import { careOrganisations, careVolunteers } from '../care.tables.js';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const day = (name: string) => date(name, { mode: 'string' });

export const SERVICE_SOURCES = ['visit', 'accompaniment', 'activity', 'manual'] as const;
export const CORRECTION_STATES = ['pending', 'approved', 'rejected'] as const;

export const careServiceRecords = pgTable(
  'care_service_records',
  {
    id: uuid('id').primaryKey(),
    volunteerId: uuid('volunteer_id')
      .notNull()
      .references(() => careVolunteers.id),
    source: text('source', { enum: SERVICE_SOURCES }).notNull(),
    /** The visit, accompaniment or activity it came from (null for a manual record). */
    sourceId: uuid('source_id'),
    /** The organising body that records (and so certifies) it. */
    organisationId: uuid('organisation_id').references(() => careOrganisations.id),
    activity: text('activity').notNull(),
    content: text('content').notNull().default(''),
    startedAt: tz('started_at').notNull(),
    minutes: integer('minutes').notNull(),
    /** `void` rows stay for the record but count nothing (a corrected or withdrawn service). */
    state: text('state', { enum: ['recorded', 'void'] })
      .notNull()
      .default('recorded'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: tz('created_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('care_service_records_volunteer_idx').on(t.volunteerId, t.startedAt),
    uniqueIndex('care_service_records_source_uq').on(t.source, t.sourceId, t.volunteerId),
  ],
);

export const careHourCorrections = pgTable(
  'care_hour_corrections',
  {
    id: uuid('id').primaryKey(),
    volunteerId: uuid('volunteer_id')
      .notNull()
      .references(() => careVolunteers.id),
    /** The record to correct; null asks for a missing service to be added. */
    recordId: uuid('record_id').references(() => careServiceRecords.id),
    /** What the volunteer says is right: minutes, and for a missing service when and what. */
    proposed: jsonb('proposed')
      .$type<{ minutes?: number; startedAt?: string; activity?: string; content?: string }>()
      .notNull(),
    reason: text('reason').notNull(),
    state: text('state', { enum: CORRECTION_STATES }).notNull().default('pending'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: tz('decided_at'),
    decisionNote: text('decision_note').notNull().default(''),
    createdAt: tz('created_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('care_hour_corrections_state_idx').on(t.state, t.createdAt)],
);

export const careProofs = pgTable(
  'care_proofs',
  {
    id: uuid('id').primaryKey(),
    /** 证明编号, e.g. `JLZM-2026-000042`. */
    certificateNo: text('certificate_no').notNull().unique(),
    volunteerId: uuid('volunteer_id')
      .notNull()
      .references(() => careVolunteers.id),
    periodFrom: day('period_from').notNull(),
    periodTo: day('period_to').notNull(),
    totalMinutes: integer('total_minutes').notNull(),
    /** The issuer's facts as printed: name, person in charge, handler, contact. */
    issuer: jsonb('issuer')
      .$type<{ name: string; personInCharge: string; handler: string; contact: string }>()
      .notNull(),
    /** A frozen copy of the records certified (activity, date, minutes, content). */
    records: jsonb('records')
      .$type<{ recordId: string; startedAt: string; minutes: number; activity: string; content: string }[]>()
      .notNull(),
    issuedBy: uuid('issued_by').references(() => users.id),
    issuedAt: tz('issued_at').notNull().defaultNow(),
    revokedAt: tz('revoked_at'),
  },
  (t) => [index('care_proofs_volunteer_idx').on(t.volunteerId, t.issuedAt)],
);
