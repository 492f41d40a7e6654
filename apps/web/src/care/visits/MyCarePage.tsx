/**
 * A volunteer's families (/me/care): each pairing with the family's name and address (nothing
 * else), the visit plan and the next visit; record a visit (their time counts as service hours);
 * the visits so far. Plain words and large targets.
 */
import { useRef, useState } from 'react';
import { Button, Form, Input, InputNumber, Radio } from 'antd';
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
import { applyProblem, summaryFromValidation, type ProblemSummary, type ValidationInfo } from '../../forms';
import { useMyPairings, useMyVisits } from './data';
import { useVT } from './i18n';
import { shanghaiToday, visitInstant, VISIT_MODES, type MyPairing, type MyVisit } from './model';
import './visits.css';

export default function MyCarePage() {
  const { t } = useVT();
  const pairings = useMyPairings();
  const visits = useMyVisits();
  const [recording, setRecording] = useState<MyPairing | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const trigger = useRef<HTMLElement | null>(null);
  const families = new Map((pairings.data ?? []).map((p) => [p.id, p.family.name]));
  const columns: Column<MyVisit>[] = [
    { key: 'date', title: t('mine.date'), rowHeader: true, render: (v) => v.plannedOn },
    {
      key: 'family',
      title: t('mine.family'),
      render: (v) => (v.pairingId && families.get(v.pairingId)) || v.family.name,
    },
    { key: 'state', title: t('visit.state'), render: (v) => t(`state.${v.state}`) },
    { key: 'mode', title: t('visit.mode'), render: (v) => t(`mode.${v.mode}`) },
    {
      key: 'mine',
      title: t('mine.myMinutes'),
      render: (v) => (v.myMinutes ? t('minutes', { count: v.myMinutes }) : t('none')),
    },
  ];
  // The family's name and whether the pairing is the volunteer's own or a team's: a family can be
  // both, and two buttons must never share one name.
  const familyLabel = (p: { family: { name: string }; teamId: string | null; teamName?: string | null }) =>
    t('mine.withKind', {
      name: p.family.name,
      kind: p.teamId ? t('mine.viaTeam', { team: p.teamName ?? '' }) : t('mine.viaSelf'),
    });
  if (pairings.isPending) return <Loading />;
  const active = (pairings.data ?? []).filter((p) => p.state === 'active');
  return (
    <>
      <PageTitle title={t('mine.title')} />
      <p>{t('mine.intro')}</p>
      {notice && (
        <p className="notice notice-success" role="status">
          {notice}
        </p>
      )}
      {pairings.isError && <p className="notice notice-error">{t('loadFailed')}</p>}
      {active.length === 0 && !pairings.isError && <p>{t('mine.none')}</p>}
      {active.map((p) => (
        <section key={p.id} className="my-family" aria-labelledby={`family-${p.id}`}>
          <h2 id={`family-${p.id}`}>{familyLabel(p)}</h2>
          <dl className="visit-facts">
            <dt>{t('mine.address')}</dt>
            <dd>{p.family.address ?? t('mine.noAddress')}</dd>
            <dt>{t('mine.plan')}</dt>
            <dd>{t('plan', { every: p.visitPlan.every, unit: t(`unit.${p.visitPlan.unit}`) })}</dd>
            <dt>{t('mine.next')}</dt>
            <dd>{p.nextVisitOn ?? t('none')}</dd>
          </dl>
          <Button
            type="primary"
            size="large"
            aria-label={t('mine.recordFor', { name: familyLabel(p) })}
            onClick={(e) => {
              trigger.current = e.currentTarget;
              setRecording(p);
            }}
          >
            {t('mine.record')}
          </Button>
        </section>
      ))}
      <h2 id="my-visits">{t('mine.visits')}</h2>
      <TableScroll label={t('mine.visitsLabel')}>
        <DataTable<MyVisit>
          rowKey={(v) => v.id}
          columns={columns}
          rows={visits.data ?? []}
          loading={visits.isPending}
        />
      </TableScroll>
      <Dialog
        open={recording !== null}
        title={recording ? t('mine.recordTitle', { name: familyLabel(recording) }) : ''}
        onClose={() => setRecording(null)}
        returnFocus={trigger}
        initialFocus="myVisit_date"
      >
        {recording && (
          <MyVisitForm
            pairing={recording}
            onCancel={() => setRecording(null)}
            onDone={() => {
              setRecording(null);
              setNotice(t('mine.recorded'));
            }}
          />
        )}
      </Dialog>
    </>
  );
}

interface Values {
  date: string;
  time?: string;
  minutes?: number;
  mode: MyVisit['mode'];
  findings?: string;
}

function MyVisitForm({
  pairing,
  onDone,
  onCancel,
}: {
  pairing: MyPairing;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useVT();
  const { t: tc } = useTranslation();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [form] = Form.useForm<Values>();
  const [summary, setSummary] = useState<ProblemSummary>({ items: [] });
  const [busy, setBusy] = useState(false);
  const required = (field: string) => [{ required: true, message: t('recordForm.required', { field }) }];
  const submit = async (v: Values) => {
    setBusy(true);
    try {
      await api.post(`/care/me/pairings/${pairing.id}/visits`, {
        visitedAt: visitInstant(v.date, v.time),
        minutes: v.minutes,
        mode: v.mode,
        findings: (v.findings ?? '').trim(),
      });
      await qc.invalidateQueries({ queryKey: ['care', 'me'] });
      announce(t('mine.recorded'));
      onDone();
    } catch (e) {
      setSummary(
        applyProblem(form, 'myVisit', e, ['date', 'minutes', 'mode', 'findings'], tc, { visitedAt: 'date' }),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <ErrorSummary items={summary.items} title={summary.title} />
      <Form<Values>
        form={form}
        name="myVisit"
        layout="vertical"
        requiredMark={false}
        initialValues={{ date: shanghaiToday(), mode: 'home' }}
        onFinish={(v) => void submit(v)}
        onFinishFailed={(info) =>
          setSummary({ items: summaryFromValidation('myVisit', info as ValidationInfo) })
        }
      >
        <Form.Item name="date" label={t('recordForm.date')} rules={required(t('recordForm.date'))}>
          <Input type="date" max={shanghaiToday()} />
        </Form.Item>
        <Form.Item name="time" label={`${t('recordForm.time')}${tc('common.optional')}`}>
          <Input type="time" />
        </Form.Item>
        <Form.Item name="minutes" label={t('recordForm.minutes')} rules={required(t('recordForm.minutes'))}>
          <InputNumber min={1} max={1440} precision={0} />
        </Form.Item>
        <Form.Item name="mode" label={t('visit.mode')}>
          <Radio.Group options={VISIT_MODES.map((m) => ({ value: m, label: t(`mode.${m}`) }))} />
        </Form.Item>
        <Form.Item name="findings" label={`${t('recordForm.findings')}${tc('common.optional')}`}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <div className="toolbar">
          <Button type="primary" htmlType="submit" loading={busy}>
            {busy ? t('saving') : t('recordForm.submit')}
          </Button>
          <Button onClick={onCancel}>{t('cancel')}</Button>
        </div>
      </Form>
    </>
  );
}
