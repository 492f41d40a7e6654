/**
 * Joint meetings and work plans (S1, S3): meetings of the vanguard teams (and lectures and
 * activities) with attendees and minutes; needs analysed in a meeting become work-plan items with
 * an owner, a stage of a 暖心行动 project (stage tasks and standards) and a deadline, tracked to done.
 */
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../../platform/db/tables.js';
import { careOrganisations } from '../care.tables.js';
import { careNeeds } from '../needs/needs.tables.js';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const day = (name: string) => date(name, { mode: 'string' });

export const MEETING_KINDS = ['joint_meeting', 'lecture', 'activity'] as const;
export const WORK_ITEM_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;

export interface ProjectStage {
  key: string;
  name: string;
  /** The stage's tasks and the standard each must meet (项目标准). */
  tasks: { task: string; standard: string }[];
}

/** A 暖心行动 project: ordered stages, each with its tasks and standards. */
export const careProjects = pgTable('care_projects', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  stages: jsonb('stages').$type<ProjectStage[]>().notNull().default([]),
  active: boolean('active').notNull().default(true),
  createdAt: tz('created_at').notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

export interface Attendee {
  volunteerId?: string;
  userId?: string;
  /** A guest without an account (a speaker, a partner's representative). */
  name?: string;
  present: boolean;
}

export const careMeetings = pgTable(
  'care_meetings',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind', { enum: MEETING_KINDS }).notNull(),
    title: text('title').notNull(),
    heldAt: tz('held_at').notNull(),
    place: text('place').notNull().default(''),
    /** The hosting teams (e.g. both vanguard teams for a joint meeting). */
    organisationIds: uuid('organisation_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    attendees: jsonb('attendees').$type<Attendee[]>().notNull().default([]),
    minutes: text('minutes').notNull().default(''),
    /** Needs discussed (analysed) in the meeting. */
    needIds: uuid('need_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: tz('created_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('care_meetings_held_idx').on(t.heldAt)],
);

export const careWorkItems = pgTable(
  'care_work_items',
  {
    id: uuid('id').primaryKey(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    meetingId: uuid('meeting_id').references(() => careMeetings.id),
    needId: uuid('need_id').references(() => careNeeds.id),
    projectId: uuid('project_id').references(() => careProjects.id),
    stageKey: text('stage_key'),
    ownerUserId: uuid('owner_user_id').references(() => users.id),
    organisationId: uuid('organisation_id').references(() => careOrganisations.id),
    deadline: day('deadline').notNull(),
    status: text('status', { enum: WORK_ITEM_STATUSES }).notNull().default('open'),
    progress: jsonb('progress')
      .$type<{ at: string; userId: string; note: string; stageKey?: string; status?: string }[]>()
      .notNull()
      .default([]),
    doneAt: tz('done_at'),
    createdAt: tz('created_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('care_work_items_owner_idx').on(t.ownerUserId, t.status, t.deadline),
    index('care_work_items_meeting_idx').on(t.meetingId),
    index('care_work_items_project_idx').on(t.projectId, t.stageKey),
    index('care_work_items_status_idx').on(t.status, t.deadline),
  ],
);
