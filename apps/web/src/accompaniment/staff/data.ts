/** Types and queries of the staff accompaniment pages (coordinator, hospital desk, statistics). */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';

export const ACC_KEY = ['accompaniment'] as const;
export const SERVICES = ['sign_language', 'blind_guide', 'wheelchair'] as const;
export type Service = (typeof SERVICES)[number];
export const STEPS = [
  'registration',
  'consultation',
  'tests',
  'payment',
  'pharmacy',
  'interpretation',
  'other',
] as const;
export type Step = (typeof STEPS)[number];
export type BookingState = 'booked' | 'cancelled' | 'checked_in' | 'completed' | 'no_show';
export const BOOKING_STATES: readonly BookingState[] = [
  'booked',
  'checked_in',
  'completed',
  'no_show',
  'cancelled',
];
/** The volunteer skill a service needs (as the server's SKILL_FOR). */
export const SKILL_FOR: Record<Service, string> = {
  sign_language: 'sign_language',
  blind_guide: 'blind_guiding',
  wheelchair: 'wheelchair_assistance',
};

export interface Hospital {
  id: string;
  code: string;
  name: string;
  address: string;
  meetingPoint: string;
  departments: { code: string; name: string }[];
  phone: string;
  active: boolean;
  version: number;
}
export interface Session {
  id: string;
  hospitalId: string;
  weekday: number;
  startsAt: string;
  endsAt: string;
  services: Service[];
  capacity: number;
  minLevel: number;
  validFrom: string;
  validTo: string | null;
  active: boolean;
  version: number;
}
export interface Occurrence {
  sessionId: string;
  hospitalId: string;
  date: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
  services: Service[];
  booked: number;
  unfilled: number;
  off: { kind: 'holiday' | 'cancelled'; reason: string } | null;
}
export interface Booking {
  id: string;
  ref: string;
  hospital: { id: string; name: string; meetingPoint: string };
  sessionId: string;
  date: string;
  startsAt: string;
  endsAt: string;
  service: Service;
  department: string;
  note: string;
  channel: 'portal' | 'guardian' | 'community' | 'hotline';
  state: BookingState;
  personName: string;
  volunteer: { id: string; name: string } | null;
  offer: { volunteerId: string; state: 'offered' | 'accepted' | 'declined' | 'withdrawn' } | null;
  checkedInAt: string | null;
  checkedOutAt: string | null;
  minutes: number | null;
  steps: Step[];
  rating: number | null;
  feedback: string;
  version: number;
}
export interface Holiday {
  date: string;
  name: string;
  workday: boolean;
}
export interface AssignRun {
  considered: number;
  offered: number;
  unfilled: { bookingId: string; refusals: Record<string, string> }[];
}
export interface DeskRow {
  id: string;
  ref: string;
  startsAt: string;
  endsAt: string;
  service: Service;
  department: string;
  personName: string;
  volunteerName: string | null;
  state: BookingState;
  checkedInAt: string | null;
  checkedOutAt: string | null;
  version: number;
}
export interface DeskList {
  hospital: { id: string; name: string; meetingPoint: string } | null;
  rows: DeskRow[];
}
export interface Stats {
  year: number;
  targets: { sessionsPerWeek: number; personTimesPerYear: number };
  personTimes: number;
  weeks: { monday: string; sessionsHeld: number; personTimes: number; noShows: number }[];
}

export function shanghaiToday(now = Date.now()): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
}
/** Has the occurrence (Shanghai date, HH:MM) not started yet? */
export function notStarted(o: { date: string; startsAt: string }, now = Date.now()): boolean {
  const sh = new Date(now + 8 * 3600_000).toISOString();
  const today = sh.slice(0, 10);
  return o.date > today || (o.date === today && o.startsAt > sh.slice(11, 16));
}
/** The day `n` days after `day` (YYYY-MM-DD). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
/** The Monday of the week holding `day`. */
export function mondayOf(day: string): string {
  const wd = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((wd + 6) % 7));
}
/** ISO weekday 1–7 (Monday 1) of a day. */
export function weekdayOf(day: string): number {
  const wd = new Date(`${day}T00:00:00Z`).getUTCDay();
  return wd === 0 ? 7 : wd;
}

/** An instant (ISO) as Shanghai wall-clock time "HH:MM"; "HH:MM" stays as it is. */
export function hhmm(v: string): string {
  if (/^\d\d:\d\d$/.test(v)) return v;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? v : new Date(ms + 8 * 3600_000).toISOString().slice(11, 16);
}
/** The API gives occurrences', bookings' and desk rows' times as instants: the pages show HH:MM. */
export function withTimes<T extends { startsAt: string; endsAt: string }>(x: T): T {
  return { ...x, startsAt: hhmm(x.startsAt), endsAt: hhmm(x.endsAt) };
}

export function useHospitals() {
  return useQuery({
    queryKey: [...ACC_KEY, 'hospitals'],
    queryFn: ({ signal }) => api.get<Hospital[]>('/accompaniment/hospitals', { signal }),
    staleTime: 30_000,
  });
}
export function useSessions(hospitalId?: string) {
  return useQuery({
    queryKey: [...ACC_KEY, 'sessions', hospitalId ?? 'all'],
    queryFn: ({ signal }) => api.get<Session[]>('/accompaniment/sessions', { query: { hospitalId }, signal }),
  });
}
export function useCalendar(hospitalId: string | undefined, from: string, to: string) {
  return useQuery({
    queryKey: [...ACC_KEY, 'calendar', hospitalId, from, to],
    queryFn: ({ signal }) =>
      api.get<Occurrence[]>('/accompaniment/calendar', { query: { hospitalId, from, to }, signal }),
    enabled: Boolean(hospitalId),
    select: (list) => list.map(withTimes),
  });
}
export interface BookingFilter {
  hospitalId?: string;
  from?: string;
  to?: string;
  state?: BookingState;
  unfilled?: '1';
  limit?: number;
}
export function useBookings(filter: BookingFilter, enabled = true) {
  return useQuery({
    queryKey: [...ACC_KEY, 'bookings', filter],
    queryFn: ({ signal }) => api.get<Booking[]>('/accompaniment/bookings', { query: { ...filter }, signal }),
    enabled,
    select: (list) => list.map(withTimes),
  });
}
export function useBooking(id: string | undefined) {
  return useQuery({
    queryKey: [...ACC_KEY, 'booking', id],
    queryFn: ({ signal }) => api.get<Booking>(`/accompaniment/bookings/${id}`, { signal }),
    enabled: Boolean(id),
    select: withTimes,
    retry: false,
  });
}
/** Volunteers with the skill a service needs (the override picker). */
export function useSkilledVolunteers(service: Service | undefined) {
  return useQuery({
    queryKey: ['care', 'volunteers', 'skill', service],
    queryFn: ({ signal }) =>
      api.get<{ items: { id: string; name: string }[] }>('/care/volunteers', {
        query: { skill: service ? SKILL_FOR[service] : undefined, limit: 200 },
        signal,
      }),
    enabled: Boolean(service),
    select: (p) => p.items.map((v) => ({ value: v.id, label: v.name })),
  });
}
export function useAllVolunteerNames(enabled: boolean) {
  return useQuery({
    queryKey: ['care', 'volunteers', 'names'],
    queryFn: ({ signal }) =>
      api.get<{ items: { id: string; name: string }[] }>('/care/volunteers', {
        query: { limit: 200 },
        signal,
      }),
    enabled,
    staleTime: 60_000,
    select: (p) => new Map(p.items.map((v) => [v.id, v.name])),
  });
}

/** A department's name from its code (bookings keep the code); unknown codes show as they are. */
export function useDepartmentName() {
  const hospitals = useHospitals();
  return (hospitalId: string | undefined, code: string) =>
    hospitals.data?.find((h) => h.id === hospitalId)?.departments.find((d) => d.code === code)?.name ?? code;
}
