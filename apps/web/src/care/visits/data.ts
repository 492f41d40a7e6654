/** Queries of the care visits pages: pairings, visits, pickers (teams, volunteers, staff, workers, persons). */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import type { MyPairing, MyVisit, Page, Pairing, Visit } from './model';

export const CARE_KEY = ['care'] as const;
export const PAIRINGS_KEY = ['care', 'pairings'] as const;
export const VISITS_KEY = ['care', 'visits'] as const;

export interface Option {
  value: string;
  label: string;
}

export function usePairing(id: string | undefined) {
  return useQuery({
    queryKey: [...PAIRINGS_KEY, 'one', id],
    queryFn: ({ signal }) => api.get<Pairing>(`/care/pairings/${id}`, { signal }),
    enabled: Boolean(id),
    retry: false,
  });
}

export function useVisit(id: string | undefined) {
  return useQuery({
    queryKey: [...VISITS_KEY, 'one', id],
    queryFn: ({ signal }) => api.get<Visit>(`/care/visits/${id}`, { signal }),
    enabled: Boolean(id),
    retry: false,
  });
}

export function usePairingVisits(pairingId: string | undefined) {
  return useQuery({
    queryKey: [...VISITS_KEY, 'list', { pairingId }],
    queryFn: ({ signal }) =>
      api.get<Page<Visit>>('/care/visits', { query: { pairingId, limit: 100 }, signal }),
    enabled: Boolean(pairingId),
  });
}

/** A pairing's planned visits, the earliest first (recording "a visit" for the pairing records the first of them). */
export function usePlannedVisits(pairingId: string | undefined) {
  return useQuery({
    queryKey: [...VISITS_KEY, 'list', { pairingId, state: 'planned' }],
    queryFn: ({ signal }) =>
      api.get<Page<Visit>>('/care/visits', { query: { pairingId, state: 'planned', limit: 50 }, signal }),
    enabled: Boolean(pairingId),
    select: (p) => [...p.items].reverse(),
  });
}

export function useTeams(enabled = true) {
  return useQuery({
    queryKey: ['care', 'organisations', 'all'],
    queryFn: ({ signal }) =>
      api.get<Page<{ id: string; name: string; kind: string }>>('/care/organisations', {
        query: { limit: 200 },
        signal,
      }),
    staleTime: 60_000,
    enabled,
    select: (p): Option[] =>
      p.items.filter((o) => o.kind !== 'partner').map((o) => ({ value: o.id, label: o.name })),
  });
}

export function useVolunteers(enabled = true) {
  return useQuery({
    queryKey: ['care', 'volunteers', 'all'],
    queryFn: ({ signal }) =>
      api.get<Page<{ id: string; name: string }>>('/care/volunteers', { query: { limit: 200 }, signal }),
    staleTime: 60_000,
    enabled,
    select: (p): Option[] => p.items.map((v) => ({ value: v.id, label: v.name })),
  });
}

/** Workers who may be responsible for this person's visits. */
export function useWorkers(personId: string | undefined) {
  return useQuery({
    queryKey: ['care', 'visit-workers', personId],
    queryFn: ({ signal }) =>
      api.get<{ id: string; displayName: string }[]>(`/care/visit-workers/${personId}`, { signal }),
    enabled: Boolean(personId),
    staleTime: 60_000,
    select: (rows): Option[] => rows.map((u) => ({ value: u.id, label: u.displayName })),
  });
}

/** Registry persons by name or ID number (persons.read), for the pairing form. */
export function usePersonSearch(q: string) {
  return useQuery({
    queryKey: ['persons', 'search', q],
    queryFn: ({ signal }) =>
      api.get<Page<{ id: string; name: string; idNumber: string; streetCode: string }>>('/persons', {
        query: { q, limit: 20 },
        signal,
      }),
    enabled: q.trim().length > 0,
    staleTime: 30_000,
    select: (p): Option[] => p.items.map((x) => ({ value: x.id, label: `${x.name}（${x.idNumber}）` })),
  });
}

export function useMyPairings() {
  return useQuery({
    queryKey: ['care', 'me', 'pairings'],
    queryFn: ({ signal }) => api.get<MyPairing[]>('/care/me/pairings', { signal }),
  });
}

export function useMyVisits() {
  return useQuery({
    queryKey: ['care', 'me', 'visits'],
    queryFn: ({ signal }) => api.get<MyVisit[]>('/care/me/visits', { signal }),
  });
}

/** "2026-03-02T10:00:00+08:00" → "2026-03-02 10:00" in Shanghai time. */
export function shanghaiDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
}
