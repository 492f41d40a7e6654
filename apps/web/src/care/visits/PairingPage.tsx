/**
 * One pairing (/care/pairings/:id): the family, who is paired, the plan and the next visit (overdue
 * said in words), the responsible worker, the visits so far; change, end, plan or record a visit.
 */
import { useRef, useState } from 'react';
import { Button, Form, Input } from 'antd';
import { Link, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useAnnounce } from '../../announce';
import { DataTable, type Column } from '../../components/DataTable';
import { Dialog } from '../../components/Dialog';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { TableScroll } from '../../components/TableScroll';
import { applyProblem, type ProblemSummary } from '../../forms';
import { hasAny, useMe } from '../../session';
import {
  CARE_KEY,
  shanghaiDateTime,
  usePairing,
  usePairingVisits,
  useTeams,
  useVolunteers,
  useWorkers,
} from './data';
import { useVT } from './i18n';
import { daysBetween, shanghaiToday, type Pairing, type Visit } from './model';
import './visits.css';

export default function PairingPage() {
  const { id } = useParams();
  const { t } = useVT();
  const { data: me } = useMe(false);
  const pairing = usePairing(id);
  const visits = usePairingVisits(id);
  const teams = useTeams();
  const volunteers = useVolunteers();
  const workers = useWorkers(pairing.data?.personId);
  const [ending, setEnding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const endButton = useRef<HTMLButtonElement>(null);
  if (pairing.isPending) return <Loading />;
  if (!pairing.data) return <p className="notice notice-error">{t('pairing.notFound')}</p>;
  const p = pairing.data;
  const today = shanghaiToday();
  const partner =
    (p.teamId
      ? teams.data?.find((o) => o.value === p.teamId)?.label
      : volunteers.data?.find((o) => o.value === p.volunteerId)?.label) ?? t('none');
  const owner = p.ownerUserId
    ? (workers.data?.find((o) => o.value === p.ownerUserId)?.label ?? p.ownerUserId)
    : t('pairings.noOwner');
  const canEdit = hasAny(me, ['care.pairings']) && p.state === 'active';
  const canVisit = hasAny(me, ['care.visits']) && p.state === 'active';
  const columns: Column<Visit>[] = [
    { key: 'planned', title: t('pairing.plannedOn'), rowHeader: true, render: (v) => v.plannedOn },
    { key: 'mode', title: t('visit.mode'), render: (v) => t(`mode.${v.mode}`) },
    { key: 'state', title: t('pairing.visitState'), render: (v) => t(`state.${v.state}`) },
    {
      key: 'visited',
      title: t('pairing.visitedAt'),
      render: (v) => shanghaiDateTime(v.visitedAt) || t('none'),
    },
    {
      key: 'view',
      title: t('queue.actions'),
      render: (v) => (
        <Link to={`/care/visits/${v.id}`} aria-label={t('pairing.viewLabel', { date: v.plannedOn })}>
          {t('pairing.view')}
        </Link>
      ),
    },
  ];
  return (
    <>
      <PageTitle title={p.personName} />
      <p>
        <Link to="/care/pairings">{t('pairing.back')}</Link>
      </p>
      {notice && (
        <p className="notice notice-success" role="status">
          {notice}
        </p>
      )}
      <div className="toolbar">
        {canVisit && (
          <>
            <Link className="button-link button-link-primary" to={`/care/pairings/${p.id}/record`}>
              {t('pairing.recordVisit')}
            </Link>
            <Link className="button-link" to={`/care/visits/new?pairingId=${p.id}`}>
              {t('pairing.planVisit')}
            </Link>
          </>
        )}
        {canEdit && (
          <>
            <Link className="button-link" to={`/care/pairings/${p.id}/edit`}>
              {t('pairing.edit')}
            </Link>
            <Button ref={endButton} danger onClick={() => setEnding(true)}>
              {t('pairing.end')}
            </Button>
          </>
        )}
      </div>
      <section aria-labelledby="pairing-facts">
        <h2 id="pairing-facts">{t('pairing.facts')}</h2>
        <dl className="visit-facts">
          <dt>{t('pairing.family')}</dt>
          <dd>{p.personName}</dd>
          <dt>{t('pairing.partner')}</dt>
          <dd>{partner}</dd>
          <dt>{t('pairing.state')}</dt>
          <dd>{t(`pairingState.${p.state}`)}</dd>
          <dt>{t('pairing.startOn')}</dt>
          <dd>{p.startOn}</dd>
          <dt>{t('pairing.endOn')}</dt>
          <dd>{p.endOn ?? t('none')}</dd>
          <dt>{t('pairing.plan')}</dt>
          <dd>{t('plan', { every: p.visitPlan.every, unit: t(`unit.${p.visitPlan.unit}`) })}</dd>
          <dt>{t('pairing.next')}</dt>
          <dd data-testid="pairing-next-visit">
            {p.nextVisitOn ?? t('none')}
            {p.nextVisitOn && p.nextVisitOn < today && (
              <>
                {' '}
                <strong className="visit-overdue">
                  （{t('pairing.overdue', { count: daysBetween(p.nextVisitOn, today) })}）
                </strong>
              </>
            )}
          </dd>
          <dt>{t('pairing.owner')}</dt>
          <dd>{owner}</dd>
          <dt>{t('pairing.goals')}</dt>
          <dd>{p.goals || t('none')}</dd>
        </dl>
      </section>
      {hasAny(me, ['care.visits']) && (
        <section aria-labelledby="pairing-visits">
          <h2 id="pairing-visits">{t('pairing.visits')}</h2>
          <TableScroll label={t('pairing.visitsLabel')}>
            <DataTable<Visit>
              rowKey={(v) => v.id}
              columns={columns}
              rows={visits.data?.items ?? []}
              loading={visits.isPending}
            />
          </TableScroll>
        </section>
      )}
      <Dialog
        open={ending}
        title={t('pairing.endTitle')}
        onClose={() => setEnding(false)}
        returnFocus={endButton}
        initialFocus="endPairing_endOn"
      >
        <EndForm
          pairing={p}
          onCancel={() => setEnding(false)}
          onDone={() => {
            setEnding(false);
            setNotice(t('pairing.ended'));
          }}
        />
      </Dialog>
    </>
  );
}

function EndForm({
  pairing,
  onDone,
  onCancel,
}: {
  pairing: Pairing;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useVT();
  const { t: tc } = useTranslation();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [form] = Form.useForm<{ endOn: string }>();
  const [summary, setSummary] = useState<ProblemSummary>({ items: [] });
  const [busy, setBusy] = useState(false);
  const submit = async (v: { endOn: string }) => {
    setBusy(true);
    try {
      await api.patch(
        `/care/pairings/${pairing.id}`,
        { state: 'ended', endOn: v.endOn || null },
        { headers: { 'If-Match': String(pairing.version) } },
      );
      await qc.invalidateQueries({ queryKey: CARE_KEY });
      announce(t('pairing.ended'));
      onDone();
    } catch (e) {
      setSummary(applyProblem(form, 'endPairing', e, ['endOn'], tc));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <p>{t('pairing.endHelp')}</p>
      <ErrorSummary items={summary.items} title={summary.title} />
      <Form
        form={form}
        name="endPairing"
        layout="vertical"
        requiredMark={false}
        initialValues={{ endOn: shanghaiToday() }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item name="endOn" label={t('pairing.endOn')}>
          <Input type="date" />
        </Form.Item>
        <div className="toolbar">
          <Button type="primary" danger htmlType="submit" loading={busy}>
            {t('pairing.endConfirm')}
          </Button>
          <Button onClick={onCancel}>{t('cancel')}</Button>
        </div>
      </Form>
    </>
  );
}
