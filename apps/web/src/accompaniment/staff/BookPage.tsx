/**
 * 电话预约 (/accompaniment/book, accompaniment.book): book for a resident. Street and community
 * staff pick a person of their area (the registry search of the pairing form); hotline
 * coordinators enter the caller's ID or certificate number. Then a date of a weekly session in
 * the next four weeks, the service, department and a note; the server's problems show on their fields.
 */
import { useState } from 'react';
import { Button, Form, Input, Radio, Select } from 'antd';
import { useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useAnnounce } from '../../announce';
import { ErrorSummary } from '../../components/ErrorSummary';
import { PageTitle } from '../../components/PageTitle';
import { applyProblem, summaryFromValidation, type ProblemSummary, type ValidationInfo } from '../../forms';
import { hasAny, useMe } from '../../session';
import { usePersonSearch } from '../../care/visits/data';
import { useAT } from '../i18n';
import {
  ACC_KEY,
  addDays,
  notStarted,
  shanghaiToday,
  useCalendar,
  useHospitals,
  type Booking,
  type Service,
} from './data';
import { dayWithWeekday } from './labels';
import './staff.css';

interface Values {
  personId?: string;
  idNumber?: string;
  hospitalId?: string;
  slot?: string;
  service?: Service;
  department?: string;
  note?: string;
}
const FIELDS = ['personId', 'idNumber', 'hospitalId', 'slot', 'service', 'department', 'note'];
const ALIASES = { sessionId: 'slot', date: 'slot' };

export default function BookPage() {
  const { t } = useAT();
  const { t: tc } = useTranslation();
  const b = 'coordinator.book';
  const qc = useQueryClient();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const { data: me } = useMe(false);
  const byPerson = hasAny(me, ['persons.read']);
  const [form] = Form.useForm<Values>();
  const [q, setQ] = useState('');
  const persons = usePersonSearch(byPerson ? q : '');
  const hospitals = useHospitals();
  const hospitalId = Form.useWatch('hospitalId', form);
  const slot = Form.useWatch('slot', form);
  const today = shanghaiToday();
  const cal = useCalendar(hospitalId, today, addDays(today, 27));
  const hospital = hospitals.data?.find((h) => h.id === hospitalId);
  const occurrences = (cal.data ?? []).filter((o) => !o.off && notStarted(o));
  const chosen = occurrences.find((o) => `${o.sessionId}|${o.date}` === slot);
  const [summary, setSummary] = useState<ProblemSummary>({ items: [] });
  const [busy, setBusy] = useState(false);
  const required = (field: string) => [
    { required: true, whitespace: true, message: t('coordinator.required', { field }) },
  ];

  const submit = async (v: Values) => {
    setBusy(true);
    setSummary({ items: [] });
    const [sessionId, date] = (v.slot ?? '|').split('|');
    try {
      const out = await api.post<Booking>('/accompaniment/bookings', {
        sessionId,
        date,
        service: v.service,
        department: v.department,
        note: (v.note ?? '').trim(),
        ...(byPerson ? { personId: v.personId } : { idNumber: (v.idNumber ?? '').trim().toUpperCase() }),
      });
      await qc.invalidateQueries({ queryKey: ACC_KEY });
      announce(t(`${b}.created`, { ref: out.ref }));
      await navigate(`/accompaniment/bookings/${out.id}`);
    } catch (e) {
      setSummary(applyProblem(form, 'accBook', e, FIELDS, tc, ALIASES));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle title={t(`${b}.title`)} />
      <p>{t(`${b}.intro`)}</p>
      <ErrorSummary items={summary.items} title={summary.title} />
      <Form<Values>
        form={form}
        name="accBook"
        layout="vertical"
        requiredMark={false}
        initialValues={{ note: '' }}
        onValuesChange={(changed: Partial<Values>) => {
          if ('hospitalId' in changed)
            form.setFieldsValue({ slot: undefined, service: undefined, department: undefined });
          if ('slot' in changed) form.setFieldsValue({ service: undefined });
        }}
        onFinish={(v) => void submit(v)}
        onFinishFailed={(info) =>
          setSummary({ items: summaryFromValidation('accBook', info as ValidationInfo) })
        }
      >
        {byPerson ? (
          <Form.Item
            name="personId"
            label={t(`${b}.person`)}
            extra={t(`${b}.personHelp`)}
            rules={required(t(`${b}.person`))}
          >
            <Select<string>
              showSearch={{ filterOption: false, onSearch: setQ }}
              allowClear
              placeholder={t(`${b}.personSearch`)}
              loading={persons.isFetching}
              options={persons.data ?? []}
              notFoundContent={null}
            />
          </Form.Item>
        ) : (
          <Form.Item
            name="idNumber"
            label={t(`${b}.idNumber`)}
            extra={t(`${b}.idNumberHelp`)}
            rules={required(t(`${b}.idNumber`))}
          >
            <Input maxLength={20} autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item name="hospitalId" label={t(`${b}.hospital`)} rules={required(t(`${b}.hospital`))}>
          <Select<string>
            showSearch={{ optionFilterProp: 'label' }}
            options={(hospitals.data ?? [])
              .filter((h) => h.active)
              .map((h) => ({ value: h.id, label: h.name }))}
          />
        </Form.Item>
        {hospitalId && (
          <Form.Item
            name="slot"
            label={t(`${b}.date`)}
            extra={t(`${b}.dateHelp`)}
            rules={required(t(`${b}.date`))}
          >
            {occurrences.length === 0 && !cal.isPending ? (
              <p>{t(`${b}.noDates`)}</p>
            ) : (
              <Radio.Group
                className="acc-radios"
                options={occurrences.map((o) => {
                  const left = o.capacity - o.booked;
                  const args = { day: dayWithWeekday(t, o.date), from: o.startsAt, to: o.endsAt, left };
                  return {
                    value: `${o.sessionId}|${o.date}`,
                    label: left > 0 ? t(`${b}.slot`, args) : t(`${b}.full`, args),
                    disabled: left <= 0,
                  };
                })}
              />
            )}
          </Form.Item>
        )}
        {chosen && (
          <Form.Item name="service" label={t(`${b}.service`)} rules={required(t(`${b}.service`))}>
            <Radio.Group
              options={chosen.services.map((s) => ({ value: s, label: t(`common.service.${s}`) }))}
            />
          </Form.Item>
        )}
        {hospital && (
          <Form.Item name="department" label={t(`${b}.department`)} rules={required(t(`${b}.department`))}>
            <Select<string>
              showSearch={{ optionFilterProp: 'label' }}
              options={hospital.departments.map((d) => ({ value: d.code, label: d.name }))}
            />
          </Form.Item>
        )}
        <Form.Item name="note" label={`${t(`${b}.note`)}${t('common.optional')}`}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <div className="toolbar">
          <Button type="primary" htmlType="submit" loading={busy}>
            {t(`${b}.submit`)}
          </Button>
        </div>
      </Form>
    </>
  );
}
