import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '@jinglin/shared';
import { setApiLanguage } from '../api';
import zhCN from './zh-CN';
import en from './en';

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
document.documentElement.lang = initial;

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: initial,
  fallbackLng: 'zh-CN',
  supportedLngs: ['zh-CN', 'en'],
  interpolation: { escapeValue: false },
  returnNull: false,
  react: { useSuspense: false },
  initAsync: false,
});

/** Switch the UI language: i18next, <html lang>, Accept-Language and localStorage. */
export function applyLanguage(lang: Language): void {
  setApiLanguage(lang);
  document.documentElement.lang = lang;
  try {
    localStorage.setItem(LANGUAGE_KEY, lang);
  } catch {
    // ignore
  }
  if (i18n.language !== lang) void i18n.changeLanguage(lang);
}

export default i18n;
