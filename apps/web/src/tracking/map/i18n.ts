/**
 * The tracking maps' messages (live map, track, zone editor, the guardian's page): their own
 * i18next namespace, loaded with those pages, in both languages at once.
 */
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n';
import en from './en';
import zhCN from './zh-CN';

export const NS = 'trackingMap';

if (!i18n.hasResourceBundle('zh-CN', NS)) {
  i18n.addResourceBundle('zh-CN', NS, zhCN);
  i18n.addResourceBundle('en', NS, en);
}

/** `t` for the tracking maps' namespace (keys checked against tracking/map/zh-CN.ts). */
export function useMT() {
  return useTranslation(NS);
}
