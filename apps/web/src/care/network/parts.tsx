/** Queries and small shared pieces of the care network pages. */
import { useQuery } from '@tanstack/react-query';
import { api, isApiError } from '../../api';
import type { Page } from '../../types';
import { ORGS_KEY, type Organisation } from './model';
import './network.css';

/** Every organisation and team (a district has dozens, not thousands): pages of 200 followed. */
export function useOrganisations() {
  return useQuery({
    queryKey: ORGS_KEY,
    queryFn: async ({ signal }) => {
      const out: Organisation[] = [];
      let cursor: string | null = null;
      do {
        const page: Page<Organisation> = await api.get<Page<Organisation>>('/care/organisations', {
          query: { limit: 200, cursor: cursor ?? undefined },
          signal,
        });
        out.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return out;
    },
    staleTime: 30_000,
  });
}

export const messageOf = (e: unknown, fallback: string) => (isApiError(e) ? e.detail : fallback);
