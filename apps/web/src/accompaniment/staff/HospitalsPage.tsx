/**
 * 医院与门诊安排 (/accompaniment/hospitals, coordinators): the hospitals (add, edit with their
 * departments), each hospital's weekly sessions (add, edit) and the year's holidays.
 */
import { useRef, useState } from 'react';
import { Button } from 'antd';
import { DataTable, type Column } from '../../components/DataTable';
import { PageTitle } from '../../components/PageTitle';
import { TableScroll } from '../../components/TableScroll';
import { useAT } from '../i18n';
import { HolidaysSection } from './HolidaysSection';
import { DeskAccountsSection } from './DeskAccountsSection';
import { HospitalDialog } from './HospitalDialog';
import { SessionDialog } from './SessionDialog';
import { useHospitals, useSessions, type Hospital, type Session } from './data';
import { serviceList, weekdayName } from './labels';
import './staff.css';

export default function HospitalsPage() {
  const { t } = useAT();
  const h = 'coordinator.hospitals';
  const hospitals = useHospitals();
  const [editing, setEditing] = useState<Hospital | null>(null);
  const [hospitalOpen, setHospitalOpen] = useState(false);
  const opener = useRef<HTMLElement | null>(null);
  const [chosen, setChosen] = useState<string | undefined>();
  const current = hospitals.data?.find((x) => x.id === chosen) ?? hospitals.data?.[0];
  const sessions = useSessions(current?.id);
  const [session, setSession] = useState<Session | null>(null);
  const [sessionOpen, setSessionOpen] = useState(false);

  const openHospital = (x: Hospital | null, el: HTMLElement) => {
    opener.current = el;
    setEditing(x);
    setHospitalOpen(true);
  };
  const openSession = (x: Session | null, el: HTMLElement) => {
    opener.current = el;
    setSession(x);
    setSessionOpen(true);
  };

  const columns: Column<Hospital>[] = [
    { key: 'name', title: t(`${h}.name`), rowHeader: true, render: (x) => x.name },
    { key: 'address', title: t(`${h}.address`), render: (x) => x.address },
    { key: 'meeting', title: t(`${h}.meetingPoint`), render: (x) => x.meetingPoint },
    {
      key: 'deps',
      title: t(`${h}.departments`),
      render: (x) => t(`${h}.departmentsCount`, { count: x.departments.length }),
    },
    {
      key: 'active',
      title: t(`${h}.active`),
      render: (x) => (x.active ? t(`${h}.activeYes`) : t(`${h}.activeNo`)),
    },
    {
      key: 'edit',
      title: t('coordinator.calendar.actions'),
      render: (x) => (
        <Button
          onClick={(e) => openHospital(x, e.currentTarget)}
          aria-label={t(`${h}.editLabel`, { name: x.name })}
        >
          {t(`${h}.edit`)}
        </Button>
      ),
    },
  ];
  const sessionColumns: Column<Session>[] = [
    { key: 'wd', title: t(`${h}.weekday`), rowHeader: true, render: (s) => weekdayName(t, s.weekday) },
    { key: 'time', title: t('coordinator.calendar.time'), render: (s) => `${s.startsAt}–${s.endsAt}` },
    { key: 'services', title: t(`${h}.services`), render: (s) => serviceList(t, s.services) },
    { key: 'cap', title: t(`${h}.capacity`), render: (s) => s.capacity },
    {
      key: 'valid',
      title: t(`${h}.validFrom`),
      render: (s) =>
        s.validTo
          ? t(`${h}.validRangeTo`, { from: s.validFrom, to: s.validTo })
          : t(`${h}.validRange`, { from: s.validFrom }),
    },
    {
      key: 'active',
      title: t(`${h}.active`),
      render: (s) => (s.active ? t(`${h}.activeYes`) : t(`${h}.activeNo`)),
    },
    {
      key: 'edit',
      title: t('coordinator.calendar.actions'),
      render: (s) => (
        <Button
          onClick={(e) => openSession(s, e.currentTarget)}
          aria-label={t(`${h}.editSessionLabel`, { weekday: weekdayName(t, s.weekday), time: s.startsAt })}
        >
          {t(`${h}.edit`)}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageTitle title={t(`${h}.title`)} />
      <div className="acc-toolbar">
        <Button type="primary" onClick={(e) => openHospital(null, e.currentTarget)}>
          {t(`${h}.add`)}
        </Button>
      </div>
      {hospitals.isError && <p className="notice notice-error">{t('common.loadFailed')}</p>}
      <TableScroll label={t(`${h}.tableLabel`)}>
        <DataTable
          columns={columns}
          rows={hospitals.data ?? []}
          rowKey={(x) => x.id}
          loading={hospitals.isPending}
        />
      </TableScroll>
      {current && (
        <section className="acc-panel" aria-labelledby="acc-sessions-h">
          <h2 id="acc-sessions-h">{t(`${h}.sessions`, { name: current.name })}</h2>
          <div className="acc-toolbar">
            <label htmlFor="acc-sessions-hospital">{t('coordinator.calendar.hospital')}</label>
            <select
              id="acc-sessions-hospital"
              className="acc-select"
              value={current.id}
              onChange={(e) => setChosen(e.target.value)}
            >
              {(hospitals.data ?? []).map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </select>
            <Button
              onClick={(e) => openSession(null, e.currentTarget)}
              aria-label={t(`${h}.addSessionLabel`, { name: current.name })}
            >
              {t(`${h}.addSession`)}
            </Button>
          </div>
          <TableScroll label={t(`${h}.sessionsLabel`, { name: current.name })}>
            <DataTable
              columns={sessionColumns}
              rows={sessions.data ?? []}
              rowKey={(s) => s.id}
              loading={sessions.isPending}
              emptyText={t(`${h}.noSessions`)}
            />
          </TableScroll>
        </section>
      )}
      <DeskAccountsSection />
      <HolidaysSection />
      <HospitalDialog
        open={hospitalOpen}
        hospital={editing}
        returnFocus={opener}
        onClose={() => setHospitalOpen(false)}
      />
      {current && (
        <SessionDialog
          open={sessionOpen}
          hospitalId={current.id}
          session={session}
          returnFocus={opener}
          onClose={() => setSessionOpen(false)}
        />
      )}
    </>
  );
}
