/** Small pieces shared by the tracking map pages: state words, marker of a live row, "how long ago". */
import type { TFunction } from 'i18next';
import { initials, sinceParts } from './geo';
import { useMT } from './i18n';
import type { Live } from './model';
import type { MapMarker } from './types';

type MT = TFunction<'trackingMap'>;

/** The marker of a live row: initials, and its state as a symbol (never colour alone). */
export function liveMarker(r: Live, index: number, t: MT): MapMarker {
  const label = initials(r.name, t('live.deviceShort', { n: index + 1 }));
  const position = { latitude: r.latitude!, longitude: r.longitude! };
  if (r.openAlerts > 0) return { id: r.deviceId, position, label, symbol: '!', kind: 'alert' };
  if (r.zoneState === 'outside') return { id: r.deviceId, position, label, symbol: '▲', kind: 'outside' };
  if (r.status === 'offline') return { id: r.deviceId, position, label, symbol: '■', kind: 'offline' };
  return { id: r.deviceId, position, label, symbol: '●', kind: 'normal' };
}

export function stateText(r: Pick<Live, 'status'>, t: MT): string {
  return r.status === 'online'
    ? t('state.online')
    : r.status === 'offline'
      ? t('state.offline')
      : t('state.unknown');
}

export function zoneText(z: Live['zoneState'], t: MT): string {
  return z === 'inside' ? t('zone.inside') : z === 'outside' ? t('zone.outside') : t('zone.unknown');
}

export function batteryText(b: number | null, t: MT): string {
  return b === null ? t('battery.unknown') : t('battery.percent', { n: b });
}

export function sinceText(iso: string | null | undefined, now: number, t: MT): string {
  const s = sinceParts(iso, now);
  if (!s) return t('since.never');
  if (s.unit === 'justNow') return t('since.justNow');
  return t(`since.${s.unit}`, { count: s.count });
}

export function SinceText({ iso, now }: { iso: string | null | undefined; now: number }) {
  const { t } = useMT();
  return <>{sinceText(iso, now, t)}</>;
}
