import { useQuery } from '@tanstack/react-query';
import { api } from './api';
import type { AreasResponse } from './types';

/** GET /api/v1/areas (streets with their communities), cached for the session. */
export function useAreas(enabled = true) {
  return useQuery({
    queryKey: ['areas'],
    queryFn: () => api.get<AreasResponse>('/areas'),
    enabled,
    staleTime: 10 * 60_000,
  });
}
