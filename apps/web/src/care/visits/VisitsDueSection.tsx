/**
 * "My visits due" on the worker's queue (/care/queue): pairings I am responsible for whose next
 * visit is due within 7 days or overdue, my planned visits, and (for a worker) pairings in my area
 * that nobody is responsible for. Overdue rows come first and say so in words, not colour alone.
 */
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import { DataTable, type Column } from '../../components/DataTable';
import { TableScroll } from '../../components/TableScroll';
import { useVT } from './i18n';
import { byUrgency, type QueuePairing, type QueueVisit, type VisitQueue } from './model';
import './visits.css';

export const QUEUE_KEY = ['care', 'queue', 'visits'] as const;

export function VisitsDueSection() {
  const { t } = useVT();
  const q = useQuery({
    queryKey: QUEUE_KEY,
    queryFn: ({ signal }) => api.get<VisitQueue>('/care/queue/visits', { signal }),
  });
  const due = (days: number, on: string) =>
    days > 0 ? (
      <span className="visit-overdue">
        <strong>{t('queue.overdue', { count: days })}</strong> {t('queue.dueOn', { date: on })}
      </span>
    ) : (
      t('queue.dueOn', { date: on })
    );
  const pairingCols: Column<QueuePairing>[] = [
    {
      key: 'person',
      title: t('queue.family'),
      rowHeader: true,
      render: (p) => <Link to={`/care/pairings/${p.pairingId}`}>{p.personName}</Link>,
    },
    { key: 'partner', title: t('queue.partner'), render: (p) => p.partnerName ?? t('none') },
    { key: 'due', title: t('queue.nextVisit'), render: (p) => due(p.overdueDays, p.nextVisitOn) },
    {
      key: 'act',
      title: t('queue.actions'),
      render: (p) => (
        <Link
          to={`/care/pairings/${p.pairingId}/record`}
          aria-label={t('queue.recordFor', { name: p.personName })}
        >
          {t('queue.record')}
        </Link>
      ),
    },
  ];
  const visitCols: Column<QueueVisit>[] = [
    {
      key: 'person',
      title: t('queue.family'),
      rowHeader: true,
      render: (v) => <Link to={`/care/visits/${v.visitId}`}>{v.personName}</Link>,
    },
    { key: 'mode', title: t('visit.mode'), render: (v) => t(`mode.${v.mode}`) },
    { key: 'due', title: t('queue.plannedOn'), render: (v) => due(v.overdueDays, v.plannedOn) },
    {
      key: 'act',
      title: t('queue.actions'),
      render: (v) => (
        <Link
          to={`/care/visits/${v.visitId}/record`}
          aria-label={t('queue.recordFor', { name: v.personName })}
        >
          {t('queue.record')}
        </Link>
      ),
    },
  ];
  const data = q.data;
  const pairings = [...(data?.pairings ?? [])].sort(byUrgency((p) => p.nextVisitOn));
  const visits = [...(data?.visits ?? [])].sort(byUrgency((v) => v.plannedOn));
  const overdue =
    pairings.filter((p) => p.overdueDays > 0).length + visits.filter((v) => v.overdueDays > 0).length;
  return (
    <section aria-labelledby="queue-visits" className="queue-section">
      <h2 id="queue-visits">{t('queue.visitsTitle')}</h2>
      {q.isError && <p className="notice notice-error">{t('loadFailed')}</p>}
      {data && (
        <p data-testid="queue-visits-summary">
          {t('queue.summary', { count: pairings.length + visits.length, overdue, dueBy: data.dueBy })}
        </p>
      )}
      <h3 id="queue-pairings">{t('queue.pairingsTitle')}</h3>
      <TableScroll label={t('queue.pairingsTitle')}>
        <DataTable
          columns={pairingCols}
          rows={pairings}
          rowKey={(p) => p.pairingId}
          loading={q.isPending}
          emptyText={t('queue.nonePairings')}
          rowClassName={(p) => (p.overdueDays > 0 ? 'row-overdue' : undefined)}
        />
      </TableScroll>
      <h3>{t('queue.visitsPlanned')}</h3>
      <TableScroll label={t('queue.visitsPlanned')}>
        <DataTable
          columns={visitCols}
          rows={visits}
          rowKey={(v) => v.visitId}
          loading={q.isPending}
          emptyText={t('queue.noneVisits')}
          rowClassName={(v) => (v.overdueDays > 0 ? 'row-overdue' : undefined)}
        />
      </TableScroll>
      {data && data.unassigned.length > 0 && (
        <>
          <h3>{t('queue.unassigned')}</h3>
          <p>{t('queue.unassignedHelp')}</p>
          <TableScroll label={t('queue.unassigned')}>
            <DataTable
              columns={pairingCols.filter((c) => c.key !== 'act')}
              rows={[...data.unassigned].sort(byUrgency((p) => p.nextVisitOn))}
              rowKey={(p) => p.pairingId}
            />
          </TableScroll>
        </>
      )}
    </section>
  );
}
