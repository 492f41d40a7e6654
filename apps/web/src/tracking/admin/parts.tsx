/** Small pieces the tracking administration pages share: alert words, centre names, sound controls. */
import { useSyncExternalStore } from 'react';
import { Button } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import { useAnnounce } from '../../announce';
import { formatTime } from '../../labels';
import { useTT } from './i18n';
import { alertTypeKey, type Alert, type Centre } from './model';
import { soundStore, soundSupported } from './sound';
import './tracking-admin.css';

export const CENTRES_KEY = ['tracking', 'centres'] as const;

/** GET /api/v1/tracking/centres (tracking.read). */
export function useCentres(enabled = true) {
  return useQuery({
    queryKey: CENTRES_KEY,
    queryFn: ({ signal }) => api.get<Centre[]>('/tracking/centres', { signal }),
    enabled,
    staleTime: 60_000,
  });
}

/** Words for an alert: its type, when, who and where. */
export function useAlertWords(centres: readonly Centre[] | undefined) {
  const { t, i18n } = useTT();
  const lang = i18n.language;
  const type = (a: Pick<Alert, 'type'>) => {
    const key = alertTypeKey(a.type);
    return key ? t(key) : a.type;
  };
  const when = (iso: string | null | undefined) => formatTime(iso, lang, true);
  const centre = (id: string | null) => (id && centres?.find((c) => c.id === id)?.name) || t('unknownCentre');
  const who = (a: Alert) =>
    a.personName ??
    (a.personId
      ? t('devices.boundPerson')
      : `${t('unbound')}${a.deviceUniqueId ? ` ${a.deviceUniqueId}` : ''}`);
  return { type, when, centre, who };
}

export function useSound() {
  return useSyncExternalStore(soundStore.subscribe, soundStore.get, soundStore.get);
}

/** Mute / unmute (remembered in this browser) and the one click browsers need before sound plays. */
export function SoundControls() {
  const { t } = useTT();
  const announce = useAnnounce();
  const sound = useSound();
  if (!soundSupported()) return null;
  return (
    <div className="sound-controls">
      <span className="sound-state">{sound.muted ? t('alarm.soundOff') : t('alarm.soundOn')}</span>
      <Button
        aria-pressed={!sound.muted}
        onClick={() => {
          soundStore.setMuted(!sound.muted);
          announce(sound.muted ? t('alarm.soundEnabled') : t('alarm.soundMuted'));
          if (sound.muted) void soundStore.enable();
        }}
      >
        {sound.muted ? t('alarm.unmute') : t('alarm.mute')}
      </Button>
      {!sound.muted && sound.blocked && <EnableSoundButton />}
    </div>
  );
}

export function EnableSoundButton() {
  const { t } = useTT();
  const announce = useAnnounce();
  return (
    <span className="enable-sound">
      <Button
        type="primary"
        onClick={() => {
          void soundStore.enable().then((ok) => {
            if (ok) announce(t('alarm.soundEnabled'));
          });
        }}
      >
        {t('alarm.enableSound')}
      </Button>{' '}
      <span className="help-text">{t('alarm.enableSoundHelp')}</span>
    </span>
  );
}
