/**
 * 服务统计 (/accompaniment/stats): this year's person-times against the yearly target (a bar with
 * the figures in words) and the sessions held each week against the weekly target; a week below
 * it is marked with words and an icon.
 */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import { DataTable, type Column } from '../../components/DataTable';
import { PageTitle } from '../../components/PageTitle';
import { TableScroll } from '../../components/TableScroll';
import { useAT } from '../i18n';
import { ACC_KEY, addDays, mondayOf, shanghaiToday, type Stats } from './data';
import './staff.css';

type Week = Stats['weeks'][number];

export default function StatsPage() {
  const { t } = useAT();
  const thisYear = Number(shanghaiToday().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const stats = useQuery({
    queryKey: [...ACC_KEY, 'stats', year],
    queryFn: ({ signal }) => api.get<Stats>('/accompaniment/stats', { query: { year }, signal }),
  });
  const s = stats.data;
  const target = s?.targets.personTimesPerYear ?? 2000;
  const perWeek = s?.targets.sessionsPerWeek ?? 3;
  const pct = s ? Math.min(100, Math.round((s.personTimes / target) * 1000) / 10) : 0;
  const currentMonday = mondayOf(shanghaiToday());
  const weeks = (s?.weeks ?? [])
    .filter((w) => w.monday <= currentMonday)
    .slice()
    .reverse();
  const columns: Column<Week>[] = [
    {
      key: 'week',
      title: t('stats.week'),
      rowHeader: true,
      render: (w) => t('stats.weekRange', { from: w.monday, to: addDays(w.monday, 6) }),
    },
    { key: 'held', title: t('stats.sessionsHeld'), render: (w) => w.sessionsHeld },
    {
      key: 'target',
      title: t('stats.againstTarget'),
      render: (w) =>
        w.monday === currentMonday ? (
          t('stats.inProgress')
        ) : w.sessionsHeld >= perWeek ? (
          <span>
            <span aria-hidden="true">✓ </span>
            {t('stats.met')}
          </span>
        ) : (
          <span className="acc-warn">
            <span aria-hidden="true">⚠ </span>
            {t('stats.below', { missing: perWeek - w.sessionsHeld })}
          </span>
        ),
    },
    { key: 'pt', title: t('stats.personTimes'), render: (w) => w.personTimes },
    { key: 'ns', title: t('stats.noShows'), render: (w) => w.noShows },
  ];
  return (
    <>
      <PageTitle title={t('stats.title')} />
      <div className="acc-toolbar">
        <label htmlFor="acc-stats-year">{t('stats.year')}</label>
        <select
          id="acc-stats-year"
          className="acc-select"
          value={year}
          onChange={(e) => setYear(Number(e.target.value))}
        >
          {[thisYear, thisYear - 1, thisYear - 2].map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      {stats.isError && <p className="notice notice-error">{t('common.loadFailed')}</p>}
      <section className="acc-panel" aria-labelledby="acc-stats-year-h">
        <h2 id="acc-stats-year-h">{t('stats.yearHeading', { year })}</h2>
        <p className="acc-big" data-testid="acc-person-times">
          {t('stats.personTimesText', { count: s?.personTimes ?? 0, target, pct })}
        </p>
        <div
          className="acc-progress"
          role="progressbar"
          aria-label={t('stats.progressLabel')}
          aria-valuemin={0}
          aria-valuemax={target}
          aria-valuenow={s?.personTimes ?? 0}
          aria-valuetext={t('stats.personTimesText', { count: s?.personTimes ?? 0, target, pct })}
        >
          <div className="acc-progress-bar" style={{ width: `${pct}%` }} />
        </div>
      </section>
      <h2>{t('stats.weeksHeading', { target: perWeek })}</h2>
      <TableScroll label={t('stats.tableLabel')}>
        <DataTable
          columns={columns}
          rows={weeks}
          rowKey={(w) => w.monday}
          loading={stats.isPending}
          emptyText={t('stats.empty')}
        />
      </TableScroll>
    </>
  );
}
