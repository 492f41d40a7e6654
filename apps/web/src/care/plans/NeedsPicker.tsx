/** The needs analysed in a meeting, added by their reference (only needs in the user's area are found). */
import { useState } from 'react';
import { Button, Input } from 'antd';
import { api } from '../../api';
import { useAnnounce } from '../../announce';
import { usePT } from './i18n';
import type { NeedRef } from './model';

export const NEED_REF_ID = 'needs-ref';

export function NeedsPicker({
  value,
  onChange,
  hiddenCount,
  error,
}: {
  value: NeedRef[];
  onChange: (next: NeedRef[]) => void;
  hiddenCount: number;
  error?: string;
}) {
  const { t } = usePT();
  const announce = useAnnounce();
  const [ref, setRef] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const shown = problem ?? error ?? null;
  const add = async () => {
    const r = ref.trim().toUpperCase();
    if (!r) return;
    setBusy(true);
    try {
      const found = await api.get<NeedRef[]>('/care/plan-needs', { query: { ref: r } });
      const n = found[0];
      if (!n) setProblem(t('meetingForm.needNotFound'));
      else if (value.some((x) => x.id === n.id)) setProblem(t('meetingForm.needAlready'));
      else {
        onChange([...value, n]);
        setRef('');
        setProblem(null);
        announce(t('meetingForm.needAdded', { ref: n.ref }));
      }
    } catch {
      setProblem(t('loadFailed'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <fieldset className="fieldset">
      <legend>{t('meetingForm.needsLegend')}</legend>
      <div className="plans-field">
        <label htmlFor={NEED_REF_ID}>{t('meetingForm.needRef')}</label>
        <p className="help-text" id={`${NEED_REF_ID}-help`}>
          {t('meetingForm.needRefHelp')}
        </p>
        <div className="plans-row">
          <Input
            id={NEED_REF_ID}
            autoComplete="off"
            maxLength={40}
            value={ref}
            style={{ maxWidth: 240 }}
            aria-invalid={shown ? true : undefined}
            aria-describedby={`${NEED_REF_ID}-help${shown ? ` ${NEED_REF_ID}-error` : ''}`}
            onChange={(e) => setRef(e.target.value)}
            onPressEnter={(e) => {
              e.preventDefault();
              void add();
            }}
          />
          <Button onClick={() => void add()} loading={busy}>
            {t('meetingForm.addNeed')}
          </Button>
        </div>
        {shown && (
          <div id={`${NEED_REF_ID}-error`} className="plans-field-error">
            {shown}
          </div>
        )}
      </div>
      {value.length > 0 && (
        <ul className="plans-attendees">
          {value.map((n) => (
            <li key={n.id}>
              <span>
                {n.ref} {n.title}
              </span>
              <Button
                size="small"
                aria-label={t('meetingForm.removeNeed', { ref: n.ref })}
                onClick={() => {
                  onChange(value.filter((x) => x.id !== n.id));
                  window.setTimeout(() => document.getElementById(NEED_REF_ID)?.focus());
                }}
              >
                {t('meetingForm.remove')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {hiddenCount > 0 && <p>{t('meeting.hiddenNeeds', { count: hiddenCount })}</p>}
    </fieldset>
  );
}
