/** The programme page's drawer form for one of its own variables (add, change or remove). */
import { useState } from 'react';
import { Button, Form, Input } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useAnnounce } from '../../announce';
import { ErrorSummary } from '../../components/ErrorSummary';
import { applyProblem, summaryFromValidation, type ProblemSummary, type ValidationInfo } from '../../forms';
import { useBT } from '../i18n';
import type { ProgramOut, ProgramVariable } from '../model';
import { patchProgram } from './patchProgram';

interface VariableValues {
  name: string;
  type: ProgramVariable['type'];
  labelZh: string;
  labelEn: string;
  values?: string;
  min?: string;
  max?: string;
}

export function VariableForm({
  program,
  index,
  onCancel,
  onDone,
}: {
  program: ProgramOut;
  index: number | null;
  onCancel: () => void;
  onDone: () => void;
}) {
  const { t } = useBT();
  const { t: tr } = useTranslation();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [form] = Form.useForm<VariableValues>();
  const type = Form.useWatch('type', form) ?? 'boolean';
  const [summary, setSummary] = useState<ProblemSummary>({ items: [] });
  const [busy, setBusy] = useState(false);
  const existing = index !== null ? program.variables[index] : undefined;
  const fname = 'programVariable';

  const save = async (next: ProgramVariable[], message: string) => {
    setBusy(true);
    try {
      await patchProgram(program, { variables: next });
      await qc.invalidateQueries({ queryKey: ['benefits'] });
      announce(message);
      onDone();
    } catch (e) {
      // Paths are variables.<i>.<field>: keep the field part.
      const aliases: Record<string, string> = {};
      const i = index ?? program.variables.length;
      for (const f of ['name', 'type', 'values', 'min', 'max']) aliases[`variables.${i}.${f}`] = f;
      aliases[`variables.${i}.label.zh`] = 'labelZh';
      aliases[`variables.${i}.label.en`] = 'labelEn';
      setSummary(
        applyProblem(
          form,
          fname,
          e,
          ['name', 'type', 'labelZh', 'labelEn', 'values', 'min', 'max'],
          tr,
          aliases,
        ),
      );
      setBusy(false);
    }
  };

  const submit = async (v: VariableValues) => {
    const values = (v.values ?? '')
      .split(/[,，、\n]/)
      .map((s) => s.trim())
      .filter(Boolean);
    const variable: ProgramVariable = {
      name: v.name.trim(),
      type: v.type,
      label: { zh: v.labelZh.trim(), en: v.labelEn.trim() },
      ...(v.type === 'enum' ? { values } : {}),
      ...(v.type === 'number' && v.min !== undefined && v.min !== '' ? { min: Number(v.min) } : {}),
      ...(v.type === 'number' && v.max !== undefined && v.max !== '' ? { max: Number(v.max) } : {}),
    };
    const next = [...program.variables];
    if (index === null) next.push(variable);
    else next[index] = variable;
    await save(next, t('variables.saved', { label: variable.label.zh }));
  };

  const req = (field: string) => [
    { required: true, whitespace: true, message: tr('errors.required', { field }) },
  ];

  return (
    <>
      <ErrorSummary items={summary.items} title={summary.title} />
      <Form<VariableValues>
        form={form}
        name={fname}
        layout="vertical"
        requiredMark={false}
        initialValues={
          existing
            ? {
                name: existing.name,
                type: existing.type,
                labelZh: existing.label.zh,
                labelEn: existing.label.en,
                values: (existing.values ?? []).join('、'),
                min: existing.min !== undefined ? String(existing.min) : '',
                max: existing.max !== undefined ? String(existing.max) : '',
              }
            : { type: 'boolean' }
        }
        onFinish={(v) => void submit(v)}
        onFinishFailed={(info) => setSummary({ items: summaryFromValidation(fname, info as ValidationInfo) })}
      >
        <Form.Item name="labelZh" label={t('variables.labelZh')} rules={req(t('variables.labelZh'))}>
          <Input maxLength={40} lang="zh-CN" />
        </Form.Item>
        <Form.Item name="labelEn" label={t('variables.labelEn')} rules={req(t('variables.labelEn'))}>
          <Input maxLength={60} lang="en" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('variables.name')}
          extra={t('variables.nameHelp')}
          rules={[
            ...req(t('variables.name')),
            { pattern: /^[a-z][a-z0-9_]{1,39}$/, message: t('variables.nameFormat') },
          ]}
        >
          <Input maxLength={40} className="mono-input" spellCheck={false} disabled={Boolean(existing)} />
        </Form.Item>
        <Form.Item name="type" label={t('variables.type')}>
          <select className="native-select" disabled={Boolean(existing)}>
            <option value="boolean">{t('varType.boolean')}</option>
            <option value="number">{t('varType.number')}</option>
            <option value="enum">{t('varType.enum')}</option>
          </select>
        </Form.Item>
        {type === 'enum' && (
          <Form.Item
            name="values"
            label={t('variables.values')}
            extra={t('variables.valuesHelp')}
            rules={req(t('variables.values'))}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
        )}
        {type === 'number' && (
          <div className="form-grid">
            <Form.Item name="min" label={t('variables.min')}>
              <Input type="number" />
            </Form.Item>
            <Form.Item name="max" label={t('variables.max')}>
              <Input type="number" />
            </Form.Item>
          </div>
        )}
        <div className="toolbar">
          <Button type="primary" htmlType="submit" loading={busy}>
            {tr('common.save')}
          </Button>
          {existing && (
            <Button
              danger
              onClick={() =>
                void save(
                  program.variables.filter((_, i) => i !== index),
                  t('variables.removed', { label: existing.label.zh }),
                )
              }
            >
              {t('variables.remove')}
            </Button>
          )}
          <Button onClick={onCancel}>{tr('common.cancel')}</Button>
        </div>
      </Form>
    </>
  );
}
