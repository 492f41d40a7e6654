/**
 * 实时位置: a day centre's trainees on the map, polled every 5 s, and the same in a table (status,
 * zone, battery, last fix and how long ago, open alerts, a link to the day's track).
 */
import { useId, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../api';
import { useMe } from '../../session';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorSummary } from '../../components/ErrorSummary';
import { PageTitle } from '../../components/PageTitle';
import { TableScroll } from '../../components/TableScroll';
import { clockTime, shanghaiDay } from './geo';
import { useMT } from './i18n';
import { useCentreZones, useCentres, type Live } from './model';
import { liveMarker, SinceText, stateText, zoneText, batteryText } from './parts';
import { TrackingMap } from './TrackingMap';
import type { MapZone } from './types';

export const POLL_MS = 5000;

export default function LivePage() {
  const { t } = useMT();
  const tableId = useId();
  const [params, setParams] = useSearchParams();
  const centres = useCentres();
  const { data: me } = useMe(false);
  // The first centre the user works at (staff see only their own centres' trainees).
  const own = centres.data?.find((c) => !!me && c.staffUserIds.includes(me.id));
  const centreId = params.get('centre') ?? own?.id ?? centres.data?.[0]?.id ?? null;
  const centre = centres.data?.find((c) => c.id === centreId);
  const qc = useQueryClient();
  const liveKey = ['tracking', 'live', centreId];
  const live = useQuery({
    queryKey: liveKey,
    // Every load after the first is a poll, not the user's activity: it keeps no session alive.
    queryFn: ({ signal }) =>
      api.get<Live[]>(`/tracking/centres/${centreId}/live`, {
        signal,
        background: qc.getQueryData(liveKey) !== undefined,
      }),
    enabled: !!centreId,
    refetchInterval: (q) => (q.state.error ? false : POLL_MS),
    retry: (n, e) => !(isApiError(e) && e.status === 404) && n < 2,
  });
  const zones = useCentreZones(centreId);
  const rows = useMemo(() => live.data ?? [], [live.data]);
  const now = live.dataUpdatedAt;

  const markers = useMemo(
    () => rows.flatMap((r, i) => (r.latitude !== null && r.longitude !== null ? [liveMarker(r, i, t)] : [])),
    [rows, t],
  );
  const mapZones = useMemo<MapZone[]>(
    () => (zones.data ?? []).map((z) => ({ ...z, label: z.name })),
    [zones.data],
  );

  const columns: Column<Live>[] = [
    { key: 'name', title: t('live.col.name'), rowHeader: true, render: (r) => r.name ?? t('live.noName') },
    { key: 'status', title: t('live.col.status'), render: (r) => stateText(r, t) },
    { key: 'zone', title: t('live.col.zone'), render: (r) => zoneText(r.zoneState, t) },
    { key: 'battery', title: t('live.col.battery'), render: (r) => batteryText(r.batteryPercent, t) },
    {
      key: 'fix',
      title: t('live.col.lastFix'),
      render: (r) => (r.lastFixTime ? clockTime(r.lastFixTime) : t('live.noFix')),
    },
    {
      key: 'since',
      title: t('live.col.since'),
      render: (r) => <SinceText iso={r.lastFixTime} now={now} />,
    },
    {
      key: 'alerts',
      title: t('live.col.alerts'),
      render: (r) => (r.openAlerts > 0 ? t('live.openAlerts', { count: r.openAlerts }) : t('live.noAlerts')),
    },
    {
      key: 'track',
      title: t('live.col.track'),
      render: (r) => (
        <Link
          to={`/tracking/devices/${r.deviceId}/track${r.lastFixTime ? `?day=${shanghaiDay(r.lastFixTime)}` : ''}`}
          aria-label={t('live.trackOf', { name: r.name ?? t('live.noName') })}
        >
          {t('live.track')}
        </Link>
      ),
    },
  ];

  const notStaff = isApiError(live.error) && live.error.status === 404;
  const error = centres.error ?? (notStaff ? null : live.error);
  return (
    <>
      <PageTitle title={t('live.title')} />
      <p>{t('live.intro')}</p>
      {error && <ErrorSummary items={[{ message: isApiError(error) ? error.detail : t('network') }]} />}
      {centres.data && centres.data.length === 0 && <p>{t('live.noCentres')}</p>}
      {centres.data && centres.data.length > 0 && (
        <p className="tm-field">
          <label htmlFor="live-centre">{t('live.centre')}</label>
          <select
            id="live-centre"
            value={centreId ?? ''}
            onChange={(e) => setParams({ centre: e.target.value }, { replace: true })}
          >
            {centres.data.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </p>
      )}
      {notStaff && (
        <p className="notice notice-warning" role="status">
          {t('live.notStaff')}
        </p>
      )}
      {centre && !notStaff && (
        <>
          <p className="muted">
            {t('live.refresh', { time: live.dataUpdatedAt ? clockTime(live.dataUpdatedAt) : '—' })}
          </p>
          {live.data && (
            // Announced only when a count changes (the text stays the same between polls).
            <p role="status" className="tm-summary">
              {t('live.summary', {
                total: rows.length,
                offline: rows.filter((r) => r.status === 'offline').length,
                outside: rows.filter((r) => r.zoneState === 'outside').length,
                alerts: rows.reduce((n, r) => n + r.openAlerts, 0),
              })}
            </p>
          )}
          <TrackingMap
            label={t('live.mapLabel', { centre: centre.name })}
            describedBy={tableId}
            zones={mapZones}
            markers={markers}
            fitKey={centre.id}
          />
          <h2 id={tableId}>{t('live.tableTitle', { centre: centre.name })}</h2>
          <TableScroll label={t('live.tableTitle', { centre: centre.name })}>
            <DataTable
              columns={columns}
              rows={rows}
              rowKey={(r) => r.deviceId}
              loading={live.isPending}
              emptyText={t('live.none')}
              rowClassName={(r) =>
                r.openAlerts > 0 || r.zoneState === 'outside' ? 'tm-row-attention' : undefined
              }
            />
          </TableScroll>
        </>
      )}
    </>
  );
}
