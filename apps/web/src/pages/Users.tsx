import { useEffect, useMemo, useRef, useState } from 'react';
import { Button } from 'antd';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../api';
import { useAnnounce } from '../announce';
import { DataTable } from '../components/DataTable';
import { ErrorSummary } from '../components/ErrorSummary';
import { PageTitle } from '../components/PageTitle';
import { TableScroll } from '../components/TableScroll';
import { applyProblem, type ProblemSummary } from '../forms';
import { useAreas } from '../queries';
import { useMe } from '../session';
import type { Page, UserOut, UserPatchBody } from '../types';
import { useUserColumns } from './users/columns';
import { NO_ERRORS, PAGE_SIZE, type DrawerState, type Filters } from './users/model';
import { UserDrawer } from './users/UserDrawer';
import { UserFilters } from './users/UserFilters';

/** Staff accounts: find, create, change, disable, unlock, set a new password. */
export default function Users() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const { data: me } = useMe(false);
  const canManage = Boolean(me?.permissions.includes('users.manage'));
  const areasQuery = useAreas(Boolean(me?.permissions.includes('areas.read')));
  const areas = areasQuery.data?.items;

  const [filters, setFilters] = useState<Filters>({});
  const userSearched = useRef(false);
  const [pageSummary, setPageSummary] = useState<ProblemSummary>(NO_ERRORS);
  const [notice, setNotice] = useState<string | null>(null);
  const [drawer, setDrawerState] = useState<DrawerState>(null);
  // Where focus goes back to when the drawer closes (the button that opened it).
  const trigger = useRef<HTMLElement | null>(null);
  const setDrawer = (next: DrawerState) => {
    if (next && !drawer)
      trigger.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setDrawerState(next);
  };

  const list = useInfiniteQuery({
    queryKey: ['users', filters],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<UserOut>>('/users', {
        query: { ...filters, cursor: pageParam, limit: PAGE_SIZE },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const users = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);

  // Announce results after a search or "load more" (not on every background refetch).
  useEffect(() => {
    if (!userSearched.current || list.isFetching || !list.data) return;
    userSearched.current = false;
    announce(
      users.length === 0
        ? t('common.empty')
        : list.hasNextPage
          ? t('common.resultsMore', { count: users.length })
          : t('common.results', { count: users.length }),
    );
  }, [list.isFetching, list.data, list.hasNextPage, users.length, announce, t]);

  const search = (v: Filters) => {
    userSearched.current = true;
    setFilters({
      q: v.q?.trim() || undefined,
      role: v.role || undefined,
      streetCode: v.streetCode || undefined,
    });
  };

  const refresh = () => qc.invalidateQueries({ queryKey: ['users'] });

  const act = async (u: UserOut, kind: 'disable' | 'enable' | 'unlock') => {
    setPageSummary(NO_ERRORS);
    try {
      if (kind === 'unlock') await api.post(`/users/${u.id}/unlock`, {});
      else
        await api.patch(`/users/${u.id}`, { disabled: kind === 'disable' } satisfies UserPatchBody, {
          headers: { 'If-Match': String(u.version) },
        });
      const msg = t(
        kind === 'unlock' ? 'users.unlocked' : kind === 'disable' ? 'users.disabled' : 'users.enabled',
        {
          name: u.displayName || u.username,
        },
      );
      setNotice(msg);
      announce(msg);
      await refresh();
    } catch (e) {
      setPageSummary(applyProblem(null, 'users', e, [], t));
      if (isApiError(e) && e.code === 'version_mismatch') await refresh();
    }
  };

  const columns = useUserColumns({
    areas,
    canManage,
    onEdit: (u) => setDrawer({ mode: 'edit', user: u }),
    onReset: (u) => setDrawer({ mode: 'reset', user: u }),
    onAct: (u, kind) => void act(u, kind),
  });

  return (
    <>
      <PageTitle title={t('users.title')} />
      <ErrorSummary items={pageSummary.items} title={pageSummary.title} />
      {notice && <p className="notice notice-success">{notice}</p>}

      <UserFilters areas={areas} onSearch={search} />

      {canManage && (
        <div className="toolbar">
          <Button type="primary" onClick={() => setDrawer({ mode: 'create' })}>
            {t('users.create')}
          </Button>
        </div>
      )}

      {list.error ? (
        <ErrorSummary
          items={[{ message: isApiError(list.error) ? list.error.detail : t('errors.network') }]}
        />
      ) : (
        <TableScroll label={t('users.tableLabel')}>
          <DataTable<UserOut>
            rowKey={(u) => u.id}
            columns={columns}
            rows={users}
            loading={list.isPending}
            emptyText={t('common.empty')}
          />
        </TableScroll>
      )}
      <p className="list-status">
        {list.hasNextPage
          ? t('common.resultsMore', { count: users.length })
          : t('common.results', { count: users.length })}
      </p>
      {list.hasNextPage && (
        <Button
          onClick={() => {
            userSearched.current = true;
            void list.fetchNextPage();
          }}
          loading={list.isFetchingNextPage}
        >
          {t('common.loadMore')}
        </Button>
      )}

      <UserDrawer
        state={drawer}
        areas={areas}
        onClosed={() => {
          const el = trigger.current;
          trigger.current = null;
          if (el && el.isConnected) el.focus();
          else document.getElementById('page-title')?.focus();
        }}
        onClose={() => setDrawer(null)}
        onDone={(msg) => {
          setDrawer(null);
          setNotice(msg);
          announce(msg);
          void refresh();
        }}
        onReload={async (id) => {
          const res = await list.refetch();
          const fresh = res.data?.pages.flatMap((p) => p.items).find((u) => u.id === id);
          if (fresh) setDrawer({ mode: 'edit', user: fresh });
        }}
      />
    </>
  );
}
