/**
 * The open alerts, polled every 5 seconds: one query shared by the alert watcher, the inbox and
 * the count in the navigation (small, no messages: the app shell imports it).
 */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import type { Alert } from './model';

export const ALERTS_KEY = ['tracking', 'alerts'] as const;
export const OPEN_ALERTS_KEY = [...ALERTS_KEY, 'open'] as const;
export const POLL_MS = 5_000;

export interface AlertPage {
  items: Alert[];
  nextCursor: string | null;
}

export function fetchAlerts(state: Alert['state'], signal?: AbortSignal): Promise<AlertPage> {
  // A poll: it must not keep an idle session alive (the idle warning still comes, and signing in
  // again brings the alarm back).
  return api.get<AlertPage>('/tracking/alerts', { query: { state, limit: 200 }, signal, background: true });
}

export function useOpenAlerts(enabled: boolean) {
  return useQuery({
    queryKey: OPEN_ALERTS_KEY,
    queryFn: ({ signal }) => fetchAlerts('open', signal),
    enabled,
    refetchInterval: POLL_MS,
    refetchIntervalInBackground: true,
    staleTime: POLL_MS - 1_000,
    retry: 1,
  });
}
