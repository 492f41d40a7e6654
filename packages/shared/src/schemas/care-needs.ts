/**
 * Needs cases (诉求, issue 6 item 5): every need — raised on a visit, at a counter, by phone, in the
 * resident portal or in a meeting — is a case with a category, urgency, owner, a due time from the
 * category's SLA, a status, actions and a resolution. The HTTP contract: staff shapes, the SLA
 * settings, the worker queue and the resident portal's shapes (which carry no staff notes or names).
 */
import { z } from 'zod';

export const NeedCategory = z.enum([
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
export type NeedCategory = z.infer<typeof NeedCategory>;
export const NeedSource = z.enum(['visit', 'counter', 'phone', 'portal', 'meeting']);
export const NeedUrgency = z.enum(['low', 'normal', 'high', 'urgent']);
export type NeedUrgency = z.infer<typeof NeedUrgency>;
export const NeedStatus = z.enum(['open', 'in_progress', 'resolved', 'closed', 'withdrawn']);
export type NeedStatus = z.infer<typeof NeedStatus>;
export const NeedActionKind = z.enum([
  'created',
  'assigned',
  'status',
  'note',
  'escalated',
  'resolved',
  'notified',
  'reopened',
]);

const Text = (max: number) => z.string().trim().max(max);
/** A required text: empty after trimming is the field's own code (a plain message per field). */
const Required = (max: number, code: string) => Text(max).refine((s) => s.length > 0, { error: code });

/** A case opened by staff: at the counter or from a phone call, for a person they picked. */
export const NeedBody = z
  .object({
    personId: z.uuid(),
    source: z.enum(['counter', 'phone']),
    category: NeedCategory,
    urgency: NeedUrgency.default('normal'),
    title: Required(100, 'title_required'),
    description: Text(2000).default(''),
    /** Blank: the responsible worker of the person's active pairing, else unassigned. */
    ownerUserId: z.uuid().nullable().optional(),
  })
  .strict();

/** Correcting a case's facts (If-Match); a new category or urgency recomputes the due time. */
export const NeedPatch = z
  .object({
    category: NeedCategory,
    urgency: NeedUrgency,
    title: Required(100, 'title_required'),
    description: Text(2000),
  })
  .partial()
  .strict();

export const NeedAssignBody = z
  .object({ ownerUserId: z.uuid().nullable(), note: Text(500).default('') })
  .strict();
/** `resolved` only through /resolve (a resolution is required); `open` from resolved/closed/withdrawn reopens. */
export const NeedStatusBody = z
  .object({ status: z.enum(['open', 'in_progress', 'closed', 'withdrawn']), note: Text(500).default('') })
  .strict();
export const NeedNoteBody = z.object({ note: Required(2000, 'note_required') }).strict();
export const NeedResolveBody = z.object({ resolution: Required(2000, 'resolution_required') }).strict();
/** The outcome was told by other means (a phone call) when no account could be notified. */
export const NeedToldBody = z
  .object({ channel: z.enum(['phone', 'in_person']), note: Text(500).default('') })
  .strict();

const Bool = z.enum(['true', 'false']).transform((v) => v === 'true');
export const NeedListQuery = z
  .object({
    status: NeedStatus.optional(),
    /** `open` statuses together: open and in progress. */
    active: Bool.optional(),
    category: NeedCategory.optional(),
    urgency: NeedUrgency.optional(),
    /** A user id, `me` or `none` (unassigned). */
    owner: z.union([z.uuid(), z.enum(['me', 'none'])]).optional(),
    overdue: Bool.optional(),
    personId: z.uuid().optional(),
    streetCode: z.string().max(20).optional(),
    cursor: z.uuid().optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const NeedOut = z.object({
  id: z.uuid(),
  ref: z.string(),
  personId: z.uuid(),
  personName: z.string(),
  streetCode: z.string(),
  source: NeedSource,
  visitId: z.uuid().nullable(),
  category: NeedCategory,
  urgency: NeedUrgency,
  title: z.string(),
  description: z.string(),
  ownerUserId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  status: NeedStatus,
  dueAt: z.string(),
  overdue: z.boolean(),
  resolution: z.string(),
  resolvedAt: z.string().nullable(),
  outcomeNotifiedAt: z.string().nullable(),
  /** Resolved, and no account could be told: a worker must phone the resident. */
  mustPhone: z.boolean(),
  escalationLevel: z.number().int(),
  escalatedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type NeedOut = z.infer<typeof NeedOut>;

export const NeedActionOut = z.object({
  id: z.uuid(),
  at: z.string(),
  kind: NeedActionKind,
  note: z.string(),
  detail: z.record(z.string(), z.unknown()),
  actorUserId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  /** The new owner's name on an 'assigned' action. */
  subjectName: z.string().nullable(),
});
export const NeedDetailOut = NeedOut.extend({ actions: z.array(NeedActionOut) });
export type NeedDetailOut = z.infer<typeof NeedDetailOut>;

/** Staff who may own a case of this person (in scope, holding care.needs). */
export const NeedOwnerOption = z.object({ id: z.uuid(), name: z.string() });

// ---- SLA settings: hours to resolve per category and urgency

export const SlaHours = z.object({
  low: z.number().int().min(1).max(8760),
  normal: z.number().int().min(1).max(8760),
  high: z.number().int().min(1).max(8760),
  urgent: z.number().int().min(1).max(8760),
});
export const NeedSlaOut = z.object({
  category: NeedCategory,
  hours: SlaHours,
  /** No row stored: the built-in defaults apply. */
  isDefault: z.boolean(),
  version: z.number().int(),
});
export const NeedSlasOut = z.object({ items: z.array(NeedSlaOut) });
export const NeedSlasBody = z
  .object({
    items: z
      .array(z.object({ category: NeedCategory, hours: SlaHours, version: z.number().int().min(0) }).strict())
      .min(1)
      .max(12),
  })
  .strict();

// ---- the worker queue: my open needs

export const NeedQueueItem = NeedOut.extend({
  /** Hours past the due time (0 when not overdue). */
  overdueHours: z.number().int(),
});
export type NeedSlasOut = z.infer<typeof NeedSlasOut>;
export const NeedQueueOut = z.object({
  mine: z.array(NeedQueueItem),
  /** For street and community workers: unassigned open cases in their area. */
  unassigned: z.array(NeedQueueItem),
});
export type NeedQueueOut = z.infer<typeof NeedQueueOut>;

// ---- the resident portal (care.needs.own)

export const MyNeedBody = z
  .object({
    /** Blank: for oneself; a guardian names their ward. */
    personId: z.uuid().optional(),
    category: NeedCategory,
    description: Required(1000, 'description_required'),
    preferredContactTime: Text(100).default(''),
  })
  .strict();
/** What a resident sees: the status, the dates and the public resolution; no staff notes or names. */
export const MyNeedOut = z.object({
  id: z.uuid(),
  ref: z.string(),
  personId: z.uuid(),
  personName: z.string(),
  category: NeedCategory,
  title: z.string(),
  description: z.string(),
  status: NeedStatus,
  createdAt: z.string(),
  dueAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolution: z.string(),
  /** Whether a member of staff handles it — never who (the portal says "工作人员"). */
  assigned: z.boolean(),
  /** Public steps only: received, being handled, resolved, reopened. */
  steps: z.array(
    z.object({
      at: z.string(),
      kind: z.enum(['created', 'in_progress', 'resolved', 'reopened', 'closed', 'withdrawn']),
    }),
  ),
});
export type MyNeedOut = z.infer<typeof MyNeedOut>;
export const MyNeedsOut = z.object({
  items: z.array(MyNeedOut),
  /** The persons the caller may raise a need for (themselves, their wards). */
  persons: z.array(z.object({ id: z.uuid(), name: z.string(), self: z.boolean() })),
});
export type MyNeedsOut = z.infer<typeof MyNeedsOut>;
