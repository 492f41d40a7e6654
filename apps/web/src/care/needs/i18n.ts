/**
 * The needs pages' messages (staff list and case, new case, SLA settings, the "my needs" queue
 * section, the resident portal): their own i18next namespace, both languages loaded with the pages.
 */
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n';
import en from './en';
import zhCN from './zh-CN';

export const NS = 'careNeeds';

if (!i18n.hasResourceBundle('zh-CN', NS)) {
  i18n.addResourceBundle('zh-CN', NS, zhCN);
  i18n.addResourceBundle('en', NS, en);
}

/** `t` for the care needs namespace (keys checked against care/needs/zh-CN.ts). */
export function useNT() {
  return useTranslation(NS);
}
