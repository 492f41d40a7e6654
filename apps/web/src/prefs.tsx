import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Language } from '@jinglin/shared';
import { api } from './api';
import { applyLanguage, isLanguage, storedLanguage } from './i18n';
import { ME_KEY, useMe } from './session';
import type { Preferences, SessionUser } from './types';

const CARE_KEY = 'jinglin.careMode';
const RATE_KEY = 'jinglin.readAloudRate';

export interface PrefsContextValue {
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
    // ignore
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

export function PrefsProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  // Reads the cached session only; the layouts decide when to fetch it.
  const { data: me } = useMe(false);
  const [prefs, setLocal] = useState<Preferences>(readLocal);

  // The signed-in user's stored preferences win over this browser's.
  const serverPrefs = me?.preferences;
  useEffect(() => {
    if (!serverPrefs) return;
    setLocal((cur) => {
      const next: Preferences = {
        careMode: serverPrefs.careMode,
        language: isLanguage(serverPrefs.language) ? serverPrefs.language : cur.language,
        readAloudRate: serverPrefs.readAloudRate,
      };
      return cur.careMode === next.careMode &&
        cur.language === next.language &&
        cur.readAloudRate === next.readAloudRate
        ? cur
        : next;
    });
  }, [serverPrefs]);

  useEffect(() => {
    applyLanguage(prefs.language);
    writeLocal(prefs);
    const root = document.documentElement;
    if (prefs.careMode) root.dataset.care = 'on';
    else delete root.dataset.care;
  }, [prefs]);

  const signedIn = Boolean(me);
  const setPrefs = useCallback(
    async (patch: Partial<Preferences>) => {
      setLocal((cur) => ({ ...cur, ...patch }));
      if (patch.language) applyLanguage(patch.language as Language);
      if (!signedIn) return;
      const user = await api.patch<SessionUser>('/auth/me/preferences', patch);
      if (user && typeof user === 'object' && 'id' in user) qc.setQueryData(ME_KEY, user);
    },
    [qc, signedIn],
  );

  const value = useMemo(() => ({ prefs, signedIn, setPrefs }), [prefs, signedIn, setPrefs]);
  return <PrefsContext.Provider value={value}>{children}</PrefsContext.Provider>;
}

export function usePrefs(): PrefsContextValue {
  const v = useContext(PrefsContext);
  if (!v) throw new Error('usePrefs outside PrefsProvider');
  return v;
}
