/**
 * A cycle's entitlements: filters (state, street), a table with row selection, and the bulk
 * actions — submit for approval, approve, reject (with a note), cancel. Four eyes: the server
 * refuses approval of what one submitted oneself; its message is shown as it is.
 */
import { useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Button } from 'antd';
import { keepPreviousData, useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../api';
import { useAnnounce } from '../announce';
import { Dialog } from '../components/Dialog';
import { ErrorSummary } from '../components/ErrorSummary';
import { streetOptions } from '../components/fields';
import { TableScroll } from '../components/TableScroll';
import { streetName } from '../labels';
import { useAreas } from '../queries';
import { useMe } from '../session';
import { useBT } from './i18n';
import {
  ENTITLEMENT_STATES,
  periodText,
  pick,
  yuan,
  type CycleOut,
  type EntitlementOut,
  type EntitlementState,
} from './model';
import { EntitlementStateTag, ExampleTag } from './parts';

export type BulkAction = 'submit' | 'approve' | 'reject' | 'cancel';

const PAGE = 50;

export function EntitlementsPanel({
  cycle,
  fixedState,
  headingLevel = 2,
  example = false,
}: {
  cycle: CycleOut;
  /** The programme is example configuration. */
  example?: boolean;
  /** Only entitlements in this state (the approval queue). */
  fixedState?: EntitlementState;
  headingLevel?: 2 | 3;
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
  const allOnPage = rows.length > 0 && rows.every((r) => selected.has(r.id));

  const actions: BulkAction[] = [];
  if (can('benefits.run') && (!fixedState || fixedState === 'draft')) actions.push('submit');
  if (can('benefits.approve') && (!fixedState || fixedState === 'pending_approval'))
    actions.push('approve', 'reject');
  if (can('benefits.run') && !fixedState) actions.push('cancel');

  const H = headingLevel === 2 ? 'h2' : 'h3';
  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const n = new Set(s);
      if (on) n.add(id);
      else n.delete(id);
      return n;
    });

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
          <TableScroll label={t('ent.tableLabel')}>
            <table className="data-table">
              <caption className="visually-hidden">{t('ent.tableLabel')}</caption>
              <thead>
                <tr>
                  {actions.length > 0 && (
                    <th scope="col" className="select-cell">
                      <input
                        type="checkbox"
                        aria-label={t('ent.selectAll')}
                        checked={allOnPage}
                        disabled={rows.length === 0}
                        onChange={(e) =>
                          setSelected(e.target.checked ? new Set(rows.map((r) => r.id)) : new Set())
                        }
                      />
                    </th>
                  )}
                  <th scope="col">{t('ent.person')}</th>
                  <th scope="col">{t('ent.idNumber')}</th>
                  <th scope="col">{t('ent.street')}</th>
                  <th scope="col" className="num">
                    {t('ent.amount')}
                  </th>
                  <th scope="col">{t('ent.state')}</th>
                  <th scope="col">{t('ent.note')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.length === 0 && !list.isPending && (
                  <tr>
                    <td colSpan={actions.length > 0 ? 7 : 6} className="data-table-empty">
                      {t('ent.none')}
                    </td>
                  </tr>
                )}
                {rows.map((r) => (
                  <tr key={r.id}>
                    {actions.length > 0 && (
                      <td className="select-cell">
                        <input
                          type="checkbox"
                          aria-label={t('ent.select', { name: r.person.name })}
                          checked={selected.has(r.id)}
                          onChange={(e) => toggle(r.id, e.target.checked)}
                        />
                      </td>
                    )}
                    <th scope="row">
                      <Link to={`/persons/${r.person.id}`}>{r.person.name}</Link>
                    </th>
                    <td className="nowrap">{r.person.idNumber}</td>
                    <td>{streetName(lang, r.streetCode, areas)}</td>
                    <td className="num">{yuan(r.amountFen, lang)}</td>
                    <td>
                      <EntitlementStateTag state={r.state} />
                    </td>
                    <td>
                      {[
                        r.decisionNote,
                        r.paymentRef ? t('ent.paymentRef', { ref: r.paymentRef }) : null,
                        r.paymentError ? t('ent.paymentError', { error: r.paymentError }) : null,
                      ]
                        .filter(Boolean)
                        .join('；')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
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
              setNotice(message);
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

function BulkForm({
  cycle,
  action,
  ids,
  street,
  streetLabel,
  onCancel,
  onDone,
}: {
  cycle: CycleOut;
  action: BulkAction;
  ids: string[];
  street: string;
  streetLabel: string;
  onCancel: () => void;
  onDone: (message: string) => Promise<void>;
}) {
  const { t } = useBT();
  const { t: tr } = useTranslation();
  const [note, setNote] = useState('');
  const [error, setError] = useState<{ id?: string; message: string }[]>([]);
  const [busy, setBusy] = useState(false);
  const noteRequired = action === 'reject' || action === 'cancel';

  const submit = async () => {
    if (noteRequired && note.trim().length < 2) {
      setError([{ id: 'bulk-note', message: t('ent.noteRequired') }]);
      return;
    }
    setBusy(true);
    setError([]);
    try {
      const body = {
        action,
        ...(ids.length > 0 ? { ids } : street ? { streetCode: street } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      };
      const r = await api.post<{ changed: number; skipped: number }>(
        `/benefits/cycles/${cycle.id}/entitlements/bulk`,
        body,
      );
      await onDone(
        r.skipped > 0
          ? t('ent.doneSkipped', { count: r.changed, skipped: r.skipped, action: t(`ent.action.${action}`) })
          : t('ent.done', { count: r.changed, action: t(`ent.action.${action}`) }),
      );
    } catch (e) {
      if (isApiError(e) && e.code === 'four_eyes')
        setError([{ message: `${e.detail} ${t('ent.fourEyesHelp')}` }]);
      else
        setError([
          { message: isApiError(e) ? (e.fieldErrors[0]?.message ?? e.detail) : tr('errors.network') },
        ]);
      setBusy(false);
    }
  };

  const scope =
    ids.length > 0
      ? t('ent.scopeSelected', { count: ids.length })
      : street
        ? t('ent.scopeStreet', { street: streetLabel })
        : t('ent.scopeAll');

  return (
    <>
      <ErrorSummary items={error} />
      <p>{t(`ent.confirmBody.${action}`, { scope })}</p>
      {action === 'approve' && <p className="help-text">{t('ent.fourEyesNote')}</p>}
      <div className="field">
        <label htmlFor="bulk-note" className="field-label">
          {noteRequired ? t('ent.noteLabelRequired') : t('ent.noteLabel')}
        </label>
        <textarea
          id="bulk-note"
          className="native-input"
          maxLength={500}
          value={note}
          aria-invalid={error.some((x) => x.id === 'bulk-note') || undefined}
          onChange={(e) => setNote(e.target.value)}
        />
      </div>
      <div className="toolbar">
        <Button
          type="primary"
          danger={action === 'reject' || action === 'cancel'}
          onClick={() => void submit()}
          loading={busy}
        >
          {t(`ent.confirmButton.${action}`)}
        </Button>
        <Button onClick={onCancel}>{tr('common.cancel')}</Button>
      </div>
    </>
  );
}
