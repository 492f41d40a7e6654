/** The volunteer asks for a correction: a record with the right minutes, or a missing service. */
import { useState } from 'react';
import { Button, Form, Input, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SearchSelect } from '../../components/fields';
import { applyProblem, summaryFromValidation, type ProblemSummary, type ValidationInfo } from '../../forms';
import { useHT } from './i18n';
import { todayShanghai, type Correction, type ServiceRecord } from './model';
import { useDuration } from './parts';

const FORM = 'askCorrection';
const MISSING = 'missing';
const FIELDS = ['recordId', 'minutes', 'serviceDate', 'activity', 'content', 'reason'];

interface Values {
  recordId: string;
  minutes?: number;
  serviceDate?: string;
  activity?: string;
  content?: string;
  reason?: string;
}

export function CorrectionForm({
  records,
  onDone,
}: {
  records: readonly ServiceRecord[];
  onDone: (c: Correction) => void;
}) {
  const { t } = useHT();
  const { t: tc } = useTranslation();
  const duration = useDuration();
  const [form] = Form.useForm<Values>();
  const [summary, setSummary] = useState<ProblemSummary>({ items: [] });
  const [busy, setBusy] = useState(false);
  const recordId = Form.useWatch('recordId', form) ?? MISSING;
  const missing = recordId === MISSING;
  const req = (label: string) => ({
    required: true,
    whitespace: true,
    message: tc('errors.required', { field: label }),
  });

  const submit = async (v: Values) => {
    setSummary({ items: [] });
    setBusy(true);
    try {
      const body = missing
        ? {
            recordId: null,
            minutes: v.minutes,
            serviceDate: v.serviceDate,
            activity: (v.activity ?? '').trim(),
            content: (v.content ?? '').trim(),
            reason: (v.reason ?? '').trim(),
          }
        : { recordId: v.recordId, minutes: v.minutes, reason: (v.reason ?? '').trim() };
      const out = await api.post<Correction>('/care/me/hours/corrections', body);
      form.resetFields();
      onDone(out);
    } catch (e) {
      setSummary(applyProblem(form, FORM, e, FIELDS, tc));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ErrorSummary items={summary.items} title={summary.title} />
      <Form<Values>
        form={form}
        name={FORM}
        layout="vertical"
        requiredMark={false}
        className="narrow-form"
        initialValues={{ recordId: MISSING }}
        onFinish={(v) => void submit(v)}
        onFinishFailed={(info) => setSummary({ items: summaryFromValidation(FORM, info as ValidationInfo) })}
      >
        <Form.Item name="recordId" label={t('mine.record')} extra={t('mine.recordHelp')}>
          <SearchSelect
            allowClear={false}
            options={[
              { value: MISSING, label: t('mine.missing') },
              ...records
                .filter((r) => r.state === 'recorded')
                .map((r) => ({
                  value: r.id,
                  label: t('mine.recordOption', {
                    date: r.serviceDate,
                    activity: r.activity,
                    minutes: duration(r.minutes),
                  }),
                })),
            ]}
          />
        </Form.Item>
        {missing && (
          <>
            <Form.Item name="serviceDate" label={t('mine.serviceDate')} rules={[req(t('mine.serviceDate'))]}>
              <Input type="date" max={todayShanghai()} style={{ maxWidth: '14rem' }} />
            </Form.Item>
            <Form.Item name="activity" label={t('mine.activity')} rules={[req(t('mine.activity'))]}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="content" label={`${t('mine.content')}${tc('common.optional')}`}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="minutes"
          label={t('mine.minutes')}
          extra={t('manual.minutesHelp')}
          rules={[
            { required: true, message: tc('errors.required', { field: t('mine.minutes') }) },
            { type: 'integer', min: 1, max: 1440, message: t('manual.minutesRange') },
          ]}
        >
          <InputNumber<number> min={1} max={1440} step={15} style={{ width: '10rem' }} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('mine.reason')}
          extra={t('mine.reasonHelp')}
          rules={[req(t('mine.reason'))]}
        >
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
        <div className="toolbar">
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('mine.submit')}
          </Button>
        </div>
      </Form>
    </>
  );
}
