/** Types of the meetings and work plans API and the pure helpers of its pages (unit-tested). */
import type { z } from 'zod';
import type {
  MeetingOut,
  MeetingSummaryOut,
  PlanNeedOut,
  PlannerOut,
  ProjectOut,
  ProjectProgressOut,
  WorkItemOut,
  WorkQueueOut,
} from '@jinglin/shared';

export type Project = z.infer<typeof ProjectOut>;
export type Progress = z.infer<typeof ProjectProgressOut>;
export type Meeting = z.infer<typeof MeetingOut>;
export type MeetingSummary = z.infer<typeof MeetingSummaryOut>;
export type WorkItem = z.infer<typeof WorkItemOut>;
export type WorkQueue = z.infer<typeof WorkQueueOut>;
export type NeedRef = z.infer<typeof PlanNeedOut>;
export type Planner = z.infer<typeof PlannerOut>;
export type WorkStatus = WorkItem['status'];
export interface Paged<T> {
  items: T[];
  nextCursor: string | null;
}

export const PLANS_KEY = ['care', 'plans'] as const;
export const QUEUE_KEY = ['care', 'queue', 'work-items'] as const;

/** Which status may follow which (as the server: done and cancelled are final). */
export const NEXT_STATUS: Record<WorkStatus, WorkStatus[]> = {
  open: ['in_progress', 'done', 'cancelled'],
  in_progress: ['open', 'done', 'cancelled'],
  done: [],
  cancelled: [],
};

/** Move element `i` of a list by `by` places (kept inside the list). */
export function move<T>(list: readonly T[], i: number, by: -1 | 1): T[] {
  const j = i + by;
  if (j < 0 || j >= list.length) return [...list];
  const out = [...list];
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}

export interface StageDraft {
  key: string;
  name: string;
  tasks: { task: string; standard: string }[];
}

export type StageProblem =
  | { code: 'needStage' }
  | { code: 'keyRequired' | 'keyFormat' | 'keyDuplicate' | 'nameRequired'; stage: number }
  | { code: 'taskRequired'; stage: number; task: number };

/** The stage editor's checks before sending (the server checks the same). */
export function checkStages(stages: readonly StageDraft[]): StageProblem[] {
  const out: StageProblem[] = [];
  if (stages.length === 0) out.push({ code: 'needStage' });
  const seen = new Set<string>();
  stages.forEach((s, i) => {
    const key = s.key.trim();
    if (!key) out.push({ code: 'keyRequired', stage: i });
    else if (!/^[A-Za-z0-9_-]{1,40}$/.test(key)) out.push({ code: 'keyFormat', stage: i });
    else if (seen.has(key)) out.push({ code: 'keyDuplicate', stage: i });
    seen.add(key);
    if (!s.name.trim()) out.push({ code: 'nameRequired', stage: i });
    s.tasks.forEach((t, j) => {
      if (!t.task.trim()) out.push({ code: 'taskRequired', stage: i, task: j });
    });
  });
  return out;
}

/** A new stage's key: s1, s2, … the first not yet used. */
export function nextStageKey(stages: readonly StageDraft[]): string {
  const used = new Set(stages.map((s) => s.key));
  let n = stages.length + 1;
  while (used.has(`s${n}`)) n++;
  return `s${n}`;
}

/** Shanghai date and time of an instant, for display: 2026-03-02 09:30. */
export function shanghaiDateTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
}

/** A date and a time typed in Shanghai local time → an ISO instant with +08:00. */
export function toInstant(date: string, time: string): string {
  return `${date}T${time || '00:00'}:00+08:00`;
}
