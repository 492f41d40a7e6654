/**
 * 陪诊日历 (/accompaniment/calendar, coordinators): one hospital's occurrences week by week with
 * capacity, booked and unfilled counts in words, the days off with their reason; an occurrence
 * opens its bookings (choose a volunteer, call the occurrence off); the assignment can run now.
 */
import { useRef, useState } from 'react';
import { Button } from 'antd';
import { PageTitle } from '../../components/PageTitle';
import { TableScroll } from '../../components/TableScroll';
import { DataTable, type Column } from '../../components/DataTable';
import { useAT } from '../i18n';
import { AssignRunPanel } from './AssignRunPanel';
import { OccurrencePanel } from './OccurrencePanel';
import { addDays, mondayOf, shanghaiToday, useCalendar, useHospitals, type Occurrence } from './data';
import { dayWithWeekday, serviceList } from './labels';
import './staff.css';

export default function CalendarPage() {
  const { t } = useAT();
  const hospitals = useHospitals();
  const [chosen, setChosen] = useState<string | undefined>();
  const hospitalId = chosen ?? hospitals.data?.[0]?.id;
  const [monday, setMonday] = useState(() => mondayOf(shanghaiToday()));
  const sunday = addDays(monday, 6);
  const cal = useCalendar(hospitalId, monday, sunday);
  const [open, setOpen] = useState<Occurrence | null>(null);
  const openers = useRef(new Map<string, HTMLElement | null>());
  const key = (o: Occurrence) => `${o.sessionId}:${o.date}`;

  const columns: Column<Occurrence>[] = [
    {
      key: 'date',
      title: t('coordinator.calendar.date'),
      rowHeader: true,
      render: (o) => dayWithWeekday(t, o.date),
    },
    { key: 'time', title: t('coordinator.calendar.time'), render: (o) => `${o.startsAt}–${o.endsAt}` },
    { key: 'services', title: t('coordinator.calendar.services'), render: (o) => serviceList(t, o.services) },
    {
      key: 'booked',
      title: t('coordinator.calendar.booked'),
      render: (o) => t('coordinator.calendar.bookedOf', { booked: o.booked, capacity: o.capacity }),
    },
    {
      key: 'unfilled',
      title: t('coordinator.calendar.unfilled'),
      render: (o) =>
        o.off ? (
          '—'
        ) : o.unfilled > 0 ? (
          <span className="acc-warn">
            <span aria-hidden="true">⚠ </span>
            {t('coordinator.calendar.unfilledN', { count: o.unfilled })}
          </span>
        ) : (
          t('coordinator.calendar.allFilled')
        ),
    },
    {
      key: 'state',
      title: t('coordinator.calendar.state'),
      render: (o) =>
        o.off ? (
          <span className="acc-off">
            {t(`coordinator.calendar.off.${o.off.kind}`)}：{o.off.reason}
          </span>
        ) : (
          t('coordinator.calendar.on')
        ),
    },
    {
      key: 'open',
      title: t('coordinator.calendar.actions'),
      render: (o) => (
        <Button
          ref={(el) => {
            openers.current.set(key(o), el);
          }}
          onClick={() => setOpen(o)}
          aria-label={t('coordinator.calendar.openLabel', { day: o.date, time: o.startsAt })}
        >
          {t('coordinator.calendar.open')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageTitle title={t('coordinator.calendar.title')} />
      <div className="acc-toolbar">
        <label htmlFor="acc-cal-hospital">{t('coordinator.calendar.hospital')}</label>
        <select
          id="acc-cal-hospital"
          className="acc-select"
          value={hospitalId ?? ''}
          onChange={(e) => {
            setChosen(e.target.value);
            setOpen(null);
          }}
        >
          {(hospitals.data ?? []).map((h) => (
            <option key={h.id} value={h.id}>
              {h.name}
            </option>
          ))}
        </select>
      </div>
      <AssignRunPanel />
      <h2 id="acc-week">{t('coordinator.calendar.week', { from: monday, to: sunday })}</h2>
      <div className="acc-toolbar" role="group" aria-labelledby="acc-week">
        <Button onClick={() => setMonday(addDays(monday, -7))}>{t('coordinator.calendar.prev')}</Button>
        <Button onClick={() => setMonday(mondayOf(shanghaiToday()))}>
          {t('coordinator.calendar.thisWeek')}
        </Button>
        <Button onClick={() => setMonday(addDays(monday, 7))}>{t('coordinator.calendar.next')}</Button>
      </div>
      {cal.isError && <p className="notice notice-error">{t('common.loadFailed')}</p>}
      <TableScroll label={t('coordinator.calendar.tableLabel')}>
        <DataTable
          columns={columns}
          rows={cal.data ?? []}
          rowKey={key}
          loading={cal.isPending && Boolean(hospitalId)}
          emptyText={t('coordinator.calendar.empty')}
        />
      </TableScroll>
      {open && (
        <OccurrencePanel
          key={key(open)}
          occurrence={cal.data?.find((o) => key(o) === key(open)) ?? open}
          onClose={() => {
            const el = openers.current.get(key(open));
            setOpen(null);
            el?.focus();
          }}
        />
      )}
    </>
  );
}
