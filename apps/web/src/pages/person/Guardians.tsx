import { useState } from 'react';
import { Button, Checkbox, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SearchSelect } from '../../components/fields';
import {
  applyProblem,
  PHONE_RE,
  summaryFromValidation,
  tidyPhone,
  type ProblemSummary,
  type ValidationInfo,
} from '../../forms';
import { GUARDIAN_RELATIONS } from '../../registry';
import type { GuardianInput } from '../../types';

const NO_ERRORS: ProblemSummary = { items: [] };

export function GuardianForm({
  personId,
  onCancel,
  onDone,
}: {
  personId: string;
  onCancel: () => void;
  onDone: (name: string) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<GuardianInput>();
  const [summary, setSummary] = useState<ProblemSummary>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const formName = 'guardian';

  const submit = async (v: GuardianInput) => {
    setSummary(NO_ERRORS);
    setBusy(true);
    try {
      const body: GuardianInput = {
        name: v.name.trim(),
        relationship: v.relationship,
        isPrimary: Boolean(v.isPrimary),
        ...(v.phone?.trim() ? { phone: tidyPhone(v.phone) } : {}),
      };
      await api.post(`/persons/${personId}/guardians`, body);
      onDone(body.name);
    } catch (e) {
      setSummary(applyProblem(form, formName, e, ['name', 'relationship', 'phone', 'isPrimary'], t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ErrorSummary items={summary.items} title={summary.title} />
      <Form<GuardianInput>
        form={form}
        name={formName}
        layout="vertical"
        requiredMark={false}
        initialValues={{ isPrimary: false }}
        onFinish={(v) => void submit(v)}
        onFinishFailed={(info) =>
          setSummary({ items: summaryFromValidation(formName, info as ValidationInfo) })
        }
      >
        <Form.Item
          name="name"
          label={t('personDetail.guardianName')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('errors.required', { field: t('personDetail.guardianName') }),
            },
          ]}
        >
          <Input autoComplete="off" maxLength={100} />
        </Form.Item>
        <Form.Item
          name="relationship"
          label={t('personDetail.relationship')}
          rules={[{ required: true, message: t('personDetail.chooseRelationship') }]}
        >
          <SearchSelect
            options={GUARDIAN_RELATIONS.map((r) => ({ value: r, label: t(`registry.relation.${r}`) }))}
            allowClear={false}
          />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('personDetail.phone')}
          extra={t('personForm.phoneHelp')}
          rules={[
            {
              validator: (_r, v: unknown) =>
                !v || PHONE_RE.test(tidyPhone(v))
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('personForm.phoneFormat'))),
            },
          ]}
        >
          <Input type="tel" inputMode="tel" autoComplete="off" maxLength={20} />
        </Form.Item>
        <Form.Item name="isPrimary" valuePropName="checked">
          <Checkbox>{t('personDetail.isPrimary')}</Checkbox>
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
