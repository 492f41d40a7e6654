/** Public holidays and make-up working days of a year: the list, and a small form to add one. */
import { useState } from 'react';
import { Button, Checkbox, Form, Input } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useAnnounce } from '../../announce';
import { ErrorSummary } from '../../components/ErrorSummary';
import { applyProblem, summaryFromValidation, type ProblemSummary, type ValidationInfo } from '../../forms';
import { useAT } from '../i18n';
import { ACC_KEY, shanghaiToday, type Holiday } from './data';
import { dayWithWeekday } from './labels';

export function HolidaysSection() {
  const { t } = useAT();
  const { t: tc } = useTranslation();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const thisYear = Number(shanghaiToday().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const list = useQuery({
    queryKey: [...ACC_KEY, 'holidays', year],
    queryFn: ({ signal }) => api.get<Holiday[]>('/accompaniment/holidays', { query: { year }, signal }),
  });
  const [form] = Form.useForm<Holiday>();
  const [summary, setSummary] = useState<ProblemSummary>({ items: [] });
  const [busy, setBusy] = useState(false);
  const h = 'coordinator.hospitals';
  const submit = async (v: Holiday) => {
    setBusy(true);
    setSummary({ items: [] });
    try {
      const out = await api.put<Holiday>('/accompaniment/holidays', {
        date: v.date,
        name: v.name.trim(),
        workday: Boolean(v.workday),
      });
      await qc.invalidateQueries({ queryKey: [...ACC_KEY, 'holidays'] });
      await qc.invalidateQueries({ queryKey: [...ACC_KEY, 'calendar'] });
      announce(t(`${h}.holidayAdded`, { date: out.date, name: out.name }));
      form.resetFields();
    } catch (e) {
      setSummary(applyProblem(form, 'accHoliday', e, ['date', 'name', 'workday'], tc));
    } finally {
      setBusy(false);
    }
  };
  const required = (field: string) => [
    { required: true, whitespace: true, message: t('coordinator.required', { field }) },
  ];
  return (
    <section className="acc-panel" aria-labelledby="acc-holidays-h">
      <h2 id="acc-holidays-h">{t(`${h}.holidays`, { year })}</h2>
      <div className="acc-toolbar">
        <label htmlFor="acc-holiday-year">{t(`${h}.holidaysYear`)}</label>
        <select
          id="acc-holiday-year"
          className="acc-select"
          value={year}
          onChange={(e) => setYear(Number(e.target.value))}
        >
          {[thisYear - 1, thisYear, thisYear + 1].map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      {(list.data ?? []).length === 0 && !list.isPending ? (
        <p>{t(`${h}.noHolidays`)}</p>
      ) : (
        <ul className="acc-days">
          {(list.data ?? []).map((d) => (
            <li key={d.date}>
              {dayWithWeekday(t, d.date)} {d.name}：
              {d.workday ? t(`${h}.holidayKindWork`) : t(`${h}.holidayKindOff`)}
            </li>
          ))}
        </ul>
      )}
      <ErrorSummary items={summary.items} title={summary.title} />
      <Form<Holiday>
        form={form}
        name="accHoliday"
        layout="inline"
        requiredMark={false}
        initialValues={{ date: '', name: '', workday: false }}
        onFinish={(v) => void submit(v)}
        onFinishFailed={(info) =>
          setSummary({ items: summaryFromValidation('accHoliday', info as ValidationInfo) })
        }
      >
        <Form.Item name="date" label={t(`${h}.holidayDate`)} rules={required(t(`${h}.holidayDate`))}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="name" label={t(`${h}.holidayName`)} rules={required(t(`${h}.holidayName`))}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="workday" valuePropName="checked">
          <Checkbox>{t(`${h}.holidayWorkday`)}</Checkbox>
        </Form.Item>
        <Button htmlType="submit" loading={busy}>
          {t(`${h}.holidayAdd`)}
        </Button>
      </Form>
    </section>
  );
}
