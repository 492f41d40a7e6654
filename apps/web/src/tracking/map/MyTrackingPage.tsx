/**
 * 定位手表 (guardian portal): the ward's last position on a map and in plain words (when, battery,
 * whether inside the centre's safe zone), and the ward's alerts of the last 30 days. Nothing else.
 */
import { useMemo } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../api';
import { ErrorSummary } from '../../components/ErrorSummary';
import { PageTitle } from '../../components/PageTitle';
import { formatTime } from '../../labels';
import { initials } from './geo';
import { useMT } from './i18n';
import type { Alert, Live, Zone } from './model';
import { sinceText } from './parts';
import { TrackingMap } from './TrackingMap';

export default function MyTrackingPage() {
  const { t, i18n } = useMT();
  const qc = useQueryClient();
  const wards = useQuery({
    queryKey: ['tracking', 'me'],
    // Polls after the first load keep no session alive (the server's idle clock ignores them).
    queryFn: ({ signal }) =>
      api.get<Live[]>('/me/tracking', {
        signal,
        background: qc.getQueryData(['tracking', 'me']) !== undefined,
      }),
    refetchInterval: 60_000,
  });
  const zones = useQuery({
    queryKey: ['tracking', 'me', 'zones'],
    queryFn: ({ signal }) => api.get<Zone[]>('/me/tracking/zones', { signal }),
  });
  const alerts = useQuery({
    queryKey: ['tracking', 'me', 'alerts'],
    queryFn: ({ signal }) => api.get<Alert[]>('/me/tracking/alerts', { signal }),
  });
  const error = wards.error ?? alerts.error;
  const now = wards.dataUpdatedAt;
  const nameOf = (personId: string | null) =>
    wards.data?.find((w) => w.personId === personId)?.name ?? t('me.yourWard');

  return (
    <div className="portal">
      <PageTitle title={t('me.title')} />
      <p>{t('me.intro')}</p>
      {error && <ErrorSummary items={[{ message: isApiError(error) ? error.detail : t('network') }]} />}
      {wards.isPending && <p role="status">{t('map.loading')}</p>}
      {wards.data && wards.data.length === 0 && <p>{t('me.none')}</p>}
      {wards.data?.map((w, i) => (
        <Ward
          key={w.deviceId}
          ward={w}
          index={i}
          now={now}
          zones={(zones.data ?? []).filter(
            (z) => z.centreId === w.centreId && (!z.personId || z.personId === w.personId),
          )}
        />
      ))}
      <section aria-labelledby="me-alerts">
        <h2 id="me-alerts">{t('me.alertsTitle')}</h2>
        {alerts.data && alerts.data.length === 0 && <p>{t('me.noAlerts')}</p>}
        {alerts.data && alerts.data.length > 0 && (
          <ul className="tm-alert-list">
            {alerts.data.map((a) => (
              <li key={a.id}>
                <strong>{t(`alertType.${a.type}`)}</strong>
                {'：'}
                {t('me.alertLine', {
                  name: nameOf(a.personId),
                  time: formatTime(a.openedAt, i18n.language),
                  state: t(`alertState.${a.state}`),
                })}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function Ward({ ward: w, index, now, zones }: { ward: Live; index: number; now: number; zones: Zone[] }) {
  const { t, i18n } = useMT();
  const name = w.name ?? t('me.yourWard');
  const headingId = `ward-${w.deviceId}`;
  const textId = `ward-text-${w.deviceId}`;
  const hasFix = w.latitude !== null && w.longitude !== null && w.lastFixTime !== null;
  const markers = useMemo(
    () =>
      hasFix
        ? [
            {
              id: w.deviceId,
              position: { latitude: w.latitude!, longitude: w.longitude! },
              label: initials(w.name, t('live.deviceShort', { n: index + 1 })),
              symbol: w.zoneState === 'outside' ? '▲' : '●',
              kind: w.zoneState === 'outside' ? ('outside' as const) : ('normal' as const),
            },
          ]
        : [],
    [hasFix, w, index, t],
  );
  const mapZones = useMemo(() => zones.map((z) => ({ ...z, label: z.name })), [zones]);
  return (
    <section aria-labelledby={headingId} className="tm-ward">
      <h2 id={headingId}>{t('me.wardTitle', { name })}</h2>
      <ul id={textId} className="tm-plain">
        <li>
          {hasFix
            ? t('me.lastFix', {
                time: formatTime(w.lastFixTime, i18n.language),
                since: sinceText(w.lastFixTime, now, t),
              })
            : t('me.noFix')}
        </li>
        <li>
          {w.zoneState === 'inside'
            ? t('me.inside')
            : w.zoneState === 'outside'
              ? t('me.outside')
              : t('me.zoneUnknown')}
        </li>
        <li>
          {w.batteryPercent === null ? t('me.batteryUnknown') : t('me.battery', { n: w.batteryPercent })}
          {w.batteryPercent !== null && w.batteryPercent <= 20 ? ` ${t('me.charge')}` : ''}
        </li>
        <li>
          {w.status === 'offline'
            ? t('me.offline')
            : w.status === 'online'
              ? t('me.online')
              : t('me.statusUnknown')}
        </li>
        {w.openAlerts > 0 && <li>{t('me.openAlerts', { count: w.openAlerts })}</li>}
      </ul>
      {hasFix && (
        <TrackingMap
          label={t('me.mapLabel', { name })}
          describedBy={textId}
          markers={markers}
          zones={mapZones}
          fitKey={w.deviceId}
          height={320}
          legend={false}
        />
      )}
    </section>
  );
}
