/**
 * Service hours pages' messages (a volunteer's hours, corrections, proofs and their print page, the
 * issuer settings, the volunteer's own page): their own i18next namespace, both languages.
 */
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n';
import en from './en';
import zhCN from './zh-CN';

export const NS = 'careHours';

if (!i18n.hasResourceBundle('zh-CN', NS)) {
  i18n.addResourceBundle('zh-CN', NS, zhCN);
  i18n.addResourceBundle('en', NS, en);
}

/** `t` for the care hours namespace. */
export function useHT() {
  return useTranslation(NS);
}
