/**
 * The hospital accompaniment pages' messages (resident and volunteer portal pages, coordinator,
 * hospital desk and statistics pages): one i18next namespace, both languages loaded with the pages.
 */
import { useTranslation } from 'react-i18next';
import i18n from '../i18n';
import en from './en';
import zhCN from './zh-CN';

export const NS = 'accompaniment';

if (!i18n.hasResourceBundle('zh-CN', NS)) {
  i18n.addResourceBundle('zh-CN', NS, zhCN);
  i18n.addResourceBundle('en', NS, en);
}

/** `t` for the accompaniment namespace (keys checked against accompaniment/zh-CN.ts). */
export function useAT() {
  return useTranslation(NS);
}
