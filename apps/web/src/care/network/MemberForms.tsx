/** Add a member to an organisation (volunteer found by name, role, Party membership, date), or end one. */
import { useState } from 'react';
import { Button, Checkbox, Form, Input, Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorSummary } from '../../components/ErrorSummary';
import { applyProblem, summaryFromValidation, type ProblemSummary, type ValidationInfo } from '../../forms';
import type { Page } from '../../types';
import { useNT } from './i18n';
import { isDate, shanghaiToday, type Member, type Volunteer } from './model';

interface AddValues {
  volunteerId: string;
  role: 'leader' | 'member';
  partyMember: boolean;
  joinedOn: string;
}

export function AddMemberForm({
  organisationId,
  onDone,
  onCancel,
}: {
  organisationId: string;
  onDone: (m: Member) => void;
  onCancel: () => void;
}) {
  const { t } = useNT();
  const { t: tc } = useTranslation();
  const [form] = Form.useForm<AddValues>();
  const [q, setQ] = useState('');
  const [summary, setSummary] = useState<ProblemSummary>({ items: [] });
  const [busy, setBusy] = useState(false);
  const found = useQuery({
    queryKey: ['care', 'volunteers', 'pick', q],
    queryFn: ({ signal }) =>
      api.get<Page<Volunteer>>('/care/volunteers', { query: { q: q || undefined, limit: 30 }, signal }),
    staleTime: 10_000,
  });
  const submit = async (v: AddValues) => {
    setSummary({ items: [] });
    setBusy(true);
    try {
      onDone(await api.post<Member>(`/care/organisations/${organisationId}/members`, v));
    } catch (e) {
      setSummary(applyProblem(form, 'addMember', e, ['volunteerId', 'role', 'partyMember', 'joinedOn'], tc));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <ErrorSummary items={summary.items} title={summary.title} />
      <Form<AddValues>
        form={form}
        name="addMember"
        layout="vertical"
        requiredMark={false}
        initialValues={{ role: 'member', partyMember: false, joinedOn: shanghaiToday() }}
        onFinish={(v) => void submit(v)}
        onFinishFailed={(info) =>
          setSummary({ items: summaryFromValidation('addMember', info as ValidationInfo) })
        }
      >
        <Form.Item
          name="volunteerId"
          label={t('members.volunteer')}
          extra={t('members.volunteerHelp')}
          rules={[{ required: true, message: tc('errors.required', { field: t('members.volunteer') }) }]}
        >
          <Select
            showSearch={{ filterOption: false, onSearch: setQ }}
            loading={found.isFetching}
            notFoundContent={found.isFetching ? tc('app.loading') : t('vols.none')}
            options={(found.data?.items ?? []).map((v) => ({
              value: v.id,
              label: `${v.name}（${v.phone}）`,
            }))}
          />
        </Form.Item>
        <Form.Item name="role" label={t('members.role')}>
          <Select
            options={(['member', 'leader'] as const).map((r) => ({ value: r, label: t(`role.${r}`) }))}
          />
        </Form.Item>
        <Form.Item name="partyMember" valuePropName="checked">
          <Checkbox>{t('members.partyLabel')}</Checkbox>
        </Form.Item>
        <Form.Item
          name="joinedOn"
          label={t('members.joinedOn')}
          rules={[
            {
              validator: async (_, v: string) =>
                isDate(v ?? '') ? undefined : Promise.reject(new Error(t('members.dateFormat'))),
            },
          ]}
        >
          <Input autoComplete="off" maxLength={10} placeholder="2026-01-31" />
        </Form.Item>
        <div className="toolbar">
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('members.submitAdd')}
          </Button>
          <Button onClick={onCancel}>{tc('common.cancel')}</Button>
        </div>
      </Form>
    </>
  );
}

export function EndMemberForm({
  member,
  onDone,
  onCancel,
}: {
  member: Member;
  onDone: (m: Member) => void;
  onCancel: () => void;
}) {
  const { t } = useNT();
  const { t: tc } = useTranslation();
  const [form] = Form.useForm<{ leftOn: string }>();
  const [summary, setSummary] = useState<ProblemSummary>({ items: [] });
  const [busy, setBusy] = useState(false);
  const submit = async (v: { leftOn: string }) => {
    setSummary({ items: [] });
    setBusy(true);
    try {
      const out = await api.patch<Member>(
        `/care/organisations/${member.organisationId}/members/${member.id}`,
        { leftOn: v.leftOn },
        { headers: { 'If-Match': String(member.version) } },
      );
      onDone(out);
    } catch (e) {
      setSummary(applyProblem(form, 'endMember', e, ['leftOn'], tc));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <ErrorSummary items={summary.items} title={summary.title} />
      <p>{t('members.endHelp')}</p>
      <Form
        form={form}
        name="endMember"
        layout="vertical"
        requiredMark={false}
        initialValues={{ leftOn: shanghaiToday() }}
        onFinish={(v) => void submit(v)}
        onFinishFailed={(info) =>
          setSummary({ items: summaryFromValidation('endMember', info as ValidationInfo) })
        }
      >
        <Form.Item
          name="leftOn"
          label={t('members.leftOn')}
          rules={[
            {
              validator: async (_, v: string) =>
                isDate(v ?? '') ? undefined : Promise.reject(new Error(t('members.dateFormat'))),
            },
          ]}
        >
          <Input autoComplete="off" maxLength={10} placeholder="2026-01-31" />
        </Form.Item>
        <div className="toolbar">
          <Button type="primary" danger htmlType="submit" loading={busy}>
            {t('members.submitEnd')}
          </Button>
          <Button onClick={onCancel}>{tc('common.cancel')}</Button>
        </div>
      </Form>
    </>
  );
}
