/** A condition's value: a number, a choice from a list, several choices, or yes / no. */
import { useTranslation } from 'react-i18next';
import { useBT } from '../i18n';
import { pick, type RuleVariableDef } from '../model';
import { valueLabel, type UiCond } from '../rules';
import { numberChoices } from './choices';
import { ValueSelect } from './ValueSelect';

export function ValueControl({
  v,
  cond,
  id,
  described,
  invalid,
  disabled,
  set,
}: {
  v: RuleVariableDef;
  cond: UiCond;
  id: string;
  /** id of the condition's error message, when it has one. */
  described: string | undefined;
  invalid: boolean;
  disabled: boolean;
  set: (patch: Partial<UiCond>) => void;
}) {
  const { t: tr, i18n } = useTranslation();
  const { t } = useBT();
  const lang = i18n.language;
  if (cond.op === 'in') {
    const options = v.type === 'enum' ? (v.values ?? []) : numberChoices(v);
    return (
      <fieldset className="rule-in" aria-describedby={described}>
        <legend className="rule-label">{t('rule.valuesLabel')}</legend>
        <div className="rule-in-options">
          {options.map((o, i) => (
            <label key={o} className="rule-check">
              <input
                type="checkbox"
                id={i === 0 ? id : undefined}
                checked={cond.values.includes(o)}
                disabled={disabled}
                onChange={(e) =>
                  set({
                    values: e.target.checked ? [...cond.values, o] : cond.values.filter((x) => x !== o),
                  })
                }
              />{' '}
              {valueLabel(v, o, tr, t, lang)}
            </label>
          ))}
        </div>
      </fieldset>
    );
  }
  if (v.type === 'number' && numberChoices(v).length > 0) {
    return (
      <ValueSelect
        id={id}
        value={cond.value}
        described={described}
        disabled={disabled}
        onChange={(x) => set({ value: x })}
      >
        <option value="">{t('rule.choose')}</option>
        {numberChoices(v).map((o) => (
          <option key={o} value={o}>
            {valueLabel(v, o, tr, t, lang)}
          </option>
        ))}
      </ValueSelect>
    );
  }
  if (v.type === 'number') {
    return (
      <div className="rule-field">
        <label htmlFor={id} className="rule-label">
          {t('rule.value')}
        </label>
        <span className="rule-number">
          <input
            id={id}
            className="native-input"
            type="number"
            inputMode="decimal"
            min={v.min}
            max={v.max}
            value={cond.value}
            disabled={disabled}
            aria-invalid={invalid ? true : undefined}
            aria-describedby={described}
            onChange={(e) => set({ value: e.target.value })}
          />
          {v.unit && <span className="rule-unit">{pick(v.unit, lang)}</span>}
        </span>
      </div>
    );
  }
  if (v.type === 'enum') {
    return (
      <ValueSelect
        id={id}
        value={cond.value}
        described={described}
        disabled={disabled}
        onChange={(x) => set({ value: x })}
      >
        {(v.values ?? []).map((o) => (
          <option key={o} value={o}>
            {valueLabel(v, o, tr, t, lang)}
          </option>
        ))}
      </ValueSelect>
    );
  }
  return (
    <ValueSelect
      id={id}
      value={cond.value}
      described={described}
      disabled={disabled}
      onChange={(x) => set({ value: x })}
    >
      <option value="true">{t('rule.yes')}</option>
      <option value="false">{t('rule.no')}</option>
    </ValueSelect>
  );
}
