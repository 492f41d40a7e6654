/** Meetings, lectures and activities (/care/meetings, care.plans): newest first, filtered by kind, team and dates; attendance counts. */
import { useState } from 'react';
import { Button, Input, Select } from 'antd';
import { Link } from 'react-router';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { DataTable, type Column } from '../../components/DataTable';
import { PageTitle } from '../../components/PageTitle';
import { TableScroll } from '../../components/TableScroll';
import { usePT } from './i18n';
import { PLANS_KEY, shanghaiDateTime, type MeetingSummary, type Paged } from './model';
import { useTeams } from './pickers';
import './plans.css';

const KINDS = ['joint_meeting', 'lecture', 'activity'] as const;

export default function MeetingsPage() {
  const { t } = usePT();
  const { t: tc } = useTranslation();
  const teams = useTeams();
  const [kind, setKind] = useState<string | undefined>();
  const [team, setTeam] = useState<string | undefined>();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const filters = { kind, organisationId: team, from: from || undefined, to: to || undefined };
  const list = useInfiniteQuery({
    queryKey: [...PLANS_KEY, 'meetings', filters],
    queryFn: ({ signal, pageParam }) =>
      api.get<Paged<MeetingSummary>>('/care/meetings', {
        query: { ...filters, limit: 50, cursor: pageParam ?? undefined },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const teamName = (id: string) => teams.data?.find((o) => o.value === id)?.label ?? '';
  const columns: Column<MeetingSummary>[] = [
    {
      key: 'title',
      title: t('meetingForm.title'),
      rowHeader: true,
      render: (m) => (
        <Link to={`/care/meetings/${m.id}`} aria-label={t('meetings.openLabel', { title: m.title })}>
          {m.title}
        </Link>
      ),
    },
    { key: 'kind', title: t('meetings.filterKind'), render: (m) => t(`kind.${m.kind}`) },
    { key: 'when', title: t('meetings.when'), render: (m) => shanghaiDateTime(m.heldAt) },
    { key: 'place', title: t('meetings.place'), render: (m) => m.place || t('none') },
    {
      key: 'hosts',
      title: t('meeting.hosts'),
      render: (m) => m.organisationIds.map(teamName).filter(Boolean).join(t('listSep')) || t('none'),
    },
    {
      key: 'attendance',
      title: t('meetings.attendance'),
      render: (m) => t('meetings.attendanceValue', { present: m.presentCount, total: m.attendeeCount }),
    },
    { key: 'needs', title: t('meetings.needs'), render: (m) => m.needCount },
    { key: 'items', title: t('meetings.items'), render: (m) => m.itemCount },
  ];
  return (
    <>
      <PageTitle title={t('meetings.title')} />
      <p>{t('meetings.intro')}</p>
      <div className="toolbar">
        <Link className="button-link button-link-primary" to="/care/meetings/new">
          {t('meetings.create')}
        </Link>
      </div>
      <div className="plans-filters" role="search" aria-label={t('meetings.tableLabel')}>
        <label>
          <span id="meetings-kind-label">{t('meetings.filterKind')}</span>
          <Select<string>
            aria-labelledby="meetings-kind-label"
            allowClear
            style={{ minWidth: 160 }}
            value={kind}
            onChange={(v) => setKind(v ?? undefined)}
            options={KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
            placeholder={tc('common.all')}
          />
        </label>
        <label>
          <span id="meetings-team-label">{t('meeting.hosts')}</span>
          <Select<string>
            aria-labelledby="meetings-team-label"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ minWidth: 200 }}
            value={team}
            onChange={(v) => setTeam(v ?? undefined)}
            options={teams.data ?? []}
            placeholder={tc('common.all')}
          />
        </label>
        <label>
          {t('meetings.filterFrom')}
          <Input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {t('meetings.filterTo')}
          <Input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
      </div>
      {list.isError ? (
        <p className="notice notice-error">{t('loadFailed')}</p>
      ) : (
        <TableScroll label={t('meetings.tableLabel')}>
          <DataTable<MeetingSummary>
            rowKey={(m) => m.id}
            columns={columns}
            rows={rows}
            loading={list.isPending}
            emptyText={tc('common.empty')}
          />
        </TableScroll>
      )}
      {list.hasNextPage && (
        <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t('meetings.loadMore')}
        </Button>
      )}
    </>
  );
}
