/**
 * Needs (诉求): every need — raised on a visit, at a counter, by phone or in the resident portal —
 * is a case with a category, urgency, owner, a due time from the category's SLA, a status, the
 * actions taken and a resolution; the resident is told the outcome; overdue cases escalate.
 */
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../../platform/db/tables.js';
import { persons } from '../../registry/registry.tables.js';
import { careVisits } from '../visits/visits.tables.js';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const NEED_CATEGORIES = [
  'daily_living',
  'medical',
  'rehabilitation',
  'assistive_device',
  'accessibility',
  'employment',
  'education',
  'financial',
  'legal',
  'psychological',
  'housing',
  'other',
] as const;
export const NEED_SOURCES = ['visit', 'counter', 'phone', 'portal', 'meeting'] as const;
export const NEED_URGENCIES = ['low', 'normal', 'high', 'urgent'] as const;
export const NEED_STATUSES = ['open', 'in_progress', 'resolved', 'closed', 'withdrawn'] as const;
export const NEED_ACTION_KINDS = [
  'created',
  'assigned',
  'status',
  'note',
  'escalated',
  'resolved',
  'notified',
  'reopened',
] as const;

export const careNeeds = pgTable(
  'care_needs',
  {
    id: uuid('id').primaryKey(),
    /** A short human reference for phone calls and the portal, e.g. `XQ-2026-000123`. */
    ref: text('ref').notNull().unique(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    source: text('source', { enum: NEED_SOURCES }).notNull(),
    visitId: uuid('visit_id').references(() => careVisits.id),
    category: text('category', { enum: NEED_CATEGORIES }).notNull(),
    urgency: text('urgency', { enum: NEED_URGENCIES }).notNull().default('normal'),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    ownerUserId: uuid('owner_user_id').references(() => users.id),
    status: text('status', { enum: NEED_STATUSES }).notNull().default('open'),
    dueAt: tz('due_at').notNull(),
    resolution: text('resolution').notNull().default(''),
    resolvedAt: tz('resolved_at'),
    /** When the resident (or guardian) was told the outcome. */
    outcomeNotifiedAt: tz('outcome_notified_at'),
    escalationLevel: integer('escalation_level').notNull().default(0),
    escalatedAt: tz('escalated_at'),
    raisedBy: uuid('raised_by').references(() => users.id),
    createdAt: tz('created_at').notNull().defaultNow(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('care_needs_person_idx').on(t.personId, t.createdAt),
    index('care_needs_owner_idx').on(t.ownerUserId, t.status, t.dueAt),
    index('care_needs_status_due_idx').on(t.status, t.dueAt),
    index('care_needs_visit_idx').on(t.visitId),
  ],
);

export const careNeedActions = pgTable(
  'care_need_actions',
  {
    id: uuid('id').primaryKey(),
    needId: uuid('need_id')
      .notNull()
      .references(() => careNeeds.id),
    at: tz('at').notNull().defaultNow(),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    kind: text('kind', { enum: NEED_ACTION_KINDS }).notNull(),
    note: text('note').notNull().default(''),
    /** Kind-specific facts (ids and codes only): { from, to, ownerUserId, level, … }. */
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('care_need_actions_need_idx').on(t.needId, t.at)],
);

/** Per-category service level: hours to resolve, by urgency (missing urgency → `normal`). */
export const careNeedSlas = pgTable('care_need_slas', {
  category: text('category', { enum: NEED_CATEGORIES }).primaryKey(),
  hours: jsonb('hours').$type<Partial<Record<(typeof NEED_URGENCIES)[number], number>>>().notNull(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});
