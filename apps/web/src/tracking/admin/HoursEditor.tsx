/**
 * Opening hours per weekday: up to 4 periods a day as plain text boxes ("08:30"), each labelled
 * with its day and period, buttons to add and remove periods, and "use Monday for Tue–Fri".
 * Keyboard-only: Tab through the boxes and buttons; nothing needs a mouse or a picker.
 */
import { Button } from 'antd';
import { useTT } from './i18n';
import {
  addRange,
  copyMondayToWeekdays,
  MAX_RANGES,
  removeRange,
  setRange,
  WEEKDAYS,
  type HoursProblem,
  type HoursRows,
  type Weekday,
} from './model';

export const hoursFieldId = (day: Weekday, index: number, field: 'from' | 'to') =>
  `centre-hours-${day}-${index}-${field}`;
const addId = (day: Weekday) => `centre-hours-${day}-add`;

/** After a change that removes the focused control, put focus on `id` once it is rendered. */
function focusSoon(id: string) {
  window.setTimeout(() => document.getElementById(id)?.focus());
}

export function HoursEditor({
  rows,
  problems,
  onChange,
}: {
  rows: HoursRows;
  problems: readonly HoursProblem[];
  onChange: (rows: HoursRows) => void;
}) {
  const { t } = useTT();
  const dayName = (d: Weekday) => t(`weekday.${d}`);
  const bad = (day: Weekday, index: number) => problems.some((p) => p.day === day && p.index === index);
  return (
    <fieldset className="fieldset hours-editor">
      <legend>{t('centres.hoursEditor.legend')}</legend>
      <p className="help-text" id="centre-hours-help">
        {t('centres.hoursEditor.help')}
      </p>
      {WEEKDAYS.map((day) => (
        <div key={day} className="hours-day" role="group" aria-label={dayName(day)}>
          <span className="hours-day-name" aria-hidden="true">
            {dayName(day)}
          </span>
          {rows[day].length === 0 && <span className="muted">{t('centres.hoursEditor.closed')}</span>}
          {rows[day].map((r, i) => {
            const n = i + 1;
            const invalid = bad(day, i);
            return (
              <span key={i} className="hours-range">
                <input
                  id={hoursFieldId(day, i, 'from')}
                  className="time-input"
                  inputMode="numeric"
                  autoComplete="off"
                  maxLength={5}
                  placeholder="08:30"
                  aria-label={t('centres.hoursEditor.from', { day: dayName(day), n })}
                  aria-describedby="centre-hours-help"
                  aria-invalid={invalid || undefined}
                  value={r.from}
                  onChange={(e) => onChange(setRange(rows, day, i, 'from', e.target.value))}
                />
                <span aria-hidden="true">–</span>
                <input
                  id={hoursFieldId(day, i, 'to')}
                  className="time-input"
                  inputMode="numeric"
                  autoComplete="off"
                  maxLength={5}
                  placeholder="16:00"
                  aria-label={t('centres.hoursEditor.to', { day: dayName(day), n })}
                  aria-describedby="centre-hours-help"
                  aria-invalid={invalid || undefined}
                  value={r.to}
                  onChange={(e) => onChange(setRange(rows, day, i, 'to', e.target.value))}
                />
                <Button
                  size="small"
                  onClick={() => {
                    onChange(removeRange(rows, day, i));
                    // The removed period's button is gone: the previous period, else "add".
                    focusSoon(i > 0 ? hoursFieldId(day, i - 1, 'from') : addId(day));
                  }}
                  aria-label={t('centres.hoursEditor.remove', { day: dayName(day), n })}
                >
                  <span aria-hidden="true">✕</span>
                </Button>
              </span>
            );
          })}
          {rows[day].length < MAX_RANGES && (
            <Button
              id={addId(day)}
              size="small"
              onClick={() => {
                onChange(addRange(rows, day));
                focusSoon(hoursFieldId(day, rows[day].length, 'from'));
              }}
            >
              {t('centres.hoursEditor.add', { day: dayName(day) })}
            </Button>
          )}
        </div>
      ))}
      <p>
        <Button onClick={() => onChange(copyMondayToWeekdays(rows))}>{t('centres.hoursEditor.copy')}</Button>
      </p>
    </fieldset>
  );
}
