import { useState } from 'react';
import { Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorSummary } from '../../components/ErrorSummary';
import { applyProblem, summaryFromValidation, type ProblemSummary, type ValidationInfo } from '../../forms';
import { categoryName, checkCertificate, gradeName } from '../../registry';
import type { PersonOut } from '../../types';
import { disabilitiesBody, DisabilitiesField, type DisabilityValue } from './Disabilities';

const NO_ERRORS: ProblemSummary = { items: [] };

interface CertValues {
  number: string;
  issuedAt: string;
  disabilities?: DisabilityValue[];
  reason?: string;
}

export function CertificateForm({
  person,
  onCancel,
  onDone,
}: {
  person: PersonOut;
  onCancel: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CertValues>();
  const [summary, setSummary] = useState<ProblemSummary>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const number = Form.useWatch('number', form) ?? '';
  const parsed = number.trim() ? checkCertificate(number) : null;
  const formName = 'certificate';

  const submit = async (v: CertValues) => {
    setSummary(NO_ERRORS);
    setBusy(true);
    try {
      const c = checkCertificate(v.number);
      await api.post(`/persons/${person.id}/certificates`, {
        number: c.ok ? c.number : v.number.trim(),
        issuedAt: v.issuedAt,
        ...(c.ok && c.category === 7 ? { disabilities: disabilitiesBody(v.disabilities) } : {}),
        ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
      });
      onDone();
    } catch (e) {
      setSummary(applyProblem(form, formName, e, ['number', 'issuedAt', 'disabilities', 'reason'], t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ErrorSummary items={summary.items} title={summary.title} />
      <p>{t('personDetail.addCertIntro')}</p>
      <Form<CertValues>
        form={form}
        name={formName}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => void submit(v)}
        onFinishFailed={(info) =>
          setSummary({ items: summaryFromValidation(formName, info as ValidationInfo) })
        }
      >
        <Form.Item
          name="number"
          label={t('personForm.certNumber')}
          extra={t('personDetail.certNumberHelp', { id: person.idNumber })}
          validateTrigger={['onBlur']}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('errors.required', { field: t('personForm.certNumber') }),
            },
            {
              validator: (_r, v: unknown) => {
                if (typeof v !== 'string' || !v.trim()) return Promise.resolve();
                const c = checkCertificate(v);
                return c.ok
                  ? Promise.resolve()
                  : Promise.reject(new Error(t(`registry.certProblem.${c.problem}`)));
              },
            },
          ]}
        >
          <Input
            autoComplete="off"
            spellCheck={false}
            maxLength={26}
            className="mono-input"
            onChange={(e) => {
              if (e.target.value.replace(/\s/g, '').length >= 20)
                void form.validateFields(['number']).catch(() => undefined);
            }}
          />
        </Form.Item>
        <p className="derived-line" aria-live="polite">
          {parsed?.ok
            ? t('personForm.certRead', {
                category: categoryName(t, parsed.category),
                grade: gradeName(t, parsed.grade),
              })
            : ''}
        </p>
        <Form.Item
          name="issuedAt"
          label={t('personForm.certIssuedAt')}
          rules={[{ required: true, message: t('personForm.certIssuedAtRequired') }]}
        >
          <Input type="date" style={{ maxWidth: '14rem' }} />
        </Form.Item>
        {parsed?.ok && parsed.category === 7 && (
          <DisabilitiesField formName={formName} certGrade={parsed.grade} />
        )}
        <Form.Item
          name="reason"
          label={t('personDetail.certReason')}
          extra={t('personDetail.certReasonHelp')}
        >
          <Input autoComplete="off" maxLength={200} />
        </Form.Item>
        <div className="toolbar">
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('common.save')}
          </Button>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
        </div>
      </Form>
    </>
  );
}
