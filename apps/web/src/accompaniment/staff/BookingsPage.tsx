/** 陪诊预约 (/accompaniment/bookings): bookings filtered by hospital, dates, state, or only those without a volunteer. */
import { useState } from 'react';
import { Checkbox } from 'antd';
import { Link } from 'react-router';
import { DataTable, type Column } from '../../components/DataTable';
import { PageTitle } from '../../components/PageTitle';
import { TableScroll } from '../../components/TableScroll';
import { hasAny, useMe } from '../../session';
import { useAT } from '../i18n';
import { BOOKING_STATES, useBookings, useHospitals, type Booking, type BookingState } from './data';
import { dayWithWeekday } from './labels';
import './staff.css';

export default function BookingsPage() {
  const { t } = useAT();
  const k = 'coordinator.bookings';
  const { data: me } = useMe(false);
  const hospitals = useHospitals();
  const [hospitalId, setHospitalId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [state, setState] = useState<BookingState | ''>('');
  const [unfilled, setUnfilled] = useState(false);
  const list = useBookings({
    hospitalId: hospitalId || undefined,
    from: from || undefined,
    to: to || undefined,
    state: state || undefined,
    unfilled: unfilled ? '1' : undefined,
    limit: 200,
  });
  const columns: Column<Booking>[] = [
    {
      key: 'ref',
      title: t(`${k}.ref`),
      rowHeader: true,
      render: (b) => <Link to={`/accompaniment/bookings/${b.id}`}>{b.ref}</Link>,
    },
    { key: 'person', title: t(`${k}.person`), render: (b) => b.personName },
    { key: 'hospital', title: t(`${k}.hospital`), render: (b) => b.hospital.name },
    {
      key: 'when',
      title: t(`${k}.when`),
      render: (b) => `${dayWithWeekday(t, b.date)} ${b.startsAt}–${b.endsAt}`,
    },
    { key: 'service', title: t(`${k}.service`), render: (b) => t(`common.service.${b.service}`) },
    {
      key: 'volunteer',
      title: t(`${k}.volunteer`),
      render: (b) =>
        b.volunteer?.name ?? <span className="acc-warn">{t('coordinator.occurrence.unassigned')}</span>,
    },
    { key: 'state', title: t(`${k}.state`), render: (b) => t(`coordinator.bookingState.${b.state}`) },
  ];
  return (
    <>
      <PageTitle title={t(`${k}.title`)} />
      {hasAny(me, ['accompaniment.book']) && (
        <p>
          <Link to="/accompaniment/book">{t(`${k}.new`)}</Link>
        </p>
      )}
      <div className="acc-toolbar" role="group" aria-label={t(`${k}.filter`)}>
        <label htmlFor="acc-bk-hospital">{t(`${k}.hospital`)}</label>
        <select
          id="acc-bk-hospital"
          className="acc-select"
          value={hospitalId}
          onChange={(e) => setHospitalId(e.target.value)}
        >
          <option value="">{t(`${k}.all`)}</option>
          {(hospitals.data ?? []).map((h) => (
            <option key={h.id} value={h.id}>
              {h.name}
            </option>
          ))}
        </select>
        <label htmlFor="acc-bk-from">{t(`${k}.from`)}</label>
        <input
          id="acc-bk-from"
          className="acc-input"
          type="date"
          value={from}
          onChange={(e) => setFrom(e.target.value)}
        />
        <label htmlFor="acc-bk-to">{t(`${k}.to`)}</label>
        <input
          id="acc-bk-to"
          className="acc-input"
          type="date"
          value={to}
          onChange={(e) => setTo(e.target.value)}
        />
        <label htmlFor="acc-bk-state">{t(`${k}.state`)}</label>
        <select
          id="acc-bk-state"
          className="acc-select"
          value={state}
          onChange={(e) => setState(e.target.value as BookingState | '')}
        >
          <option value="">{t(`${k}.all`)}</option>
          {BOOKING_STATES.map((s) => (
            <option key={s} value={s}>
              {t(`coordinator.bookingState.${s}`)}
            </option>
          ))}
        </select>
        <Checkbox checked={unfilled} onChange={(e) => setUnfilled(e.target.checked)}>
          {t(`${k}.unfilled`)}
        </Checkbox>
      </div>
      {list.isError && <p className="notice notice-error">{t('common.loadFailed')}</p>}
      <TableScroll label={t(`${k}.tableLabel`)}>
        <DataTable
          columns={columns}
          rows={list.data ?? []}
          rowKey={(b) => b.id}
          loading={list.isPending}
          emptyText={t(`${k}.empty`)}
        />
      </TableScroll>
    </>
  );
}
