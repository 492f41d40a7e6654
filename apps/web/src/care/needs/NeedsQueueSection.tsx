/**
 * "我的诉求" on the worker's queue (/care/queue): the open and in-progress needs I own, overdue
 * first with how overdue in words; for street and community workers also their area's unassigned
 * needs. Each row opens the case page.
 */
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import { DataTable, type Column } from '../../components/DataTable';
import { TableScroll } from '../../components/TableScroll';
import { useNT } from './i18n';
import { QUEUE_KEY, type NeedQueue, type QueueNeed } from './model';
import { Due } from './parts';
import './needs.css';

export function NeedsQueueSection() {
  const { t } = useNT();
  const q = useQuery({
    queryKey: QUEUE_KEY,
    queryFn: ({ signal }) => api.get<NeedQueue>('/care/queue/needs', { signal }),
  });
  const columns: Column<QueueNeed>[] = [
    {
      key: 'need',
      title: t('list.subject'),
      rowHeader: true,
      render: (n) => (
        <Link to={`/care/needs/${n.id}`} aria-label={t('list.openLabel', { ref: n.ref, title: n.title })}>
          {n.title}
        </Link>
      ),
    },
    { key: 'ref', title: t('list.ref'), field: 'ref' },
    { key: 'person', title: t('list.person'), field: 'personName' },
    {
      key: 'kind',
      title: t('list.category'),
      render: (n) => `${t(`category.${n.category}`)}（${t(`urgency.${n.urgency}`)}）`,
    },
    { key: 'status', title: t('list.status'), render: (n) => t(`status.${n.status}`) },
    { key: 'due', title: t('list.due'), render: (n) => <Due need={n} overdueHours={n.overdueHours} /> },
  ];
  const mine = q.data?.mine ?? [];
  const unassigned = q.data?.unassigned ?? [];
  return (
    <section aria-labelledby="queue-needs" className="queue-section">
      <h2 id="queue-needs">{t('queue.title')}</h2>
      {q.isError && <p className="notice notice-error">{t('loadFailed')}</p>}
      {q.data && (
        <p data-testid="queue-needs-summary">
          {t('queue.summary', { count: mine.length, overdue: mine.filter((n) => n.overdue).length })}
        </p>
      )}
      <TableScroll label={t('queue.tableMine')}>
        <DataTable<QueueNeed>
          rowKey={(n) => n.id}
          columns={columns}
          rows={mine}
          loading={q.isPending}
          emptyText={t('queue.none')}
          rowClassName={(n) => (n.overdue ? 'row-overdue' : undefined)}
        />
      </TableScroll>
      {unassigned.length > 0 && (
        <>
          <h3>{t('queue.unassigned')}</h3>
          <TableScroll label={t('queue.tableUnassigned')}>
            <DataTable<QueueNeed>
              rowKey={(n) => n.id}
              columns={columns}
              rows={unassigned}
              emptyText={t('queue.unassignedNone')}
              rowClassName={(n) => (n.overdue ? 'row-overdue' : undefined)}
            />
          </TableScroll>
        </>
      )}
    </section>
  );
}
