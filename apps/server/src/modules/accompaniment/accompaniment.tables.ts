/**
 * Hospital accompaniment (S6, 静安有爱 就医无碍): hospitals with departments and a meeting point,
 * recurring weekly service sessions with capacity and services, public holidays and cancellations,
 * bookings for a registry person, volunteer offers (auto or by hand; accepted or declined), the
 * visit itself (check-in, check-out, service record, no-show) and the resident's feedback.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../../platform/db/tables.js';
import { persons } from '../registry/registry.tables.js';
import { careVolunteers } from '../care/care.tables.js';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const day = (name: string) => date(name, { mode: 'string' });

export const ACC_SERVICES = ['sign_language', 'blind_guide', 'wheelchair'] as const;
export const BOOKING_CHANNELS = ['portal', 'guardian', 'community', 'hotline'] as const;
export const BOOKING_STATES = ['booked', 'cancelled', 'checked_in', 'completed', 'no_show'] as const;
export const OFFER_STATES = ['offered', 'accepted', 'declined', 'withdrawn'] as const;

export const accHospitals = pgTable('acc_hospitals', {
  id: uuid('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  address: text('address').notNull().default(''),
  /** Where the resident meets the volunteer, in words (e.g. 门诊大厅一楼服务台). */
  meetingPoint: text('meeting_point').notNull().default(''),
  departments: jsonb('departments').$type<{ code: string; name: string }[]>().notNull().default([]),
  phone: text('phone').notNull().default(''),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
});

/** A recurring weekly session, e.g. 华东医院 Tuesday 13:30–16:30, sign language and blind guide. */
export const accSessions = pgTable(
  'acc_sessions',
  {
    id: uuid('id').primaryKey(),
    hospitalId: uuid('hospital_id')
      .notNull()
      .references(() => accHospitals.id),
    /** ISO weekday, 1 = Monday. */
    weekday: smallint('weekday').notNull(),
    startsAt: text('starts_at').notNull(),
    endsAt: text('ends_at').notNull(),
    services: text('services').array().notNull(),
    /** Bookings per occurrence. */
    capacity: integer('capacity').notNull(),
    /** The lowest skill level a volunteer needs here (1 beginner, 2 qualified, 3 expert). */
    minLevel: smallint('min_level').notNull().default(1),
    validFrom: day('valid_from').notNull(),
    validTo: day('valid_to'),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('acc_sessions_hospital_idx').on(t.hospitalId, t.weekday)],
);

/** Public holidays (法定节假日): no session runs; `workday` marks a make-up working day (调休). */
export const accHolidays = pgTable('acc_holidays', {
  date: day('date').primaryKey(),
  name: text('name').notNull(),
  workday: boolean('workday').notNull().default(false),
});

/** One occurrence of a session called off (its bookings are told). */
export const accCancellations = pgTable(
  'acc_cancellations',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => accSessions.id),
    date: day('date').notNull(),
    reason: text('reason').notNull(),
    cancelledBy: uuid('cancelled_by').references(() => users.id),
    at: tz('at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.date] })],
);

/** Which hospital a hospital-desk account works at. */
export const accDeskUsers = pgTable('acc_desk_users', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id),
  hospitalId: uuid('hospital_id')
    .notNull()
    .references(() => accHospitals.id),
});

/** The hospitals a volunteer is willing to serve at. */
export const accVolunteerHospitals = pgTable(
  'acc_volunteer_hospitals',
  {
    volunteerId: uuid('volunteer_id')
      .notNull()
      .references(() => careVolunteers.id),
    hospitalId: uuid('hospital_id')
      .notNull()
      .references(() => accHospitals.id),
  },
  (t) => [primaryKey({ columns: [t.volunteerId, t.hospitalId] })],
);

export const accBookings = pgTable(
  'acc_bookings',
  {
    id: uuid('id').primaryKey(),
    /** A short reference for the phone and the desk, e.g. `PZ-2026-000123`. */
    ref: text('ref').notNull().unique(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => accSessions.id),
    hospitalId: uuid('hospital_id')
      .notNull()
      .references(() => accHospitals.id),
    /** The occurrence's Shanghai date and its start/end instants (copied from the session). */
    date: day('date').notNull(),
    startsAt: tz('starts_at').notNull(),
    endsAt: tz('ends_at').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    service: text('service', { enum: ACC_SERVICES }).notNull(),
    department: text('department').notNull(),
    /** What the volunteer should know, in the resident's words (no diagnosis needed). */
    note: text('note').notNull().default(''),
    channel: text('channel', { enum: BOOKING_CHANNELS }).notNull(),
    bookedBy: uuid('booked_by').references(() => users.id),
    state: text('state', { enum: BOOKING_STATES }).notNull().default('booked'),
    /** The volunteer who accepted (or was set by the coordinator). */
    volunteerId: uuid('volunteer_id').references(() => careVolunteers.id),
    confirmedAt: tz('confirmed_at'),
    remindedAt: tz('reminded_at'),
    unfilledAlertAt: tz('unfilled_alert_at'),
    checkedInAt: tz('checked_in_at'),
    checkedInBy: uuid('checked_in_by').references(() => users.id),
    checkedOutAt: tz('checked_out_at'),
    /** The service record: minutes served and what was done (registration, consultation, …). */
    minutes: integer('minutes'),
    steps: text('steps')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    serviceNote: text('service_note').notNull().default(''),
    cancelReason: text('cancel_reason').notNull().default(''),
    rating: smallint('rating'),
    feedback: text('feedback').notNull().default(''),
    feedbackAt: tz('feedback_at'),
    createdAt: tz('created_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('acc_bookings_session_idx').on(t.sessionId, t.date),
    index('acc_bookings_person_idx').on(t.personId, t.startsAt),
    index('acc_bookings_hospital_day_idx').on(t.hospitalId, t.date),
    index('acc_bookings_volunteer_idx').on(t.volunteerId, t.startsAt),
    index('acc_bookings_state_start_idx').on(t.state, t.startsAt),
    /** One live booking per person and occurrence. */
    uniqueIndex('acc_bookings_person_occurrence_uq')
      .on(t.personId, t.sessionId, t.date)
      .where(sql`${t.state} <> 'cancelled'`),
  ],
);

/** An offer of a booking to a volunteer: by the automatic assignment or by a coordinator. */
export const accOffers = pgTable(
  'acc_offers',
  {
    id: uuid('id').primaryKey(),
    bookingId: uuid('booking_id')
      .notNull()
      .references(() => accBookings.id),
    volunteerId: uuid('volunteer_id')
      .notNull()
      .references(() => careVolunteers.id),
    state: text('state', { enum: OFFER_STATES }).notNull().default('offered'),
    /** null = the automatic assignment; else the coordinator who chose (override). */
    offeredBy: uuid('offered_by').references(() => users.id),
    offeredAt: tz('offered_at').notNull().defaultNow(),
    respondedAt: tz('responded_at'),
    reason: text('reason').notNull().default(''),
  },
  (t) => [
    index('acc_offers_booking_idx').on(t.bookingId),
    index('acc_offers_volunteer_idx').on(t.volunteerId, t.state),
    uniqueIndex('acc_offers_open_uq')
      .on(t.bookingId)
      .where(sql`${t.state} IN ('offered', 'accepted')`),
  ],
);
