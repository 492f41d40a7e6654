/** Tracking settings (/tracking/settings, tracking.manage): GET/PUT /api/v1/tracking/settings. */
import { useEffect, useState } from 'react';
import { Button, Form, InputNumber } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../api';
import { useAnnounce } from '../../announce';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { applyProblem, summaryFromValidation, type ProblemSummary, type ValidationInfo } from '../../forms';
import { useTT } from './i18n';
import { LadderEditor } from './LadderEditor';
import {
  ladderErrors,
  SETTING_BOUNDS,
  SETTING_KEYS,
  type EscalationRung,
  type TrackingSettings,
} from './model';
import './tracking-admin.css';

const KEY = ['tracking', 'settings'] as const;
const FORM = 'trackingSettings';

/** The settings as the server has them: the numbers of the form and the escalation ladder. */
type Saved = TrackingSettings & { escalationLadder: EscalationRung[] };

export default function SettingsPage() {
  const { t } = useTT();
  const { t: tc } = useTranslation();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [form] = Form.useForm<TrackingSettings>();
  const [summary, setSummary] = useState<ProblemSummary>({ items: [] });
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const settings = useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => api.get<Saved>('/tracking/settings', { signal }),
  });
  // The ladder as edited here; null: as saved.
  const [edited, setLadder] = useState<EscalationRung[] | null>(null);
  const ladder = edited ?? settings.data?.escalationLadder ?? [];
  const [ladderProblems, setLadderProblems] = useState<Record<string, string>>({});
  const escalationMinutes =
    Form.useWatch('escalationMinutes', form) ?? settings.data?.escalationMinutes ?? null;

  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);

  const submit = async (v: TrackingSettings) => {
    setSummary({ items: [] });
    setNotice(null);
    const problems = ladderErrors(ladder, (level) => t('ladder.minutesRange', { level }));
    setLadderProblems(problems);
    if (Object.keys(problems).length) {
      setSummary({ items: Object.entries(problems).map(([id, message]) => ({ id, message })) });
      return;
    }
    setBusy(true);
    try {
      const out = await api.put<Saved>('/tracking/settings', { ...v, escalationLadder: ladder });
      qc.setQueryData(KEY, out);
      setLadder(null);
      setNotice(t('settings.saved'));
      announce(t('settings.saved'));
    } catch (e) {
      setSummary(applyProblem(form, FORM, e, SETTING_KEYS, tc));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle title={t('settings.title')} />
      <p>{t('settings.intro')}</p>
      <ErrorSummary items={summary.items} title={summary.title} />
      {notice && <p className="notice notice-success">{notice}</p>}
      {settings.error ? (
        <ErrorSummary
          items={[{ message: isApiError(settings.error) ? settings.error.detail : tc('errors.network') }]}
        />
      ) : settings.isPending ? (
        <Loading />
      ) : (
        <Form<TrackingSettings>
          form={form}
          name={FORM}
          layout="vertical"
          requiredMark={false}
          className="narrow-form"
          initialValues={settings.data}
          onFinish={(v) => void submit(v)}
          onFinishFailed={(info) => {
            // The ladder is checked too, so that one summary names every problem.
            const problems = ladderErrors(ladder, (level) => t('ladder.minutesRange', { level }));
            setLadderProblems(problems);
            setSummary({
              items: [
                ...summaryFromValidation(FORM, info as ValidationInfo),
                ...Object.entries(problems).map(([id, message]) => ({ id, message })),
              ],
            });
          }}
        >
          {SETTING_KEYS.map((key) => {
            const b = SETTING_BOUNDS[key];
            const label = t(`settings.${key}`);
            const range = t('settings.range', { field: label, min: b.min, max: b.max });
            return (
              <Form.Item
                key={key}
                name={key}
                label={label}
                extra={t(`settings.${key}Help`)}
                rules={[
                  { required: true, message: tc('errors.required', { field: label }) },
                  { type: 'number', min: b.min, max: b.max, message: range },
                  ...(b.int
                    ? [
                        {
                          validator: (_r: unknown, v: unknown) =>
                            v === null || v === undefined || Number.isInteger(v)
                              ? Promise.resolve()
                              : Promise.reject(new Error(range)),
                        },
                      ]
                    : []),
                ]}
              >
                <InputNumber<number> style={{ width: '12em' }} step={1} />
              </Form.Item>
            );
          })}
          <LadderEditor
            ladder={ladder}
            onChange={setLadder}
            defaultMinutes={escalationMinutes}
            errors={ladderProblems}
          />
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
