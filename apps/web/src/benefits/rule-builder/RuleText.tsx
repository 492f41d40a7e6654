import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useBT } from '../i18n';
import { isEn, type RuleExpr, type RuleVariableDef } from '../model';
import { condText } from '../rules';

/** The rule in plain words, as nested lists. */
export function RuleText({ expr, vars }: { expr: RuleExpr; vars: readonly RuleVariableDef[] }) {
  const { t: tr, i18n } = useTranslation();
  const { t } = useBT();
  const lang = i18n.language;
  const render = (e: RuleExpr): ReactNode => {
    switch (e.op) {
      case 'true':
        return t('rule.text.everyone');
      case 'and':
      case 'or':
        if (e.args.length === 0) return t('rule.text.emptyGroup');
        return (
          <>
            {e.op === 'and' ? t('rule.text.all') : t('rule.text.any')}
            <ul>
              {e.args.map((a, i) => (
                <li key={i}>{render(a)}</li>
              ))}
            </ul>
          </>
        );
      case 'not':
        return (
          <>
            {t('rule.text.not')}
            <ul>
              <li>{render(e.arg)}</li>
            </ul>
          </>
        );
      case 'cmp':
      case 'in':
      case 'present':
        return condText(e, vars, tr, t, lang);
    }
  };
  return (
    <div className="rule-text" lang={isEn(lang) ? 'en' : 'zh-CN'}>
      {render(expr)}
    </div>
  );
}
