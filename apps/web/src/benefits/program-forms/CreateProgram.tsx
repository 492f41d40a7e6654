/** The programmes page's drawer form for a new programme. */
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Button, Checkbox, Form, Input, Radio } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useAnnounce } from '../../announce';
import { ErrorSummary } from '../../components/ErrorSummary';
import { applyProblem, summaryFromValidation, type ProblemSummary, type ValidationInfo } from '../../forms';
import { useBT } from '../i18n';
import type { ProgramOut } from '../model';

const FORM = 'programCreate';
const FIELDS = ['code', 'nameZh', 'nameEn', 'descriptionZh', 'descriptionEn', 'periodicity', 'example'];

interface CreateValues {
  code: string;
  nameZh: string;
  nameEn: string;
  descriptionZh?: string;
  descriptionEn?: string;
  periodicity: 'monthly' | 'yearly';
  example: boolean;
}

export function CreateProgram({ onCancel }: { onCancel: () => void }) {
  const { t } = useBT();
  const { t: tr } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [form] = Form.useForm<CreateValues>();
  const [summary, setSummary] = useState<ProblemSummary>({ items: [] });
  const [busy, setBusy] = useState(false);

  const submit = async (v: CreateValues) => {
    setSummary({ items: [] });
    setBusy(true);
    try {
      const created = await api.post<ProgramOut>('/benefits/programs', {
        code: v.code.trim(),
        nameZh: v.nameZh.trim(),
        nameEn: v.nameEn.trim(),
        descriptionZh: v.descriptionZh?.trim() ?? '',
        descriptionEn: v.descriptionEn?.trim() ?? '',
        periodicity: v.periodicity,
        example: Boolean(v.example),
      });
      await qc.invalidateQueries({ queryKey: ['benefits', 'programs'] });
      const message = t('programs.created', { name: created.name.zh });
      announce(message);
      await navigate(`/benefits/programs/${created.code}`, { state: { notice: message } });
    } catch (e) {
      setSummary(applyProblem(form, FORM, e, FIELDS, tr));
      setBusy(false);
    }
  };

  const required = (field: string) => ({
    required: true,
    whitespace: true,
    message: tr('errors.required', { field }),
  });

  return (
    <>
      <ErrorSummary items={summary.items} title={summary.title} />
      <Form<CreateValues>
        form={form}
        name={FORM}
        layout="vertical"
        requiredMark={false}
        initialValues={{ periodicity: 'monthly', example: false }}
        onFinish={(v) => void submit(v)}
        onFinishFailed={(info) => setSummary({ items: summaryFromValidation(FORM, info as ValidationInfo) })}
      >
        <Form.Item
          name="code"
          label={t('programs.code')}
          extra={t('programs.codeHelp')}
          rules={[
            required(t('programs.code')),
            { pattern: /^[a-z][a-z0-9_]{2,39}$/, message: t('programs.codeFormat') },
          ]}
        >
          <Input autoComplete="off" spellCheck={false} maxLength={40} className="mono-input" />
        </Form.Item>
        <Form.Item name="nameZh" label={t('programs.nameZh')} rules={[required(t('programs.nameZh'))]}>
          <Input autoComplete="off" maxLength={40} lang="zh-CN" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('programs.nameEn')} rules={[required(t('programs.nameEn'))]}>
          <Input autoComplete="off" maxLength={80} lang="en" />
        </Form.Item>
        <Form.Item name="descriptionZh" label={t('programs.descriptionZh')}>
          <Input.TextArea rows={3} maxLength={500} lang="zh-CN" />
        </Form.Item>
        <Form.Item name="descriptionEn" label={t('programs.descriptionEn')}>
          <Input.TextArea rows={3} maxLength={1000} lang="en" />
        </Form.Item>
        <fieldset className="fieldset">
          <legend>{t('programs.periodicity')}</legend>
          <Form.Item name="periodicity">
            <Radio.Group
              options={[
                { value: 'monthly', label: t('periodicity.monthly') },
                { value: 'yearly', label: t('periodicity.yearly') },
              ]}
            />
          </Form.Item>
        </fieldset>
        <Form.Item name="example" valuePropName="checked" extra={t('programs.exampleHelp')}>
          <Checkbox>{t('programs.exampleLabel')}</Checkbox>
        </Form.Item>
        <div className="toolbar">
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('programs.createSubmit')}
          </Button>
          <Button onClick={onCancel}>{tr('common.cancel')}</Button>
        </div>
      </Form>
    </>
  );
}
