import { useState } from 'react';
import { Button, Form, Input, InputNumber, Radio } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../api';
import { useAnnounce } from '../announce';
import { ErrorSummary } from '../components/ErrorSummary';
import { SearchSelect, streetOptions } from '../components/fields';
import { PageTitle } from '../components/PageTitle';
import { DataTable, type Column } from '../components/DataTable';
import { TableScroll } from '../components/TableScroll';
import { applyProblem, summaryFromValidation, type ProblemSummary, type ValidationInfo } from '../forms';
import { communityName, formatTime, streetName } from '../labels';
import { useAreas } from '../queries';
import { useMe } from '../session';
import type { BreakGlassGrant } from '../types';

interface Values {
  reason: string;
  scopeKind: 'street' | 'community';
  streetCode?: string;
  communityId?: string;
  minutes: number;
}

const FORM = 'breakGlass';
const NO_ERRORS: ProblemSummary = { items: [] };
const KEY = ['break-glass'];

function status(g: BreakGlassGrant): 'active' | 'expired' | 'revoked' {
  if (g.revokedAt) return 'revoked';
  return new Date(g.expiresAt).getTime() > Date.now() ? 'active' : 'expired';
}

export default function BreakGlass() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const qc = useQueryClient();
  const announce = useAnnounce();
  const { data: me } = useMe(false);
  const canRequest = Boolean(me?.permissions.includes('access.break_glass'));
  const reviewer = Boolean(me?.permissions.includes('access.break_glass.review'));
  const areas = useAreas(Boolean(me?.permissions.includes('areas.read'))).data?.items;
  const [form] = Form.useForm<Values>();
  const scopeKind = Form.useWatch('scopeKind', form) ?? 'street';
  const [summary, setSummary] = useState<ProblemSummary>(NO_ERRORS);
  const [granted, setGranted] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const grants = useQuery({
    queryKey: KEY,
    queryFn: () => api.get<{ items: BreakGlassGrant[] }>('/access/break-glass'),
  });

  const submit = async (v: Values) => {
    setSummary(NO_ERRORS);
    setGranted(null);
    setBusy(true);
    try {
      const body = {
        reason: v.reason.trim(),
        minutes: Number(v.minutes),
        ...(v.scopeKind === 'community' ? { communityId: v.communityId } : { streetCode: v.streetCode }),
      };
      const g = await api.post<BreakGlassGrant>('/access/break-glass', body);
      const msg = t('breakGlass.granted', { until: formatTime(g.expiresAt, lang) });
      setGranted(msg);
      announce(msg);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: KEY });
    } catch (e) {
      setSummary(applyProblem(form, FORM, e, ['reason', 'streetCode', 'communityId', 'minutes'], t));
    } finally {
      setBusy(false);
    }
  };

  const communityGroups = (areas ?? [])
    .filter((s) => s.communities.length > 0)
    .map((s) => ({
      label: lang === 'en' ? s.nameEn : s.name,
      title: lang === 'en' ? s.nameEn : s.name,
      options: s.communities.map((c) => ({ value: c.id, label: c.name })),
    }));

  const columns: Column<BreakGlassGrant>[] = [
    ...(reviewer
      ? [
          {
            title: t('breakGlass.user'),
            key: 'user',
            render: (g: BreakGlassGrant) => g.displayName ?? g.username ?? g.userId,
          },
        ]
      : []),
    { title: t('breakGlass.reason'), field: 'reason', key: 'reason' },
    {
      title: t('breakGlass.scopeCol'),
      key: 'scope',
      render: (g) =>
        g.communityId
          ? (communityName(g.communityId, areas) ?? g.communityId)
          : streetName(lang, g.streetCode, areas),
    },
    { title: t('breakGlass.createdAt'), key: 'createdAt', render: (g) => formatTime(g.createdAt, lang) },
    { title: t('breakGlass.expiresAt'), key: 'expiresAt', render: (g) => formatTime(g.expiresAt, lang) },
    {
      title: t('common.status'),
      key: 'status',
      render: (g) => {
        const s = status(g);
        return <span className={s === 'active' ? 'tag tag-ok' : 'tag'}>{t(`breakGlass.${s}`)}</span>;
      },
    },
  ];

  return (
    <>
      <PageTitle title={t('breakGlass.title')} />
      <p>{t('breakGlass.intro')}</p>

      {canRequest && (
        <section aria-labelledby="bg-request">
          <h2 id="bg-request">{t('breakGlass.request')}</h2>
          <ErrorSummary items={summary.items} title={summary.title} />
          {granted && <p className="notice notice-success">{granted}</p>}
          <Form<Values>
            form={form}
            name={FORM}
            layout="vertical"
            className="narrow-form"
            requiredMark={false}
            initialValues={{ scopeKind: 'street', minutes: 60 }}
            onFinish={(v) => void submit(v)}
            onFinishFailed={(info) =>
              setSummary({ items: summaryFromValidation(FORM, info as ValidationInfo) })
            }
          >
            <Form.Item
              name="reason"
              label={t('breakGlass.reason')}
              extra={t('breakGlass.reasonHelp')}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: t('errors.required', { field: t('breakGlass.reason') }),
                },
                {
                  validator: (_r, v: unknown) =>
                    typeof v !== 'string' || !v.trim() || [...v.trim()].length >= 10
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('breakGlass.reasonTooShort'))),
                },
              ]}
            >
              <Input.TextArea rows={3} maxLength={500} showCount={false} />
            </Form.Item>
            <fieldset className="fieldset">
              <legend>{t('breakGlass.scopeKind')}</legend>
              <Form.Item name="scopeKind" style={{ marginBottom: 8 }}>
                <Radio.Group
                  options={[
                    { value: 'street', label: t('breakGlass.byStreet') },
                    { value: 'community', label: t('breakGlass.byCommunity') },
                  ]}
                />
              </Form.Item>
            </fieldset>
            {scopeKind === 'community' ? (
              <Form.Item
                name="communityId"
                label={t('breakGlass.community')}
                rules={[{ required: true, message: t('breakGlass.chooseCommunity') }]}
              >
                <SearchSelect options={communityGroups} />
              </Form.Item>
            ) : (
              <Form.Item
                name="streetCode"
                label={t('breakGlass.street')}
                rules={[{ required: true, message: t('breakGlass.chooseStreet') }]}
              >
                {/* Any street of the district: the grant is for going beyond one's own area. */}
                <SearchSelect options={streetOptions(lang)} />
              </Form.Item>
            )}
            <Form.Item
              name="minutes"
              label={t('breakGlass.minutes')}
              extra={t('breakGlass.minutesHelp')}
              rules={[
                { required: true, type: 'integer', min: 5, max: 240, message: t('breakGlass.minutesRange') },
              ]}
            >
              <InputNumber
                min={5}
                max={240}
                precision={0}
                controls={false}
                inputMode="numeric"
                style={{ width: '10rem' }}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('breakGlass.submit')}
            </Button>
          </Form>
        </section>
      )}

      <section aria-labelledby="bg-list">
        <h2 id="bg-list">{reviewer ? t('breakGlass.all') : t('breakGlass.mine')}</h2>
        {grants.error ? (
          <ErrorSummary
            items={[{ message: isApiError(grants.error) ? grants.error.detail : t('errors.network') }]}
          />
        ) : (
          <TableScroll label={t('breakGlass.tableLabel')}>
            <DataTable<BreakGlassGrant>
              rowKey={(g) => g.id}
              columns={columns}
              rows={grants.data?.items ?? []}
              loading={grants.isPending}
              emptyText={t('breakGlass.none')}
            />
          </TableScroll>
        )}
      </section>
    </>
  );
}
