import { useQuery } from '@tanstack/react-query';
import { api, isApiError } from './api';
import type { AreasResponse, PersonOut } from './types';

/** GET /api/v1/areas (streets with their communities), cached for the session. */
export function useAreas(enabled = true) {
  return useQuery({
    queryKey: ['areas'],
    queryFn: () => api.get<AreasResponse>('/areas'),
    enabled,
    staleTime: 10 * 60_000,
  });
}

/** GET /api/v1/persons/:id (identifiers masked). Its sub-resources use keys under ['person', id]. */
export function usePerson(id: string | undefined) {
  return useQuery({
    queryKey: ['person', id],
    queryFn: ({ signal }) => api.get<PersonOut>(`/persons/${id}`, { signal }),
    enabled: Boolean(id),
    retry: (n, e) => !(isApiError(e) && (e.status === 404 || e.status === 403)) && n < 1,
  });
}
