import { useState } from 'react';
import { Link } from 'react-router';
import { Button } from 'antd';
import { keepPreviousData, useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../api';
import { useAnnounce } from '../announce';
import { ErrorSummary } from '../components/ErrorSummary';
import { PageTitle } from '../components/PageTitle';
import { SideDrawer, useOpener } from '../components/SideDrawer';
import { TableScroll } from '../components/TableScroll';
import { formatTime, streetName } from '../labels';
import { useBT } from '../benefits/i18n';
import { pick, type ObjectionOut } from '../benefits/model';

type ObjState = 'open' | 'upheld' | 'rejected';

/** Objections raised by residents: the list (overdue ones marked) and a decision for each. */
export default function BenefitObjections() {
  const { t } = useBT();
  const { t: tr, i18n } = useTranslation();
  const lang = i18n.language;
  const [state, setState] = useState<ObjState | ''>('open');
  const [notice, setNotice] = useState<string | null>(null);
  const panel = useOpener<ObjectionOut>();
  const list = useInfiniteQuery({
    queryKey: ['benefits', 'objections', state],
    queryFn: ({ pageParam, signal }) =>
      api.get<{ items: ObjectionOut[]; nextCursor: string | null }>('/benefits/objections', {
        query: { state, cursor: pageParam, limit: 50 },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const overdue = rows.filter((r) => r.overdue && r.state === 'open').length;

  return (
    <>
      <PageTitle title={t('objections.title')} />
      <p>{t('objections.intro')}</p>
      {notice && (
        <p className="notice notice-success" role="status">
          {notice}
        </p>
      )}
      <div className="inline-filters" role="search" aria-label={t('objections.filters')}>
        <div className="rule-field">
          <label htmlFor="obj-state" className="rule-label">
            {t('objections.state')}
          </label>
          <select
            id="obj-state"
            className="native-select"
            value={state}
            onChange={(e) => setState(e.target.value as ObjState | '')}
          >
            <option value="">{t('objections.anyState')}</option>
            {(['open', 'upheld', 'rejected'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`objState.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {overdue > 0 && (
        <p className="notice notice-warning">{t('objections.overdueCount', { count: overdue })}</p>
      )}
      {list.error ? (
        <ErrorSummary
          items={[{ message: isApiError(list.error) ? list.error.detail : tr('errors.network') }]}
        />
      ) : (
        <TableScroll label={t('objections.tableLabel')}>
          <table className="data-table" aria-busy={list.isFetching || undefined}>
            <caption className="visually-hidden">{t('objections.tableLabel')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('objections.person')}</th>
                <th scope="col">{t('objections.program')}</th>
                <th scope="col">{t('objections.raised')}</th>
                <th scope="col">{t('objections.deadline')}</th>
                <th scope="col">{t('objections.state')}</th>
                <th scope="col">{tr('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.length === 0 && (
                <tr>
                  <td colSpan={6} className="data-table-empty">
                    {list.isPending ? tr('app.loading') : t('objections.none')}
                  </td>
                </tr>
              )}
              {rows.map((o) => (
                <tr key={o.id} className={o.overdue && o.state === 'open' ? 'row-overdue' : undefined}>
                  <th scope="row">
                    <Link to={`/persons/${o.person.id}`}>{o.person.name}</Link>
                  </th>
                  <td>{pick(o.programName, lang)}</td>
                  <td className="nowrap">{formatTime(o.raisedAt, lang)}</td>
                  <td className="nowrap">
                    {o.deadline}
                    {o.overdue && o.state === 'open' && (
                      <>
                        {' '}
                        <span className="tag tag-danger">{t('objections.overdue')}</span>
                      </>
                    )}
                  </td>
                  <td>{t(`objState.${o.state}`)}</td>
                  <td>
                    <Button size="small" onClick={() => panel.open(o)}>
                      {o.state === 'open'
                        ? t('objections.decideFor', { name: o.person.name })
                        : t('objections.viewFor', { name: o.person.name })}
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {list.hasNextPage && (
        <Button
          className="load-more"
          onClick={() => void list.fetchNextPage()}
          loading={list.isFetchingNextPage}
        >
          {tr('common.loadMore')}
        </Button>
      )}
      <SideDrawer
        open={panel.state !== null}
        title={panel.state ? t('objections.detailTitle', { name: panel.state.person.name }) : ''}
        onClose={panel.close}
        returnFocus={panel.trigger}
      >
        {panel.state && (
          <ObjectionDetail
            objection={panel.state}
            onCancel={panel.close}
            onDone={(message) => {
              panel.close();
              setNotice(message);
            }}
          />
        )}
      </SideDrawer>
    </>
  );
}

function ObjectionDetail({
  objection: o,
  onCancel,
  onDone,
}: {
  objection: ObjectionOut;
  onCancel: () => void;
  onDone: (message: string) => void;
}) {
  const { t } = useBT();
  const { t: tr, i18n } = useTranslation();
  const lang = i18n.language;
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [decision, setDecision] = useState<'upheld' | 'rejected' | ''>('');
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<{ id?: string; message: string }[]>([]);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const problems: { id?: string; message: string }[] = [];
    if (!decision) problems.push({ id: 'obj-upheld', message: t('objections.chooseDecision') });
    if ([...text.trim()].length < 5) problems.push({ id: 'obj-text', message: t('objections.textTooShort') });
    if (problems.length > 0) {
      setErrors(problems);
      return;
    }
    setBusy(true);
    setErrors([]);
    try {
      await api.post(
        `/benefits/objections/${o.id}/decision`,
        { decision, text: text.trim() },
        { headers: { 'If-Match': `"${o.version}"` } },
      );
      await qc.invalidateQueries({ queryKey: ['benefits', 'objections'] });
      const message = t('objections.decided', { name: o.person.name });
      announce(message);
      onDone(message);
    } catch (e) {
      setErrors([
        {
          message: isApiError(e)
            ? e.code === 'version_mismatch'
              ? tr('errors.versionMismatch')
              : (e.fieldErrors[0]?.message ?? e.detail)
            : tr('errors.network'),
        },
      ]);
      setBusy(false);
    }
  };

  return (
    <>
      <ErrorSummary items={errors} />
      <dl className="facts">
        <dt>{t('objections.person')}</dt>
        <dd>
          {o.person.name} <span className="muted">{o.person.idNumber}</span> ·{' '}
          {streetName(lang, o.person.streetCode)}
        </dd>
        <dt>{t('objections.program')}</dt>
        <dd>{pick(o.programName, lang)}</dd>
        <dt>{t('objections.raised')}</dt>
        <dd>{formatTime(o.raisedAt, lang)}</dd>
        <dt>{t('objections.deadline')}</dt>
        <dd>
          {o.deadline}
          {o.overdue && o.state === 'open' && (
            <>
              {' '}
              <span className="tag tag-danger">{t('objections.overdue')}</span>
            </>
          )}
        </dd>
        <dt>{t('objections.state')}</dt>
        <dd>{t(`objState.${o.state}`)}</dd>
      </dl>
      <h3>{t('objections.text')}</h3>
      <blockquote className="rule-text">{o.text}</blockquote>
      {o.state !== 'open' ? (
        <>
          <h3>{t('objections.decisionText')}</h3>
          <p>{o.decision}</p>
          <p className="muted">{formatTime(o.decidedAt, lang)}</p>
          <Button onClick={onCancel}>{tr('common.close')}</Button>
        </>
      ) : (
        <>
          <fieldset className="fieldset">
            <legend>{t('objections.decision')}</legend>
            <label className="rule-check">
              <input
                type="radio"
                id="obj-upheld"
                name="obj-decision"
                checked={decision === 'upheld'}
                onChange={() => setDecision('upheld')}
              />
              {t('objections.upheld')}
            </label>
            <br />
            <label className="rule-check">
              <input
                type="radio"
                name="obj-decision"
                checked={decision === 'rejected'}
                onChange={() => setDecision('rejected')}
              />
              {t('objections.rejected')}
            </label>
          </fieldset>
          <div className="field">
            <label htmlFor="obj-text" className="field-label">
              {t('objections.decisionText')}
            </label>
            <textarea
              id="obj-text"
              className="native-input"
              maxLength={2000}
              value={text}
              aria-describedby="obj-text-help"
              aria-invalid={errors.some((e) => e.id === 'obj-text') || undefined}
              onChange={(e) => setText(e.target.value)}
            />
            <p id="obj-text-help" className="help-text">
              {t('objections.decisionHelp')}
            </p>
          </div>
          <div className="toolbar">
            <Button type="primary" onClick={() => void submit()} loading={busy}>
              {t('objections.submit')}
            </Button>
            <Button onClick={onCancel}>{tr('common.cancel')}</Button>
          </div>
        </>
      )}
    </>
  );
}
