/**
 * A cycle's entitlements: filters (state, street), a table with row selection, and the bulk
 * actions — submit for approval, approve, reject (with a note), cancel. Four eyes: the server
 * refuses approval of what one submitted oneself; its message is shown as it is.
 */
import { useMemo, useRef, useState } from 'react';
import { Button } from 'antd';
import { keepPreviousData, useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../api';
import { useAnnounce } from '../../announce';
import { Dialog } from '../../components/Dialog';
import { ErrorSummary } from '../../components/ErrorSummary';
import { streetOptions } from '../../components/fields';
import { streetName } from '../../labels';
import { useAreas } from '../../queries';
import { useMe } from '../../session';
import { useBT } from '../i18n';
import {
  ENTITLEMENT_STATES,
  periodText,
  pick,
  type CycleOut,
  type EntitlementOut,
  type EntitlementState,
} from '../model';
import { ExampleTag } from '../parts';
import { bulkActions, type BulkAction } from './actions';
import { BulkForm } from './BulkForm';
import { EntitlementsTable } from './EntitlementsTable';

const PAGE = 50;

export function EntitlementsPanel({
  cycle,
  fixedState,
  headingLevel = 2,
  example = false,
  onNotice,
}: {
  cycle: CycleOut;
  /** The programme is example configuration. */
  example?: boolean;
  /** Only entitlements in this state (the approval queue). */
  fixedState?: EntitlementState;
  headingLevel?: 2 | 3;
  /**
   * Shows the success notice outside the panel: the approval queue drops the panel once nothing in
   * the cycle waits any more, and the notice must not go with it.
   */
  onNotice?: (message: string) => void;
}) {
  const { t } = useBT();
  const { t: tr, i18n } = useTranslation();
  const lang = i18n.language;
  const qc = useQueryClient();
  const announce = useAnnounce();
  const { data: me } = useMe(false);
  const can = (p: 'benefits.run' | 'benefits.approve') => Boolean(me?.permissions.includes(p));
  const areas = useAreas(Boolean(me?.permissions.includes('areas.read'))).data?.items;
  const [stateFilter, setStateFilter] = useState<EntitlementState | ''>(fixedState ?? '');
  const [street, setStreet] = useState<string>('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [action, setAction] = useState<BulkAction | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const ids = `ent-${cycle.id.slice(0, 8)}`;
  const state = fixedState ?? stateFilter;

  const list = useInfiniteQuery({
    queryKey: ['benefits', 'entitlements', cycle.id, state, street],
    queryFn: ({ pageParam, signal }) =>
      api.get<{ items: EntitlementOut[]; nextCursor: string | null }>(
        `/benefits/cycles/${cycle.id}/entitlements`,
        { query: { state, streetCode: street, cursor: pageParam, limit: PAGE }, signal },
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);

  const actions = bulkActions(can('benefits.run'), can('benefits.approve'), fixedState);

  const H = headingLevel === 2 ? 'h2' : 'h3';

  return (
    <section aria-labelledby={`${ids}-h`}>
      <H id={`${ids}-h`}>
        {fixedState
          ? t('ent.queueHeading', {
              name: pick(cycle.programName, lang),
              period: periodText(cycle.period, lang),
            })
          : t('ent.heading')}
      </H>
      {example && (
        <p className="notice notice-warning">
          <ExampleTag example /> {t('exampleNotice')}
        </p>
      )}
      {notice && (
        <p className="notice notice-success" role="status">
          {notice}
        </p>
      )}
      <div className="inline-filters" role="search" aria-label={t('ent.filters')}>
        {!fixedState && (
          <div className="rule-field">
            <label htmlFor={`${ids}-state`} className="rule-label">
              {t('ent.state')}
            </label>
            <select
              id={`${ids}-state`}
              className="native-select"
              value={stateFilter}
              onChange={(e) => {
                setStateFilter(e.target.value as EntitlementState | '');
                setSelected(new Set());
              }}
            >
              <option value="">{t('ent.anyState')}</option>
              {ENTITLEMENT_STATES.map((s) => (
                <option key={s} value={s}>
                  {t(`entState.${s}`)}
                  {cycle.counts[s] !== undefined ? ` (${cycle.counts[s]})` : ''}
                </option>
              ))}
            </select>
          </div>
        )}
        {!me?.streetCode && !me?.communityId && (
          <div className="rule-field">
            <label htmlFor={`${ids}-street`} className="rule-label">
              {t('ent.street')}
            </label>
            <select
              id={`${ids}-street`}
              className="native-select"
              value={street}
              onChange={(e) => {
                setStreet(e.target.value);
                setSelected(new Set());
              }}
            >
              <option value="">{t('ent.anyStreet')}</option>
              {streetOptions(lang, areas).map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>

      {actions.length > 0 && (
        <div className="toolbar" role="group" aria-label={t('ent.bulk')}>
          <span>
            {selected.size > 0
              ? t('ent.selected', { count: selected.size })
              : street
                ? t('ent.noneSelectedStreet', { street: streetName(lang, street, areas) })
                : t('ent.noneSelected')}
          </span>
          {actions.map((a) => (
            <Button
              key={a}
              danger={a === 'reject' || a === 'cancel'}
              type={a === 'approve' || a === 'submit' ? 'primary' : 'default'}
              onClick={(e) => {
                opener.current = e.currentTarget;
                setAction(a);
              }}
            >
              {t(`ent.action.${a}`)}
            </Button>
          ))}
        </div>
      )}

      {list.error ? (
        <ErrorSummary
          items={[{ message: isApiError(list.error) ? list.error.detail : tr('errors.network') }]}
        />
      ) : (
        <>
          <p className="list-status" aria-busy={list.isFetching}>
            {list.isPending
              ? tr('app.loading')
              : rows.length === 0
                ? t('ent.none')
                : t(list.hasNextPage ? 'ent.shownMore' : 'ent.shown', { count: rows.length })}
          </p>
          <EntitlementsTable
            rows={rows}
            pending={list.isPending}
            selectable={actions.length > 0}
            selected={selected}
            onSelect={setSelected}
            areas={areas}
          />
          {list.hasNextPage && (
            <Button
              className="load-more"
              onClick={() => void list.fetchNextPage()}
              loading={list.isFetchingNextPage}
            >
              {tr('common.loadMore')}
            </Button>
          )}
        </>
      )}

      <Dialog
        open={action !== null}
        title={action ? t(`ent.confirmTitle.${action}`) : ''}
        onClose={() => setAction(null)}
        returnFocus={opener}
        initialFocus="bulk-note"
      >
        {action && (
          <BulkForm
            cycle={cycle}
            action={action}
            ids={[...selected]}
            street={street}
            streetLabel={streetName(lang, street, areas)}
            onCancel={() => setAction(null)}
            onDone={async (message) => {
              setAction(null);
              setSelected(new Set());
              if (onNotice) onNotice(message);
              else setNotice(message);
              announce(message);
              await qc.invalidateQueries({ queryKey: ['benefits', 'entitlements', cycle.id] });
              await qc.invalidateQueries({ queryKey: ['benefits', 'cycles'] });
              await qc.invalidateQueries({ queryKey: ['benefits', 'cycle', cycle.id] });
            }}
          />
        )}
      </Dialog>
    </section>
  );
}
