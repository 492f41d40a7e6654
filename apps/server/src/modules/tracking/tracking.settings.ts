/**
 * Tracking settings: kept in the `settings` table under `tracking` (changed by administrators, not
 * by environment), with defaults; read through a short cache.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../../platform/db/client.js';
import { settings } from '../../platform/db/schema.js';

/** Who an escalation level tells: the centre's staff, the trainee's guardians (with an account). */
export const CONTACT_GROUPS = ['centre_staff', 'guardians'] as const;

export const EscalationRungSchema = z.object({
  groups: z.array(z.enum(CONTACT_GROUPS)).max(2).default([]),
  /** Named users told at this level (e.g. the centre's lead, the district's tracking officer on duty): ids only. */
  userIds: z.array(z.string().uuid()).max(50).default([]),
  /** Minutes unacknowledged at the level below before this one is told (null: `escalationMinutes`). */
  afterMinutes: z.number().int().min(1).max(1440).nullable().default(null),
});
export type EscalationRung = z.infer<typeof EscalationRungSchema>;

/**
 * "Centre staff and guardians must know at once" (issue 5): level 0, when the alert opens, tells
 * both. Levels 1 and 2 tell both again while nobody has acknowledged; the next contacts beyond
 * them (the centre's lead, the district's officer on duty) are named by the administrator per
 * level — there is no "lead" on record to infer them from.
 */
export const DEFAULT_LADDER: EscalationRung[] = [
  { groups: ['centre_staff', 'guardians'], userIds: [], afterMinutes: null },
  { groups: ['centre_staff', 'guardians'], userIds: [], afterMinutes: null },
  { groups: ['centre_staff', 'guardians'], userIds: [], afterMinutes: null },
];

export const TrackingSettingsSchema = z.object({
  /** Exit confirmation: this many consecutive outside fixes … */
  exitConfirmFixes: z.number().int().min(1).max(20).default(3),
  /** … or outside for this many seconds. */
  exitConfirmSeconds: z.number().int().min(0).max(3600).default(60),
  /** A gap between fixes this long means the device was away: one outside fix confirms. */
  reconnectGapSeconds: z.number().int().min(30).max(86400).default(600),
  /** An exit must be beyond the fix's accuracy and at least this many metres. */
  minMarginM: z.number().min(0).max(500).default(10),
  lowBatteryPercent: z.number().int().min(0).max(100).default(15),
  offlineMinutes: z.number().int().min(1).max(1440).default(30),
  escalationMinutes: z.number().int().min(1).max(1440).default(10),
  maxEscalationLevel: z.number().int().min(0).max(10).default(2),
  /**
   * Who is told at each level (index = level; level 0 when the alert opens). Levels beyond the
   * last rung (up to `maxEscalationLevel`) tell the last rung's contacts again.
   */
  escalationLadder: z.array(EscalationRungSchema).min(1).max(11).default(DEFAULT_LADDER),
  retentionDays: z.number().int().min(1).max(3650).default(90),
});
export type TrackingSettings = z.infer<typeof TrackingSettingsSchema>;

let cached: { at: number; value: TrackingSettings } | null = null;
const TTL_MS = 10_000;

export async function loadTrackingSettings(db: Tx, fresh = false): Promise<TrackingSettings> {
  if (!fresh && cached && Date.now() - cached.at < TTL_MS) return cached.value;
  const rows = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, 'tracking'));
  const parsed = TrackingSettingsSchema.safeParse(rows[0]?.value ?? {});
  const value = parsed.success ? parsed.data : TrackingSettingsSchema.parse({});
  cached = { at: Date.now(), value };
  return value;
}

export async function saveTrackingSettings(
  db: Tx,
  patch: Partial<TrackingSettings>,
): Promise<TrackingSettings> {
  const current = await loadTrackingSettings(db, true);
  const value = TrackingSettingsSchema.parse({ ...current, ...patch });
  await db
    .insert(settings)
    .values({ key: 'tracking', value })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
  cached = { at: Date.now(), value };
  return value;
}
