/** A day centre's opening hours: the shared weekly editor (components/WeeklyHoursEditor) in the tracking words. */
import { WeeklyHoursEditor, weeklyFieldId } from '../../components/WeeklyHoursEditor';
import { useTT } from './i18n';
import type { HoursProblem, HoursRows, Weekday } from './model';

const PREFIX = 'centre-hours';
export const hoursFieldId = (day: Weekday, index: number, field: 'from' | 'to') =>
  weeklyFieldId(PREFIX, day, index, field);

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
  return (
    <WeeklyHoursEditor
      idPrefix={PREFIX}
      rows={rows}
      problems={problems}
      onChange={onChange}
      text={{
        legend: t('centres.hoursEditor.legend'),
        help: t('centres.hoursEditor.help'),
        none: t('centres.hoursEditor.closed'),
        dayName: (d) => t(`weekday.${d}`),
        from: (day, n) => t('centres.hoursEditor.from', { day, n }),
        to: (day, n) => t('centres.hoursEditor.to', { day, n }),
        add: (day) => t('centres.hoursEditor.add', { day }),
        remove: (day, n) => t('centres.hoursEditor.remove', { day, n }),
        copy: t('centres.hoursEditor.copy'),
      }}
    />
  );
}
