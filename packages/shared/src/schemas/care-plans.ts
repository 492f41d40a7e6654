/**
 * Joint meetings and work plans (issue 6, item 6; S1 and S3): 暖心行动 projects with ordered stages
 * (tasks and their standards), meetings of the vanguard teams (and lectures and activities) with
 * attendees, minutes and the needs analysed, and work-plan items tracked to done — the HTTP contract.
 * A need appears here only as ref, category, title and status: never the person.
 */
import { z } from 'zod';
import { patchOf } from './common.js';

export const MeetingKind = z.enum(['joint_meeting', 'lecture', 'activity']);
export const WorkItemStatus = z.enum(['open', 'in_progress', 'done', 'cancelled']);
/** Which status may follow which (done and cancelled are final). */
export const WORK_ITEM_TRANSITIONS: Record<
  z.infer<typeof WorkItemStatus>,
  z.infer<typeof WorkItemStatus>[]
> = {
  open: ['in_progress', 'done', 'cancelled'],
  in_progress: ['open', 'done', 'cancelled'],
  done: [],
  cancelled: [],
};

const Day = z.iso.date();
const Text = (max: number) => z.string().trim().max(max);
/** A short stable key of a stage, e.g. `s1`, `prepare` (letters, digits, - and _). */
export const StageKey = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,40}$/);

export const StageTask = z.object({ task: Text(200).min(1), standard: Text(1000).default('') }).strict();
export const ProjectStage = z
  .object({ key: StageKey, name: Text(100).min(1), tasks: z.array(StageTask).max(50).default([]) })
  .strict();

export const ProjectBody = z
  .object({
    name: Text(100).min(1),
    description: Text(2000).default(''),
    /** Ordered stages; keys unique within the project. */
    stages: z.array(ProjectStage).min(1).max(20),
    active: z.boolean().default(true),
  })
  .strict();
export const ProjectPatch = patchOf(ProjectBody);
export const ProjectOut = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  stages: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      tasks: z.array(z.object({ task: z.string(), standard: z.string() })),
    }),
  ),
  active: z.boolean(),
  createdAt: z.string(),
  version: z.number().int(),
});
export const ProjectListQuery = z
  .object({
    active: z.enum(['true', 'false']).optional(),
    cursor: z.uuid().optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
const StatusCounts = z.object({
  open: z.number().int(),
  in_progress: z.number().int(),
  done: z.number().int(),
  cancelled: z.number().int(),
});
/** A project's progress: items per stage by status, overdue (open or in progress past the deadline), % done. */
export const ProjectProgressOut = z.object({
  projectId: z.uuid(),
  stages: z.array(
    z.object({ key: z.string(), name: z.string(), counts: StatusCounts, overdue: z.number().int() }),
  ),
  total: z.number().int(),
  counts: StatusCounts,
  overdue: z.number().int(),
  /** done ÷ (all items but cancelled), rounded; 0 with no items. */
  percentDone: z.number().int(),
});

/** Exactly one of a volunteer, a staff user or a named guest. */
export const AttendeeIn = z
  .object({
    volunteerId: z.uuid().optional(),
    userId: z.uuid().optional(),
    name: Text(50).min(1).optional(),
    present: z.boolean().default(true),
  })
  .strict();
export const AttendeeOut = z.object({
  volunteerId: z.uuid().nullable(),
  userId: z.uuid().nullable(),
  /** The volunteer's or user's name, or the guest's. */
  name: z.string(),
  kind: z.enum(['volunteer', 'staff', 'guest']),
  present: z.boolean(),
});
/** What a meeting or work item shows of a need: no personal data. */
export const PlanNeedOut = z.object({
  id: z.uuid(),
  ref: z.string(),
  category: z.string(),
  title: z.string(),
  status: z.string(),
});

export const MeetingBody = z
  .object({
    kind: MeetingKind,
    title: Text(200).min(1),
    heldAt: z.iso.datetime({ offset: true }),
    place: Text(200).default(''),
    organisationIds: z.array(z.uuid()).max(20).default([]),
    attendees: z.array(AttendeeIn).max(500).default([]),
    minutes: Text(20000).default(''),
    needIds: z.array(z.uuid()).max(100).default([]),
  })
  .strict();
export const MeetingPatch = patchOf(MeetingBody);
export const MeetingOut = z.object({
  id: z.uuid(),
  kind: MeetingKind,
  title: z.string(),
  heldAt: z.string(),
  place: z.string(),
  organisations: z.array(z.object({ id: z.uuid(), name: z.string() })),
  attendees: z.array(AttendeeOut),
  presentCount: z.number().int(),
  minutes: z.string(),
  /** The analysed needs the caller may see; `hiddenNeedCount` counts the others. */
  needs: z.array(PlanNeedOut),
  hiddenNeedCount: z.number().int(),
  createdAt: z.string(),
  version: z.number().int(),
});
export const MeetingSummaryOut = z.object({
  id: z.uuid(),
  kind: MeetingKind,
  title: z.string(),
  heldAt: z.string(),
  place: z.string(),
  organisationIds: z.array(z.uuid()),
  attendeeCount: z.number().int(),
  presentCount: z.number().int(),
  needCount: z.number().int(),
  itemCount: z.number().int(),
  version: z.number().int(),
});
export const MeetingListQuery = z
  .object({
    kind: MeetingKind.optional(),
    organisationId: z.uuid().optional(),
    from: Day.optional(),
    to: Day.optional(),
    /** Opaque: from the previous page's nextCursor. */
    cursor: z.string().max(100).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const WorkItemBody = z
  .object({
    title: Text(200).min(1),
    description: Text(4000).default(''),
    /** From a meeting (optionally one of its analysed needs), or standalone in a project — or both. */
    meetingId: z.uuid().nullable().default(null),
    needId: z.uuid().nullable().default(null),
    projectId: z.uuid().nullable().default(null),
    /** The project's stage (default: its first stage). */
    stageKey: StageKey.nullable().default(null),
    ownerUserId: z.uuid(),
    organisationId: z.uuid().nullable().default(null),
    deadline: Day,
  })
  .strict();
export const WorkItemPatch = z
  .object({
    title: Text(200).min(1),
    description: Text(4000),
    ownerUserId: z.uuid(),
    organisationId: z.uuid().nullable(),
    deadline: Day,
    /** Move to another stage of the item's project (logged). */
    stageKey: StageKey,
    /** open → in_progress → done / cancelled (logged; done sets doneAt). */
    status: WorkItemStatus,
    /** A progress note logged with this change. */
    note: Text(2000).min(1),
  })
  .partial()
  .strict();
export const WorkItemNoteBody = z.object({ note: Text(2000).min(1) }).strict();
export const WorkItemProgressOut = z.object({
  at: z.string(),
  userId: z.string(),
  userName: z.string(),
  note: z.string(),
  stageKey: z.string().nullable(),
  status: z.string().nullable(),
});
export const WorkItemOut = z.object({
  id: z.uuid(),
  title: z.string(),
  description: z.string(),
  meetingId: z.uuid().nullable(),
  meetingTitle: z.string().nullable(),
  needId: z.uuid().nullable(),
  /** Null when there is no need or the caller's scope does not cover it. */
  need: PlanNeedOut.nullable(),
  projectId: z.uuid().nullable(),
  projectName: z.string().nullable(),
  stageKey: z.string().nullable(),
  stageName: z.string().nullable(),
  ownerUserId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  organisationId: z.uuid().nullable(),
  deadline: z.string(),
  status: WorkItemStatus,
  /** Open or in progress with the deadline (Shanghai date) passed. */
  overdue: z.boolean(),
  progress: z.array(WorkItemProgressOut),
  doneAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export const WorkItemListQuery = z
  .object({
    meetingId: z.uuid().optional(),
    projectId: z.uuid().optional(),
    stageKey: StageKey.optional(),
    ownerUserId: z.uuid().optional(),
    status: WorkItemStatus.optional(),
    cursor: z.string().max(100).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
export const WorkQueueOut = z.object({ items: z.array(WorkItemOut), overdue: z.number().int() });

/** Staff who may own work items (hold care.plans): for pickers. */
export const PlannerOut = z.object({ id: z.uuid(), name: z.string() });
/** Look a need up by its ref for the meeting form (in the caller's scope, else none). */
export const PlanNeedQuery = z.object({ ref: z.string().trim().max(40).optional() }).strict();

export type ProjectOutT = z.infer<typeof ProjectOut>;
export type MeetingOutT = z.infer<typeof MeetingOut>;
export type WorkItemOutT = z.infer<typeof WorkItemOut>;
