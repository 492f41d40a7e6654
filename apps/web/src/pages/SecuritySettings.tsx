import { useEffect, useState } from 'react';
import { Button, Form, InputNumber } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../api';
import { useAnnounce } from '../announce';
import { ErrorSummary } from '../components/ErrorSummary';
import { RolesField } from '../components/fields';
import { Loading } from '../components/Loading';
import { PageTitle } from '../components/PageTitle';
import { applyProblem, summaryFromValidation, type ProblemSummary, type ValidationInfo } from '../forms';
import type { SecuritySettings as Settings } from '../types';

const FORM = 'security';
const NO_ERRORS: ProblemSummary = { items: [] };
const KEY = ['settings', 'security'];

const NUMBERS: {
  name: keyof Omit<Settings, 'totpRequiredRoles'>;
  label: 'idle' | 'absolute' | 'threshold' | 'lockMinutes';
  min: number;
  max: number;
}[] = [
  { name: 'idleTimeoutMinutes', label: 'idle', min: 5, max: 480 },
  { name: 'absoluteTimeoutHours', label: 'absolute', min: 1, max: 72 },
  { name: 'lockoutThreshold', label: 'threshold', min: 3, max: 20 },
  { name: 'lockoutMinutes', label: 'lockMinutes', min: 1, max: 1440 },
];

export default function SecuritySettings() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [form] = Form.useForm<Settings>();
  const [summary, setSummary] = useState<ProblemSummary>(NO_ERRORS);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const settings = useQuery({ queryKey: KEY, queryFn: () => api.get<Settings>('/settings/security') });

  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);

  const save = async (v: Settings) => {
    setSummary(NO_ERRORS);
    setSaved(false);
    setBusy(true);
    try {
      const body: Settings = {
        totpRequiredRoles: v.totpRequiredRoles ?? [],
        idleTimeoutMinutes: Number(v.idleTimeoutMinutes),
        absoluteTimeoutHours: Number(v.absoluteTimeoutHours),
        lockoutThreshold: Number(v.lockoutThreshold),
        lockoutMinutes: Number(v.lockoutMinutes),
      };
      const out = await api.put<Settings | undefined>('/settings/security', body);
      qc.setQueryData(KEY, out && typeof out === 'object' && 'lockoutMinutes' in out ? out : body);
      setSaved(true);
      announce(t('security.saved'));
    } catch (e) {
      setSummary(applyProblem(form, FORM, e, ['totpRequiredRoles', ...NUMBERS.map((n) => n.name)], t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle title={t('security.title')} />
      <p>{t('security.intro')}</p>
      <ErrorSummary items={summary.items} title={summary.title} />
      {saved && <p className="notice notice-success">{t('security.saved')}</p>}
      {settings.isPending ? (
        <Loading />
      ) : settings.error ? (
        <ErrorSummary
          items={[{ message: isApiError(settings.error) ? settings.error.detail : t('errors.network') }]}
        />
      ) : (
        <Form<Settings>
          form={form}
          name={FORM}
          layout="vertical"
          requiredMark={false}
          onFinish={(v) => void save(v)}
          onFinishFailed={(info) =>
            setSummary({ items: summaryFromValidation(FORM, info as ValidationInfo) })
          }
          onValuesChange={() => setSaved(false)}
        >
          <RolesField
            name="totpRequiredRoles"
            label={t('security.totpRoles')}
            help={t('security.totpRolesHelp')}
          />
          <div className="narrow-form">
            {NUMBERS.map((n) => (
              <Form.Item
                key={n.name}
                name={n.name}
                label={t(`security.${n.label}`)}
                extra={t(`security.${n.label}Help`)}
                rules={[
                  {
                    required: true,
                    type: 'integer',
                    min: n.min,
                    max: n.max,
                    message: t('security.range', { min: n.min, max: n.max }),
                  },
                ]}
              >
                <InputNumber
                  min={n.min}
                  max={n.max}
                  precision={0}
                  controls={false}
                  inputMode="numeric"
                  style={{ width: '12rem' }}
                />
              </Form.Item>
            ))}
          </div>
          <Button type="primary" htmlType="submit" loading={busy}>
            {busy ? t('common.saving') : t('common.save')}
          </Button>
        </Form>
      )}
    </>
  );
}
