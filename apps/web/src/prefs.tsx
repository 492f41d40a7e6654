import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api } from './api';
import { applyLanguage, isLanguage, storedLanguage } from './i18n';
import { ME_KEY, useMe } from './session';
import type { Preferences, SessionUser } from './types';

const CARE_KEY = 'jinglin.careMode';
const RATE_KEY = 'jinglin.readAloudRate';

export interface PrefsContextValue {
  /** In force now: the signed-in user's stored preferences, else this browser's. */
  prefs: Preferences;
  signedIn: boolean;
  /** Apply at once; when signed in also PATCH /api/v1/auth/me/preferences (rejects on failure). */
  setPrefs: (patch: Partial<Preferences>) => Promise<void>;
}

const PrefsContext = createContext<PrefsContextValue | null>(null);

function readLocal(): Preferences {
  let careMode = false;
  let readAloudRate = 1;
  try {
    careMode = localStorage.getItem(CARE_KEY) === '1';
    const r = Number(localStorage.getItem(RATE_KEY));
    if (Number.isFinite(r) && r >= 0.5 && r <= 2) readAloudRate = r;
  } catch {
    // storage unavailable: defaults
  }
  return { careMode, language: storedLanguage(), readAloudRate };
}

function writeLocal(p: Preferences): void {
  try {
    localStorage.setItem(CARE_KEY, p.careMode ? '1' : '0');
    localStorage.setItem(RATE_KEY, String(p.readAloudRate));
  } catch {
    // ignore
  }
}

function merged(local: Preferences, user: SessionUser | null | undefined): Preferences {
  const p = user?.preferences;
  if (!p) return local;
  return {
    careMode: Boolean(p.careMode),
    language: isLanguage(p.language) ? p.language : local.language,
    readAloudRate: typeof p.readAloudRate === 'number' ? p.readAloudRate : local.readAloudRate,
  };
}

export function PrefsProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  // Reads the cached session only; the layouts decide when to fetch it.
  const { data: me } = useMe(false);
  const [local, setLocal] = useState<Preferences>(readLocal);
  // When the session user changes, keep their preferences locally too, so the sign-in page after
  // logging out stays in the language and mode the person chose (React's "adjust state on prop
  // change" pattern, done during render rather than in an effect).
  const [seenMe, setSeenMe] = useState(me);
  if (seenMe !== me) {
    setSeenMe(me);
    if (me) setLocal(merged(local, me));
  }
  const prefs = useMemo(() => merged(local, me), [local, me]);

  // Apply to the page (and remember in this browser for the sign-in pages).
  useEffect(() => {
    applyLanguage(prefs.language);
    writeLocal(prefs);
    const root = document.documentElement;
    if (prefs.careMode) root.dataset.care = 'on';
    else delete root.dataset.care;
  }, [prefs]);

  const latest = useRef(0);
  const setPrefs = useCallback(
    async (patch: Partial<Preferences>) => {
      setLocal((cur) => ({ ...cur, ...patch }));
      const user = qc.getQueryData<SessionUser | null>(ME_KEY);
      if (!user) return;
      // Optimistic: show the change at once, undo it if the server refuses. Only the newest
      // request's answer is applied, so a slow earlier answer cannot undo a later change.
      const seq = ++latest.current;
      qc.setQueryData<SessionUser>(ME_KEY, { ...user, preferences: { ...user.preferences, ...patch } });
      try {
        const out = await api.patch<SessionUser>('/auth/me/preferences', patch);
        if (seq === latest.current && out && typeof out === 'object' && 'preferences' in out) {
          qc.setQueryData(ME_KEY, out);
        }
      } catch (e) {
        if (seq === latest.current) qc.setQueryData(ME_KEY, user);
        throw e;
      }
    },
    [qc],
  );

  const value = useMemo(() => ({ prefs, signedIn: Boolean(me), setPrefs }), [prefs, me, setPrefs]);
  return <PrefsContext.Provider value={value}>{children}</PrefsContext.Provider>;
}

export function usePrefs(): PrefsContextValue {
  const v = useContext(PrefsContext);
  if (!v) throw new Error('usePrefs outside PrefsProvider');
  return v;
}
