/** Create or change a day centre: name, street, address, opening hours, staff (If-Match on change). */
import { useState } from 'react';
import { Button, Form, Input, Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorSummary, type SummaryItem } from '../../components/ErrorSummary';
import { SearchSelect, streetOptions } from '../../components/fields';
import { applyProblem, summaryFromValidation, type ProblemSummary, type ValidationInfo } from '../../forms';
import type { Page, StreetOut, UserOut } from '../../types';
import { HoursEditor, hoursFieldId } from './HoursEditor';
import { useTT } from './i18n';
import {
  hoursToRows,
  rowsToHours,
  validateHours,
  type Centre,
  type HoursProblem,
  type HoursRows,
} from './model';

interface Values {
  name: string;
  streetCode: string;
  address?: string;
  staffUserIds?: string[];
}

const FIELDS = ['name', 'streetCode', 'address', 'staffUserIds'];

export function CentreForm({
  centre,
  areas,
  onDone,
  onCancel,
}: {
  centre: Centre | null;
  areas: readonly StreetOut[] | undefined;
  onDone: (c: Centre, created: boolean) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTT();
  const { t: tc } = useTranslation();
  const [form] = Form.useForm<Values>();
  const formName = centre ? 'editCentre' : 'createCentre';
  const [rows, setRows] = useState<HoursRows>(() => hoursToRows(centre?.openingHours));
  const [hoursProblems, setHoursProblems] = useState<HoursProblem[]>([]);
  const [summary, setSummary] = useState<ProblemSummary>({ items: [] });
  const [busy, setBusy] = useState(false);

  const staff = useQuery({
    queryKey: ['users', { role: 'day_centre_staff' }],
    queryFn: ({ signal }) =>
      api.get<Page<UserOut>>('/users', { query: { role: 'day_centre_staff', limit: 200 }, signal }),
    staleTime: 60_000,
  });
  const staffOptions = [
    ...(staff.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` })),
    // Staff on the centre whose account is not a day-centre role: still listed, by id.
    ...(centre?.staffUserIds ?? [])
      .filter((id) => !staff.data?.items.some((u) => u.id === id))
      .map((id) => ({ value: id, label: id })),
  ];

  const hoursItems = (problems: readonly HoursProblem[]): SummaryItem[] =>
    problems.map((p) => ({
      id: hoursFieldId(p.day, Math.min(p.index, rows[p.day].length - 1), 'from'),
      message: t(`centres.hoursEditor.${p.code}`, { day: t(`weekday.${p.day}`), n: p.index + 1 }),
    }));

  const submit = async (v: Values) => {
    const problems = validateHours(rows);
    setHoursProblems(problems);
    if (problems.length > 0) {
      setSummary({ items: hoursItems(problems) });
      return;
    }
    setSummary({ items: [] });
    setBusy(true);
    const body = {
      name: v.name.trim(),
      streetCode: v.streetCode,
      address: (v.address ?? '').trim(),
      openingHours: rowsToHours(rows),
      staffUserIds: v.staffUserIds ?? [],
    };
    try {
      if (centre) {
        const out = await api.patch<Centre>(`/tracking/centres/${centre.id}`, body, {
          headers: { 'If-Match': String(centre.version) },
        });
        onDone(out, false);
      } else {
        onDone(await api.post<Centre>('/tracking/centres', body), true);
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
          name: centre?.name ?? '',
          streetCode: centre?.streetCode,
          address: centre?.address ?? '',
          staffUserIds: centre?.staffUserIds ?? [],
        }}
        onFinish={(v) => void submit(v)}
        onFinishFailed={(info) => {
          const problems = validateHours(rows);
          setHoursProblems(problems);
          setSummary({
            items: [...summaryFromValidation(formName, info as ValidationInfo), ...hoursItems(problems)],
          });
        }}
      >
        <Form.Item
          name="name"
          label={t('centres.name')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: tc('errors.required', { field: t('centres.name') }),
            },
          ]}
        >
          <Input autoComplete="off" maxLength={100} />
        </Form.Item>
        <Form.Item
          name="streetCode"
          label={t('centres.street')}
          rules={[{ required: true, message: tc('errors.required', { field: t('centres.street') }) }]}
        >
          <SearchSelect options={streetOptions(i18n.language, areas)} />
        </Form.Item>
        <Form.Item name="address" label={`${t('centres.address')}${tc('common.optional')}`}>
          <Input autoComplete="off" maxLength={200} />
        </Form.Item>
        <HoursEditor rows={rows} problems={hoursProblems} onChange={setRows} />
        <Form.Item name="staffUserIds" label={t('centres.staff')} extra={t('centres.form.staffHelp')}>
          <Select<string[]>
            mode="multiple"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('centres.form.staffPlaceholder')}
            loading={staff.isPending}
            options={staffOptions}
          />
        </Form.Item>
        <div className="toolbar">
          <Button type="primary" htmlType="submit" loading={busy}>
            {busy
              ? tc('common.saving')
              : centre
                ? t('centres.form.submitEdit')
                : t('centres.form.submitCreate')}
          </Button>
          <Button onClick={onCancel}>{tc('common.cancel')}</Button>
        </div>
      </Form>
    </>
  );
}
