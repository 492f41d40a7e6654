/**
 * 服务台 (/accompaniment/desk, hospital desk): the day's list at the desk's own hospital — time,
 * name, service, department, volunteer — with large check-in, check-out (minutes and the steps
 * accompanied) and no-show buttons.
 */
import { useRef, useState } from 'react';
import { Button } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../api';
import { useAnnounce } from '../../announce';
import { PageTitle } from '../../components/PageTitle';
import { useAT } from '../i18n';
import { CheckOutDialog } from './CheckOutDialog';
import {
  ACC_KEY,
  addDays,
  shanghaiToday,
  useDepartmentName,
  withTimes,
  type DeskList,
  type DeskRow,
} from './data';
import './staff.css';

export default function DeskPage() {
  const { t } = useAT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [date, setDate] = useState(shanghaiToday());
  const list = useQuery({
    queryKey: [...ACC_KEY, 'desk', date],
    queryFn: ({ signal }) => api.get<DeskList>('/accompaniment/desk', { query: { date }, signal }),
    select: (d) => ({ ...d, rows: d.rows.map(withTimes) }),
  });
  const deptName = useDepartmentName();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [out, setOut] = useState<DeskRow | null>(null);
  const [outOpen, setOutOpen] = useState(false);
  const opener = useRef<HTMLElement | null>(null);

  const act = async (row: DeskRow, what: 'check-in' | 'no-show') => {
    setBusy(row.id);
    setError('');
    try {
      await api.post(`/accompaniment/bookings/${row.id}/${what}`);
      await qc.invalidateQueries({ queryKey: ACC_KEY });
      announce(t(what === 'check-in' ? 'desk.checkedIn' : 'desk.noShowDone', { name: row.personName }));
    } catch (e) {
      setError(isApiError(e) ? (e.fieldErrors[0]?.message ?? e.detail) : t('common.loadFailed'));
    } finally {
      setBusy(null);
    }
  };

  const rows = list.data?.rows ?? [];
  return (
    <div className="acc-desk">
      <PageTitle title={t('desk.title')} />
      {list.data?.hospital ? (
        <p className="acc-big">
          {list.data.hospital.name}
          {list.data.hospital.meetingPoint &&
            ` · ${t('desk.meetingPoint')}：${list.data.hospital.meetingPoint}`}
        </p>
      ) : (
        list.data && <p className="notice notice-warning">{t('desk.noHospital')}</p>
      )}
      <div className="acc-toolbar">
        <label htmlFor="acc-desk-date">{t('desk.date')}</label>
        <input
          id="acc-desk-date"
          className="acc-input"
          type="date"
          value={date}
          onChange={(e) => e.target.value && setDate(e.target.value)}
        />
        <Button onClick={() => setDate(addDays(date, -1))}>{t('desk.prevDay')}</Button>
        <Button onClick={() => setDate(shanghaiToday())}>{t('desk.today')}</Button>
        <Button onClick={() => setDate(addDays(date, 1))}>{t('desk.nextDay')}</Button>
      </div>
      <div role="status">{error && <p className="notice notice-error">{error}</p>}</div>
      {list.isError && <p className="notice notice-error">{t('common.loadFailed')}</p>}
      <h2>{t('desk.count', { count: rows.length, date })}</h2>
      {rows.length === 0 && !list.isPending && <p>{t('desk.empty')}</p>}
      <ul className="acc-desk-list">
        {rows.map((r) => (
          <li key={r.id} className="acc-desk-card">
            <h3>
              {r.startsAt}–{r.endsAt} {r.personName}
            </h3>
            <dl className="acc-dl">
              <dt>{t('desk.service')}</dt>
              <dd>{t(`common.service.${r.service}`)}</dd>
              <dt>{t('desk.department')}</dt>
              <dd>{deptName(list.data?.hospital?.id, r.department)}</dd>
              <dt>{t('desk.volunteer')}</dt>
              <dd>{r.volunteerName ?? t('coordinator.occurrence.unassigned')}</dd>
              <dt>{t('desk.state')}</dt>
              <dd>{t(`coordinator.bookingState.${r.state}`)}</dd>
              <dt>{t('desk.ref')}</dt>
              <dd>{r.ref}</dd>
            </dl>
            <div className="acc-toolbar">
              {r.state === 'booked' && (
                <>
                  <Button
                    type="primary"
                    size="large"
                    loading={busy === r.id}
                    onClick={() => void act(r, 'check-in')}
                    aria-label={t('desk.checkInLabel', { name: r.personName })}
                  >
                    {t('desk.checkIn')}
                  </Button>
                  <Button
                    size="large"
                    disabled={busy === r.id}
                    onClick={() => void act(r, 'no-show')}
                    aria-label={t('desk.noShowLabel', { name: r.personName })}
                  >
                    {t('desk.noShow')}
                  </Button>
                </>
              )}
              {r.state === 'checked_in' && (
                <Button
                  type="primary"
                  size="large"
                  onClick={(e) => {
                    opener.current = e.currentTarget;
                    setOut(r);
                    setOutOpen(true);
                  }}
                  aria-label={t('desk.checkOutLabel', { name: r.personName })}
                >
                  {t('desk.checkOut')}
                </Button>
              )}
            </div>
          </li>
        ))}
      </ul>
      <CheckOutDialog open={outOpen} row={out} returnFocus={opener} onClose={() => setOutOpen(false)} />
    </div>
  );
}
