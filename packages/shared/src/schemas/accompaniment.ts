/** Hospital accompaniment (issue 7, S6 静安有爱 就医无碍) — the HTTP contract. */
import { z } from 'zod';
import { patchOf } from './common.js';

export const AccService = z.enum(['sign_language', 'blind_guide', 'wheelchair']);
export const AccBookingChannel = z.enum(['portal', 'guardian', 'community', 'hotline']);
export const AccBookingState = z.enum(['booked', 'cancelled', 'checked_in', 'completed', 'no_show']);
export const AccOfferState = z.enum(['offered', 'accepted', 'declined', 'withdrawn']);
/** What the volunteer accompanied (助盲全程就诊: registration, consultation, tests, payment, pharmacy). */
export const AccVisitStep = z.enum([
  'registration',
  'consultation',
  'tests',
  'payment',
  'pharmacy',
  'interpretation',
  'other',
]);

const Day = z.iso.date();
const HhMm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const Text = (max: number) => z.string().trim().max(max);

export const AccHospitalBody = z
  .object({
    code: z.string().regex(/^[a-z][a-z0-9_]{1,30}$/),
    name: Text(100).min(1),
    address: Text(200).default(''),
    meetingPoint: Text(200).default(''),
    departments: z
      .array(z.object({ code: z.string().regex(/^[a-z][a-z0-9_]{0,30}$/), name: Text(50).min(1) }).strict())
      .max(100)
      .default([]),
    phone: Text(40).default(''),
    active: z.boolean().default(true),
  })
  .strict();
export const AccHospitalPatch = patchOf(AccHospitalBody);
export const AccHospitalOut = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  address: z.string(),
  meetingPoint: z.string(),
  departments: z.array(z.object({ code: z.string(), name: z.string() })),
  phone: z.string(),
  active: z.boolean(),
  version: z.number().int(),
});

export const AccSessionBody = z
  .object({
    hospitalId: z.uuid(),
    weekday: z.number().int().min(1).max(7),
    startsAt: HhMm,
    endsAt: HhMm,
    services: z.array(AccService).min(1).max(3),
    capacity: z.number().int().min(1).max(100),
    /** The lowest skill level a volunteer needs for this session (1 beginner, 2 qualified, 3 expert). */
    minLevel: z.number().int().min(1).max(3).default(1),
    validFrom: Day,
    validTo: Day.nullable().default(null),
    active: z.boolean().default(true),
  })
  .strict();
export const AccSessionPatch = patchOf(AccSessionBody);
export const AccSessionOut = AccSessionBody.extend({ id: z.uuid(), version: z.number().int() });

export const AccHolidayBody = z
  .object({ date: Day, name: Text(50).min(1), workday: z.boolean().default(false) })
  .strict();
export const AccCancelOccurrenceBody = z.object({ date: Day, reason: Text(200).min(1) }).strict();

export const AccCalendarQuery = z
  .object({ hospitalId: z.uuid().optional(), from: Day.optional(), to: Day.optional() })
  .strict();
export const AccOccurrenceOut = z.object({
  sessionId: z.uuid(),
  hospitalId: z.uuid(),
  date: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  capacity: z.number().int(),
  services: z.array(AccService),
  booked: z.number().int(),
  /** Bookings without an accepted volunteer. */
  unfilled: z.number().int(),
  off: z.object({ kind: z.enum(['holiday', 'cancelled']), reason: z.string() }).nullable(),
});

/**
 * A booking. Staff in the person's area give `personId`; a hotline coordinator gives the caller's
 * `idNumber` (exact, any street); a resident books for themselves and a guardian for a ward
 * (`personId` one of theirs, or omitted for the only one). Nothing the registry knows is asked.
 */
export const AccBookingBody = z
  .object({
    sessionId: z.uuid(),
    date: Day,
    service: AccService,
    department: Text(50).min(1),
    note: Text(500).default(''),
    personId: z.uuid().optional(),
    idNumber: z.string().trim().max(20).optional(),
  })
  .strict();
export const AccRescheduleBody = z.object({ sessionId: z.uuid(), date: Day }).strict();
export const AccCancelBookingBody = z.object({ reason: Text(200).min(1) }).strict();
export const AccAssignBody = z.object({ volunteerId: z.uuid(), reason: Text(200).min(1) }).strict();
export const AccCheckOutBody = z
  .object({
    minutes: z.number().int().min(1).max(720).optional(),
    steps: z.array(AccVisitStep).max(7).default([]),
    note: Text(500).default(''),
  })
  .strict();
export const AccFeedbackBody = z
  .object({ rating: z.number().int().min(1).max(5), comment: Text(500).default('') })
  .strict();
export const AccDeclineBody = z.object({ reason: Text(200).default('') }).strict();

export const AccBookingOut = z.object({
  id: z.uuid(),
  ref: z.string(),
  hospital: z.object({ id: z.uuid(), name: z.string(), meetingPoint: z.string() }),
  sessionId: z.uuid(),
  date: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  service: AccService,
  department: z.string(),
  note: z.string(),
  channel: AccBookingChannel,
  state: AccBookingState,
  /** The resident's name (staff, desk, the volunteer serving it, the resident themselves). */
  personName: z.string(),
  volunteer: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  offer: z.object({ volunteerId: z.uuid(), state: AccOfferState }).nullable(),
  checkedInAt: z.string().nullable(),
  checkedOutAt: z.string().nullable(),
  minutes: z.number().int().nullable(),
  steps: z.array(AccVisitStep),
  rating: z.number().int().nullable(),
  feedback: z.string(),
  version: z.number().int(),
});

export const AccBookingListQuery = z
  .object({
    hospitalId: z.uuid().optional(),
    from: Day.optional(),
    to: Day.optional(),
    state: AccBookingState.optional(),
    unfilled: z.enum(['1']).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const AccOfferOut = z.object({
  id: z.uuid(),
  state: AccOfferState,
  booking: AccBookingOut.pick({
    id: true,
    ref: true,
    hospital: true,
    date: true,
    startsAt: true,
    endsAt: true,
    service: true,
    department: true,
    note: true,
    personName: true,
    state: true,
  }),
});

export const AccAssignRunOut = z.object({
  considered: z.number().int(),
  offered: z.number().int(),
  unfilled: z.array(z.object({ bookingId: z.uuid(), refusals: z.record(z.string(), z.string()) })),
});

export const AccStatsQuery = z
  .object({ year: z.coerce.number().int().min(2020).max(2100).optional() })
  .strict();
export const AccStatsOut = z.object({
  year: z.number().int(),
  targets: z.object({ sessionsPerWeek: z.number().int(), personTimesPerYear: z.number().int() }),
  personTimes: z.number().int(),
  weeks: z.array(
    z.object({
      monday: z.string(),
      sessionsHeld: z.number().int(),
      personTimes: z.number().int(),
      noShows: z.number().int(),
    }),
  ),
});
