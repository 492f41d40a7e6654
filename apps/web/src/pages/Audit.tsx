import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, Form, Input } from 'antd';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { useAnnounce } from '../announce';
import { ErrorSummary } from '../components/ErrorSummary';
import { SearchSelect } from '../components/fields';
import { PageTitle } from '../components/PageTitle';
import { DataTable, type Column } from '../components/DataTable';
import { TableScroll } from '../components/TableScroll';
import { applyProblem, summaryFromValidation, type ProblemSummary, type ValidationInfo } from '../forms';
import { formatTime, roleName, shanghaiLocalToIso } from '../labels';
import type { AuditRecord, AuditVerifyResult, Page, Role } from '../types';
import { ROLES } from '@jinglin/shared';

interface FilterValues {
  actorId?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  result?: 'success' | 'failure' | 'denied';
  from?: string;
  to?: string;
}

type Query = Record<string, string | undefined>;

const FORM = 'auditFilter';
const NO_ERRORS: ProblemSummary = { items: [] };
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FILTER_FIELDS = ['actorId', 'action', 'objectType', 'objectId', 'result', 'from', 'to'];

export default function Audit() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const announce = useAnnounce();
  const [form] = Form.useForm<FilterValues>();
  const [query, setQuery] = useState<Query>({});
  const [summary, setSummary] = useState<ProblemSummary>(NO_ERRORS);
  const [verify, setVerify] = useState<AuditVerifyResult | null>(null);
  const [verifying, setVerifying] = useState(false);
  const userSearched = useRef(false);

  const list = useInfiniteQuery({
    queryKey: ['audit', query],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<AuditRecord>>('/audit', { query: { ...query, cursor: pageParam, limit: 50 }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);

  // A refused search (e.g. a bad filter) is shown like a form error, on the fields it names.
  const listProblem = useMemo(
    () => (list.error ? applyProblem(null, FORM, list.error, FILTER_FIELDS, t) : NO_ERRORS),
    [list.error, t],
  );
  useEffect(() => {
    if (list.error) {
      applyProblem(form, FORM, list.error, FILTER_FIELDS, t);
      userSearched.current = false;
      return;
    }
    if (!userSearched.current || list.isFetching || !list.data) return;
    userSearched.current = false;
    announce(
      rows.length === 0
        ? t('common.empty')
        : list.hasNextPage
          ? t('common.resultsMore', { count: rows.length })
          : t('common.results', { count: rows.length }),
    );
  }, [list.error, list.isFetching, list.data, list.hasNextPage, rows.length, announce, t, form]);

  const search = (v: FilterValues) => {
    setSummary(NO_ERRORS);
    userSearched.current = true;
    setQuery({
      actorId: v.actorId?.trim() || undefined,
      action: v.action?.trim() || undefined,
      objectType: v.objectType?.trim() || undefined,
      objectId: v.objectId?.trim() || undefined,
      result: v.result || undefined,
      from: shanghaiLocalToIso(v.from),
      to: shanghaiLocalToIso(v.to),
    });
  };

  const runVerify = async () => {
    setVerifying(true);
    setVerify(null);
    try {
      const r = await api.post<AuditVerifyResult>('/audit/verify', {});
      setVerify(r);
      announce(
        r.ok
          ? t('audit.verifyOk', { checked: r.checked })
          : t('audit.verifyBroken', {
              seq: r.firstBrokenSeq ?? '?',
              checked: r.checked,
              reason: r.reason ?? '',
            }),
      );
    } catch (e) {
      setSummary(applyProblem(null, FORM, e, [], t));
    } finally {
      setVerifying(false);
    }
  };

  const resultLabel = (r: AuditRecord['result']) => t(`audit.${r}`);
  const columns: Column<AuditRecord>[] = [
    { title: t('audit.seq'), field: 'seq', key: 'seq' },
    { title: t('audit.at'), key: 'at', render: (r) => formatTime(r.at, lang, true) },
    {
      title: t('audit.actor'),
      key: 'actor',
      render: (r) => (
        <>
          <div>{r.actorId ?? t('audit.system')}</div>
          {r.actorRoles.length > 0 && (
            <div className="muted">
              {r.actorRoles
                .map((x) => ((ROLES as readonly string[]).includes(x) ? roleName(t, x as Role) : x))
                .join(lang === 'en' ? ', ' : '、')}
            </div>
          )}
        </>
      ),
    },
    { title: t('audit.action'), field: 'action', key: 'action' },
    {
      title: t('audit.object'),
      key: 'object',
      render: (r) => [r.objectType, r.objectId].filter(Boolean).join(' '),
    },
    { title: t('audit.scopeCol'), key: 'scope', render: (r) => r.scope ?? '' },
    {
      title: t('audit.result'),
      key: 'result',
      render: (r) => (
        <span className={r.result === 'success' ? 'tag tag-ok' : 'tag tag-danger'}>
          {resultLabel(r.result)}
        </span>
      ),
    },
    { title: t('audit.ip'), key: 'ip', render: (r) => r.ip ?? '' },
    {
      title: t('audit.details'),
      key: 'details',
      render: (r) =>
        Object.keys(r.details ?? {}).length === 0 ? (
          ''
        ) : (
          <details>
            <summary>{t('audit.showDetails')}</summary>
            <pre className="details-json">{JSON.stringify(r.details, null, 2)}</pre>
          </details>
        ),
    },
  ];

  return (
    <>
      <PageTitle title={t('audit.title')} />
      <ErrorSummary items={summary.items} title={summary.title} />
      <ErrorSummary items={listProblem.items} title={listProblem.title} />

      <section aria-labelledby="audit-filters">
        <h2 id="audit-filters">{t('audit.filters')}</h2>
        <Form<FilterValues>
          form={form}
          name={FORM}
          layout="vertical"
          className="filter-form"
          role="search"
          aria-labelledby="audit-filters"
          onFinish={search}
          onFinishFailed={(info) =>
            setSummary({ items: summaryFromValidation(FORM, info as ValidationInfo) })
          }
        >
          <Form.Item
            name="actorId"
            label={t('audit.actorId')}
            rules={[{ pattern: UUID_RE, message: t('audit.actorIdFormat') }]}
          >
            <Input autoComplete="off" spellCheck={false} />
          </Form.Item>
          <Form.Item name="action" label={t('audit.action')} extra={t('audit.actionHelp')}>
            <Input autoComplete="off" spellCheck={false} maxLength={80} />
          </Form.Item>
          <Form.Item name="objectType" label={t('audit.objectType')}>
            <Input autoComplete="off" spellCheck={false} maxLength={40} />
          </Form.Item>
          <Form.Item name="objectId" label={t('audit.objectId')}>
            <Input autoComplete="off" spellCheck={false} maxLength={80} />
          </Form.Item>
          <Form.Item name="result" label={t('audit.result')}>
            <SearchSelect
              showSearch={false}
              placeholder={t('audit.anyResult')}
              options={(['success', 'failure', 'denied'] as const).map((r) => ({
                value: r,
                label: resultLabel(r),
              }))}
            />
          </Form.Item>
          <Form.Item name="from" label={t('audit.from')}>
            <Input type="datetime-local" />
          </Form.Item>
          <Form.Item name="to" label={t('audit.to')}>
            <Input type="datetime-local" />
          </Form.Item>
          <Form.Item className="filter-actions">
            <div className="toolbar" style={{ margin: 0 }}>
              <Button type="primary" htmlType="submit">
                {t('common.search')}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  search({});
                }}
              >
                {t('common.reset')}
              </Button>
            </div>
          </Form.Item>
        </Form>
      </section>

      <div className="toolbar">
        <Button onClick={() => void runVerify()} loading={verifying}>
          {verifying ? t('audit.verifying') : t('audit.verify')}
        </Button>
      </div>
      {verify && (
        <p className={verify.ok ? 'notice notice-success' : 'notice notice-warning'}>
          {verify.ok
            ? t('audit.verifyOk', { checked: verify.checked })
            : t('audit.verifyBroken', {
                seq: verify.firstBrokenSeq ?? '?',
                checked: verify.checked,
                reason: verify.reason ?? '',
              })}
        </p>
      )}

      <TableScroll label={t('audit.tableLabel')}>
        <DataTable<AuditRecord>
          rowKey={(r) => r.seq}
          columns={columns}
          rows={rows}
          loading={list.isPending && !list.error}
          emptyText={t('common.empty')}
        />
      </TableScroll>
      <p className="list-status">
        {list.hasNextPage
          ? t('common.resultsMore', { count: rows.length })
          : t('common.results', { count: rows.length })}
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
    </>
  );
}
