/** Types of the care visits pages, from the shared schemas at the type level only. */
import type { z } from 'zod';
import type {
  MyPairingOut,
  MyVisitOut,
  PairingOut,
  QueuePairingItem,
  QueueVisitItem,
  VisitOut,
  VisitQueueOut,
} from '@jinglin/shared';

export type Pairing = z.infer<typeof PairingOut>;
export type MyPairing = z.infer<typeof MyPairingOut>;
export type Visit = z.infer<typeof VisitOut>;
export type MyVisit = z.infer<typeof MyVisitOut>;
export type VisitQueue = z.infer<typeof VisitQueueOut>;
export type QueuePairing = z.infer<typeof QueuePairingItem>;
export type QueueVisit = z.infer<typeof QueueVisitItem>;
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const VISIT_MODES = ['home', 'phone', 'video', 'elsewhere'] as const;
export const VISIT_STATES = ['planned', 'done', 'missed', 'cancelled'] as const;
export const NEED_CATEGORIES = [
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
] as const;
export const NEED_URGENCIES = ['low', 'normal', 'high', 'urgent'] as const;

/** Today's date in Shanghai (YYYY-MM-DD). */
export function shanghaiToday(now = Date.now()): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Overdue items first (most days late first), then by due date. */
export function byUrgency<T extends { overdueDays: number }>(due: (x: T) => string) {
  return (a: T, b: T) => b.overdueDays - a.overdueDays || due(a).localeCompare(due(b));
}

/** Whole days from date a to date b (YYYY-MM-DD). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/**
 * A visit's date and (optional) start time, Shanghai local → an ISO instant. Without a time: 09:00,
 * or now when that would be later than now today (a visit cannot be recorded in the future).
 */
export function visitInstant(date: string, time: string | undefined, now = Date.now()): string {
  const local = new Date(now + 8 * 3600_000).toISOString();
  const nowHm = local.slice(11, 16);
  const hm = time || (date === local.slice(0, 10) && nowHm < '09:00' ? nowHm : '09:00');
  return `${date}T${hm}:00+08:00`;
}

/** A date plus whole days (YYYY-MM-DD). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
