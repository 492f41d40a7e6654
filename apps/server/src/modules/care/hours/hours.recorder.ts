/**
 * "Whoever organises records": a module that organises a service (a visit, a hospital
 * accompaniment, an activity) records each volunteer's hours for it here, inside its own
 * transaction. One service record per volunteer and source (unique index source + source_id +
 * volunteer_id); calling again with the same facts changes nothing (idempotent), changed facts
 * update the rows (version + 1), volunteers no longer listed (or listed with 0 minutes) have their
 * row voided, and a volunteer listed again has it recorded again.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/client.js';
import { invalid } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { careServiceRecords } from './hours.tables.js';

export type OrganisedSource = 'visit' | 'accompaniment' | 'activity';

/** A day has 1,440 minutes: one service record never counts more. */
export const MAX_RECORD_MINUTES = 24 * 60;

export interface ServiceForSource {
  source: OrganisedSource;
  sourceId: string;
  /** The organising body that records (and so certifies) the service, when known. */
  organisationId?: string | null;
  activity: string;
  content?: string;
  startedAt: Date;
  entries: { volunteerId: string; minutes: number }[];
  /** The user recording it (null for a system job). */
  recordedBy: string | null;
}

export interface RecordedService {
  /** Volunteer id → the service record's id, for the volunteers that count hours now. */
  recorded: Map<string, string>;
  /** Ids of rows voided by this call (volunteers no longer listed). */
  voided: string[];
}

export async function recordServiceForSource(tx: Tx, s: ServiceForSource): Promise<RecordedService> {
  const seen = new Set<string>();
  for (const e of s.entries) {
    if (seen.has(e.volunteerId)) throw invalid('entries', 'duplicate_volunteer');
    seen.add(e.volunteerId);
    if (!Number.isInteger(e.minutes) || e.minutes < 0 || e.minutes > MAX_RECORD_MINUTES)
      throw invalid('minutes', 'minutes_range');
  }
  const existing = await tx
    .select()
    .from(careServiceRecords)
    .where(and(eq(careServiceRecords.source, s.source), eq(careServiceRecords.sourceId, s.sourceId)))
    .for('update');
  const byVolunteer = new Map(existing.map((r) => [r.volunteerId, r]));
  const facts = {
    organisationId: s.organisationId ?? null,
    activity: s.activity,
    content: s.content ?? '',
    startedAt: s.startedAt,
  };
  const recorded = new Map<string, string>();
  const voided: string[] = [];

  for (const e of s.entries) {
    if (e.minutes === 0) continue; // listed without time: counts nothing, voided below
    const cur = byVolunteer.get(e.volunteerId);
    if (!cur) {
      const [row] = await tx
        .insert(careServiceRecords)
        .values({
          id: newId(),
          volunteerId: e.volunteerId,
          source: s.source,
          sourceId: s.sourceId,
          ...facts,
          minutes: e.minutes,
          recordedBy: s.recordedBy,
        })
        // A concurrent recorder of the same source inserted first: take its row over.
        .onConflictDoUpdate({
          target: [careServiceRecords.source, careServiceRecords.sourceId, careServiceRecords.volunteerId],
          set: {
            ...facts,
            minutes: e.minutes,
            state: 'recorded',
            version: sql`${careServiceRecords.version} + 1`,
          },
        })
        .returning({ id: careServiceRecords.id });
      recorded.set(e.volunteerId, row!.id);
      continue;
    }
    recorded.set(e.volunteerId, cur.id);
    const same =
      cur.state === 'recorded' &&
      cur.minutes === e.minutes &&
      cur.activity === facts.activity &&
      cur.content === facts.content &&
      cur.organisationId === facts.organisationId &&
      cur.startedAt.getTime() === facts.startedAt.getTime();
    if (same) continue;
    await tx
      .update(careServiceRecords)
      .set({ ...facts, minutes: e.minutes, state: 'recorded', version: cur.version + 1 })
      .where(eq(careServiceRecords.id, cur.id));
  }

  for (const cur of existing) {
    if (recorded.has(cur.volunteerId) || cur.state === 'void') continue;
    await tx
      .update(careServiceRecords)
      .set({ state: 'void', version: cur.version + 1 })
      .where(eq(careServiceRecords.id, cur.id));
    voided.push(cur.id);
  }
  return { recorded, voided };
}

/** The service was cancelled or deleted: every volunteer's row for it stops counting. */
export async function voidServiceForSource(tx: Tx, source: OrganisedSource, sourceId: string) {
  const rows = await tx
    .update(careServiceRecords)
    .set({ state: 'void', version: sql`${careServiceRecords.version} + 1` })
    .where(
      and(
        eq(careServiceRecords.source, source),
        eq(careServiceRecords.sourceId, sourceId),
        eq(careServiceRecords.state, 'recorded'),
      ),
    )
    .returning({ id: careServiceRecords.id });
  return rows.map((r) => r.id);
}
