/** Needs cases (/care/needs, care.needs): filters by status, category, urgency, owner and overdue; newest first, keyset "load more". */
import { useState } from 'react';
import { Button, Checkbox, Select } from 'antd';
import { Link } from 'react-router';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { DataTable, type Column } from '../../components/DataTable';
import { PageTitle } from '../../components/PageTitle';
import { TableScroll } from '../../components/TableScroll';
import { hasAny, useMe } from '../../session';
import { useNT } from './i18n';
import { CATEGORIES, NEEDS_KEY, STATUSES, URGENCIES, type Need, type Page } from './model';
import { Due } from './parts';
import './needs.css';

export default function NeedsPage() {
  const { t } = useNT();
  const { t: tc } = useTranslation();
  const { data: me } = useMe(false);
  const [status, setStatus] = useState<string>('active');
  const [category, setCategory] = useState<string | undefined>();
  const [urgency, setUrgency] = useState<string | undefined>();
  const [owner, setOwner] = useState<string>('any');
  const [overdue, setOverdue] = useState(false);
  const filters = {
    ...(status === 'active' ? { active: 'true' } : status === 'all' ? {} : { status }),
    category,
    urgency,
    owner: owner === 'any' ? undefined : owner,
    overdue: overdue ? 'true' : undefined,
  };
  const list = useInfiniteQuery({
    queryKey: [...NEEDS_KEY, 'list', filters],
    queryFn: ({ signal, pageParam }) =>
      api.get<Page<Need>>('/care/needs', {
        query: { ...filters, limit: 50, cursor: pageParam ?? undefined },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const reset = () => {
    setStatus('active');
    setCategory(undefined);
    setUrgency(undefined);
    setOwner('any');
    setOverdue(false);
  };
  const columns: Column<Need>[] = [
    {
      key: 'title',
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
    { key: 'category', title: t('list.category'), render: (n) => t(`category.${n.category}`) },
    { key: 'urgency', title: t('list.urgency'), render: (n) => t(`urgency.${n.urgency}`) },
    { key: 'status', title: t('list.status'), render: (n) => t(`status.${n.status}`) },
    { key: 'owner', title: t('list.owner'), render: (n) => n.ownerName ?? t('need.unassigned') },
    { key: 'due', title: t('list.due'), render: (n) => <Due need={n} /> },
  ];
  const select = (
    id: string,
    label: string,
    value: string | undefined,
    onChange: (v: string | undefined) => void,
    options: { value: string; label: string }[],
    clear = true,
  ) => (
    <label className="need-filter">
      <span id={id}>{label}</span>
      <Select<string>
        aria-labelledby={id}
        allowClear={clear}
        style={{ minWidth: 170, display: 'block' }}
        value={value}
        onChange={(v) => onChange(v ?? undefined)}
        options={options}
        placeholder={tc('common.all')}
      />
    </label>
  );
  return (
    <>
      <PageTitle title={t('list.title')} />
      <p>{t('list.intro')}</p>
      <div className="toolbar">
        <Link className="button-link button-link-primary" to="/care/needs/new">
          {t('list.create')}
        </Link>
        {hasAny(me, ['care.settings']) && (
          <Link className="button-link" to="/care/needs/slas">
            {t('list.slas')}
          </Link>
        )}
      </div>
      <div className="need-filters" role="search" aria-label={t('list.filters')}>
        {select(
          'needs-status',
          t('list.status'),
          status,
          (v) => setStatus(v ?? 'active'),
          [
            { value: 'active', label: t('list.active') },
            { value: 'all', label: t('list.anyStatus') },
            ...STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })),
          ],
          false,
        )}
        {select(
          'needs-category',
          t('list.category'),
          category,
          setCategory,
          CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) })),
        )}
        {select(
          'needs-urgency',
          t('list.urgency'),
          urgency,
          setUrgency,
          URGENCIES.map((u) => ({ value: u, label: t(`urgency.${u}`) })),
        )}
        {select(
          'needs-owner',
          t('list.owner'),
          owner,
          (v) => setOwner(v ?? 'any'),
          [
            { value: 'any', label: t('list.ownerAny') },
            { value: 'me', label: t('list.ownerMe') },
            { value: 'none', label: t('list.ownerNone') },
          ],
          false,
        )}
        <Checkbox checked={overdue} onChange={(e) => setOverdue(e.target.checked)}>
          {t('list.overdue')}
        </Checkbox>
        <Button onClick={reset}>{t('list.reset')}</Button>
      </div>
      {list.isError ? (
        <p className="notice notice-error">{t('loadFailed')}</p>
      ) : (
        <>
          <p role="status">
            {list.data &&
              (list.hasNextPage
                ? t('list.countMore', { count: rows.length })
                : t('list.count', { count: rows.length }))}
          </p>
          <TableScroll label={t('list.tableLabel')}>
            <DataTable<Need>
              rowKey={(n) => n.id}
              columns={columns}
              rows={rows}
              loading={list.isPending}
              emptyText={tc('common.empty')}
              rowClassName={(n) => (n.overdue ? 'row-overdue' : undefined)}
            />
          </TableScroll>
        </>
      )}
      {list.hasNextPage && (
        <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t('list.loadMore')}
        </Button>
      )}
    </>
  );
}
