/**
 * The amount items of a rule version: a label in both languages, an amount in yuan (stored in fen),
 * a multiplier (a constant, or a number variable such as vehicles owned) and an optional condition
 * built with the same rule builder.
 */
import { useEffect, useRef } from 'react';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useBT } from './i18n';
import { fenOf, pick, yuan, type RuleVariableDef } from './model';
import { RuleBuilder, type NodeErrors } from './rule-builder/RuleBuilder';
import { RuleText } from './rule-builder/RuleText';
import { emptyGroup, newKey, toExpr, type UiAmount } from './rules';

export function newAmount(): UiAmount {
  return {
    key: newKey(),
    labelZh: '',
    labelEn: '',
    yuan: '',
    multKind: 'const',
    multConst: '1',
    multVar: '',
    hasWhen: false,
    when: emptyGroup(),
  };
}

export function AmountsEditor({
  items,
  onChange,
  vars,
  nodeErrors,
  fieldErrors,
  disabled,
  periodicity,
}: {
  items: UiAmount[];
  onChange: (next: UiAmount[]) => void;
  vars: readonly RuleVariableDef[];
  nodeErrors: NodeErrors;
  /** Field id → message. */
  fieldErrors: ReadonlyMap<string, string>;
  disabled: boolean;
  periodicity: 'monthly' | 'yearly';
}) {
  const { t } = useBT();
  const { i18n } = useTranslation();
  const lang = i18n.language;
  const numberVars = vars.filter((v) => v.type === 'number');
  const pendingFocus = useRef<string | null>(null);
  useEffect(() => {
    if (!pendingFocus.current) return;
    const el = document.getElementById(pendingFocus.current);
    if (el) {
      el.focus();
      pendingFocus.current = null;
    }
  });
  const set = (key: string, patch: Partial<UiAmount>) =>
    onChange(items.map((a) => (a.key === key ? { ...a, ...patch } : a)));

  const field = (
    id: string,
    label: string,
    control: (describedBy: string | undefined, invalid: boolean) => React.ReactNode,
    help?: string,
  ) => {
    const err = fieldErrors.get(id);
    const errId = `${id}-err`;
    const helpId = `${id}-help`;
    const describedBy = [help ? helpId : '', err ? errId : ''].filter(Boolean).join(' ') || undefined;
    return (
      <div className="rule-field">
        <label htmlFor={id} className="rule-label">
          {label}
        </label>
        {control(describedBy, Boolean(err))}
        {help && (
          <span id={helpId} className="help-text">
            {help}
          </span>
        )}
        {err && (
          <span id={errId} className="field-error">
            {err}
          </span>
        )}
      </div>
    );
  };

  return (
    <>
      {items.map((a, i) => {
        const fen = fenOf(a.yuan);
        return (
          <fieldset key={a.key} className="amount-item" id={`amt-${a.key}`}>
            <legend>{t('amounts.itemN', { n: i + 1 })}</legend>
            <div className="amount-fields">
              {field(`amt-zh-${a.key}`, t('amounts.labelZh'), (d, inv) => (
                <input
                  id={`amt-zh-${a.key}`}
                  className="native-input"
                  lang="zh-CN"
                  maxLength={40}
                  value={a.labelZh}
                  disabled={disabled}
                  aria-describedby={d}
                  aria-invalid={inv || undefined}
                  onChange={(e) => set(a.key, { labelZh: e.target.value })}
                />
              ))}
              {field(`amt-en-${a.key}`, t('amounts.labelEn'), (d, inv) => (
                <input
                  id={`amt-en-${a.key}`}
                  className="native-input"
                  lang="en"
                  maxLength={60}
                  value={a.labelEn}
                  disabled={disabled}
                  aria-describedby={d}
                  aria-invalid={inv || undefined}
                  onChange={(e) => set(a.key, { labelEn: e.target.value })}
                />
              ))}
              {field(
                `amt-yuan-${a.key}`,
                periodicity === 'monthly' ? t('amounts.yuanMonthly') : t('amounts.yuanYearly'),
                (d, inv) => (
                  <input
                    id={`amt-yuan-${a.key}`}
                    className="native-input yuan-input"
                    inputMode="decimal"
                    autoComplete="off"
                    value={a.yuan}
                    disabled={disabled}
                    aria-describedby={d}
                    aria-invalid={inv || undefined}
                    onChange={(e) => set(a.key, { yuan: e.target.value })}
                  />
                ),
                fen !== null ? t('amounts.yuanIs', { amount: yuan(fen, lang) }) : t('amounts.yuanHelp'),
              )}
            </div>
            <fieldset className="rule-in">
              <legend className="rule-label">{t('amounts.multiplier')}</legend>
              <div className="amount-fields">
                <label className="rule-check">
                  <input
                    type="radio"
                    name={`mult-${a.key}`}
                    checked={a.multKind === 'const'}
                    disabled={disabled}
                    onChange={() => set(a.key, { multKind: 'const' })}
                  />
                  {t('amounts.multConst')}
                </label>
                <label className="rule-check">
                  <input
                    type="radio"
                    name={`mult-${a.key}`}
                    checked={a.multKind === 'var'}
                    disabled={disabled || numberVars.length === 0}
                    onChange={() =>
                      set(a.key, { multKind: 'var', multVar: a.multVar || (numberVars[0]?.name ?? '') })
                    }
                  />
                  {t('amounts.multVar')}
                </label>
                {a.multKind === 'const'
                  ? field(`amt-mult-${a.key}`, t('amounts.times'), (d, inv) => (
                      <input
                        id={`amt-mult-${a.key}`}
                        className="native-input"
                        type="number"
                        min={0}
                        max={1000}
                        step={1}
                        value={a.multConst}
                        disabled={disabled}
                        aria-describedby={d}
                        aria-invalid={inv || undefined}
                        onChange={(e) => set(a.key, { multConst: e.target.value })}
                      />
                    ))
                  : field(`amt-mult-${a.key}`, t('amounts.multVarLabel'), (d, inv) => (
                      <select
                        id={`amt-mult-${a.key}`}
                        className="native-select"
                        value={a.multVar}
                        disabled={disabled}
                        aria-describedby={d}
                        aria-invalid={inv || undefined}
                        onChange={(e) => set(a.key, { multVar: e.target.value })}
                      >
                        {numberVars.map((v) => (
                          <option key={v.name} value={v.name}>
                            {pick(v.label, lang)}
                          </option>
                        ))}
                      </select>
                    ))}
              </div>
            </fieldset>
            <label className="rule-check">
              <input
                type="checkbox"
                id={`amt-when-${a.key}`}
                checked={a.hasWhen}
                disabled={disabled}
                onChange={(e) => set(a.key, { hasWhen: e.target.checked })}
              />
              {t('amounts.onlyWhen')}
            </label>
            {a.hasWhen && (
              <>
                <RuleBuilder
                  value={a.when}
                  onChange={(when) => set(a.key, { when })}
                  vars={vars}
                  errors={nodeErrors}
                  legend={t('amounts.whenLegend', { n: i + 1 })}
                  disabled={disabled}
                />
                <RuleText expr={toExpr(a.when, vars, '').expr} vars={vars} />
              </>
            )}
            {!disabled && (
              <div className="toolbar rule-actions">
                {items.length > 1 && (
                  <Button
                    danger
                    onClick={() => {
                      onChange(items.filter((x) => x.key !== a.key));
                      pendingFocus.current = 'amt-add';
                    }}
                  >
                    {t('amounts.remove', { n: i + 1 })}
                  </Button>
                )}
              </div>
            )}
          </fieldset>
        );
      })}
      {!disabled && (
        <Button
          id="amt-add"
          onClick={() => {
            const a = newAmount();
            onChange([...items, a]);
            pendingFocus.current = `amt-zh-${a.key}`;
          }}
        >
          {t('amounts.add')}
        </Button>
      )}
    </>
  );
}
