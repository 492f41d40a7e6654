/** Types, query keys and small helpers of the needs pages (the shapes of packages/shared care-needs.ts). */
import type {
  MyNeedOut,
  MyNeedsOut,
  NeedCategory as Category,
  NeedDetailOut,
  NeedOut,
  NeedQueueOut,
  NeedSlasOut,
  NeedStatus as Status,
  NeedUrgency as Urgency,
} from '@jinglin/shared';

export type Need = NeedOut;
export type NeedDetail = NeedDetailOut;
export type NeedAction = NeedDetailOut['actions'][number];
export type NeedQueue = NeedQueueOut;
export type QueueNeed = NeedQueueOut['mine'][number];
export type Slas = NeedSlasOut;
export type MyNeed = MyNeedOut;
export type MyNeeds = MyNeedsOut;
export type NeedCategory = Category;
export type NeedStatus = Status;
export type NeedUrgency = Urgency;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const NEEDS_KEY = ['care', 'needs'] as const;
export const QUEUE_KEY = ['care', 'queue', 'needs'] as const;
export const MY_NEEDS_KEY = ['me', 'needs'] as const;

export const CATEGORIES: readonly NeedCategory[] = [
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
];
export const URGENCIES: readonly NeedUrgency[] = ['urgent', 'high', 'normal', 'low'];
export const STATUSES: readonly NeedStatus[] = ['open', 'in_progress', 'resolved', 'closed', 'withdrawn'];

/** The status moves a worker may choose on a case (resolving has its own dialog). */
export function movesOf(status: NeedStatus): ('in_progress' | 'closed' | 'withdrawn' | 'open')[] {
  switch (status) {
    case 'open':
      return ['in_progress', 'withdrawn'];
    case 'in_progress':
      return ['withdrawn'];
    case 'resolved':
      return ['closed', 'open'];
    case 'closed':
    case 'withdrawn':
      return ['open'];
  }
}
export const canResolve = (status: NeedStatus) => status === 'open' || status === 'in_progress';

/** A reference read out character by character ("X Q 2 0 2 6 …") so a screen reader does not say "二千零二十六". */
export function spokenRef(ref: string): string {
  return ref.replace(/-/g, '').split('').join(' ');
}

/** Whole hours in [1, 8760]. */
export function validHours(v: unknown): boolean {
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isInteger(n) && n >= 1 && n <= 8760;
}
