/** Pairings (/care/pairings): the list in the reader's area, filtered by state, street, team or volunteer. */
import { useState } from 'react';
import { Button, Checkbox, Select } from 'antd';
import { Link } from 'react-router';
import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../api';
import { DataTable, type Column } from '../../components/DataTable';
import { PageTitle } from '../../components/PageTitle';
import { TableScroll } from '../../components/TableScroll';
import { streetOptions } from '../../components/fields';
import { streetName } from '../../labels';
import { useAreas } from '../../queries';
import { hasAny, useMe } from '../../session';
import { PAIRINGS_KEY, useTeams, useVolunteers } from './data';
import { useVT } from './i18n';
import { daysBetween, shanghaiToday, type Page, type Pairing } from './model';
import './visits.css';

export default function PairingsPage() {
  const { t, i18n } = useVT();
  const { data: me } = useMe(false);
  const areas = useAreas(hasAny(me, ['areas.read']));
  const teams = useTeams();
  const volunteers = useVolunteers();
  const [state, setState] = useState<string | undefined>('active');
  const [street, setStreet] = useState<string | undefined>();
  const [team, setTeam] = useState<string | undefined>();
  const [volunteer, setVolunteer] = useState<string | undefined>();
  const [onlyMine, setOnlyMine] = useState(false);
  const query = {
    state,
    streetCode: street,
    teamId: team,
    volunteerId: volunteer,
    ownerUserId: onlyMine ? me?.id : undefined,
    limit: 50,
  };
  const list = useInfiniteQuery({
    queryKey: [...PAIRINGS_KEY, 'list', query],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<Pairing>>('/care/pairings', { query: { ...query, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const name = (opts: { value: string; label: string }[] | undefined, id: string | null) =>
    (id && opts?.find((o) => o.value === id)?.label) || '';
  const today = shanghaiToday();
  const columns: Column<Pairing>[] = [
    {
      key: 'family',
      title: t('pairings.family'),
      rowHeader: true,
      render: (p) => <Link to={`/care/pairings/${p.id}`}>{p.personName}</Link>,
    },
    {
      key: 'street',
      title: t('pairings.street'),
      render: (p) => streetName(i18n.language, p.streetCode, areas.data?.items),
    },
    {
      key: 'partner',
      title: t('pairings.partner'),
      render: (p) =>
        (p.teamId ? name(teams.data, p.teamId) : name(volunteers.data, p.volunteerId)) || t('none'),
    },
    {
      key: 'plan',
      title: t('pairings.plan'),
      render: (p) => t('plan', { every: p.visitPlan.every, unit: t(`unit.${p.visitPlan.unit}`) }),
    },
    {
      key: 'next',
      title: t('pairings.next'),
      render: (p) =>
        p.nextVisitOn ? (
          p.nextVisitOn < today ? (
            <span className="visit-overdue">
              <strong>{t('queue.overdue', { count: daysBetween(p.nextVisitOn, today) })}</strong>{' '}
              {p.nextVisitOn}
            </span>
          ) : (
            p.nextVisitOn
          )
        ) : (
          t('none')
        ),
    },
    { key: 'state', title: t('pairings.state'), render: (p) => t(`pairingState.${p.state}`) },
  ];
  const select = (
    id: string,
    label: string,
    value: string | undefined,
    set: (v: string | undefined) => void,
    options: { value: string; label: string }[],
  ) => (
    <label>
      <span id={id}>{label}</span>
      <Select<string>
        aria-labelledby={id}
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        style={{ minWidth: 180 }}
        value={value}
        onChange={(v) => set(v ?? undefined)}
        options={options}
        placeholder={t('pairings.all')}
      />
    </label>
  );
  return (
    <>
      <PageTitle title={t('pairings.title')} />
      <p>{t('pairings.intro')}</p>
      {hasAny(me, ['care.pairings']) && (
        <div className="toolbar">
          <Link className="button-link button-link-primary" to="/care/pairings/new">
            {t('pairings.new')}
          </Link>
        </div>
      )}
      <div className="visits-filters" role="search" aria-label={t('pairings.filters')}>
        {select('pairings-state', t('pairings.state'), state, setState, [
          { value: 'active', label: t('pairingState.active') },
          { value: 'ended', label: t('pairingState.ended') },
        ])}
        {select(
          'pairings-street',
          t('pairings.street'),
          street,
          setStreet,
          streetOptions(i18n.language, areas.data?.items),
        )}
        {select('pairings-team', t('pairings.team'), team, setTeam, teams.data ?? [])}
        {select(
          'pairings-volunteer',
          t('pairings.volunteer'),
          volunteer,
          setVolunteer,
          volunteers.data ?? [],
        )}
        <Checkbox checked={onlyMine} onChange={(e) => setOnlyMine(e.target.checked)}>
          {t('pairings.onlyMine')}
        </Checkbox>
      </div>
      {list.isError ? (
        <p className="notice notice-error">{t('loadFailed')}</p>
      ) : (
        <TableScroll label={t('pairings.tableLabel')}>
          <DataTable<Pairing> rowKey={(p) => p.id} columns={columns} rows={rows} loading={list.isPending} />
        </TableScroll>
      )}
      {list.hasNextPage && (
        <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t('pairings.more')}
        </Button>
      )}
    </>
  );
}
