/**
 * Home visits (走访, S2): planned and recorded visits to a paired family (or, without a pairing, to
 * any registry person in the worker's area), with the volunteers who took part and the minutes
 * each served (their service hours come from here), findings and the needs raised.
 */
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../../../platform/db/tables.js';
import { persons } from '../../registry/registry.tables.js';
import { carePairings, careVolunteers } from '../care.tables.js';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const day = (name: string) => date(name, { mode: 'string' });

export const VISIT_STATES = ['planned', 'done', 'missed', 'cancelled'] as const;
export const VISIT_MODES = ['home', 'phone', 'video', 'elsewhere'] as const;

export const careVisits = pgTable(
  'care_visits',
  {
    id: uuid('id').primaryKey(),
    pairingId: uuid('pairing_id').references((): AnyPgColumn => carePairings.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    /** The worker responsible: the visit shows in their queue when due or overdue. */
    ownerUserId: uuid('owner_user_id').references(() => users.id),
    plannedOn: day('planned_on').notNull(),
    state: text('state', { enum: VISIT_STATES }).notNull().default('planned'),
    mode: text('mode', { enum: VISIT_MODES }).notNull().default('home'),
    /** When the visit took place (state done) — Shanghai local date is derived from it. */
    visitedAt: tz('visited_at'),
    minutes: integer('minutes'),
    findings: text('findings').notNull().default(''),
    /** Why a visit was missed or cancelled. */
    reason: text('reason').notNull().default(''),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: tz('recorded_at'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: tz('created_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('care_visits_person_idx').on(t.personId, t.plannedOn),
    index('care_visits_pairing_idx').on(t.pairingId, t.plannedOn),
    index('care_visits_owner_due_idx').on(t.ownerUserId, t.state, t.plannedOn),
    index('care_visits_state_due_idx').on(t.state, t.plannedOn),
  ],
);

/** Who took part in a visit: volunteers (with the minutes they served) or staff users. */
export const careVisitParticipants = pgTable(
  'care_visit_participants',
  {
    visitId: uuid('visit_id')
      .notNull()
      .references(() => careVisits.id),
    /** A volunteer, or a staff user (exactly one of the two). */
    volunteerId: uuid('volunteer_id').references(() => careVolunteers.id),
    userId: uuid('user_id').references(() => users.id),
    seq: integer('seq').notNull(),
    minutes: integer('minutes'),
  },
  (t) => [
    primaryKey({ columns: [t.visitId, t.seq] }),
    index('care_visit_participants_volunteer_idx').on(t.volunteerId),
    check('care_visit_participants_one', sql`(${t.volunteerId} IS NULL) <> (${t.userId} IS NULL)`),
  ],
);
