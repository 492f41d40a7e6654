/**
 * One visit (/care/visits/:id): when and how, its state, the worker responsible, what was found,
 * who took part (volunteers with their minutes), the needs raised; record it, mark it missed or
 * cancel it (with a reason).
 */
import { useRef, useState } from 'react';
import { Button, Form, Input } from 'antd';
import { Link, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useAnnounce } from '../../announce';
import { Dialog } from '../../components/Dialog';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { applyProblem, summaryFromValidation, type ProblemSummary, type ValidationInfo } from '../../forms';
import { CARE_KEY, shanghaiDateTime, useVisit } from './data';
import { useVT } from './i18n';
import type { Visit } from './model';
import './visits.css';

type Closing = 'miss' | 'cancel' | null;

export default function VisitPage() {
  const { id } = useParams();
  const { t } = useVT();
  const visit = useVisit(id);
  const [closing, setClosing] = useState<Closing>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const trigger = useRef<HTMLElement | null>(null);
  const open = (c: Closing) => {
    trigger.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setClosing(c);
  };
  if (visit.isPending) return <Loading />;
  if (!visit.data) return <p className="notice notice-error">{t('visit.notFound')}</p>;
  const v = visit.data;
  const recordable = v.state === 'planned' || v.state === 'missed';
  return (
    <>
      <PageTitle title={t('visit.title', { name: v.personName, date: v.plannedOn })} />
      <p>
        {v.pairingId ? (
          <Link to={`/care/pairings/${v.pairingId}`}>{t('visit.pairing')}</Link>
        ) : (
          <Link to="/care/queue">{t('queue.title')}</Link>
        )}
      </p>
      {notice && (
        <p className="notice notice-success" role="status">
          {notice}
        </p>
      )}
      <div className="toolbar">
        {recordable && (
          <Link className="button-link button-link-primary" to={`/care/visits/${v.id}/record`}>
            {t('visit.record')}
          </Link>
        )}
        {v.state === 'planned' && <Button onClick={() => open('miss')}>{t('visit.miss')}</Button>}
        {v.state !== 'cancelled' && (
          <Button danger onClick={() => open('cancel')}>
            {t('visit.cancelVisit')}
          </Button>
        )}
      </div>
      <section aria-labelledby="visit-facts">
        <h2 id="visit-facts">{t('visit.facts')}</h2>
        <dl className="visit-facts">
          <dt>{t('visit.family')}</dt>
          <dd>{v.personName}</dd>
          <dt>{t('visit.state')}</dt>
          <dd data-testid="visit-state">{t(`state.${v.state}`)}</dd>
          <dt>{t('visit.plannedOn')}</dt>
          <dd>{v.plannedOn}</dd>
          <dt>{t('visit.mode')}</dt>
          <dd>{t(`mode.${v.mode}`)}</dd>
          <dt>{t('visit.owner')}</dt>
          <dd>{v.ownerName ?? t('pairings.noOwner')}</dd>
          {v.visitedAt && (
            <>
              <dt>{t('visit.visitedAt')}</dt>
              <dd>{shanghaiDateTime(v.visitedAt)}</dd>
              <dt>{t('visit.minutes')}</dt>
              <dd>{t('minutes', { count: v.minutes ?? 0 })}</dd>
            </>
          )}
          {v.reason && (
            <>
              <dt>{t('visit.reason')}</dt>
              <dd>{v.reason}</dd>
            </>
          )}
        </dl>
      </section>
      {v.state === 'done' && (
        <>
          <section aria-labelledby="visit-findings">
            <h2 id="visit-findings">{t('visit.findings')}</h2>
            <p className="visit-findings-text">{v.findings || t('none')}</p>
          </section>
          <section aria-labelledby="visit-participants">
            <h2 id="visit-participants">{t('visit.participants')}</h2>
            {v.participants.length === 0 ? (
              <p>{t('visit.noParticipants')}</p>
            ) : (
              <ul>
                {v.participants.map((p, i) => (
                  <li key={i}>
                    {p.volunteerId
                      ? t('visit.participantVolunteer', {
                          name: p.volunteerName ?? '',
                          minutes: t('minutes', { count: p.minutes ?? 0 }),
                        })
                      : t('visit.participantStaff', { name: p.userName ?? '' })}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="visit-needs">
            <h2 id="visit-needs">{t('visit.needs')}</h2>
            {v.needs.length === 0 ? (
              <p>{t('visit.noNeeds')}</p>
            ) : (
              <ul>
                {v.needs.map((n) => (
                  <li key={n.id}>
                    {n.ref} {n.title}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
      <Dialog
        open={closing !== null}
        title={closing === 'miss' ? t('visit.missTitle') : t('visit.cancelTitle')}
        onClose={() => setClosing(null)}
        returnFocus={trigger}
        initialFocus="closeVisit_reason"
      >
        {closing && (
          <CloseForm
            visit={v}
            action={closing}
            onCancel={() => setClosing(null)}
            onDone={(msg) => {
              setClosing(null);
              setNotice(msg);
            }}
          />
        )}
      </Dialog>
    </>
  );
}

function CloseForm({
  visit,
  action,
  onDone,
  onCancel,
}: {
  visit: Visit;
  action: 'miss' | 'cancel';
  onDone: (msg: string) => void;
  onCancel: () => void;
}) {
  const { t } = useVT();
  const { t: tc } = useTranslation();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [form] = Form.useForm<{ reason: string }>();
  const [summary, setSummary] = useState<ProblemSummary>({ items: [] });
  const [busy, setBusy] = useState(false);
  const submit = async (v: { reason: string }) => {
    setBusy(true);
    try {
      await api.post(
        `/care/visits/${visit.id}/${action}`,
        { reason: v.reason.trim() },
        {
          headers: { 'If-Match': String(visit.version) },
        },
      );
      await qc.invalidateQueries({ queryKey: CARE_KEY });
      const msg = action === 'miss' ? t('visit.missed') : t('visit.cancelled');
      announce(msg);
      onDone(msg);
    } catch (e) {
      setSummary(applyProblem(form, 'closeVisit', e, ['reason'], tc));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {action === 'cancel' && visit.state === 'done' && <p>{t('visit.cancelDoneHelp')}</p>}
      <ErrorSummary items={summary.items} title={summary.title} />
      <Form
        form={form}
        name="closeVisit"
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => void submit(v)}
        onFinishFailed={(info) =>
          setSummary({ items: summaryFromValidation('closeVisit', info as ValidationInfo) })
        }
      >
        <Form.Item
          name="reason"
          label={t('visit.reasonLabel')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('recordForm.required', { field: t('visit.reasonLabel') }),
            },
          ]}
        >
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
        <div className="toolbar">
          <Button type="primary" danger={action === 'cancel'} htmlType="submit" loading={busy}>
            {t('visit.confirm')}
          </Button>
          <Button onClick={onCancel}>{t('cancel')}</Button>
        </div>
      </Form>
    </>
  );
}
