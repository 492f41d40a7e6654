/**
 * The care visits pages' messages (pairings, visits, the "my visits due" queue section, the
 * volunteer's own page): their own i18next namespace, both languages loaded with the pages.
 */
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n';
import en from './en';
import zhCN from './zh-CN';

export const NS = 'careVisits';

if (!i18n.hasResourceBundle('zh-CN', NS)) {
  i18n.addResourceBundle('zh-CN', NS, zhCN);
  i18n.addResourceBundle('en', NS, en);
}

/** `t` for the care visits namespace (keys checked against care/visits/zh-CN.ts). */
export function useVT() {
  return useTranslation(NS);
}
