import { useId, useState } from 'react';
import { Button, Form, Input, Radio, type FormInstance } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../api';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SearchSelect } from '../../components/fields';
import { applyProblem, summaryFromValidation, type ProblemSummary, type ValidationInfo } from '../../forms';
import { HOUSEHOLD_ROLES } from '../../registry';
import type { Household, HouseholdRole, Page, PersonOut } from '../../types';
import { membersText } from './HouseholdMembers';

const NO_ERRORS: ProblemSummary = { items: [] };
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Kind = 'new' | 'find' | 'number';

interface HouseholdValues {
  kind: Kind;
  search?: string;
  picked?: string;
  householdId?: string;
  role: HouseholdRole;
}

/**
 * Put the person in a household: a new one (at their address), one picked from a search by a
 * member's name, pinyin or ID number, or one whose number (户编号) is pasted.
 */
export function HouseholdForm({
  person,
  onCancel,
  onDone,
}: {
  person: PersonOut;
  onCancel: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<HouseholdValues>();
  const kind = Form.useWatch('kind', form) ?? 'new';
  const [summary, setSummary] = useState<ProblemSummary>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const formName = 'household';

  const submit = async (v: HouseholdValues) => {
    setSummary(NO_ERRORS);
    setBusy(true);
    const householdId =
      v.kind === 'find' ? v.picked : v.kind === 'number' ? v.householdId?.trim() : undefined;
    try {
      await api.post(`/persons/${person.id}/household`, {
        role: v.role,
        ...(householdId ? { householdId: householdId.toLowerCase() } : {}),
      });
      onDone();
    } catch (e) {
      const aliases: Record<string, string> = v.kind === 'find' ? { householdId: 'picked' } : {};
      setSummary(applyProblem(form, formName, e, ['householdId', 'picked', 'role'], t, aliases));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ErrorSummary items={summary.items} title={summary.title} />
      <Form<HouseholdValues>
        form={form}
        name={formName}
        layout="vertical"
        requiredMark={false}
        initialValues={{ kind: 'new', role: 'head' }}
        onFinish={(v) => void submit(v)}
        onFinishFailed={(info) =>
          setSummary({ items: summaryFromValidation(formName, info as ValidationInfo) })
        }
      >
        <fieldset className="fieldset">
          <legend>{t('personDetail.householdKind')}</legend>
          <Form.Item name="kind" style={{ marginBottom: 8 }}>
            <Radio.Group
              className="radio-stack"
              options={[
                { value: 'new', label: t('personDetail.newHousehold') },
                { value: 'find', label: t('personDetail.findHousehold') },
                { value: 'number', label: t('personDetail.numberHousehold') },
              ]}
            />
          </Form.Item>
        </fieldset>
        {kind === 'find' && <FindHousehold form={form} selfId={person.id} />}
        {kind === 'number' && <HouseholdNumber form={form} />}
        <Form.Item name="role" label={t('personDetail.householdRole')}>
          <SearchSelect
            options={HOUSEHOLD_ROLES.map((r) => ({ value: r, label: t(`registry.householdRole.${r}`) }))}
            allowClear={false}
          />
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

type HouseholdFormInstance = FormInstance<HouseholdValues>;

/** Search households in scope by a member, then pick one (radio buttons: arrow keys choose). */
function FindHousehold({ form, selfId }: { form: HouseholdFormInstance; selfId: string }) {
  const { t, i18n } = useTranslation();
  const statusId = useId();
  const [query, setQuery] = useState('');
  const [blank, setBlank] = useState(false);
  const found = useQuery({
    queryKey: ['households', query],
    queryFn: ({ signal }) =>
      api.get<Page<Household>>('/households', { query: { q: query, limit: 20 }, signal }),
    enabled: query.length > 0,
  });
  const search = () => {
    const q = String(form.getFieldValue('search') ?? '').trim();
    form.setFieldValue('picked', undefined);
    setBlank(!q);
    setQuery(q);
  };
  // The person's own household is not a choice (it is where they are).
  const items = (found.data?.items ?? []).filter((h) => !h.members.some((m) => m.id === selfId));
  const status = blank
    ? t('personDetail.householdSearchRequired')
    : !query
      ? ''
      : found.isFetching
        ? t('app.loading')
        : found.error
          ? isApiError(found.error)
            ? found.error.detail
            : t('errors.network')
          : items.length
            ? t('personDetail.householdsFound', { count: items.length })
            : t('personDetail.householdsNone');
  return (
    <>
      <div className="search-row">
        <Form.Item
          name="search"
          label={t('personDetail.householdSearch')}
          extra={t('personDetail.householdSearchHelp')}
        >
          <Input
            autoComplete="off"
            maxLength={60}
            aria-describedby={statusId}
            onPressEnter={(e) => {
              // Enter searches here; it does not submit the form.
              e.preventDefault();
              search();
            }}
          />
        </Form.Item>
        <Button onClick={search}>{t('personDetail.householdSearchButton')}</Button>
      </div>
      <p id={statusId} className="derived-line" role="status">
        {status}
      </p>
      {items.length > 0 && (
        <fieldset className="fieldset">
          <legend>{t('personDetail.householdPick')}</legend>
          <Form.Item
            name="picked"
            rules={[{ required: true, message: t('personDetail.householdPickRequired') }]}
            style={{ marginBottom: 8 }}
          >
            <Radio.Group
              className="radio-stack"
              options={items.map((h) => ({
                value: h.id,
                label: t('personDetail.householdOption', {
                  members: membersText(t, i18n.language, h),
                  id: h.id.slice(-12),
                }),
              }))}
            />
          </Form.Item>
        </fieldset>
      )}
    </>
  );
}

/** A pasted household number, with the members it belongs to shown before saving. */
function HouseholdNumber({ form }: { form: HouseholdFormInstance }) {
  const { t, i18n } = useTranslation();
  const value = String(Form.useWatch('householdId', form) ?? '').trim();
  const valid = UUID_RE.test(value);
  const preview = useQuery({
    queryKey: ['household', value.toLowerCase()],
    queryFn: ({ signal }) =>
      api.get<Household>(`/households/${value.toLowerCase()}`, { signal, quiet: true }),
    enabled: valid,
    retry: false,
  });
  return (
    <>
      <Form.Item
        name="householdId"
        label={t('personDetail.householdId')}
        extra={t('personDetail.householdIdHelp')}
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('errors.required', { field: t('personDetail.householdId') }),
          },
          {
            validator: (_r, v: unknown) =>
              typeof v !== 'string' || !v.trim() || UUID_RE.test(v.trim())
                ? Promise.resolve()
                : Promise.reject(new Error(t('personDetail.householdIdFormat'))),
          },
        ]}
      >
        <Input autoComplete="off" spellCheck={false} maxLength={40} className="mono-input" />
      </Form.Item>
      <p className="derived-line" aria-live="polite">
        {!valid
          ? ''
          : preview.data
            ? t('personDetail.householdPreview', { members: membersText(t, i18n.language, preview.data) })
            : preview.error
              ? t('personDetail.householdNotFound')
              : ''}
      </p>
    </>
  );
}
