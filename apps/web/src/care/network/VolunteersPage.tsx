/**
 * 志愿者 (/care/volunteers, care.read): find volunteers by name or full mobile number (exact, by the
 * server's blind index), by skill and by organisation; phones masked; care.manage registers new ones.
 */
import { useState } from 'react';
import { Button, Form, Input, Select } from 'antd';
import { Link } from 'react-router';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorSummary } from '../../components/ErrorSummary';
import { PageTitle } from '../../components/PageTitle';
import { TableScroll } from '../../components/TableScroll';
import { hasAny, useMe } from '../../session';
import type { Page } from '../../types';
import { useNT } from './i18n';
import { SKILLS, VOLUNTEERS_KEY, type SkillName, type Volunteer } from './model';
import { messageOf, useOrganisations } from './parts';

interface Filters {
  q?: string;
  skill?: SkillName | '';
  organisationId?: string;
}

export default function VolunteersPage() {
  const { t } = useNT();
  const { t: tc } = useTranslation();
  const { data: me } = useMe(false);
  const orgs = useOrganisations();
  const [filters, setFilters] = useState<Filters>({});
  const list = useInfiniteQuery({
    queryKey: [...VOLUNTEERS_KEY, filters],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<Volunteer>>('/care/volunteers', {
        query: {
          q: filters.q?.trim() || undefined,
          skill: filters.skill || undefined,
          organisationId: filters.organisationId || undefined,
          cursor: pageParam ?? undefined,
          limit: 50,
        },
        signal,
      }),
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const skillsOf = (v: Volunteer) =>
    v.skills.length
      ? v.skills.map((s) => `${t(`skill.${s.skill}`)}（${t(`level.${String(s.level) as '1'}`)}）`).join('、')
      : t('vol.none');
  const columns: Column<Volunteer>[] = [
    {
      key: 'name',
      title: t('vols.name'),
      rowHeader: true,
      render: (v) => <Link to={`/care/volunteers/${v.id}`}>{v.name}</Link>,
    },
    { key: 'phone', title: t('vols.phone'), render: (v) => v.phone },
    { key: 'skills', title: t('vols.skills'), render: skillsOf },
    {
      key: 'active',
      title: t('vols.active'),
      render: (v) => (v.active ? t('vols.activeYes') : t('vols.activeNo')),
    },
  ];

  return (
    <>
      <PageTitle title={t('vols.title')} />
      <p>{t('vols.intro')}</p>
      {hasAny(me, ['care.manage']) && (
        <div className="toolbar">
          <Link className="button-link button-link-primary" to="/care/volunteers/new">
            {t('vols.create')}
          </Link>
        </div>
      )}
      <Form<Filters>
        name="volunteerSearch"
        layout="inline"
        className="filter-bar"
        initialValues={{ q: '', skill: '', organisationId: '' }}
        onFinish={(v) => setFilters(v)}
      >
        <Form.Item name="q" label={t('vols.search')} extra={t('vols.searchHelp')}>
          <Input type="search" autoComplete="off" maxLength={50} />
        </Form.Item>
        <Form.Item name="skill" label={t('vols.skill')}>
          <Select
            style={{ minWidth: 160 }}
            options={[
              { value: '', label: t('vols.anySkill') },
              ...SKILLS.map((s) => ({ value: s, label: t(`skill.${s}`) })),
            ]}
          />
        </Form.Item>
        <Form.Item name="organisationId" label={t('vols.organisation')}>
          <Select
            style={{ minWidth: 220 }}
            showSearch={{ optionFilterProp: 'label' }}
            options={[
              { value: '', label: t('vols.anyOrganisation') },
              ...(orgs.data ?? [])
                .filter((o) => o.kind !== 'partner')
                .map((o) => ({ value: o.id, label: o.name })),
            ]}
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit">
            {t('vols.find')}
          </Button>
        </Form.Item>
      </Form>
      {list.error ? (
        <ErrorSummary items={[{ message: messageOf(list.error, tc('errors.network')) }]} />
      ) : (
        <>
          <p role="status">{list.isPending ? tc('app.loading') : t('vols.count', { count: rows.length })}</p>
          <TableScroll label={t('vols.tableLabel')}>
            <DataTable<Volunteer>
              rowKey={(v) => v.id}
              columns={columns}
              rows={rows}
              loading={list.isPending}
              emptyText={t('vols.none')}
            />
          </TableScroll>
          {list.hasNextPage && (
            <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
              {t('vols.more')}
            </Button>
          )}
        </>
      )}
    </>
  );
}
