/** Pieces shared by the hours pages: durations in words, the totals, the records table. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, type Column } from '../../components/DataTable';
import { TableScroll } from '../../components/TableScroll';
import { useHT } from './i18n';
import { splitMinutes, type Correction, type ServiceRecord, type VolunteerHours } from './model';
import './hours.css';

/** "2 小时 30 分钟" for a number of minutes. */
export function useDuration() {
  const { t } = useHT();
  return (minutes: number) => {
    const { h, m } = splitMinutes(minutes);
    if (h && m) return t('duration.hm', { h, m });
    if (h) return t('duration.h', { h });
    return t('duration.m', { m });
  };
}

export function Totals({ totals }: { totals: VolunteerHours['totals'] }) {
  const { t } = useHT();
  const duration = useDuration();
  return (
    <section aria-labelledby="hours-totals" className="hours-totals">
      <h2 id="hours-totals">{t('totals.title')}</h2>
      <dl>
        <div>
          <dt>{t('totals.all')}</dt>
          <dd>{duration(totals.allMinutes)}</dd>
        </div>
        <div>
          <dt>{t('totals.year', { year: totals.year })}</dt>
          <dd>{duration(totals.yearMinutes)}</dd>
        </div>
        {totals.rangeMinutes !== null && (
          <div>
            <dt>
              {t('totals.range')}（{totals.from ?? '…'} – {totals.to ?? '…'}）
            </dt>
            <dd>{duration(totals.rangeMinutes)}</dd>
          </div>
        )}
      </dl>
      <p className="muted">{t('totals.count', { count: totals.recordCount })}</p>
    </section>
  );
}

export function RecordsTable({
  records,
  loading,
  actions,
}: {
  records: readonly ServiceRecord[];
  loading?: boolean;
  actions?: (r: ServiceRecord) => ReactNode;
}) {
  const { t } = useHT();
  const { t: tc } = useTranslation();
  const duration = useDuration();
  const columns: Column<ServiceRecord>[] = [
    { key: 'date', title: t('records.date'), rowHeader: true, className: 'nowrap', field: 'serviceDate' },
    { key: 'activity', title: t('records.activity'), field: 'activity' },
    { key: 'content', title: t('records.content'), render: (r) => r.content || t('none') },
    { key: 'minutes', title: t('records.minutes'), className: 'nowrap', render: (r) => duration(r.minutes) },
    { key: 'source', title: t('records.source'), render: (r) => t(`source.${r.source}`) },
    {
      key: 'state',
      title: t('records.state'),
      render: (r) =>
        r.state === 'void' ? <span className="tag">{t('state.void')}</span> : t('state.recorded'),
    },
    ...(actions ? [{ key: 'actions', title: tc('common.actions'), render: actions }] : []),
  ];
  return (
    <TableScroll label={t('records.caption')}>
      <DataTable
        columns={columns}
        rows={records}
        rowKey={(r) => r.id}
        loading={loading}
        emptyText={t('records.empty')}
      />
    </TableScroll>
  );
}

/** What a correction asks for, in words. */
export function useCorrectionText() {
  const { t } = useHT();
  const duration = useDuration();
  return (c: Correction) =>
    c.record
      ? t('corrections.changeRecord', {
          date: c.record.serviceDate,
          activity: c.record.activity,
          from: duration(c.record.minutes),
          to: duration(c.proposed.minutes ?? 0),
        })
      : t('corrections.addMissing', {
          date: c.proposed.serviceDate ?? '',
          activity: c.proposed.activity ?? '',
          to: duration(c.proposed.minutes ?? 0),
        });
}
