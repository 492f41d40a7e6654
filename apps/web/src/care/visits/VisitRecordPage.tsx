/**
 * Record a visit: a planned one (/care/visits/:id/record, If-Match) or a new one for a pairing
 * (/care/pairings/:id/record). When, how long, how, what was found, who took part (volunteers'
 * minutes become their service hours) and the needs raised (each a needs case).
 */
import { useState } from 'react';
import { Button, Form, Input, InputNumber, Radio } from 'antd';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useAnnounce } from '../../announce';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { summaryFromValidation, type ProblemSummary, type ValidationInfo } from '../../forms';
import { CARE_KEY, usePairing, usePlannedVisits, useVisit, useVolunteers, useWorkers } from './data';
import { useVT } from './i18n';
import { addDays, shanghaiToday, visitInstant, VISIT_MODES, type Pairing, type Visit } from './model';
import { applyNestedProblem } from './problems';
import { NeedsList, ParticipantsList, type NeedDraft, type ParticipantDraft } from './RecordLists';
import './visits.css';

interface Values {
  date: string;
  time: string;
  minutes?: number;
  mode: Visit['mode'];
  findings?: string;
  participants?: ParticipantDraft[];
  needs?: NeedDraft[];
}
const FIELDS = ['date', 'minutes', 'mode', 'findings', 'participants', 'needs'];
const ALIASES = { visitedAt: 'date' };

export default function VisitRecordPage() {
  const { id } = useParams();
  const { pathname } = useLocation();
  const { t } = useVT();
  const forPairing = pathname.startsWith('/care/pairings/');
  const visit = useVisit(forPairing ? undefined : id);
  const pairing = usePairing(forPairing ? id : (visit.data?.pairingId ?? undefined));
  // For a pairing: the visit planned first is the one that took place, if there is one.
  const planned = usePlannedVisits(forPairing ? id : undefined);
  if ((forPairing ? pairing : visit).isPending) return <Loading />;
  if (forPairing && !pairing.data) return <p className="notice notice-error">{t('pairing.notFound')}</p>;
  if (forPairing && planned.isPending) return <Loading />;
  if (forPairing) {
    // Only a visit planned up to a week ahead is taken to be this one (as for volunteers).
    const soon = planned.data?.find((v) => v.plannedOn <= addDays(shanghaiToday(), 7)) ?? null;
    return <RecordForm visit={soon} pairing={pairing.data ?? null} />;
  }
  if (!forPairing && !visit.data) return <p className="notice notice-error">{t('visit.notFound')}</p>;
  if (visit.data && visit.data.state !== 'planned' && visit.data.state !== 'missed')
    return (
      <>
        <PageTitle title={t('recordForm.titlePlain')} />
        <p className="notice">{t('recordForm.notPlanned', { state: t(`state.${visit.data.state}`) })}</p>
        <Link to={`/care/visits/${visit.data.id}`}>{t('back')}</Link>
      </>
    );
  if (visit.data?.pairingId && pairing.isPending) return <Loading />;
  return <RecordForm visit={visit.data ?? null} pairing={pairing.data ?? null} />;
}

function RecordForm({ visit, pairing }: { visit: Visit | null; pairing: Pairing | null }) {
  const { t } = useVT();
  const { t: tc } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const [form] = Form.useForm<Values>();
  const formName = 'recordVisit';
  const personId = visit?.personId ?? pairing?.personId;
  const name = visit?.personName ?? pairing?.personName ?? '';
  const volunteers = useVolunteers();
  const staff = useWorkers(personId);
  const [summary, setSummary] = useState<ProblemSummary>({ items: [] });
  const [busy, setBusy] = useState(false);
  const required = (field: string) => [{ required: true, message: t('recordForm.required', { field }) }];

  const submit = async (v: Values) => {
    setSummary({ items: [] });
    setBusy(true);
    const body = {
      visitedAt: visitInstant(v.date, v.time),
      minutes: v.minutes,
      mode: v.mode,
      findings: (v.findings ?? '').trim(),
      // The whole store: a row's `kind` is not a form field, so onFinish's values leave it out.
      participants: ((form.getFieldValue('participants') as ParticipantDraft[] | undefined) ?? []).map((p) =>
        p.kind === 'volunteer'
          ? { volunteerId: p.volunteerId ?? null, minutes: p.minutes ?? null }
          : { userId: p.userId ?? null },
      ),
      needs: (v.needs ?? []).map((n) => ({
        category: n.category,
        urgency: n.urgency,
        title: (n.title ?? '').trim(),
        description: (n.description ?? '').trim(),
      })),
    };
    try {
      const out = visit
        ? await api.post<Visit>(`/care/visits/${visit.id}/record`, body, {
            headers: { 'If-Match': String(visit.version) },
          })
        : await api.post<Visit>('/care/visits/record', { ...body, pairingId: pairing!.id });
      await qc.invalidateQueries({ queryKey: CARE_KEY });
      announce(t('recordForm.recorded'));
      await navigate(`/care/visits/${out.id}`);
    } catch (e) {
      const rows = form.getFieldValue('participants') as ParticipantDraft[] | undefined;
      setSummary(
        applyNestedProblem(
          form,
          formName,
          e,
          FIELDS,
          tc,
          (list, i) => (list === 'needs' ? 'title' : rows?.[i]?.kind === 'staff' ? 'userId' : 'volunteerId'),
          ALIASES,
        ),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle title={t('recordForm.title', { name })} />
      <p>
        <Link to={visit ? `/care/visits/${visit.id}` : `/care/pairings/${pairing!.id}`}>{t('back')}</Link>
      </p>
      <p>{t('recordForm.intro')}</p>
      {visit && <p>{t('recordForm.plannedFor', { date: visit.plannedOn })}</p>}
      <ErrorSummary items={summary.items} title={summary.title} />
      <Form<Values>
        form={form}
        name={formName}
        layout="vertical"
        requiredMark={false}
        initialValues={{
          date: shanghaiToday(),
          time: '',
          mode: visit?.mode ?? 'home',
          participants: pairing?.volunteerId ? [{ kind: 'volunteer', volunteerId: pairing.volunteerId }] : [],
          needs: [],
        }}
        onFinish={(v) => void submit(v)}
        onFinishFailed={(info) =>
          setSummary({ items: summaryFromValidation(formName, info as ValidationInfo) })
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
        <Form.Item
          name="findings"
          label={`${t('recordForm.findings')}${tc('common.optional')}`}
          extra={t('recordForm.findingsHelp')}
        >
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
        <ParticipantsList volunteers={volunteers.data ?? []} staff={staff.data ?? []} />
        <NeedsList />
        <div className="toolbar">
          <Button type="primary" htmlType="submit" loading={busy}>
            {busy ? t('saving') : t('recordForm.submit')}
          </Button>
        </div>
      </Form>
    </>
  );
}
