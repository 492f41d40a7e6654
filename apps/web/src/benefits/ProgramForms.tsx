/** The programme page's drawer forms: its details and its own variables (loaded on opening). */
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Button, Checkbox, Form, Input, Radio } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { useAnnounce } from '../announce';
import { ErrorSummary } from '../components/ErrorSummary';
import { applyProblem, summaryFromValidation, type ProblemSummary, type ValidationInfo } from '../forms';
import { useBT } from './i18n';
import type { ProgramOut, ProgramVariable } from './model';

/** PATCH the programme with If-Match (412 when someone else changed it first). */
async function patchProgram(program: ProgramOut, body: Record<string, unknown>) {
  return api.patch<ProgramOut>(`/benefits/programs/${program.code}`, body, {
    headers: { 'If-Match': `"${program.version}"` },
  });
}

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
