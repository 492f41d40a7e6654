/** Plan a visit (/care/visits/new?pairingId=…): the date, how, and the worker responsible. */
import { useState } from 'react';
import { Button, Form, Input, Radio, Select } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useAnnounce } from '../../announce';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { applyProblem, summaryFromValidation, type ProblemSummary, type ValidationInfo } from '../../forms';
import { CARE_KEY, usePairing, useWorkers } from './data';
import { useVT } from './i18n';
import { shanghaiToday, VISIT_MODES, type Visit } from './model';
import './visits.css';

interface Values {
  plannedOn: string;
  mode: Visit['mode'];
  ownerUserId?: string;
}
const FIELDS = ['plannedOn', 'mode', 'ownerUserId'];

export default function VisitPlanPage() {
  const { t } = useVT();
  const { t: tc } = useTranslation();
  const [params] = useSearchParams();
  const pairingId = params.get('pairingId') ?? undefined;
  const pairing = usePairing(pairingId);
  const workers = useWorkers(pairing.data?.personId);
  const qc = useQueryClient();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const [form] = Form.useForm<Values>();
  const [summary, setSummary] = useState<ProblemSummary>({ items: [] });
  const [busy, setBusy] = useState(false);
  if (!pairingId)
    return (
      <>
        <PageTitle title={t('planForm.title')} />
        <p>{t('planForm.needTarget')}</p>
        <p>
          <Link to="/care/pairings">{t('pairing.back')}</Link>
        </p>
      </>
    );
  if (pairing.isPending) return <Loading />;
  if (!pairing.data) return <p className="notice notice-error">{t('pairing.notFound')}</p>;
  const p = pairing.data;

  const submit = async (v: Values) => {
    setSummary({ items: [] });
    setBusy(true);
    try {
      const out = await api.post<Visit>('/care/visits', {
        pairingId: p.id,
        plannedOn: v.plannedOn,
        mode: v.mode,
        ownerUserId: v.ownerUserId ?? null,
      });
      await qc.invalidateQueries({ queryKey: CARE_KEY });
      announce(t('planForm.planned'));
      await navigate(`/care/visits/${out.id}`);
    } catch (e) {
      setSummary(applyProblem(form, 'planVisit', e, FIELDS, tc));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <PageTitle title={t('planForm.title')} />
      <p>
        <Link to={`/care/pairings/${p.id}`}>{t('back')}</Link>
      </p>
      <p>
        <strong>{t('planForm.target')}：</strong>
        {p.personName}
      </p>
      <ErrorSummary items={summary.items} title={summary.title} />
      <Form<Values>
        form={form}
        name="planVisit"
        layout="vertical"
        requiredMark={false}
        initialValues={{
          plannedOn: p.nextVisitOn ?? shanghaiToday(),
          mode: 'home',
          ownerUserId: p.ownerUserId ?? undefined,
        }}
        onFinish={(v) => void submit(v)}
        onFinishFailed={(info) =>
          setSummary({ items: summaryFromValidation('planVisit', info as ValidationInfo) })
        }
      >
        <Form.Item
          name="plannedOn"
          label={t('planForm.plannedOn')}
          rules={[{ required: true, message: t('recordForm.required', { field: t('planForm.plannedOn') }) }]}
        >
          <Input type="date" />
        </Form.Item>
        <Form.Item name="mode" label={t('visit.mode')}>
          <Radio.Group options={VISIT_MODES.map((m) => ({ value: m, label: t(`mode.${m}`) }))} />
        </Form.Item>
        <Form.Item name="ownerUserId" label={t('planForm.owner')} extra={t('planForm.ownerHelp')}>
          <Select<string>
            showSearch={{ optionFilterProp: 'label' }}
            allowClear
            options={workers.data ?? []}
          />
        </Form.Item>
        <div className="toolbar">
          <Button type="primary" htmlType="submit" loading={busy}>
            {busy ? t('saving') : t('planForm.submit')}
          </Button>
        </div>
      </Form>
    </>
  );
}
