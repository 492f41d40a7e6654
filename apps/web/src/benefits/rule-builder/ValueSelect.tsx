import type { ReactNode } from 'react';
import { useBT } from '../i18n';

/** A labelled native select for a condition's value. */
export function ValueSelect({
  id,
  value,
  described,
  disabled,
  onChange,
  children,
}: {
  id: string;
  value: string;
  described: string | undefined;
  disabled: boolean;
  onChange: (v: string) => void;
  children: ReactNode;
}) {
  const { t } = useBT();
  return (
    <div className="rule-field">
      <label htmlFor={id} className="rule-label">
        {t('rule.value')}
      </label>
      <select
        id={id}
        className="native-select"
        value={value}
        disabled={disabled}
        aria-invalid={described ? true : undefined}
        aria-describedby={described}
        onChange={(e) => onChange(e.target.value)}
      >
        {children}
      </select>
    </div>
  );
}
