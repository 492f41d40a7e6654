/** Home visits (走访, issue 6 item 4) and the worker's "my visits due" queue — the HTTP contract. */
import { z } from 'zod';

export const VisitState = z.enum(['planned', 'done', 'missed', 'cancelled']);
export const VisitMode = z.enum(['home', 'phone', 'video', 'elsewhere']);
/** The needs categories and urgencies (care_needs); a need raised on a visit names them. */
export const VisitNeedCategory = z.enum([
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
]);
export const VisitNeedUrgency = z.enum(['low', 'normal', 'high', 'urgent']);

const Day = z.iso.date();
const Text = (max: number) => z.string().trim().max(max);
/** A visit's length: 1 minute to 24 hours. */
const Minutes = z.number().int().min(1).max(1440);

/** Who took part: a volunteer (with the minutes they served — their service hours) or a staff user. */
export const VisitParticipant = z
  .object({
    volunteerId: z.uuid().nullable().default(null),
    userId: z.uuid().nullable().default(null),
    minutes: Minutes.nullable().default(null),
  })
  .strict();

/** A need raised on the visit: it becomes a needs case (诉求) of the visited person. */
export const VisitNeedInput = z
  .object({
    category: VisitNeedCategory,
    urgency: VisitNeedUrgency.default('normal'),
    title: Text(200).min(1),
    description: Text(2000).default(''),
  })
  .strict();

/** Plan a visit: to a pairing's family, or to any registry person in the worker's area. */
export const VisitPlanBody = z
  .object({
    pairingId: z.uuid().nullable().default(null),
    personId: z.uuid().nullable().default(null),
    plannedOn: Day,
    mode: VisitMode.default('home'),
    /** The responsible worker (default: the pairing's owner, else the caller). */
    ownerUserId: z.uuid().nullable().default(null),
  })
  .strict();

/** What a visit that took place records. */
const RecordFields = {
  visitedAt: z.iso.datetime({ offset: true }),
  minutes: Minutes,
  mode: VisitMode.default('home'),
  findings: Text(4000).default(''),
  participants: z.array(VisitParticipant).max(30).default([]),
  needs: z.array(VisitNeedInput).max(10).default([]),
};

/** Record a planned visit as done (If-Match). */
export const VisitRecordBody = z.object(RecordFields).strict();

/** Record a visit that was not planned: done at once. */
export const VisitRecordNewBody = z
  .object({
    pairingId: z.uuid().nullable().default(null),
    personId: z.uuid().nullable().default(null),
    ownerUserId: z.uuid().nullable().default(null),
    ...RecordFields,
  })
  .strict();

/** A volunteer records a visit for their own pairing: they take part with their minutes. */
export const MyVisitBody = z
  .object({
    visitedAt: z.iso.datetime({ offset: true }),
    minutes: Minutes,
    mode: VisitMode.default('home'),
    findings: Text(4000).default(''),
  })
  .strict();

/** Mark a planned visit missed, or cancel a visit (a done one's hours are voided): a reason is needed. */
export const VisitReasonBody = z.object({ reason: Text(1000).min(1) }).strict();

/** Edit a visit (If-Match): planned ones their date, mode and owner; done ones what was recorded. */
export const VisitPatch = z
  .object({
    plannedOn: Day,
    mode: VisitMode,
    ownerUserId: z.uuid().nullable(),
    visitedAt: z.iso.datetime({ offset: true }),
    minutes: Minutes,
    findings: Text(4000),
    participants: z.array(VisitParticipant).max(30),
    reason: Text(1000).min(1),
  })
  .partial()
  .strict();

export const VisitParticipantOut = z.object({
  volunteerId: z.uuid().nullable(),
  volunteerName: z.string().nullable(),
  userId: z.uuid().nullable(),
  userName: z.string().nullable(),
  minutes: z.number().int().nullable(),
});

export const VisitOut = z.object({
  id: z.uuid(),
  pairingId: z.uuid().nullable(),
  personId: z.uuid(),
  personName: z.string(),
  streetCode: z.string(),
  ownerUserId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  plannedOn: z.string(),
  state: VisitState,
  mode: VisitMode,
  visitedAt: z.string().nullable(),
  minutes: z.number().int().nullable(),
  findings: z.string(),
  reason: z.string(),
  participants: z.array(VisitParticipantOut),
  /** Needs cases raised on this visit (ids and references). */
  needs: z.array(z.object({ id: z.uuid(), ref: z.string(), title: z.string() })),
  recordedAt: z.string().nullable(),
  version: z.number().int(),
});

/** What a volunteer sees of a visit to one of their families: the family's name and address only. */
export const MyVisitOut = z.object({
  id: z.uuid(),
  pairingId: z.uuid().nullable(),
  family: z.object({ name: z.string(), address: z.string().nullable() }),
  plannedOn: z.string(),
  state: VisitState,
  mode: VisitMode,
  visitedAt: z.string().nullable(),
  minutes: z.number().int().nullable(),
  /** The caller's own minutes on it (null: they did not take part). */
  myMinutes: z.number().int().nullable(),
});

export const VisitListQuery = z
  .object({
    personId: z.uuid().optional(),
    pairingId: z.uuid().optional(),
    ownerUserId: z.uuid().optional(),
    state: VisitState.optional(),
    /** plannedOn from / to (inclusive, Shanghai dates). */
    from: Day.optional(),
    to: Day.optional(),
    cursor: z.string().max(100).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const MyVisitListQuery = z.object({ pairingId: z.uuid().optional() }).strict();

/** A pairing due a visit by its plan. `overdueDays` > 0: the next visit is that many days late. */
export const QueuePairingItem = z.object({
  pairingId: z.uuid(),
  personId: z.uuid(),
  personName: z.string(),
  streetCode: z.string(),
  teamId: z.uuid().nullable(),
  volunteerId: z.uuid().nullable(),
  partnerName: z.string().nullable(),
  nextVisitOn: z.string(),
  overdueDays: z.number().int(),
  visitPlan: z.object({ every: z.number().int(), unit: z.enum(['week', 'month']) }),
});
export const QueueVisitItem = z.object({
  visitId: z.uuid(),
  pairingId: z.uuid().nullable(),
  personId: z.uuid(),
  personName: z.string(),
  streetCode: z.string(),
  plannedOn: z.string(),
  mode: VisitMode,
  overdueDays: z.number().int(),
  version: z.number().int(),
});
/** GET /care/queue/visits: "my visits due" (within 7 days or overdue, overdue first). */
export const VisitQueueOut = z.object({
  /** Today in Shanghai; `dueBy` = today + 7 days. */
  today: z.string(),
  dueBy: z.string(),
  pairings: z.array(QueuePairingItem),
  visits: z.array(QueueVisitItem),
  /** Active pairings in the caller's area with no responsible worker (workers only). */
  unassigned: z.array(QueuePairingItem),
});
