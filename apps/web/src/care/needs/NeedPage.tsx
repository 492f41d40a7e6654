/** One needs case (/care/needs/:id): its facts, the outcome and whether the resident was told, the actions, and the timeline. */
import { useRef, useState } from 'react';
import { Button } from 'antd';
import { Link, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useAnnounce } from '../../announce';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { formatTime } from '../../labels';
import { useNT } from './i18n';
import { canResolve, movesOf, NEEDS_KEY, QUEUE_KEY, type NeedAction, type NeedDetail } from './model';
import { NeedDialog, type NeedDialogKind } from './NeedDialogs';
import { Due, useNeed } from './parts';
import './needs.css';

export default function NeedPage() {
  const { id } = useParams();
  const { t } = useNT();
  const need = useNeed(id);
  if (need.isPending) return <Loading />;
  if (!need.data)
    return (
      <>
        <PageTitle title={t('list.title')} />
        <p className="notice notice-error">{t('need.notFound')}</p>
        <Link to="/care/needs">{t('need.back')}</Link>
      </>
    );
  return <Case need={need.data} />;
}

function Case({ need }: { need: NeedDetail }) {
  const { t, i18n } = useNT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [target, setTargetState] = useState<NeedDialogKind | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const open = (k: NeedDialogKind) => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setTargetState(k);
  };
  const at = (iso: string | null) => formatTime(iso, i18n.language);
  const moveLabel = (to: string) =>
    to === 'in_progress'
      ? t('need.start')
      : to === 'closed'
        ? t('need.close')
        : to === 'withdrawn'
          ? t('need.withdraw')
          : t('need.reopen');
  const done = (out: NeedDetail) => {
    setTargetState(null);
    qc.setQueryData([...NEEDS_KEY, 'one', out.id], out);
    void qc.invalidateQueries({ queryKey: [...NEEDS_KEY, 'list'] });
    void qc.invalidateQueries({ queryKey: QUEUE_KEY });
    announce(t('dialog.saved'));
  };
  return (
    <>
      <PageTitle title={`${need.title}（${need.ref}）`} />
      <p>
        <Link to="/care/needs">{t('need.back')}</Link>
      </p>
      <section aria-labelledby="need-details">
        <h2 id="need-details">{t('need.details')}</h2>
        <dl className="need-facts">
          <dt>{t('need.ref')}</dt>
          <dd>{need.ref}</dd>
          <dt>{t('need.person')}</dt>
          <dd>
            <Link to={`/persons/${need.personId}`}>{need.personName}</Link>
          </dd>
          <dt>{t('need.source')}</dt>
          <dd>
            {t(`source.${need.source}`)}
            {need.visitId && (
              <>
                {' '}
                <Link to={`/care/visits/${need.visitId}`}>{t('need.visit')}</Link>
              </>
            )}
          </dd>
          <dt>{t('need.category')}</dt>
          <dd>{t(`category.${need.category}`)}</dd>
          <dt>{t('need.urgency')}</dt>
          <dd>{t(`urgency.${need.urgency}`)}</dd>
          <dt>{t('need.status')}</dt>
          <dd data-testid="need-status">{t(`status.${need.status}`)}</dd>
          <dt>{t('need.owner')}</dt>
          <dd>{need.ownerName ?? t('need.unassigned')}</dd>
          <dt>{t('need.created')}</dt>
          <dd>{at(need.createdAt)}</dd>
          <dt>{t('need.due')}</dt>
          <dd>
            <Due need={need} />
            {need.escalationLevel > 0 && <> · {t('need.escalated', { level: need.escalationLevel })}</>}
          </dd>
          {need.description && (
            <>
              <dt>{t('need.description')}</dt>
              <dd className="need-text">{need.description}</dd>
            </>
          )}
          {need.resolvedAt && (
            <>
              <dt>{t('need.resolution')}</dt>
              <dd className="need-text">{need.resolution}</dd>
              <dt>{t('need.resolvedAt')}</dt>
              <dd>{at(need.resolvedAt)}</dd>
              <dt>{t('need.notified')}</dt>
              <dd>
                {need.outcomeNotifiedAt
                  ? t('need.notifiedAt', { at: at(need.outcomeNotifiedAt) })
                  : t('none')}
              </dd>
            </>
          )}
        </dl>
        {need.mustPhone && (
          <p className="notice notice-warning" role="note">
            {t('need.mustPhone')}
          </p>
        )}
      </section>
      <section aria-labelledby="need-actions">
        <h2 id="need-actions">{t('need.actions')}</h2>
        <div className="toolbar">
          {canResolve(need.status) && (
            <Button type="primary" onClick={() => open({ kind: 'resolve' })}>
              {t('need.resolve')}
            </Button>
          )}
          {need.mustPhone && <Button onClick={() => open({ kind: 'told' })}>{t('need.told')}</Button>}
          {movesOf(need.status).map((to) => (
            <Button key={to} onClick={() => open({ kind: 'status', to, label: moveLabel(to) })}>
              {moveLabel(to)}
            </Button>
          ))}
          <Button onClick={() => open({ kind: 'assign' })}>{t('need.assign')}</Button>
          <Button onClick={() => open({ kind: 'note' })}>{t('need.addNote')}</Button>
        </div>
      </section>
      <section aria-labelledby="need-timeline">
        <h2 id="need-timeline">{t('need.timeline')}</h2>
        <ol className="need-timeline">
          {need.actions.map((a) => (
            <li key={a.id}>
              <strong>{t(`action.${a.kind}`)}</strong> · {at(a.at)} · {a.actorName ?? t('action.byNobody')}
              <ActionDetail action={a} />
            </li>
          ))}
        </ol>
      </section>
      <NeedDialog
        need={need}
        target={target}
        returnFocus={opener}
        onClose={() => setTargetState(null)}
        onDone={done}
      />
    </>
  );
}

function ActionDetail({ action: a }: { action: NeedAction }) {
  const { t } = useNT();
  const d = a.detail as Record<string, unknown>;
  const lines: string[] = [];
  const status = (s: unknown) => (typeof s === 'string' ? t(`status.${s as 'open'}`) : '');
  if (a.kind === 'created' && typeof d.contactTime === 'string')
    lines.push(t('action.contactTime', { time: d.contactTime }));
  if ((a.kind === 'status' || a.kind === 'reopened') && d.from)
    lines.push(t('action.moved', { from: status(d.from), to: status(d.to) }));
  if (a.kind === 'escalated')
    lines.push(t('action.level', { level: Number(d.level), count: Number(d.recipients ?? 0) }));
  if (a.kind === 'notified') {
    if (d.mustPhone) lines.push(t('action.mustPhone'));
    else if (d.channel === 'message')
      lines.push(t('action.toldBy.message', { count: Number(d.recipients ?? 0) }));
    else if (d.channel === 'phone' || d.channel === 'in_person') lines.push(t(`action.toldBy.${d.channel}`));
  }
  const field = (k: string) =>
    k === 'category'
      ? t('need.category')
      : k === 'urgency'
        ? t('need.urgency')
        : k === 'title'
          ? t('form.subject')
          : t('need.description');
  if (a.kind === 'note' && Array.isArray(d.changed) && d.changed.length)
    lines.push(t('action.changed', { fields: (d.changed as string[]).map(field).join('、') }));
  if (a.kind === 'assigned')
    lines.push(d.to ? t('action.assignedTo', { name: a.subjectName ?? '' }) : t('action.assignedNone'));
  return (
    <>
      {lines.map((l) => (
        <div key={l}>{l}</div>
      ))}
      {a.note && <div className="need-text">{a.note}</div>}
    </>
  );
}
