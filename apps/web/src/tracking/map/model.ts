/** The tracking maps' API shapes and queries (positions are WGS-84 everywhere; see geo.ts). */
import { useQuery } from '@tanstack/react-query';
import type {
  AlertOut,
  DayCentreOut,
  LivePositionOut,
  MapConfigOut,
  PositionOut,
  ZoneBody,
  ZoneOut,
} from '@jinglin/shared';
import { api } from '../../api';

type Out<S extends { parse: (v: unknown) => unknown }> = ReturnType<S['parse']>;

export type Live = Out<typeof LivePositionOut>;
export type Zone = Out<typeof ZoneOut>;
export type Position = Out<typeof PositionOut>;
export type Centre = Out<typeof DayCentreOut>;
export type Alert = Out<typeof AlertOut>;
export type MapConfig = MapConfigOut;
export type ZoneInput = ZoneBody;

export const NO_TILES: MapConfig = { tileUrl: '', tileCrs: 'gcj02', attribution: '' };

/** The map settings (JINGLIN_MAP_*): read once per session. */
export function useMapConfig() {
  return useQuery({
    queryKey: ['tracking', 'map-config'],
    queryFn: ({ signal }) => api.get<MapConfig>('/tracking/map-config', { signal }),
    staleTime: Infinity,
  });
}

export function useCentres() {
  return useQuery({
    queryKey: ['tracking', 'centres'],
    queryFn: ({ signal }) => api.get<Centre[]>('/tracking/centres', { signal }),
  });
}

export function useCentreZones(centreId: string | null) {
  return useQuery({
    queryKey: ['tracking', 'centre-zones', centreId],
    queryFn: ({ signal }) => api.get<Zone[]>(`/tracking/centres/${centreId}/zones`, { signal }),
    enabled: !!centreId,
  });
}

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Every position of a device in [from, to) (the server pages them; each request is audited). */
export async function fetchPositions(
  deviceId: string,
  from: string,
  to: string,
  signal?: AbortSignal,
): Promise<Position[]> {
  const out: Position[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 20; i++) {
    const page: Page<Position> = await api.get<Page<Position>>(`/tracking/devices/${deviceId}/positions`, {
      query: { from, to, limit: 5000, cursor },
      signal,
    });
    out.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return out;
}
