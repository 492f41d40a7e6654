/**
 * Volunteer assignment for hospital accompaniment (S6, 静安有爱 就医无碍) — pure, so its rules can be
 * proved by property tests. A booking needs one volunteer with the service's skill at or above the
 * booking's minimum level, available for the whole visit (weekly pattern and dated exceptions),
 * willing to serve at that hospital, not already serving another booking that overlaps it, and
 * who has not declined this booking. Among those, the fairest choice: the fewest assignments in
 * the load window (counting those made in this run), then the longest since their last service,
 * then the id (deterministic).
 *
 * Bookings are filled scarcest first (fewest eligible volunteers), then earliest, so that a
 * booking only one volunteer can serve is not lost to one many could. A booking left unfilled
 * says why for each volunteer (the coordinator's override screen shows it).
 */
import type { Availability } from '@jinglin/shared';
import { isAvailableThroughout } from '../care/care.availability.js';

export const ACCOMPANIMENT_SERVICES = ['sign_language', 'blind_guide', 'wheelchair'] as const;
export type AccompanimentService = (typeof ACCOMPANIMENT_SERVICES)[number];

/** The volunteer skill a service needs. */
export const SKILL_FOR: Record<AccompanimentService, string> = {
  sign_language: 'sign_language',
  blind_guide: 'blind_guiding',
  wheelchair: 'wheelchair_assistance',
};

export interface BookingNeed {
  id: string;
  hospitalId: string;
  service: AccompanimentService;
  minLevel: number;
  start: Date;
  end: Date;
}

export interface Candidate {
  id: string;
  active: boolean;
  skills: readonly { skill: string; level: number }[];
  availability: Availability;
  /** Hospitals the volunteer is willing to serve at; empty = none. */
  hospitalIds: readonly string[];
  /** Assignments in the load window before this run (fairness). */
  load: number;
  /** When they last served (fairness tie-break); null = never. */
  lastServedAt: Date | null;
  /** Bookings they already serve: never overlapped. */
  busy: readonly { start: Date; end: Date }[];
  /** Bookings this volunteer declined: never offered again. */
  declined: readonly string[];
}

export type Refusal = 'inactive' | 'skill' | 'level' | 'hospital' | 'unavailable' | 'busy' | 'declined';

export interface Assignment {
  bookingId: string;
  volunteerId: string | null;
  /** For an unfilled booking: why each volunteer could not take it. */
  refusals?: Record<string, Refusal>;
}

const overlaps = (a: { start: Date; end: Date }, b: { start: Date; end: Date }) =>
  a.start.getTime() < b.end.getTime() && b.start.getTime() < a.end.getTime();

/** Why a volunteer cannot take a booking (ignoring what this run assigns), or null if they can. */
export function refusalOf(c: Candidate, b: BookingNeed): Refusal | null {
  if (!c.active) return 'inactive';
  const skill = c.skills.find((s) => s.skill === SKILL_FOR[b.service]);
  if (!skill) return 'skill';
  if (skill.level < b.minLevel) return 'level';
  if (!c.hospitalIds.includes(b.hospitalId)) return 'hospital';
  if (c.declined.includes(b.id)) return 'declined';
  if (!isAvailableThroughout(c.availability, b.start, b.end)) return 'unavailable';
  if (c.busy.some((x) => overlaps(x, b))) return 'busy';
  return null;
}

export function assignVolunteers(
  bookings: readonly BookingNeed[],
  candidates: readonly Candidate[],
): Assignment[] {
  const eligible = new Map(
    bookings.map((b) => [b.id, candidates.filter((c) => refusalOf(c, b) === null)] as const),
  );
  const order = [...bookings].sort(
    (x, y) =>
      eligible.get(x.id)!.length - eligible.get(y.id)!.length ||
      x.start.getTime() - y.start.getTime() ||
      (x.id < y.id ? -1 : x.id > y.id ? 1 : 0),
  );
  const added = new Map<string, BookingNeed[]>();
  const extraLoad = new Map<string, number>();
  const loadOf = (c: Candidate) => c.load + (extraLoad.get(c.id) ?? 0);
  const out = new Map<string, Assignment>();
  for (const b of order) {
    const free = eligible.get(b.id)!.filter((c) => !(added.get(c.id) ?? []).some((x) => overlaps(x, b)));
    free.sort(
      (x, y) =>
        loadOf(x) - loadOf(y) ||
        (x.lastServedAt?.getTime() ?? -Infinity) - (y.lastServedAt?.getTime() ?? -Infinity) ||
        (x.id < y.id ? -1 : x.id > y.id ? 1 : 0),
    );
    const chosen = free[0];
    if (chosen) {
      added.set(chosen.id, [...(added.get(chosen.id) ?? []), b]);
      extraLoad.set(chosen.id, (extraLoad.get(chosen.id) ?? 0) + 1);
      out.set(b.id, { bookingId: b.id, volunteerId: chosen.id });
    } else {
      const refusals: Record<string, Refusal> = {};
      for (const c of candidates) refusals[c.id] = refusalOf(c, b) ?? 'busy';
      out.set(b.id, { bookingId: b.id, volunteerId: null, refusals });
    }
  }
  return bookings.map((b) => out.get(b.id)!);
}
