/**
 * The resident portal's "提出诉求" (/me/needs/new): few fields with big labels — for whom (a
 * guardian chooses their ward), what kind of help in plain words, what is needed, when to call —
 * and a confirmation with the reference number, announced to screen readers character by character.
 */
import { useEffect, useRef, useState } from 'react';
import { Button, Form, Input, Radio } from 'antd';
import { Link } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useAnnounce } from '../../announce';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { applyProblem, summaryFromValidation, type ProblemSummary, type ValidationInfo } from '../../forms';
import { useNT } from './i18n';
import { CATEGORIES, MY_NEEDS_KEY, spokenRef, type MyNeed, type MyNeeds } from './model';
import './needs.css';

interface Values {
  personId?: string;
  category: string;
  description: string;
  preferredContactTime?: string;
}
const FORM = 'raiseNeed';
const FIELDS = ['personId', 'category', 'description', 'preferredContactTime'];

export default function MyNeedNewPage() {
  const { t } = useNT();
  const q = useQuery({
    queryKey: MY_NEEDS_KEY,
    queryFn: ({ signal }) => api.get<MyNeeds>('/me/needs', { signal }),
  });
  const [done, setDone] = useState<MyNeed | null>(null);
  return (
    <div className="portal portal-needs">
      <PageTitle title={t('myNew.title')} />
      {done ? (
        <Confirmation need={done} onAnother={() => setDone(null)} />
      ) : q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <p className="notice notice-error">{t('loadFailed')}</p>
      ) : q.data.persons.length === 0 ? (
        <p className="notice">{t('my.noPerson')}</p>
      ) : (
        <RaiseForm persons={q.data.persons} onDone={setDone} />
      )}
    </div>
  );
}

function RaiseForm({ persons, onDone }: { persons: MyNeeds['persons']; onDone: (n: MyNeed) => void }) {
  const { t } = useNT();
  const { t: tc } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [summary, setSummary] = useState<ProblemSummary>({ items: [] });
  const [busy, setBusy] = useState(false);
  const submit = async (v: Values) => {
    setBusy(true);
    setSummary({ items: [] });
    try {
      const out = await api.post<MyNeed>('/me/needs', {
        ...(v.personId ? { personId: v.personId } : {}),
        category: v.category,
        description: v.description.trim(),
        preferredContactTime: (v.preferredContactTime ?? '').trim(),
      });
      void qc.invalidateQueries({ queryKey: MY_NEEDS_KEY });
      onDone(out);
    } catch (e) {
      setSummary(applyProblem(form, FORM, e, FIELDS, tc));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <p>{t('myNew.intro')}</p>
      <ErrorSummary items={summary.items} title={summary.title} />
      <Form<Values>
        form={form}
        name={FORM}
        layout="vertical"
        requiredMark={false}
        initialValues={{ personId: persons[0]!.id, description: '', preferredContactTime: '' }}
        onFinish={(v) => void submit(v)}
        onFinishFailed={(info) => setSummary({ items: summaryFromValidation(FORM, info as ValidationInfo) })}
        style={{ maxWidth: 640 }}
      >
        {persons.length === 1 && !persons[0]!.self && (
          <p className="need-for">{t('my.for', { name: persons[0]!.name })}</p>
        )}
        {persons.length > 1 && (
          <Form.Item name="personId" label={t('myNew.who')}>
            <Radio.Group className="need-choices">
              {persons.map((p) => (
                <Radio key={p.id} value={p.id}>
                  {p.self ? t('myNew.self') : t('myNew.ward', { name: p.name })}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
        )}
        <Form.Item
          name="category"
          label={t('myNew.category')}
          rules={[{ required: true, message: tc('errors.required', { field: t('myNew.category') }) }]}
        >
          <Radio.Group className="need-choices">
            {CATEGORIES.map((c) => (
              <Radio key={c} value={c}>
                {t(`categoryPlain.${c}`)}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="description"
          label={t('myNew.description')}
          extra={t('myNew.descriptionHelp')}
          rules={[{ required: true, whitespace: true, message: t('myNew.descriptionRequired') }]}
        >
          <Input.TextArea rows={5} maxLength={1000} />
        </Form.Item>
        <Form.Item
          name="preferredContactTime"
          label={t('myNew.contactTime')}
          extra={t('myNew.contactTimeHelp')}
        >
          <Input autoComplete="off" maxLength={100} />
        </Form.Item>
        <div className="toolbar">
          <Button type="primary" size="large" htmlType="submit" loading={busy}>
            {busy ? t('myNew.sending') : t('myNew.submit')}
          </Button>
          <Link to="/me/needs">{tc('common.cancel')}</Link>
        </div>
      </Form>
    </>
  );
}

function Confirmation({ need, onAnother }: { need: MyNeed; onAnother: () => void }) {
  const { t } = useNT();
  const announce = useAnnounce();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    announce(`${t('myNew.doneTitle')}。${t('myNew.doneRefSpoken', { spoken: spokenRef(need.ref) })}`);
  }, [need.ref, announce, t]);
  return (
    <section className="need-card" aria-labelledby="need-done">
      <h2 id="need-done" ref={heading} tabIndex={-1}>
        {t('myNew.doneTitle')}
      </h2>
      <p>
        <span aria-hidden="true">{t('myNew.doneRefLabel')}</span>
        <span className="need-ref" aria-hidden="true" data-testid="need-ref">
          {need.ref}
        </span>
        <span className="visually-hidden">{t('myNew.doneRefSpoken', { spoken: spokenRef(need.ref) })}</span>
      </p>
      <p>{t('myNew.doneNext')}</p>
      <div className="toolbar">
        <Link className="button-link button-link-primary" to="/me/needs">
          {t('myNew.toList')}
        </Link>
        <Button onClick={onAnother}>{t('myNew.another')}</Button>
      </div>
    </section>
  );
}
