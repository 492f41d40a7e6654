/** Rows → response shapes for service hours; Shanghai calendar days. */
import type { z } from 'zod';
import type { ServiceRecordOut } from '@jinglin/shared';
import type { careServiceRecords } from './hours.tables.js';

type RecordRow = typeof careServiceRecords.$inferSelect;

const SHANGHAI_MS = 8 * 3600_000;

/** The Shanghai calendar day (YYYY-MM-DD) of an instant. */
export const shanghaiDay = (d: Date): string =>
  new Date(d.getTime() + SHANGHAI_MS).toISOString().slice(0, 10);
/** The instant a Shanghai day (or a day and time) begins. */
export const shanghaiStart = (day: string, time = '00:00'): Date => new Date(`${day}T${time}:00+08:00`);
/** The instant after a Shanghai day ends (the next day's start). */
export const shanghaiEnd = (day: string): Date => new Date(shanghaiStart(day).getTime() + 24 * 3600_000);
export const todayInShanghai = (now = new Date()) => shanghaiDay(now);

export function toRecordOut(r: RecordRow): z.infer<typeof ServiceRecordOut> {
  return {
    id: r.id,
    volunteerId: r.volunteerId,
    source: r.source,
    sourceId: r.sourceId,
    organisationId: r.organisationId,
    activity: r.activity,
    content: r.content,
    startedAt: r.startedAt.toISOString(),
    serviceDate: shanghaiDay(r.startedAt),
    minutes: r.minutes,
    state: r.state,
    createdAt: r.createdAt.toISOString(),
    version: r.version,
  };
}
