import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '@jinglin/shared';
import { setApiLanguage } from '../api';
import zhCN from './zh-CN';

export const LANGUAGES: readonly Language[] = ['zh-CN', 'en'];
export const LANGUAGE_KEY = 'jinglin.language';

export function isLanguage(v: unknown): v is Language {
  return v === 'zh-CN' || v === 'en';
}

export function storedLanguage(): Language {
  try {
    const v = localStorage.getItem(LANGUAGE_KEY);
    if (isLanguage(v)) return v;
  } catch {
    // storage may be unavailable (private mode); fall back to the default
  }
  return 'zh-CN';
}

const initial = storedLanguage();
setApiLanguage(initial);
document.documentElement.lang = 'zh-CN';

// Chinese is the default and the fallback, so it is part of the first load; English is loaded when
// it is chosen (a Chinese user never downloads it, and the first load stays within its budget).
void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN } },
  lng: 'zh-CN',
  fallbackLng: 'zh-CN',
  supportedLngs: ['zh-CN', 'en'],
  interpolation: { escapeValue: false },
  returnNull: false,
  react: { useSuspense: false },
  initAsync: false,
});

/** The main English messages, loaded once (a chunk of their own). */
let english: Promise<void> | undefined;
function loadLanguage(lang: Language): Promise<void> {
  if (lang !== 'en') return Promise.resolve();
  english ??= import('./en').then((m) => {
    i18n.addResourceBundle('en', 'translation', m.default, true, true);
  });
  return english;
}

/** Resolves once the stored language's messages are loaded and in use (main.tsx renders after it). */
export const i18nReady: Promise<void> =
  initial === 'zh-CN'
    ? Promise.resolve()
    : loadLanguage(initial).then(
        async () => {
          await i18n.changeLanguage(initial);
          document.documentElement.lang = initial;
        },
        () => undefined, // offline or a failed chunk: the page stays in Chinese rather than blank
      );

/** Switch the UI language: i18next, <html lang>, Accept-Language and localStorage. */
export function applyLanguage(lang: Language): void {
  setApiLanguage(lang);
  try {
    localStorage.setItem(LANGUAGE_KEY, lang);
  } catch {
    // ignore
  }
  // <html lang> follows the text: it changes when the messages are in.
  void loadLanguage(lang).then(
    async () => {
      if (i18n.language !== lang) await i18n.changeLanguage(lang);
      document.documentElement.lang = lang;
    },
    () => undefined,
  );
}

export default i18n;
