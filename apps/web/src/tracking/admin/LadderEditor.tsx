/**
 * The escalation ladder (who is told at each level of an unacknowledged alert): one fieldset per
 * level with the contact groups and, from level 1, the minutes before it is told (checked here, in
 * words, rather than by the browser's own min/max bubbles). Named users on a
 * level are kept as they are (set through the API). Plain controls only: keyboard and screen-reader
 * friendly, and the same in care mode.
 */
import { Button } from 'antd';
import { useTT } from './i18n';
import { CONTACT_GROUPS, MAX_LADDER, type ContactGroup, type EscalationRung } from './model';

export function LadderEditor({
  ladder,
  onChange,
  defaultMinutes,
  errors,
}: {
  ladder: EscalationRung[];
  onChange: (next: EscalationRung[]) => void;
  /** `escalationMinutes`: what a level with no minutes of its own waits. */
  defaultMinutes: number | null;
  /** Messages by input id (from ladderErrors). */
  errors: Record<string, string>;
}) {
  const { t } = useTT();
  const set = (i: number, patch: Partial<EscalationRung>) =>
    onChange(ladder.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const toggle = (i: number, g: ContactGroup, on: boolean) => {
    const groups = ladder[i]!.groups.filter((x) => x !== g);
    set(i, { groups: on ? [...groups, g] : groups });
  };

  return (
    <fieldset className="ladder">
      <legend>{t('ladder.title')}</legend>
      <p className="help-text">{t('ladder.help')}</p>
      <ol className="ladder-levels">
        {ladder.map((rung, i) => {
          const minutesId = `ladder-${i}-minutes`;
          const error = errors[minutesId];
          return (
            <li key={i}>
              <fieldset>
                <legend>{t('ladder.level', { level: i })}</legend>
                {CONTACT_GROUPS.map((g) => {
                  const id = `ladder-${i}-${g}`;
                  return (
                    <div key={g} className="check-row">
                      <input
                        type="checkbox"
                        id={id}
                        checked={rung.groups.includes(g)}
                        onChange={(e) => toggle(i, g, e.target.checked)}
                      />{' '}
                      <label htmlFor={id}>{t(`ladder.group.${g}`)}</label>
                    </div>
                  );
                })}
                {rung.userIds.length > 0 && (
                  <p className="help-text">{t('ladder.named', { count: rung.userIds.length })}</p>
                )}
                {i === 0 ? (
                  <p className="help-text">{t('ladder.atOnce')}</p>
                ) : (
                  <div className="ladder-minutes">
                    <label htmlFor={minutesId} className="field-label">
                      {t('ladder.minutes')}
                    </label>
                    <input
                      id={minutesId}
                      type="number"
                      inputMode="numeric"
                      step={1}
                      value={rung.afterMinutes ?? ''}
                      aria-describedby={`${minutesId}-help${error ? ` ${minutesId}-error` : ''}`}
                      aria-invalid={error ? true : undefined}
                      onChange={(e) =>
                        set(i, { afterMinutes: e.target.value === '' ? null : Number(e.target.value) })
                      }
                    />
                    <span id={`${minutesId}-help`} className="help-text">
                      {t('ladder.minutesHelp', { minutes: defaultMinutes ?? '—' })}
                    </span>
                    {error && (
                      <span id={`${minutesId}-error`} className="ladder-error">
                        {error}
                      </span>
                    )}
                  </div>
                )}
              </fieldset>
            </li>
          );
        })}
      </ol>
      <div className="toolbar">
        <Button
          htmlType="button"
          disabled={ladder.length >= MAX_LADDER}
          onClick={() =>
            onChange([...ladder, { groups: ['centre_staff', 'guardians'], userIds: [], afterMinutes: null }])
          }
        >
          {t('ladder.add')}
        </Button>{' '}
        <Button htmlType="button" disabled={ladder.length <= 1} onClick={() => onChange(ladder.slice(0, -1))}>
          {t('ladder.remove', { level: ladder.length - 1 })}
        </Button>
      </div>
    </fieldset>
  );
}
