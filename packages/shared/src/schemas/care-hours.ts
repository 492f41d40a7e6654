/**
 * Volunteer service hours, corrections and proofs (志愿服务记录与证明, issue 6 item 7) — the HTTP
 * contract. Times are instants (ISO); dates are Shanghai calendar days (YYYY-MM-DD).
 */
import { z } from 'zod';

export const ServiceSource = z.enum(['visit', 'accompaniment', 'activity', 'manual']);
export const ServiceRecordState = z.enum(['recorded', 'void']);
export const CorrectionState = z.enum(['pending', 'approved', 'rejected']);
export const VolunteerIdType = z.enum([
  'resident_id',
  'hk_macao_permit',
  'taiwan_permit',
  'passport',
  'foreign_permanent_id',
]);

const Day = z.iso.date();
const HhMm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const Text = (max: number) => z.string().trim().max(max);
/** One service: 1 minute to 24 hours. */
export const ServiceMinutes = z.number().int().min(1).max(1440);

export const ServiceRecordOut = z.object({
  id: z.uuid(),
  volunteerId: z.uuid(),
  source: ServiceSource,
  sourceId: z.uuid().nullable(),
  organisationId: z.uuid().nullable(),
  activity: z.string(),
  content: z.string(),
  startedAt: z.string(),
  /** The Shanghai calendar day of the service. */
  serviceDate: Day,
  minutes: z.number().int(),
  state: ServiceRecordState,
  createdAt: z.string(),
  version: z.number().int(),
});

export const HoursTotals = z.object({
  /** Minutes of every recorded (not void) service. */
  allMinutes: z.number().int(),
  /** The current Shanghai calendar year. */
  year: z.number().int(),
  yearMinutes: z.number().int(),
  /** The asked range (from/to inclusive), when one was asked. */
  from: Day.nullable(),
  to: Day.nullable(),
  rangeMinutes: z.number().int().nullable(),
  recordCount: z.number().int(),
});

export const HoursQuery = z
  .object({
    from: Day.optional(),
    to: Day.optional(),
    /** Also list void records (they never count). */
    includeVoid: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
  })
  .strict();

export const VolunteerHoursOut = z.object({
  /** Null on /me/hours for a caller with no volunteer profile (nothing recorded then). */
  volunteer: z.object({ id: z.uuid(), name: z.string(), volunteerNo: z.string().nullable() }).nullable(),
  totals: HoursTotals,
  /** Newest first; the range's records when a range is asked, otherwise the latest 500. */
  records: z.array(ServiceRecordOut),
});

/** A record entered by hand (source `manual`), e.g. an activity with no module of its own. */
export const ManualRecordBody = z
  .object({
    serviceDate: Day,
    startTime: HhMm.default('09:00'),
    minutes: ServiceMinutes,
    activity: Text(200).min(1),
    content: Text(1000).default(''),
    organisationId: z.uuid().nullable().default(null),
  })
  .strict();

export const VoidRecordBody = z.object({ reason: Text(500).min(1) }).strict();

// ---- corrections

/** A record to change (with the right minutes), or a missing service (date, activity, minutes). */
export const CorrectionBody = z
  .object({
    recordId: z.uuid().nullable().default(null),
    minutes: ServiceMinutes,
    serviceDate: Day.optional(),
    activity: Text(200).optional(),
    content: Text(1000).optional(),
    reason: Text(1000).min(1),
  })
  .strict();

export const CorrectionOut = z.object({
  id: z.uuid(),
  volunteerId: z.uuid(),
  volunteerName: z.string(),
  recordId: z.uuid().nullable(),
  /** The record as it is now (null when a missing service is asked for). */
  record: z
    .object({
      serviceDate: Day,
      activity: z.string(),
      minutes: z.number().int(),
      state: ServiceRecordState,
    })
    .nullable(),
  proposed: z.object({
    minutes: z.number().int().nullable(),
    serviceDate: Day.nullable(),
    activity: z.string().nullable(),
    content: z.string().nullable(),
  }),
  reason: z.string(),
  state: CorrectionState,
  decisionNote: z.string(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});

export const CorrectionListQuery = z
  .object({
    state: CorrectionState.default('pending'),
    volunteerId: z.uuid().optional(),
    cursor: z.uuid().optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

/** Approve (applies the change) or reject (a note saying why is required). */
export const CorrectionDecisionBody = z
  .object({ decision: z.enum(['approve', 'reject']), note: Text(1000).default('') })
  .strict();

// ---- the issuer and proofs

/** The issuing body's facts printed on every proof (care settings, `care.settings`). */
export const IssuerSettings = z
  .object({
    name: Text(100).min(1),
    personInCharge: Text(50).default(''),
    handler: Text(50).default(''),
    contact: Text(50).default(''),
  })
  .strict();
export const IssuerSettingsOut = IssuerSettings.extend({ version: z.number().int() });

export const ProofBody = z.object({ periodFrom: Day, periodTo: Day }).strict();
export const RevokeProofBody = z.object({ reason: Text(500).min(1) }).strict();

export const ProofOut = z.object({
  id: z.uuid(),
  certificateNo: z.string(),
  volunteerId: z.uuid(),
  volunteerName: z.string(),
  periodFrom: Day,
  periodTo: Day,
  totalMinutes: z.number().int(),
  recordCount: z.number().int(),
  issuedAt: z.string(),
  /** The Shanghai day of issue (printed). */
  issuedOn: Day,
  revokedAt: z.string().nullable(),
});

export const ProofRecord = z.object({
  recordId: z.uuid(),
  startedAt: z.string(),
  serviceDate: Day,
  minutes: z.number().int(),
  activity: z.string(),
  content: z.string(),
});

/** What the printed proof shows; the full ID number is here only (audited `care.proof.view`). */
export const ProofPrintOut = ProofOut.extend({
  volunteer: z.object({
    name: z.string(),
    idType: VolunteerIdType,
    idNumber: z.string().nullable(),
    volunteerNo: z.string().nullable(),
  }),
  issuer: z.object({
    name: z.string(),
    personInCharge: z.string(),
    handler: z.string(),
    contact: z.string(),
  }),
  records: z.array(ProofRecord),
});

export const ProofListQuery = z
  .object({
    volunteerId: z.uuid().optional(),
    cursor: z.uuid().optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
