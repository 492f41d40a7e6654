/**
 * A weekly pattern per weekday (a day centre's opening hours, a volunteer's availability): up to 4
 * periods a day as plain text boxes ("08:30"), each labelled with its day and period, buttons to
 * add and remove periods, and "use Monday for Tue–Fri". Keyboard-only: Tab through the boxes and
 * buttons; nothing needs a mouse or a picker. The words come from the caller (its i18n namespace).
 */
import { Button } from 'antd';
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
} from './weekly-hours';
import './weekly-hours.css';

export interface WeeklyHoursText {
  legend: string;
  help: string;
  /** Shown for a day without periods. */
  none: string;
  dayName: (d: Weekday) => string;
  from: (day: string, n: number) => string;
  to: (day: string, n: number) => string;
  add: (day: string) => string;
  remove: (day: string, n: number) => string;
  copy: string;
}

export const weeklyFieldId = (prefix: string, day: Weekday, index: number, field: 'from' | 'to') =>
  `${prefix}-${day}-${index}-${field}`;

/** After a change that removes the focused control, put focus on `id` once it is rendered. */
function focusSoon(id: string) {
  window.setTimeout(() => document.getElementById(id)?.focus());
}

export function WeeklyHoursEditor({
  idPrefix,
  rows,
  problems,
  onChange,
  text,
  className,
}: {
  idPrefix: string;
  rows: HoursRows;
  problems: readonly HoursProblem[];
  onChange: (rows: HoursRows) => void;
  text: WeeklyHoursText;
  className?: string;
}) {
  const bad = (day: Weekday, index: number) => problems.some((p) => p.day === day && p.index === index);
  const helpId = `${idPrefix}-help`;
  const addId = (day: Weekday) => `${idPrefix}-${day}-add`;
  const input = (day: Weekday, i: number, field: 'from' | 'to', value: string, placeholder: string) => {
    const dayName = text.dayName(day);
    return (
      <input
        id={weeklyFieldId(idPrefix, day, i, field)}
        className="time-input"
        inputMode="numeric"
        autoComplete="off"
        maxLength={5}
        placeholder={placeholder}
        aria-label={field === 'from' ? text.from(dayName, i + 1) : text.to(dayName, i + 1)}
        aria-describedby={helpId}
        aria-invalid={bad(day, i) || undefined}
        value={value}
        onChange={(e) => onChange(setRange(rows, day, i, field, e.target.value))}
      />
    );
  };
  return (
    <fieldset className={`fieldset hours-editor ${className ?? ''}`}>
      <legend>{text.legend}</legend>
      <p className="help-text" id={helpId}>
        {text.help}
      </p>
      {WEEKDAYS.map((day) => {
        const dayName = text.dayName(day);
        return (
          <div key={day} className="hours-day" role="group" aria-label={dayName}>
            <span className="hours-day-name" aria-hidden="true">
              {dayName}
            </span>
            {rows[day].length === 0 && <span className="muted">{text.none}</span>}
            {rows[day].map((r, i) => (
              <span key={i} className="hours-range">
                {input(day, i, 'from', r.from, '08:30')}
                <span aria-hidden="true">–</span>
                {input(day, i, 'to', r.to, '16:00')}
                <Button
                  size="small"
                  onClick={() => {
                    onChange(removeRange(rows, day, i));
                    // The removed period's button is gone: the previous period, else "add".
                    focusSoon(i > 0 ? weeklyFieldId(idPrefix, day, i - 1, 'from') : addId(day));
                  }}
                  aria-label={text.remove(dayName, i + 1)}
                >
                  <span aria-hidden="true">✕</span>
                </Button>
              </span>
            ))}
            {rows[day].length < MAX_RANGES && (
              <Button
                id={addId(day)}
                size="small"
                onClick={() => {
                  onChange(addRange(rows, day));
                  focusSoon(weeklyFieldId(idPrefix, day, rows[day].length, 'from'));
                }}
              >
                {text.add(dayName)}
              </Button>
            )}
          </div>
        );
      })}
      <p>
        <Button onClick={() => onChange(copyMondayToWeekdays(rows))}>{text.copy}</Button>
      </p>
    </fieldset>
  );
}
