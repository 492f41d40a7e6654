/** Meetings and work plans (issue 6, item 6): projects, meetings, work items — one place to reach them. */
import type { Platform } from '../../../platform/platform.js';
import type { Actor } from '../../../platform/access/actor.js';
import { PlanProjects } from './plans.projects.js';
import { PlanMeetings } from './plans.meetings.js';
import { PlanItems } from './plans.items.js';
import { needByRef, planners } from './plans.common.js';
import type { NeedsService } from '../needs/needs.service.js';

export class PlansService {
  readonly projects: PlanProjects;
  readonly meetings: PlanMeetings;
  readonly items: PlanItems;

  constructor(
    private readonly p: Platform,
    needs?: NeedsService,
  ) {
    this.projects = new PlanProjects(p);
    this.meetings = new PlanMeetings(p);
    this.items = new PlanItems(p, needs);
  }

  /** Fix the clock of the overdue checks (tests). */
  setClock(now: () => Date) {
    this.projects.now = now;
    this.items.now = now;
  }

  /** Staff who may own work items. */
  planners() {
    return planners(this.p.database.db);
  }

  /** A need by its ref for the meeting form: at most one, only inside the caller's scope. */
  async needsByRef(actor: Actor, ref: string | undefined) {
    if (!ref) return [];
    const n = await needByRef(this.p.database.db, actor, ref.toUpperCase());
    return n ? [n] : [];
  }
}
