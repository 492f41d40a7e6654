/** One occurrence's bookings on the calendar: choose a volunteer for a booking, or call the occurrence off. */
import { useEffect, useRef, useState } from 'react';
import { Button } from 'antd';
import { DataTable, type Column } from '../../components/DataTable';
import { TableScroll } from '../../components/TableScroll';
import { useAT } from '../i18n';
import { CancelOccurrenceDialog } from './CancelOccurrenceDialog';
import { OverrideDialog } from './OverrideDialog';
import { useBookings, useDepartmentName, type Booking, type Occurrence } from './data';
import { dayWithWeekday } from './labels';

export function OccurrencePanel({ occurrence: o, onClose }: { occurrence: Occurrence; onClose: () => void }) {
  const { t } = useAT();
  const heading = useRef<HTMLHeadingElement>(null);
  const list = useBookings({ hospitalId: o.hospitalId, from: o.date, to: o.date, limit: 200 });
  const rows = (list.data ?? []).filter((b) => b.sessionId === o.sessionId);
  const deptName = useDepartmentName();
  const [target, setTarget] = useState<Booking | null>(null);
  const [choosing, setChoosing] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const chooser = useRef<HTMLElement | null>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const live = rows.filter((b) => b.state === 'booked' || b.state === 'checked_in');

  const columns: Column<Booking>[] = [
    { key: 'name', title: t('coordinator.occurrence.person'), rowHeader: true, render: (b) => b.personName },
    {
      key: 'service',
      title: t('coordinator.occurrence.service'),
      render: (b) => t(`common.service.${b.service}`),
    },
    {
      key: 'department',
      title: t('coordinator.occurrence.department'),
      render: (b) => deptName(b.hospital.id, b.department),
    },
    {
      key: 'volunteer',
      title: t('coordinator.occurrence.volunteer'),
      render: (b) =>
        b.volunteer?.name ?? <span className="acc-warn">{t('coordinator.occurrence.unassigned')}</span>,
    },
    {
      key: 'offer',
      title: t('coordinator.occurrence.offer'),
      render: (b) =>
        b.offer ? t(`coordinator.offerState.${b.offer.state}`) : t('coordinator.offerState.none'),
    },
    {
      key: 'state',
      title: t('coordinator.occurrence.state'),
      render: (b) => t(`coordinator.bookingState.${b.state}`),
    },
    {
      key: 'act',
      title: t('coordinator.calendar.actions'),
      render: (b) =>
        b.state === 'booked' ? (
          <Button
            onClick={(e) => {
              chooser.current = e.currentTarget;
              setTarget(b);
              setChoosing(true);
            }}
            aria-label={
              b.volunteer
                ? t('coordinator.occurrence.changeLabel', { name: b.personName })
                : t('coordinator.occurrence.chooseLabel', { name: b.personName })
            }
          >
            {b.volunteer ? t('coordinator.occurrence.change') : t('coordinator.occurrence.choose')}
          </Button>
        ) : null,
    },
  ];

  return (
    <section className="acc-panel" aria-labelledby="acc-occ-h">
      <h2 id="acc-occ-h" ref={heading} tabIndex={-1}>
        {t('coordinator.occurrence.heading', {
          day: dayWithWeekday(t, o.date),
          from: o.startsAt,
          to: o.endsAt,
        })}
      </h2>
      {o.off && (
        <p className="acc-off">
          {t(`coordinator.calendar.off.${o.off.kind}`)}：{o.off.reason}
        </p>
      )}
      <TableScroll label={t('coordinator.occurrence.tableLabel')}>
        <DataTable
          columns={columns}
          rows={rows}
          rowKey={(b) => b.id}
          loading={list.isPending}
          emptyText={t('coordinator.occurrence.empty')}
        />
      </TableScroll>
      <div className="acc-toolbar">
        {!o.off && (
          <Button danger ref={cancelRef} onClick={() => setCancelling(true)}>
            {t('coordinator.occurrence.cancel')}
          </Button>
        )}
        <Button onClick={onClose}>{t('coordinator.occurrence.close')}</Button>
      </div>
      <OverrideDialog
        open={choosing}
        booking={target}
        returnFocus={chooser}
        onClose={() => setChoosing(false)}
      />
      <CancelOccurrenceDialog
        open={cancelling}
        occurrence={o}
        bookings={live.length}
        returnFocus={cancelRef}
        onClose={() => setCancelling(false)}
      />
    </section>
  );
}
