/** The issuer printed on proofs (/care/settings/issuer, care.settings): GET/PUT with If-Match. */
import { useEffect, useState } from 'react';
import { Button, Form, Input } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../api';
import { useAnnounce } from '../../announce';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { applyProblem, summaryFromValidation, type ProblemSummary, type ValidationInfo } from '../../forms';
import { useHT } from './i18n';
import type { Issuer } from './model';

const KEY = ['care', 'settings', 'issuer'] as const;
const FORM = 'issuerSettings';
const FIELDS = ['name', 'personInCharge', 'handler', 'contact'] as const;
type Values = Omit<Issuer, 'version'>;

export default function IssuerSettingsPage() {
  const { t } = useHT();
  const { t: tc } = useTranslation();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [form] = Form.useForm<Values>();
  const [summary, setSummary] = useState<ProblemSummary>({ items: [] });
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const issuer = useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => api.get<Issuer>('/care/settings/issuer', { signal }),
  });
  useEffect(() => {
    if (issuer.data) form.setFieldsValue(issuer.data);
  }, [issuer.data, form]);

  const submit = async (v: Values) => {
    setSummary({ items: [] });
    setNotice(null);
    setBusy(true);
    try {
      const out = await api.put<Issuer>('/care/settings/issuer', v, {
        headers: { 'If-Match': String(issuer.data?.version ?? 0) },
      });
      qc.setQueryData(KEY, out);
      setNotice(t('issuer.saved'));
      announce(t('issuer.saved'));
    } catch (e) {
      setSummary(applyProblem(form, FORM, e, FIELDS, tc));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle title={t('issuer.title')} />
      <p>{t('issuer.intro')}</p>
      <ErrorSummary items={summary.items} title={summary.title} />
      {notice && (
        <p className="notice notice-success" role="status">
          {notice}
        </p>
      )}
      {issuer.error ? (
        <ErrorSummary
          items={[{ message: isApiError(issuer.error) ? issuer.error.detail : t('loadFailed') }]}
        />
      ) : issuer.isPending ? (
        <Loading />
      ) : (
        <Form<Values>
          form={form}
          name={FORM}
          layout="vertical"
          requiredMark={false}
          className="narrow-form"
          initialValues={issuer.data}
          onFinish={(v) => void submit(v)}
          onFinishFailed={(info) =>
            setSummary({ items: summaryFromValidation(FORM, info as ValidationInfo) })
          }
        >
          {FIELDS.map((f) => (
            <Form.Item
              key={f}
              name={f}
              label={t(`issuer.${f}`)}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: tc('errors.required', { field: t(`issuer.${f}`) }),
                },
              ]}
            >
              <Input
                maxLength={f === 'name' ? 100 : 50}
                autoComplete="off"
                inputMode={f === 'contact' ? 'tel' : undefined}
              />
            </Form.Item>
          ))}
          <div className="toolbar">
            <Button type="primary" htmlType="submit" loading={busy}>
              {busy ? tc('common.saving') : tc('common.save')}
            </Button>
          </div>
        </Form>
      )}
    </>
  );
}
