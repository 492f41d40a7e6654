/**
 * "预约陪同就医" (/me/accompaniment/new): a short form that asks nothing the registry knows — for
 * whom (a guardian with several wards), which help, which hospital, a date of the next four weeks,
 * the department and a note — then a confirmation that reads out the reference and the meeting point.
 */
import { useEffect, useRef, useState } from 'react';
import { Button, Form, Input, Radio, Select } from 'antd';
import { Link } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useAnnounce } from '../../announce';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { applyProblem, summaryFromValidation, type ProblemSummary, type ValidationInfo } from '../../forms';
import { useAT } from '../i18n';
import { OccurrencePicker } from './OccurrencePicker';
import {
  HOSPITALS_KEY,
  MY_BOOKINGS_KEY,
  SERVICES,
  parseOccurrenceKey,
  spokenRef,
  whenInWords,
  type AccService,
  type Booking,
  type Hospital,
} from './model';
import './portal.css';

interface Values {
  personId?: string;
  service?: AccService;
  hospitalId?: string;
  occurrence?: string;
  department?: string;
  note?: string;
}
interface Person {
  id: string;
  name: string;
  self: boolean;
}
const FORM = 'accBook';
const FIELDS = ['personId', 'service', 'hospitalId', 'occurrence', 'department', 'note'];
const ALIASES = { sessionId: 'occurrence', date: 'occurrence' };

export function useHospitals() {
  return useQuery({
    queryKey: HOSPITALS_KEY,
    queryFn: ({ signal }) => api.get<Hospital[]>('/accompaniment/hospitals', { signal }),
    staleTime: 300_000,
  });
}

export default function BookPage() {
  const { t } = useAT();
  // The persons the account acts for: themselves, or a guardian's wards.
  const persons = useQuery({
    queryKey: ['accompaniment', 'me', 'persons'],
    queryFn: ({ signal }) => api.get<{ persons: Person[] }>('/me/accompaniment/persons', { signal }),
  });
  const hospitals = useHospitals();
  const [done, setDone] = useState<Booking | null>(null);
  return (
    <div className="portal portal-acc">
      <PageTitle title={t('resident.book.title')} />
      {done ? (
        <Confirmation booking={done} onAnother={() => setDone(null)} />
      ) : persons.isPending || hospitals.isPending ? (
        <Loading />
      ) : persons.isError || hospitals.isError ? (
        <p className="notice notice-error">{t('common.loadFailed')}</p>
      ) : persons.data.persons.length === 0 ? (
        <p className="notice">{t('resident.noPerson')}</p>
      ) : (
        <BookForm
          persons={persons.data.persons}
          hospitals={hospitals.data.filter((h) => h.active)}
          onDone={setDone}
        />
      )}
    </div>
  );
}

function BookForm({
  persons,
  hospitals,
  onDone,
}: {
  persons: Person[];
  hospitals: Hospital[];
  onDone: (b: Booking) => void;
}) {
  const { t } = useAT();
  const { t: tc } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [summary, setSummary] = useState<ProblemSummary>({ items: [] });
  const [busy, setBusy] = useState(false);
  const service = Form.useWatch('service', form);
  const hospitalId = Form.useWatch('hospitalId', form);
  const hospital = hospitals.find((h) => h.id === hospitalId);
  const required = (label: string) => [{ required: true, message: tc('errors.required', { field: label }) }];
  const submit = async (v: Values) => {
    setBusy(true);
    setSummary({ items: [] });
    try {
      const out = await api.post<Booking>('/me/accompaniment/bookings', {
        ...(v.personId ? { personId: v.personId } : {}),
        ...parseOccurrenceKey(v.occurrence ?? ''),
        service: v.service,
        department: v.department,
        note: (v.note ?? '').trim(),
      });
      void qc.invalidateQueries({ queryKey: MY_BOOKINGS_KEY });
      void qc.invalidateQueries({ queryKey: ['accompaniment', 'calendar'] });
      onDone(out);
    } catch (e) {
      setSummary(applyProblem(form, FORM, e, FIELDS, tc, ALIASES));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <p>{t('resident.book.intro')}</p>
      <ErrorSummary items={summary.items} title={summary.title} />
      <Form<Values>
        form={form}
        name={FORM}
        layout="vertical"
        requiredMark={false}
        initialValues={{ personId: persons[0]!.id, note: '' }}
        onFinish={(v) => void submit(v)}
        onFinishFailed={(info) => setSummary({ items: summaryFromValidation(FORM, info as ValidationInfo) })}
        onValuesChange={(changed: Partial<Values>) => {
          // Another hospital or service: the date and department chosen before may not fit.
          if ('hospitalId' in changed) form.setFieldsValue({ occurrence: undefined, department: undefined });
          if ('service' in changed) form.setFieldsValue({ occurrence: undefined });
        }}
        style={{ maxWidth: 720 }}
      >
        {persons.length === 1 && !persons[0]!.self && (
          <p className="acc-for">{t('resident.for', { name: persons[0]!.name })}</p>
        )}
        {persons.length > 1 && (
          <Form.Item name="personId" label={t('resident.book.who')}>
            <Radio.Group className="acc-choices">
              {persons.map((p) => (
                <Radio key={p.id} value={p.id}>
                  {p.self ? t('resident.book.self') : t('resident.book.ward', { name: p.name })}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
        )}
        <Form.Item
          name="service"
          label={t('resident.book.service')}
          rules={required(t('resident.book.service'))}
        >
          <Radio.Group className="acc-choices acc-cards">
            {SERVICES.map((s) => (
              <Radio key={s} value={s}>
                <strong>{t(`common.service.${s}`)}</strong>
                <span className="acc-why">{t(`resident.book.serviceHelp.${s}`)}</span>
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="hospitalId"
          label={t('resident.book.hospital')}
          rules={required(t('resident.book.hospital'))}
        >
          <Radio.Group className="acc-choices">
            {hospitals.map((h) => (
              <Radio key={h.id} value={h.id}>
                <strong>{h.name}</strong>
                {h.address && <span className="acc-why">{h.address}</span>}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="occurrence"
          label={t('resident.book.date')}
          extra={t('resident.book.dateHelp')}
          rules={required(t('resident.book.date'))}
        >
          <OccurrencePicker hospitalId={hospitalId} service={service} />
        </Form.Item>
        <Form.Item
          name="department"
          label={t('resident.book.department')}
          extra={t('resident.book.departmentHelp')}
          rules={required(t('resident.book.department'))}
        >
          <Select<string>
            showSearch={{ optionFilterProp: 'label' }}
            disabled={!hospital}
            placeholder={
              hospital ? t('resident.book.departmentPlaceholder') : t('resident.book.pickHospitalFirst')
            }
            options={(hospital?.departments ?? []).map((d) => ({ value: d.name, label: d.name }))}
            style={{ maxWidth: 360 }}
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={`${t('resident.book.note')}${t('common.optional')}`}
          extra={t('resident.book.noteHelp')}
        >
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
        <div className="toolbar">
          <Button type="primary" size="large" htmlType="submit" loading={busy}>
            {busy ? t('resident.book.sending') : t('resident.book.submit')}
          </Button>
          <Link to="/me/accompaniment">{tc('common.cancel')}</Link>
        </div>
      </Form>
    </>
  );
}

function Confirmation({ booking: b, onAnother }: { booking: Booking; onAnother: () => void }) {
  const { t, i18n } = useAT();
  const announce = useAnnounce();
  const heading = useRef<HTMLHeadingElement>(null);
  const when = whenInWords(b.startsAt, b.endsAt, i18n.language);
  const meeting = b.hospital.meetingPoint || t('resident.defaultMeetingPoint');
  useEffect(() => {
    heading.current?.focus();
    announce(
      `${t('resident.book.doneTitle')}。${t('resident.book.doneRefSpoken', { spoken: spokenRef(b.ref) })}。${t('resident.meetAt', { hospital: b.hospital.name, place: meeting })}`,
    );
  }, [b.ref, b.hospital.name, meeting, announce, t]);
  return (
    <section className="acc-card" aria-labelledby="acc-done">
      <h2 id="acc-done" ref={heading} tabIndex={-1}>
        {t('resident.book.doneTitle')}
      </h2>
      <p>
        <span aria-hidden="true">{t('resident.book.doneRefLabel')}</span>
        <span className="acc-ref" aria-hidden="true" data-testid="acc-ref">
          {b.ref}
        </span>
        <span className="visually-hidden">
          {t('resident.book.doneRefSpoken', { spoken: spokenRef(b.ref) })}
        </span>
      </p>
      <dl className="acc-facts">
        <dt>{t('resident.when')}</dt>
        <dd>{when}</dd>
        <dt>{t('resident.hospital')}</dt>
        <dd>{b.hospital.name}</dd>
        <dt>{t('resident.meetingPoint')}</dt>
        <dd>{meeting}</dd>
        <dt>{t('resident.service')}</dt>
        <dd>{t(`common.service.${b.service}`)}</dd>
        <dt>{t('resident.department')}</dt>
        <dd>{b.department}</dd>
      </dl>
      <p>{t('resident.book.doneNext')}</p>
      <div className="toolbar">
        <Link className="button-link button-link-primary" to="/me/accompaniment">
          {t('resident.book.toList')}
        </Link>
        <Button onClick={onAnother}>{t('resident.book.another')}</Button>
      </div>
    </section>
  );
}
