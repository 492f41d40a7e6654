import { useState } from 'react';
import { Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorSummary } from '../../components/ErrorSummary';
import { applyProblem, summaryFromValidation, type ProblemSummary, type ValidationInfo } from '../../forms';
import type { DuplicateCandidate, PersonOut } from '../../types';
import { reasonRules } from './Reveal';

const NO_ERRORS: ProblemSummary = { items: [] };

export function MergeForm({
  person,
  into,
  onCancel,
  onDone,
}: {
  person: PersonOut;
  into: DuplicateCandidate;
  onCancel: () => void;
  onDone: (into: DuplicateCandidate) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [summary, setSummary] = useState<ProblemSummary>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  const submit = async (v: { reason: string }) => {
    setSummary(NO_ERRORS);
    setBusy(true);
    try {
      await api.post(`/persons/${person.id}/merge`, { intoId: into.id, reason: v.reason.trim() });
      await onDone(into);
    } catch (e) {
      setSummary(applyProblem(form, 'merge', e, ['reason'], t));
      setBusy(false);
    }
  };

  return (
    <>
      <ErrorSummary items={summary.items} title={summary.title} />
      <p>{t('personDetail.mergeBody', { from: person.name, into: into.name })}</p>
      <Form
        form={form}
        name="merge"
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => void submit(v)}
        onFinishFailed={(info) =>
          setSummary({ items: summaryFromValidation('merge', info as ValidationInfo) })
        }
      >
        <Form.Item
          name="reason"
          label={t('personDetail.mergeReason')}
          extra={t('persons.reasonHelp')}
          rules={reasonRules(t, t('personDetail.mergeReason'))}
        >
          <Input autoComplete="off" maxLength={200} />
        </Form.Item>
        <div className="toolbar">
          <Button type="primary" danger htmlType="submit" loading={busy}>
            {t('personDetail.mergeSubmit')}
          </Button>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
        </div>
      </Form>
    </>
  );
}
