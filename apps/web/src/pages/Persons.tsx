import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { Button, Form, Input } from 'antd';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../api';
import { useAnnounce } from '../announce';
import { ErrorSummary } from '../components/ErrorSummary';
import { SearchSelect, communityOptions, streetOptions } from '../components/fields';
import { PageTitle } from '../components/PageTitle';
import { ExportDialog } from '../components/ExportDialog';
import { TableScroll } from '../components/TableScroll';
import { communityName, streetName } from '../labels';
import { useAreas } from '../queries';
import {
  AGE_BAND_KEYS,
  CATEGORIES,
  categoryName,
  gradeName,
  disabilityText,
  filterQuery,
  filtersFromParams,
  FILTER_KEYS,
  genderName,
  GRADES,
  LIVING_STATUS,
  type PersonFilters,
} from '../registry';
import { useMe } from '../session';
import type { Page, Permission, PersonListItem } from '../types';

const PAGE_SIZE = 50;
const DEBOUNCE_MS = 300;
const FORM = 'personFilter';

/** Where a notice for this page can come from (after a merge or an import). */
interface NoticeState {
  notice?: string;
}

export default function Persons() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const announce = useAnnounce();
  const location = useLocation();
  const { data: me } = useMe(false);
  const can = (p: Permission) => Boolean(me?.permissions.includes(p));
  const areas = useAreas(can('areas.read')).data?.items;

  // The filters live in the URL, so "back" from a person returns to the same search.
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const [form] = Form.useForm<PersonFilters>();
  const streetCode = Form.useWatch('streetCode', form);
  const typed = useRef<number | undefined>(undefined);
  const userSearched = useRef(false);
  const resultsRef = useRef<HTMLTableSectionElement>(null);
  const [exportOpen, setExportOpen] = useState(false);
  const exportButton = useRef<HTMLButtonElement>(null);
  const notice = (location.state as NoticeState | null)?.notice;

  // The URL this form last wrote: any other change (a menu link, "back") is put into the form.
  const written = useRef(params.toString());
  const apply = (values: PersonFilters) => {
    userSearched.current = true;
    const next = new URLSearchParams();
    for (const k of FILTER_KEYS) {
      const v = values[k];
      if (typeof v === 'string' && v.trim()) next.set(k, k === 'q' ? v.trim() : v);
    }
    written.current = next.toString();
    setParams(next, { replace: true, state: null });
  };

  useEffect(() => {
    if (params.toString() === written.current) return;
    written.current = params.toString();
    window.clearTimeout(typed.current);
    form.setFieldsValue({ ...Object.fromEntries(FILTER_KEYS.map((k) => [k, undefined])), ...filters });
  }, [params, filters, form]);

  useEffect(() => () => window.clearTimeout(typed.current), []);

  const query = filterQuery(filters);
  const list = useInfiniteQuery({
    queryKey: ['persons', 'list', query],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<PersonListItem>>('/persons', {
        query: { ...query, cursor: pageParam, limit: PAGE_SIZE },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const count = useQuery({
    queryKey: ['persons', 'count', query],
    queryFn: ({ signal }) => api.get<{ count: number }>('/persons/count', { query, signal }),
    placeholderData: keepPreviousData,
  });
  const persons = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const settled =
    !list.isFetching && !count.isFetching && !list.isPlaceholderData && !count.isPlaceholderData;
  const total = count.data?.count;

  // Tell screen-reader users how many were found after they typed or changed a filter.
  useEffect(() => {
    if (!userSearched.current || !settled || !list.data) return;
    userSearched.current = false;
    announce(
      total === undefined
        ? t('common.results', { count: persons.length })
        : total === 0
          ? t('persons.none')
          : t('persons.countShown', { count: total, shown: persons.length }),
    );
  }, [settled, list.data, total, persons.length, announce, t]);

  /** ↓ from the search box to the first result; ↑/↓ between results; ↑ from the first back up. */
  const resultLinks = () =>
    Array.from(resultsRef.current?.querySelectorAll<HTMLAnchorElement>('a[data-person]') ?? []);
  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'ArrowDown') return;
    const first = resultLinks()[0];
    if (first) {
      e.preventDefault();
      first.focus();
    }
  };
  const onResultsKey = (e: KeyboardEvent<HTMLTableSectionElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const links = resultLinks();
    const i = links.indexOf(document.activeElement as HTMLAnchorElement);
    if (i < 0) return;
    e.preventDefault();
    if (e.key === 'ArrowDown') links[Math.min(i + 1, links.length - 1)]?.focus();
    else if (i === 0) document.getElementById(`${FORM}_q`)?.focus();
    else links[i - 1]?.focus();
  };

  const statusText =
    total === undefined
      ? t('common.results', { count: persons.length })
      : total === 0
        ? t('persons.none')
        : t('persons.countShown', { count: total, shown: persons.length });

  return (
    <>
      <PageTitle title={t('persons.title')} />
      {notice && <p className="notice notice-success">{notice}</p>}

      <div className="toolbar">
        {can('persons.write') && (
          <Link to="/persons/new" className="button-link button-link-primary">
            {t('persons.create')}
          </Link>
        )}
        {can('persons.import') && (
          <Link to="/persons/import" className="button-link">
            {t('persons.import')}
          </Link>
        )}
        {can('persons.export') && (
          <Button ref={exportButton} onClick={() => setExportOpen(true)}>
            {t('persons.export')}
          </Button>
        )}
      </div>

      <section aria-labelledby="person-filters">
        <h2 id="person-filters" className="visually-hidden">
          {t('persons.filters')}
        </h2>
        <Form<PersonFilters>
          form={form}
          name={FORM}
          layout="vertical"
          className="filter-form person-filters"
          role="search"
          initialValues={filters}
          onFinish={(v) => {
            window.clearTimeout(typed.current);
            apply(v);
          }}
          onValuesChange={(changed: Partial<PersonFilters>, all) => {
            window.clearTimeout(typed.current);
            if ('q' in changed) typed.current = window.setTimeout(() => apply(all), DEBOUNCE_MS);
            else apply(all);
          }}
        >
          <Form.Item name="q" label={t('persons.q')} extra={t('persons.qHelp')} className="filter-wide">
            <Input type="search" autoComplete="off" maxLength={60} onKeyDown={onSearchKey} />
          </Form.Item>
          <Form.Item name="streetCode" label={t('persons.street')}>
            <SearchSelect
              options={streetOptions(lang, areas)}
              placeholder={t('persons.anyStreet')}
              onChange={() => form.setFieldValue('communityId', undefined)}
            />
          </Form.Item>
          <Form.Item name="communityId" label={t('persons.community')}>
            <SearchSelect
              options={communityOptions(streetCode, areas)}
              placeholder={t('persons.anyCommunity')}
            />
          </Form.Item>
          <Form.Item name="category" label={t('persons.category')}>
            <SearchSelect
              options={CATEGORIES.map((c) => ({ value: String(c), label: categoryName(t, c) }))}
              placeholder={t('persons.anyCategory')}
            />
          </Form.Item>
          <Form.Item name="grade" label={t('persons.grade')}>
            <SearchSelect
              options={GRADES.map((g) => ({ value: String(g), label: gradeName(t, g) }))}
              placeholder={t('persons.anyGrade')}
            />
          </Form.Item>
          <Form.Item name="livingStatus" label={t('persons.livingStatus')}>
            <SearchSelect
              options={LIVING_STATUS.map((s) => ({ value: s, label: t(`registry.livingStatus.${s}`) }))}
              placeholder={t('persons.anyLivingStatus')}
            />
          </Form.Item>
          <Form.Item name="age" label={t('persons.age')}>
            <SearchSelect
              options={AGE_BAND_KEYS.map((b) => ({ value: b, label: t(`registry.ageBand.${b}`) }))}
              placeholder={t('persons.anyAge')}
            />
          </Form.Item>
          <Form.Item className="filter-actions">
            <div className="toolbar" style={{ margin: 0 }}>
              <Button type="primary" htmlType="submit">
                {t('common.search')}
              </Button>
              <Button
                onClick={() => {
                  window.clearTimeout(typed.current);
                  form.resetFields();
                  form.setFieldsValue(Object.fromEntries(FILTER_KEYS.map((k) => [k, undefined])));
                  apply({});
                }}
              >
                {t('common.reset')}
              </Button>
            </div>
          </Form.Item>
        </Form>
      </section>

      {list.error ? (
        <ErrorSummary
          items={[{ message: isApiError(list.error) ? list.error.detail : t('errors.network') }]}
        />
      ) : (
        <>
          <p className="list-status" aria-busy={!settled}>
            {list.isPending ? t('persons.searching') : statusText}
          </p>
          <TableScroll label={t('persons.tableLabel')}>
            <table className="data-table">
              <caption className="visually-hidden">{t('persons.tableLabel')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('persons.name')}</th>
                  <th scope="col">{t('persons.idNumber')}</th>
                  <th scope="col">{t('persons.gender')}</th>
                  <th scope="col">{t('persons.ageCol')}</th>
                  <th scope="col">{t('persons.area')}</th>
                  <th scope="col">{t('persons.disability')}</th>
                  <th scope="col">{t('persons.livingStatus')}</th>
                </tr>
              </thead>
              <tbody ref={resultsRef} onKeyDown={onResultsKey}>
                {persons.length === 0 && !list.isPending && (
                  <tr>
                    <td colSpan={7} className="data-table-empty">
                      {t('persons.none')}
                    </td>
                  </tr>
                )}
                {persons.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">
                      <Link to={`/persons/${p.id}`} data-person="">
                        {p.name}
                      </Link>
                    </th>
                    <td className="nowrap">{p.idNumber}</td>
                    <td className="nowrap">{genderName(t, p.gender)}</td>
                    <td className="nowrap">{t('persons.ageValue', { count: p.age })}</td>
                    <td>
                      {[streetName(lang, p.streetCode, areas), communityName(p.communityId, areas)]
                        .filter(Boolean)
                        .join(' / ')}
                    </td>
                    <td>{disabilityText(t, p.category, p.grade)}</td>
                    <td className="nowrap">{t(`registry.livingStatus.${p.livingStatus}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
      {list.hasNextPage && (
        <Button
          className="load-more"
          onClick={() => {
            userSearched.current = true;
            void list.fetchNextPage();
          }}
          loading={list.isFetchingNextPage}
        >
          {t('common.loadMore')}
        </Button>
      )}

      {can('persons.export') && (
        <ExportDialog
          open={exportOpen}
          filters={filters}
          total={total}
          canReveal={can('persons.reveal')}
          onClose={() => setExportOpen(false)}
          returnFocus={exportButton}
        />
      )}
    </>
  );
}
