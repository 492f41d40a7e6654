/** Record a need at the counter or from a phone call (/care/needs/new): the person, source, category, urgency, title, description, owner. */
import { useState } from 'react';
import { Button, Form, Input, Radio, Select } from 'antd';
import { useNavigate } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useAnnounce } from '../../announce';
import { ErrorSummary } from '../../components/ErrorSummary';
import { PageTitle } from '../../components/PageTitle';
import { applyProblem, summaryFromValidation, type ProblemSummary, type ValidationInfo } from '../../forms';
import { useNT } from './i18n';
import { CATEGORIES, NEEDS_KEY, QUEUE_KEY, URGENCIES, type NeedDetail, type Page } from './model';
import './needs.css';

interface Values {
  personId: string;
  source: 'counter' | 'phone';
  category: string;
  urgency: string;
  title: string;
  description?: string;
}
const FIELDS = ['personId', 'source', 'category', 'urgency', 'title', 'description'];
const FORM = 'createNeed';

function usePersonSearch(q: string) {
  return useQuery({
    queryKey: ['persons', 'search', q],
    queryFn: ({ signal }) =>
      api.get<Page<{ id: string; name: string; idNumber: string }>>('/persons', {
        query: { q, limit: 20 },
        signal,
      }),
    enabled: q.trim().length > 0,
    staleTime: 30_000,
  });
}

export default function NeedFormPage() {
  const { t } = useNT();
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [form] = Form.useForm<Values>();
  const [q, setQ] = useState('');
  const persons = usePersonSearch(q);
  const [summary, setSummary] = useState<ProblemSummary>({ items: [] });
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    setBusy(true);
    setSummary({ items: [] });
    try {
      const out = await api.post<NeedDetail>('/care/needs', {
        personId: v.personId,
        source: v.source,
        category: v.category,
        urgency: v.urgency,
        title: v.title.trim(),
        description: (v.description ?? '').trim(),
      });
      announce(t('form.saved', { ref: out.ref }));
      qc.setQueryData([...NEEDS_KEY, 'one', out.id], out);
      void qc.invalidateQueries({ queryKey: [...NEEDS_KEY, 'list'] });
      void qc.invalidateQueries({ queryKey: QUEUE_KEY });
      void navigate(`/care/needs/${out.id}`);
    } catch (e) {
      setSummary(applyProblem(form, FORM, e, FIELDS, tc));
    } finally {
      setBusy(false);
    }
  };
  const required = (field: string) => [
    { required: true, whitespace: true, message: tc('errors.required', { field }) },
  ];
  return (
    <>
      <PageTitle title={t('form.title')} />
      <p>{t('form.intro')}</p>
      <ErrorSummary items={summary.items} title={summary.title} />
      <Form<Values>
        form={form}
        name={FORM}
        layout="vertical"
        requiredMark={false}
        initialValues={{ source: 'counter', urgency: 'normal', title: '', description: '' }}
        onFinish={(v) => void submit(v)}
        onFinishFailed={(info) => setSummary({ items: summaryFromValidation(FORM, info as ValidationInfo) })}
        style={{ maxWidth: 640 }}
      >
        <Form.Item
          name="personId"
          label={t('form.person')}
          extra={t('form.personHelp')}
          rules={[{ required: true, message: t('form.personRequired') }]}
        >
          <Select<string>
            showSearch={{ filterOption: false, onSearch: setQ }}
            loading={persons.isFetching}
            notFoundContent={q ? tc('common.empty') : null}
            options={(persons.data?.items ?? []).map((p) => ({
              value: p.id,
              label: `${p.name}（${p.idNumber}）`,
            }))}
          />
        </Form.Item>
        <Form.Item name="source" label={t('form.source')}>
          <Radio.Group
            options={[
              { value: 'counter', label: t('source.counter') },
              { value: 'phone', label: t('source.phone') },
            ]}
          />
        </Form.Item>
        <Form.Item name="category" label={t('form.category')} rules={required(t('form.category'))}>
          <Select<string> options={CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))} />
        </Form.Item>
        <Form.Item name="urgency" label={t('form.urgency')}>
          <Radio.Group options={URGENCIES.map((u) => ({ value: u, label: t(`urgency.${u}`) }))} />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('form.subject')}
          extra={t('form.subjectHelp')}
          rules={required(t('form.subject'))}
        >
          <Input autoComplete="off" maxLength={100} />
        </Form.Item>
        <Form.Item name="description" label={`${t('form.description')}${t('optional')}`}>
          <Input.TextArea rows={5} maxLength={2000} />
        </Form.Item>
        <p className="muted">{t('form.ownerHelp')}</p>
        <div className="toolbar">
          <Button type="primary" htmlType="submit" loading={busy}>
            {busy ? tc('common.saving') : t('form.submit')}
          </Button>
          <Button onClick={() => void navigate('/care/needs')}>{tc('common.cancel')}</Button>
        </div>
      </Form>
    </>
  );
}
