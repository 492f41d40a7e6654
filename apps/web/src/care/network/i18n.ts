/**
 * The care network pages' messages (organisations and teams, volunteers, the care home): their own
 * i18next namespace, both languages loaded with the pages.
 */
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n';
import en from './en';
import zhCN from './zh-CN';

export const NS = 'careNetwork';

if (!i18n.hasResourceBundle('zh-CN', NS)) {
  i18n.addResourceBundle('zh-CN', NS, zhCN);
  i18n.addResourceBundle('en', NS, en);
}

/** `t` for the care network namespace (keys checked against care/network/zh-CN.ts). */
export function useNT() {
  return useTranslation(NS);
}
