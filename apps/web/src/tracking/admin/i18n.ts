/**
 * The tracking administration pages' messages: their own i18next namespace, loaded with those
 * pages (and the alert watcher), in both languages at once so switching language needs no request.
 */
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n';
import en from './en';
import zhCN from './zh-CN';

export const NS = 'trackingAdmin';

if (!i18n.hasResourceBundle('zh-CN', NS)) {
  i18n.addResourceBundle('zh-CN', NS, zhCN);
  i18n.addResourceBundle('en', NS, en);
}

/** `t` for the tracking administration namespace (keys checked against tracking/admin/zh-CN.ts). */
export function useTT() {
  return useTranslation(NS);
}
