/** The hours pages' small forms: a reason (void, revoke, reject), a manual record, a proof's period. */
import { useState } from 'react';
import { Button, Form, Input, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorSummary } from '../../components/ErrorSummary';
import { applyProblem, summaryFromValidation, type ProblemSummary, type ValidationInfo } from '../../forms';
import { useHT } from './i18n';
import { todayShanghai, type Proof, type ServiceRecord } from './model';

function useSubmit(formName: string, fields: readonly string[]) {
  const { t: tc } = useTranslation();
  const [form] = Form.useForm();
  const [summary, setSummary] = useState<ProblemSummary>({ items: [] });
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<void>) => {
    setSummary({ items: [] });
    setBusy(true);
    try {
      await fn();
    } catch (e) {
      setSummary(applyProblem(form, formName, e, fields, tc));
    } finally {
      setBusy(false);
    }
  };
  const failed = (info: unknown) =>
    setSummary({ items: summaryFromValidation(formName, info as ValidationInfo) });
  return { form, summary, busy, run, failed };
}

/** A reason or note (required unless `optional`), then the action. */
export function ReasonForm({
  formName,
  field = 'reason',
  intro,
  label,
  submitLabel,
  optional = false,
  requiredMessage,
  danger = false,
  onSubmit,
  onCancel,
}: {
  formName: string;
  field?: string;
  intro: string;
  label: string;
  submitLabel: string;
  optional?: boolean;
  requiredMessage?: string;
  danger?: boolean;
  onSubmit: (text: string) => Promise<void>;
  onCancel: () => void;
}) {
  const { t: tc } = useTranslation();
  const { form, summary, busy, run, failed } = useSubmit(formName, [field]);
  return (
    <>
      <p>{intro}</p>
      <ErrorSummary items={summary.items} title={summary.title} />
      <Form
        form={form}
        name={formName}
        layout="vertical"
        requiredMark={false}
        onFinish={(v: Record<string, string>) => void run(() => onSubmit((v[field] ?? '').trim()))}
        onFinishFailed={failed}
      >
        <Form.Item
          name={field}
          label={optional ? `${label}${tc('common.optional')}` : label}
          rules={
            optional
              ? []
              : [
                  {
                    required: true,
                    whitespace: true,
                    message: requiredMessage ?? tc('errors.required', { field: label }),
                  },
                ]
          }
        >
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
        <div className="toolbar">
          <Button type="primary" danger={danger} htmlType="submit" loading={busy}>
            {submitLabel}
          </Button>
          <Button onClick={onCancel}>{tc('common.cancel')}</Button>
        </div>
      </Form>
    </>
  );
}

interface ManualValues {
  serviceDate: string;
  startTime: string;
  minutes: number;
  activity: string;
  content?: string;
}
const MANUAL_FIELDS = ['serviceDate', 'startTime', 'minutes', 'activity', 'content'];

export function ManualRecordForm({
  volunteerId,
  onDone,
  onCancel,
}: {
  volunteerId: string;
  onDone: (r: ServiceRecord) => void;
  onCancel: () => void;
}) {
  const { t } = useHT();
  const { t: tc } = useTranslation();
  const { form, summary, busy, run, failed } = useSubmit('manualRecord', MANUAL_FIELDS);
  const req = (field: string) => ({
    required: true,
    whitespace: true,
    message: tc('errors.required', { field }),
  });
  return (
    <>
      <ErrorSummary items={summary.items} title={summary.title} />
      <Form<ManualValues>
        form={form}
        name="manualRecord"
        layout="vertical"
        requiredMark={false}
        initialValues={{ serviceDate: todayShanghai(), startTime: '09:00' }}
        onFinish={(v) =>
          void run(async () =>
            onDone(
              await api.post<ServiceRecord>(`/care/volunteers/${volunteerId}/hours`, {
                ...v,
                activity: v.activity.trim(),
                content: (v.content ?? '').trim(),
              }),
            ),
          )
        }
        onFinishFailed={failed}
      >
        <Form.Item name="serviceDate" label={t('manual.serviceDate')} rules={[req(t('manual.serviceDate'))]}>
          <Input type="date" max={todayShanghai()} style={{ maxWidth: '14rem' }} />
        </Form.Item>
        <Form.Item name="startTime" label={t('manual.startTime')} rules={[req(t('manual.startTime'))]}>
          <Input type="time" style={{ maxWidth: '10rem' }} />
        </Form.Item>
        <Form.Item
          name="minutes"
          label={t('manual.minutes')}
          extra={t('manual.minutesHelp')}
          rules={[
            { required: true, message: tc('errors.required', { field: t('manual.minutes') }) },
            { type: 'integer', min: 1, max: 1440, message: t('manual.minutesRange') },
          ]}
        >
          <InputNumber<number> min={1} max={1440} step={15} style={{ width: '10rem' }} />
        </Form.Item>
        <Form.Item
          name="activity"
          label={t('manual.activity')}
          extra={t('manual.activityHelp')}
          rules={[req(t('manual.activity'))]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="content" label={`${t('manual.content')}${tc('common.optional')}`}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <div className="toolbar">
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('manual.submit')}
          </Button>
          <Button onClick={onCancel}>{tc('common.cancel')}</Button>
        </div>
      </Form>
    </>
  );
}

export function IssueProofForm({
  volunteerId,
  onDone,
  onCancel,
}: {
  volunteerId: string;
  onDone: (p: Proof) => void;
  onCancel: () => void;
}) {
  const { t } = useHT();
  const { t: tc } = useTranslation();
  const { form, summary, busy, run, failed } = useSubmit('issueProof', ['periodFrom', 'periodTo']);
  const today = todayShanghai();
  return (
    <>
      <p>{t('proof.periodHelp')}</p>
      <ErrorSummary items={summary.items} title={summary.title} />
      <Form<{ periodFrom: string; periodTo: string }>
        form={form}
        name="issueProof"
        layout="vertical"
        requiredMark={false}
        initialValues={{ periodFrom: `${today.slice(0, 4)}-01-01`, periodTo: today }}
        onFinish={(v) =>
          void run(async () => onDone(await api.post<Proof>(`/care/volunteers/${volunteerId}/proofs`, v)))
        }
        onFinishFailed={failed}
      >
        <Form.Item
          name="periodFrom"
          label={t('proof.periodFrom')}
          rules={[{ required: true, message: tc('errors.required', { field: t('proof.periodFrom') }) }]}
        >
          <Input type="date" max={today} style={{ maxWidth: '14rem' }} />
        </Form.Item>
        <Form.Item
          name="periodTo"
          label={t('proof.periodTo')}
          rules={[{ required: true, message: tc('errors.required', { field: t('proof.periodTo') }) }]}
        >
          <Input type="date" max={today} style={{ maxWidth: '14rem' }} />
        </Form.Item>
        <div className="toolbar">
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('proof.submit')}
          </Button>
          <Button onClick={onCancel}>{tc('common.cancel')}</Button>
        </div>
      </Form>
    </>
  );
}
