/**
 * The volunteer form's lists — dated availability exceptions, training, awards, evaluations — as
 * ListEditors, with their fields, the rows from a profile and the request body from the rows.
 */
import type { TFunction } from 'i18next';
import type { Availability } from '@jinglin/shared';
import type { OpeningHours } from '../../components/weekly-hours';
import { useNT } from './i18n';
import { ListEditor, type ListField, type ListProblem, type ListRow } from './ListEditor';
import { formatRanges, parseRanges, type Volunteer } from './model';

export type ListName = 'exceptions' | 'training' | 'awards' | 'evaluations';
type NT = TFunction<'careNetwork'>;

export const LISTS: { name: ListName; fields: (t: NT) => ListField[]; blank: ListRow }[] = [
  {
    name: 'exceptions',
    blank: { date: '', kind: 'off', ranges: '' },
    fields: (t) => [
      { key: 'date', label: t('vol.on'), kind: 'date', required: true },
      {
        key: 'kind',
        label: t('form.exceptions.dayIs'),
        kind: 'select',
        options: [
          { value: 'off', label: t('form.exceptions.off') },
          { value: 'only', label: t('form.exceptions.only') },
        ],
      },
      {
        key: 'ranges',
        label: t('form.exceptions.times'),
        kind: 'text',
        required: true,
        maxLength: 60,
        when: (r) => r.kind === 'only',
        check: (v) => parseRanges(v) !== null,
      },
    ],
  },
  {
    name: 'training',
    blank: { course: '', completedOn: '', hours: '' },
    fields: (t) => [
      { key: 'course', label: t('vol.course'), kind: 'text', required: true },
      { key: 'completedOn', label: t('vol.completedOn'), kind: 'date', required: true },
      { key: 'hours', label: t('vol.trainingHours'), kind: 'number', min: 0, max: 1000 },
    ],
  },
  {
    name: 'awards',
    blank: { title: '', awardedOn: '', by: '' },
    fields: (t) => [
      { key: 'title', label: t('vol.title'), kind: 'text', required: true },
      { key: 'awardedOn', label: t('vol.awardedOn'), kind: 'date', required: true },
      { key: 'by', label: t('vol.by'), kind: 'text' },
    ],
  },
  {
    name: 'evaluations',
    blank: { on: '', rating: '5', note: '' },
    fields: (t) => [
      { key: 'on', label: t('vol.on'), kind: 'date', required: true },
      {
        key: 'rating',
        label: t('vol.rating'),
        kind: 'select',
        options: ['5', '4', '3', '2', '1'].map((n) => ({ value: n, label: t('vol.stars', { n }) })),
      },
      { key: 'note', label: t('vol.note'), kind: 'text', maxLength: 500 },
    ],
  },
];

export type Lists = Record<ListName, ListRow[]>;

export function fromVolunteer(v: Volunteer | null): Lists {
  return {
    exceptions: (v?.availability.exceptions ?? []).map((e) => ({
      date: e.date,
      kind: e.available && e.ranges.length ? 'only' : 'off',
      ranges: formatRanges(e.ranges),
    })),
    training: (v?.training ?? []).map((x) => ({
      course: x.course,
      completedOn: x.completedOn,
      hours: x.hours === undefined ? '' : String(x.hours),
    })),
    awards: (v?.awards ?? []).map((x) => ({ title: x.title, awardedOn: x.awardedOn, by: x.by })),
    evaluations: (v?.evaluations ?? []).map((x) => ({ on: x.on, rating: String(x.rating), note: x.note })),
  };
}

/** The checked rows → the request's availability and lists. */
export function toBody(lists: Lists, weekly: OpeningHours) {
  const availability: Availability = {
    weekly,
    exceptions: lists.exceptions.map((r) =>
      r.kind === 'only'
        ? { date: r.date!.trim(), available: true, ranges: parseRanges(r.ranges ?? '') ?? [] }
        : { date: r.date!.trim(), available: false, ranges: [] },
    ),
  };
  return {
    availability,
    training: lists.training.map((r) => ({
      course: r.course!.trim(),
      completedOn: r.completedOn!.trim(),
      ...(r.hours?.trim() ? { hours: Number(r.hours) } : {}),
    })),
    awards: lists.awards.map((r) => ({
      title: r.title!.trim(),
      awardedOn: r.awardedOn!.trim(),
      by: (r.by ?? '').trim(),
    })),
    evaluations: lists.evaluations.map((r) => ({
      on: r.on!.trim(),
      rating: Number(r.rating || 5),
      note: (r.note ?? '').trim(),
    })),
  };
}

export function VolunteerLists({
  lists,
  problems,
  onChange,
}: {
  lists: Lists;
  problems: Record<ListName, ListProblem[]>;
  onChange: (lists: Lists) => void;
}) {
  const { t } = useNT();
  return (
    <>
      {LISTS.map((l) => {
        const what = t(`form.items.${l.name}`);
        return (
          <ListEditor
            key={l.name}
            idPrefix={`vol-${l.name}`}
            legend={l.name === 'exceptions' ? t('form.exceptions.legend') : t(`vol.${l.name}`)}
            help={l.name === 'exceptions' ? t('form.exceptions.help') : undefined}
            fields={l.fields(t)}
            rows={lists[l.name]}
            problems={problems[l.name]}
            blank={l.blank}
            onChange={(rows) => onChange({ ...lists, [l.name]: rows })}
            text={{
              row: (n) => t('form.list.row', { n, what }),
              label: (n, field) => t('form.list.field', { n, what, field }),
              add: l.name === 'exceptions' ? t('form.exceptions.add') : `${t('form.list.add')}${what}`,
              remove: (n) => t('form.list.remove', { n, what }),
            }}
          />
        );
      })}
    </>
  );
}
