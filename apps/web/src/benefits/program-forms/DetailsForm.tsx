/** The programme page's drawer form for its details (names, descriptions, example, active). */
import { useState } from 'react';
import { Button, Checkbox, Form, Input } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useAnnounce } from '../../announce';
import { ErrorSummary } from '../../components/ErrorSummary';
import { applyProblem, summaryFromValidation, type ProblemSummary, type ValidationInfo } from '../../forms';
import { useBT } from '../i18n';
import type { ProgramOut } from '../model';
import { patchProgram } from './patchProgram';

interface DetailsValues {
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
  example: boolean;
  active: boolean;
}

export function DetailsForm({
  program,
  onCancel,
  onDone,
}: {
  program: ProgramOut;
  onCancel: () => void;
  onDone: () => void;
}) {
  const { t } = useBT();
  const { t: tr } = useTranslation();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [form] = Form.useForm<DetailsValues>();
  const [summary, setSummary] = useState<ProblemSummary>({ items: [] });
  const [busy, setBusy] = useState(false);
  const name = 'programDetails';
  const submit = async (v: DetailsValues) => {
    setBusy(true);
    try {
      await patchProgram(program, {
        nameZh: v.nameZh.trim(),
        nameEn: v.nameEn.trim(),
        descriptionZh: v.descriptionZh?.trim() ?? '',
        descriptionEn: v.descriptionEn?.trim() ?? '',
        example: Boolean(v.example),
        active: Boolean(v.active),
      });
      await qc.invalidateQueries({ queryKey: ['benefits'] });
      announce(tr('common.saved'));
      onDone();
    } catch (e) {
      setSummary(
        applyProblem(
          form,
          name,
          e,
          ['nameZh', 'nameEn', 'descriptionZh', 'descriptionEn', 'example', 'active'],
          tr,
        ),
      );
      setBusy(false);
    }
  };
  return (
    <>
      <ErrorSummary items={summary.items} title={summary.title} />
      <Form<DetailsValues>
        form={form}
        name={name}
        layout="vertical"
        requiredMark={false}
        initialValues={{
          nameZh: program.name.zh,
          nameEn: program.name.en,
          descriptionZh: program.description.zh,
          descriptionEn: program.description.en,
          example: program.example,
          active: program.active,
        }}
        onFinish={(v) => void submit(v)}
        onFinishFailed={(info) => setSummary({ items: summaryFromValidation(name, info as ValidationInfo) })}
      >
        <Form.Item
          name="nameZh"
          label={t('programs.nameZh')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: tr('errors.required', { field: t('programs.nameZh') }),
            },
          ]}
        >
          <Input maxLength={40} lang="zh-CN" />
        </Form.Item>
        <Form.Item
          name="nameEn"
          label={t('programs.nameEn')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: tr('errors.required', { field: t('programs.nameEn') }),
            },
          ]}
        >
          <Input maxLength={80} lang="en" />
        </Form.Item>
        <Form.Item name="descriptionZh" label={t('programs.descriptionZh')}>
          <Input.TextArea rows={3} maxLength={500} lang="zh-CN" />
        </Form.Item>
        <Form.Item name="descriptionEn" label={t('programs.descriptionEn')}>
          <Input.TextArea rows={3} maxLength={1000} lang="en" />
        </Form.Item>
        <Form.Item name="example" valuePropName="checked" extra={t('programs.exampleHelp')}>
          <Checkbox>{t('programs.exampleLabel')}</Checkbox>
        </Form.Item>
        <Form.Item name="active" valuePropName="checked" extra={t('program.activeHelp')}>
          <Checkbox>{t('program.activeLabel')}</Checkbox>
        </Form.Item>
        <div className="toolbar">
          <Button type="primary" htmlType="submit" loading={busy}>
            {tr('common.save')}
          </Button>
          <Button onClick={onCancel}>{tr('common.cancel')}</Button>
        </div>
      </Form>
    </>
  );
}
