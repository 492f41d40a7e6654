/** Needs rows → response shapes: the staff view, and the resident's (no staff notes or names). */
import type { MyNeedOut, NeedOut } from '@jinglin/shared';
import type { careNeedActions, careNeeds } from './needs.tables.js';

type Need = typeof careNeeds.$inferSelect;
type Action = typeof careNeedActions.$inferSelect;

const ACTIVE = new Set(['open', 'in_progress']);
export const isActive = (status: string) => ACTIVE.has(status);
export const isOverdue = (n: Pick<Need, 'status' | 'dueAt'>, now: Date) =>
  isActive(n.status) && n.dueAt.getTime() < now.getTime();
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toNeedOut(
  n: Need,
  extra: { personName: string; streetCode: string; ownerName: string | null },
  now = new Date(),
): NeedOut {
  return {
    id: n.id,
    ref: n.ref,
    personId: n.personId,
    personName: extra.personName,
    streetCode: extra.streetCode,
    source: n.source,
    visitId: n.visitId,
    category: n.category,
    urgency: n.urgency,
    title: n.title,
    description: n.description,
    ownerUserId: n.ownerUserId,
    ownerName: extra.ownerName,
    status: n.status,
    dueAt: n.dueAt.toISOString(),
    overdue: isOverdue(n, now),
    resolution: n.resolution,
    resolvedAt: iso(n.resolvedAt),
    outcomeNotifiedAt: iso(n.outcomeNotifiedAt),
    mustPhone: (n.status === 'resolved' || n.status === 'closed') && !n.outcomeNotifiedAt,
    escalationLevel: n.escalationLevel,
    escalatedAt: iso(n.escalatedAt),
    createdAt: n.createdAt.toISOString(),
    updatedAt: n.updatedAt.toISOString(),
    version: n.version,
  };
}

export function toActionOut(a: Action, actorName: string | null, subjectName: string | null = null) {
  return {
    id: a.id,
    at: a.at.toISOString(),
    kind: a.kind,
    note: a.note,
    detail: a.detail,
    actorUserId: a.actorUserId,
    actorName,
    subjectName: a.kind === 'assigned' ? subjectName : null,
  };
}

type Step = MyNeedOut['steps'][number]['kind'];

/** The steps a resident may see: received, being handled, resolved, reopened, closed, withdrawn. */
function publicStep(a: Action): Step | null {
  if (a.kind === 'created') return 'created';
  if (a.kind === 'resolved') return 'resolved';
  if (a.kind === 'reopened') return 'reopened';
  if (a.kind === 'status') {
    const to = a.detail.to;
    if (to === 'in_progress' || to === 'closed' || to === 'withdrawn') return to;
  }
  return null;
}

export function toMyNeedOut(n: Need, personName: string, actions: Action[]): MyNeedOut {
  return {
    id: n.id,
    ref: n.ref,
    personId: n.personId,
    personName,
    category: n.category,
    title: n.title,
    // What the resident wrote themselves; a staff-written description stays with staff.
    description: n.source === 'portal' ? n.description : '',
    status: n.status,
    createdAt: n.createdAt.toISOString(),
    dueAt: n.dueAt.toISOString(),
    resolvedAt: iso(n.resolvedAt),
    resolution: n.status === 'resolved' || n.status === 'closed' ? n.resolution : '',
    assigned: !!n.ownerUserId,
    steps: actions.flatMap((a) => {
      const kind = publicStep(a);
      return kind ? [{ at: a.at.toISOString(), kind }] : [];
    }),
  };
}

/** Keyset paging over UUIDv7 ids, newest first: the next cursor is the last id when the page is full. */
export function page<T extends { id: string }>(rows: T[], limit: number) {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
}
