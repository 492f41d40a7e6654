/** Create or change an organisation or team: kind, name, parent, description, a partner's contribution. */
import { useState } from 'react';
import { Button, Checkbox, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorSummary } from '../../components/ErrorSummary';
import { applyProblem, summaryFromValidation, type ProblemSummary, type ValidationInfo } from '../../forms';
import { useNT } from './i18n';
import {
  CONTRIBUTION_CATEGORIES,
  ORGANISATION_KINDS,
  type Organisation,
  type OrganisationKind,
} from './model';

interface Values {
  kind: OrganisationKind;
  name: string;
  parentId?: string;
  description?: string;
  contribution?: string;
  contributionCategories?: string[];
}

const FIELDS = ['kind', 'name', 'parentId', 'description', 'contribution', 'contributionCategories'];

export function OrganisationForm({
  org,
  all,
  onDone,
  onCancel,
}: {
  org: Organisation | null;
  all: readonly Organisation[];
  onDone: (o: Organisation, created: boolean) => void;
  onCancel: () => void;
}) {
  const { t } = useNT();
  const { t: tc } = useTranslation();
  const [form] = Form.useForm<Values>();
  const formName = org ? 'editOrganisation' : 'createOrganisation';
  const kind = Form.useWatch('kind', form) ?? org?.kind;
  const [summary, setSummary] = useState<ProblemSummary>({ items: [] });
  const [busy, setBusy] = useState(false);
  // A sub-team's parent is a corps; other kinds may hang under any organisation but themselves.
  const parents = all.filter((o) => o.id !== org?.id && (kind !== 'sub_team' || o.kind === 'corps'));

  const submit = async (v: Values) => {
    setSummary({ items: [] });
    setBusy(true);
    const body = {
      name: v.name.trim(),
      parentId: v.kind === 'corps' ? null : v.parentId || null,
      description: (v.description ?? '').trim(),
      contribution: v.kind === 'partner' ? (v.contribution ?? '').trim() : '',
      contributionCategories: v.kind === 'partner' ? (v.contributionCategories ?? []) : [],
    };
    try {
      if (org) {
        const out = await api.patch<Organisation>(`/care/organisations/${org.id}`, body, {
          headers: { 'If-Match': String(org.version) },
        });
        onDone(out, false);
      } else {
        onDone(await api.post<Organisation>('/care/organisations', { kind: v.kind, ...body }), true);
      }
    } catch (e) {
      setSummary(applyProblem(form, formName, e, FIELDS, tc));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ErrorSummary items={summary.items} title={summary.title} />
      <Form<Values>
        form={form}
        name={formName}
        layout="vertical"
        requiredMark={false}
        initialValues={{
          kind: org?.kind ?? 'vanguard_team',
          name: org?.name ?? '',
          parentId: org?.parentId ?? '',
          description: org?.description ?? '',
          contribution: org?.contribution ?? '',
          contributionCategories: org?.contributionCategories ?? [],
        }}
        onFinish={(v) => void submit(v)}
        onFinishFailed={(info) =>
          setSummary({ items: summaryFromValidation(formName, info as ValidationInfo) })
        }
      >
        <Form.Item
          name="name"
          label={t('org.name')}
          rules={[
            { required: true, whitespace: true, message: tc('errors.required', { field: t('org.name') }) },
          ]}
        >
          <Input autoComplete="off" maxLength={100} />
        </Form.Item>
        <Form.Item name="kind" label={t('org.kind')}>
          <Select
            disabled={Boolean(org)}
            options={ORGANISATION_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          />
        </Form.Item>
        {kind !== 'corps' && (
          <Form.Item
            name="parentId"
            label={`${t('org.parent')}${kind === 'sub_team' ? '' : tc('common.optional')}`}
            extra={t('org.parentHelp')}
            rules={
              kind === 'sub_team'
                ? [{ required: true, message: tc('errors.required', { field: t('org.parent') }) }]
                : []
            }
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={[
                ...(kind === 'sub_team' ? [] : [{ value: '', label: t('org.noParentOption') }]),
                ...parents.map((o) => ({ value: o.id, label: `${o.name}（${t(`kind.${o.kind}`)}）` })),
              ]}
            />
          </Form.Item>
        )}
        <Form.Item name="description" label={`${t('org.description')}${tc('common.optional')}`}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        {kind === 'partner' && (
          <>
            <Form.Item
              name="contribution"
              label={`${t('org.contribution')}${tc('common.optional')}`}
              extra={t('org.contributionHelp')}
            >
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
            <fieldset className="fieldset checkbox-grid">
              <legend id={`${formName}-categories`}>{t('org.categories')}</legend>
              <Form.Item name="contributionCategories">
                <Checkbox.Group
                  role="group"
                  aria-labelledby={`${formName}-categories`}
                  options={CONTRIBUTION_CATEGORIES.map((c) => ({ value: c, label: t(`contribution.${c}`) }))}
                />
              </Form.Item>
            </fieldset>
          </>
        )}
        <div className="toolbar">
          <Button type="primary" htmlType="submit" loading={busy}>
            {busy ? tc('common.saving') : org ? t('org.submitEdit') : t('org.submitCreate')}
          </Button>
          <Button onClick={onCancel}>{tc('common.cancel')}</Button>
        </div>
      </Form>
    </>
  );
}
