/**
 * The alert inbox (/tracking/alerts): open, acknowledged or closed alerts, newest first, polled every
 * 5 seconds; acknowledge (stops escalation) and close. The alarm itself (banner, flashing frame,
 * sound) is the shell's AlertWatcher, so it shows on every page.
 */
import { useMemo, useState } from 'react';
import { Button, Radio } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../api';
import { useAnnounce } from '../../announce';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorSummary } from '../../components/ErrorSummary';
import { PageTitle } from '../../components/PageTitle';
import { TableScroll } from '../../components/TableScroll';
import { formatTime } from '../../labels';
import { useTT } from './i18n';
import { ALERT_STATES, isUrgent, newestFirst, type Alert, type AlertState } from './model';
import { ALERTS_KEY, fetchAlerts, OPEN_ALERTS_KEY, POLL_MS, useOpenAlerts } from './openAlerts';
import { SoundControls, useAlertWords, useCentres } from './parts';

export default function AlertsPage() {
  const { t, i18n } = useTT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [state, setState] = useState<AlertState>('open');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const centres = useCentres();
  const words = useAlertWords(centres.data);

  const openQuery = useOpenAlerts(true);
  const otherQuery = useQuery({
    queryKey: [...ALERTS_KEY, state],
    queryFn: ({ signal }) => fetchAlerts(state, signal),
    enabled: state !== 'open',
    refetchInterval: POLL_MS,
  });
  const list = state === 'open' ? openQuery : otherQuery;
  const rows = useMemo(() => newestFirst(list.data?.items ?? []), [list.data]);

  const act = async (a: Alert, to: 'acknowledge' | 'close') => {
    setProblem(null);
    setBusy(a.id);
    try {
      await api.post<Alert>(`/tracking/alerts/${a.id}/${to}`, {});
      announce(t(to === 'acknowledge' ? 'alerts.acknowledged' : 'alerts.closed', { type: words.type(a) }));
      await qc.invalidateQueries({ queryKey: ALERTS_KEY });
      // Focus stays on the page: the row's button may be gone (the row moved to another filter).
      document.getElementById('alerts-table')?.focus();
    } catch (e) {
      setProblem(isApiError(e) ? e.detail : t('alerts.refreshFailed', { detail: String(e) }));
      await qc.invalidateQueries({ queryKey: OPEN_ALERTS_KEY });
    } finally {
      setBusy(null);
    }
  };

  const columns: Column<Alert>[] = [
    {
      key: 'type',
      title: t('alerts.type'),
      rowHeader: true,
      render: (a) => (
        <span className={isUrgent(a.type) ? 'alert-type alert-type-urgent' : 'alert-type'}>
          {words.type(a)}
        </span>
      ),
    },
    { key: 'who', title: t('alerts.trainee'), render: (a) => words.who(a) },
    { key: 'centre', title: t('alerts.centre'), render: (a) => words.centre(a.centreId) },
    {
      key: 'when',
      title: t('alerts.when'),
      render: (a) => (
        <>
          {words.when(a.openedAt)}
          {a.acknowledgedAt && (
            <div className="muted">{t('alerts.handledBy', { when: words.when(a.acknowledgedAt) })}</div>
          )}
          {a.closedAt && (
            <div className="muted">{t('alerts.closedAt', { when: words.when(a.closedAt) })}</div>
          )}
        </>
      ),
    },
    {
      key: 'repeats',
      title: t('alerts.repeats'),
      render: (a) => (a.repeats > 0 ? t('alerts.repeatsValue', { count: a.repeats }) : t('alerts.noRepeats')),
    },
    {
      key: 'level',
      title: t('alerts.level'),
      render: (a) =>
        a.escalationLevel > 0 ? t('alerts.levelValue', { level: a.escalationLevel }) : t('alerts.levelNone'),
    },
    { key: 'state', title: t('alerts.state'), render: (a) => t(`alertState.${a.state}`) },
    {
      key: 'actions',
      title: t('common.actions', { ns: 'translation' }),
      render: (a) => {
        const label = { type: words.type(a), when: words.when(a.openedAt) };
        return (
          <div className="row-actions">
            {a.state === 'open' && (
              <Button
                type="primary"
                loading={busy === a.id}
                aria-label={t('alerts.acknowledgeLabel', label)}
                onClick={() => void act(a, 'acknowledge')}
              >
                {t('alerts.acknowledge')}
              </Button>
            )}
            {a.state !== 'closed' && (
              <Button
                loading={busy === a.id}
                aria-label={t('alerts.closeLabel', label)}
                onClick={() => void act(a, 'close')}
              >
                {t('alerts.close')}
              </Button>
            )}
          </div>
        );
      },
    },
  ];

  const openCount = openQuery.data?.items.length ?? 0;
  return (
    <>
      <PageTitle title={t('alerts.title')} />
      <p>{t('alerts.intro')}</p>
      <SoundControls />
      {problem && <ErrorSummary items={[{ message: problem }]} />}
      <fieldset className="state-filter">
        <legend>{t('alerts.filter')}</legend>
        <Radio.Group
          optionType="button"
          value={state}
          onChange={(e) => setState(e.target.value as AlertState)}
          options={ALERT_STATES.map((s) => ({
            value: s,
            label:
              s === 'open' && openCount > 0
                ? t('alerts.stateCount', { state: t(`alertState.${s}`), count: openCount })
                : t(`alertState.${s}`),
          }))}
        />
      </fieldset>
      {list.error && (
        <p className="notice notice-warning" role="status">
          {t('alerts.refreshFailed', {
            detail: isApiError(list.error) ? list.error.detail : t('errors.network', { ns: 'translation' }),
          })}
        </p>
      )}
      <TableScroll label={t('alerts.tableLabel')}>
        <div id="alerts-table" tabIndex={-1}>
          <DataTable<Alert>
            rowKey={(a) => a.id}
            columns={columns}
            rows={rows}
            loading={list.isPending}
            emptyText={t('alerts.empty')}
            rowClassName={(a) => (a.state === 'open' ? 'alert-row-open' : undefined)}
          />
        </div>
      </TableScroll>
      {list.dataUpdatedAt > 0 && (
        <p className="list-status muted">
          {t('alerts.lastUpdated', {
            time: formatTime(new Date(list.dataUpdatedAt).toISOString(), i18n.language, true),
          })}
        </p>
      )}
    </>
  );
}
