/**
 * Mounted in the app shell for users who handle alerts (loaded lazily): a new open alert is
 * impossible to miss — a banner, a frame round the page that flashes once a second (a steady
 * high-contrast frame with reduced motion or in care mode; never more than 3 flashes a second,
 * WCAG 2.3.1) until the alert is acknowledged or the flashing dismissed, a beep (unless muted) and
 * an assertive announcement for screen readers.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { Button } from 'antd';
import { useTT } from './i18n';
import { newIds, newestFirst } from './model';
import { useOpenAlerts } from './openAlerts';
import { EnableSoundButton, useAlertWords, useCentres, useSound } from './parts';
import { beep, soundStore, unlockSound } from './sound';

const DISMISSED_KEY = 'jinglin.tracking.dismissedAlerts';
const REPEAT_BEEP_MS = 15_000;

function readDismissed(): Set<string> {
  try {
    return new Set(JSON.parse(sessionStorage.getItem(DISMISSED_KEY) ?? '[]') as string[]);
  } catch {
    return new Set();
  }
}

function writeDismissed(ids: Set<string>) {
  try {
    sessionStorage.setItem(DISMISSED_KEY, JSON.stringify([...ids].slice(-500)));
  } catch {
    // storage unavailable: dismissal lasts for this page only
  }
}

export default function AlertWatcher() {
  const { t } = useTT();
  const { pathname } = useLocation();
  const open = useOpenAlerts(true);
  const centres = useCentres();
  const words = useAlertWords(centres.data);
  const sound = useSound();
  const items = useMemo(() => newestFirst(open.data?.items ?? []), [open.data]);
  const seen = useRef<Set<string> | null>(null);
  const [dismissed, setDismissed] = useState<Set<string>>(readDismissed);
  const [announcement, setAnnouncement] = useState('');
  const active = items.filter((a) => !dismissed.has(a.id));
  const alarming = active.length > 0;

  // The first click or key press anywhere also unlocks sound (the prompt stays for clarity).
  useEffect(() => {
    soundStore.refresh();
    const unlock = () => {
      void unlockSound().then(() => soundStore.refresh());
    };
    document.addEventListener('pointerdown', unlock, { once: true });
    document.addEventListener('keydown', unlock, { once: true });
    return () => {
      document.removeEventListener('pointerdown', unlock);
      document.removeEventListener('keydown', unlock);
    };
  }, []);

  // New alerts since the last poll: announce and beep.
  useEffect(() => {
    if (!open.data) return;
    const fresh = seen.current === null ? items.map((a) => a.id) : newIds(seen.current, items);
    seen.current = new Set(items.map((a) => a.id));
    const first = items.find((a) => fresh.includes(a.id));
    if (!first) return;
    setAnnouncement(t('alarm.announce', { type: words.type(first), count: items.length }));
    if (!soundStore.get().muted) beep();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open.data]);

  // Repeat the beep while something is alarming (not dismissed, not acknowledged).
  useEffect(() => {
    if (!alarming || sound.muted) return;
    const id = window.setInterval(beep, REPEAT_BEEP_MS);
    return () => window.clearInterval(id);
  }, [alarming, sound.muted]);

  // The page-edge state lives on <html> so every page shows it.
  useEffect(() => {
    const root = document.documentElement;
    if (alarming) root.dataset.alarm = 'on';
    else delete root.dataset.alarm;
    return () => {
      delete root.dataset.alarm;
    };
  }, [alarming]);

  const dismiss = () => {
    const next = new Set(dismissed);
    for (const a of items) next.add(a.id);
    setDismissed(next);
    writeDismissed(next);
  };

  const newest = active[0];
  return (
    <>
      <div className="visually-hidden" role="alert" aria-live="assertive" aria-atomic="true">
        {announcement}
      </div>
      {alarming && <div className="alarm-edge" aria-hidden="true" />}
      {newest && (
        <section className="alarm-banner" aria-labelledby="alarm-banner-title" data-testid="alarm-banner">
          <h2 id="alarm-banner-title" className="alarm-banner-title">
            <span aria-hidden="true">⚠ </span>
            {active.length > 1 ? t('alarm.bannerCount', { count: active.length }) : t('alarm.banner')}
          </h2>
          <p className="alarm-banner-text">
            {t('alarm.newAlert', {
              type: words.type(newest),
              who: words.who(newest),
              centre: words.centre(newest.centreId),
              when: words.when(newest.openedAt),
            })}
          </p>
          <div className="alarm-banner-actions">
            {pathname !== '/tracking/alerts' && (
              <Link to="/tracking/alerts" className="alarm-banner-link">
                {t('alarm.view')}
              </Link>
            )}
            <Button onClick={dismiss} aria-describedby="alarm-dismiss-help">
              {t('alarm.dismiss')}
            </Button>
            <span id="alarm-dismiss-help" className="help-text">
              {t('alarm.dismissHelp')}
            </span>
            {!sound.muted && sound.blocked && <EnableSoundButton />}
          </div>
        </section>
      )}
    </>
  );
}
