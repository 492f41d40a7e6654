/**
 * The meetings and work plans pages' messages (projects, meetings, work items, the "my work plans"
 * queue section): their own i18next namespace, both languages loaded with the pages.
 */
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n';
import en from './en';
import zhCN from './zh-CN';

export const NS = 'carePlans';

if (!i18n.hasResourceBundle('zh-CN', NS)) {
  i18n.addResourceBundle('zh-CN', NS, zhCN);
  i18n.addResourceBundle('en', NS, en);
}

/** `t` for the care plans namespace (keys checked against care/plans/zh-CN.ts). */
export function usePT() {
  return useTranslation(NS);
}
