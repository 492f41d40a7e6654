/** One booking (/accompaniment/bookings/:id): its details; move it to another session or cancel it (If-Match). */
import { useState } from 'react';
import { Button, Form, Input, Radio } from 'antd';
import { Link, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useAnnounce } from '../../announce';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { applyProblem, summaryFromValidation, type ProblemSummary, type ValidationInfo } from '../../forms';
import { hasAny, useMe } from '../../session';
import { useAT } from '../i18n';
import {
  ACC_KEY,
  addDays,
  notStarted,
  shanghaiToday,
  useBooking,
  useDepartmentName,
  useCalendar,
  type Booking,
} from './data';
import { dayWithWeekday } from './labels';
import './staff.css';

export default function BookingPage() {
  const { id } = useParams();
  const { t } = useAT();
  const k = 'coordinator.booking';
  const { data: me } = useMe(false);
  const booking = useBooking(id);
  const deptName = useDepartmentName();
  if (booking.isPending) return <Loading />;
  const b = booking.data;
  if (!b) return <p className="notice notice-error">{t(`${k}.notFound`)}</p>;
  const canChange = b.state === 'booked' && hasAny(me, ['accompaniment.book']);
  const rows: [string, string][] = [
    [t(`${k}.person`), b.personName],
    [t(`${k}.hospital`), b.hospital.name],
    [t(`${k}.meetingPoint`), b.hospital.meetingPoint || t('common.none')],
    [t(`${k}.when`), `${dayWithWeekday(t, b.date)} ${b.startsAt}–${b.endsAt}`],
    [t(`${k}.service`), t(`common.service.${b.service}`)],
    [t(`${k}.department`), deptName(b.hospital.id, b.department)],
    [t(`${k}.note`), b.note || t('common.none')],
    [t(`${k}.channel`), t(`coordinator.channel.${b.channel}`)],
    [t(`${k}.state`), t(`coordinator.bookingState.${b.state}`)],
    [t(`${k}.volunteer`), b.volunteer?.name ?? t('coordinator.occurrence.unassigned')],
    [
      t(`${k}.offer`),
      b.offer ? t(`coordinator.offerState.${b.offer.state}`) : t('coordinator.offerState.none'),
    ],
  ];
  if (b.checkedInAt) rows.push([t(`${k}.checkedIn`), new Date(b.checkedInAt).toLocaleString('zh-CN')]);
  if (b.checkedOutAt) rows.push([t(`${k}.checkedOut`), new Date(b.checkedOutAt).toLocaleString('zh-CN')]);
  if (b.minutes !== null) rows.push([t(`${k}.minutes`), String(b.minutes)]);
  if (b.steps.length) rows.push([t(`${k}.steps`), b.steps.map((s) => t(`desk.step.${s}`)).join('、')]);
  if (b.rating !== null)
    rows.push([
      t(`${k}.rating`),
      `${t(`${k}.ratingOf`, { rating: b.rating })}${b.feedback ? `：${b.feedback}` : ''}`,
    ]);
  return (
    <>
      <PageTitle title={t(`${k}.title`, { ref: b.ref })} />
      <p>
        <Link to="/accompaniment/bookings">{t('coordinator.back')}</Link>
      </p>
      <dl className="acc-dl">
        {rows.map(([label, value]) => (
          <div key={label} style={{ display: 'contents' }}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {canChange && (
        <>
          <Reschedule booking={b} />
          <Cancel booking={b} />
        </>
      )}
    </>
  );
}

function Reschedule({ booking: b }: { booking: Booking }) {
  const { t } = useAT();
  const { t: tc } = useTranslation();
  const k = 'coordinator.booking';
  const qc = useQueryClient();
  const announce = useAnnounce();
  const today = shanghaiToday();
  const cal = useCalendar(b.hospital.id, today, addDays(today, 27));
  const [form] = Form.useForm<{ slot?: string }>();
  const [summary, setSummary] = useState<ProblemSummary>({ items: [] });
  const [busy, setBusy] = useState(false);
  const options = (cal.data ?? [])
    .filter((o) => !o.off && notStarted(o) && o.services.includes(b.service))
    .filter((o) => !(o.sessionId === b.sessionId && o.date === b.date))
    .map((o) => {
      const left = o.capacity - o.booked;
      const args = { day: dayWithWeekday(t, o.date), from: o.startsAt, to: o.endsAt, left };
      return {
        value: `${o.sessionId}|${o.date}`,
        label: left > 0 ? t('coordinator.book.slot', args) : t('coordinator.book.full', args),
        disabled: left <= 0,
      };
    });
  const submit = async (v: { slot?: string }) => {
    setBusy(true);
    setSummary({ items: [] });
    const [sessionId, date] = (v.slot ?? '|').split('|');
    try {
      await api.post(
        `/accompaniment/bookings/${b.id}/reschedule`,
        { sessionId, date },
        {
          headers: { 'If-Match': String(b.version) },
        },
      );
      await qc.invalidateQueries({ queryKey: ACC_KEY });
      announce(t(`${k}.rescheduled`));
    } catch (e) {
      setSummary(applyProblem(form, 'accReschedule', e, ['slot'], tc, { sessionId: 'slot', date: 'slot' }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="acc-panel" aria-labelledby="acc-resched-h">
      <h2 id="acc-resched-h">{t(`${k}.reschedule`)}</h2>
      <ErrorSummary items={summary.items} title={summary.title} />
      <Form
        form={form}
        name="accReschedule"
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => void submit(v)}
        onFinishFailed={(info) =>
          setSummary({ items: summaryFromValidation('accReschedule', info as ValidationInfo) })
        }
      >
        <Form.Item
          name="slot"
          label={t('coordinator.book.date')}
          rules={[
            { required: true, message: t('coordinator.required', { field: t('coordinator.book.date') }) },
          ]}
        >
          {options.length === 0 && !cal.isPending ? (
            <p>{t('coordinator.book.noDates')}</p>
          ) : (
            <Radio.Group className="acc-radios" options={options} />
          )}
        </Form.Item>
        <Button htmlType="submit" loading={busy}>
          {t(`${k}.rescheduleSubmit`)}
        </Button>
      </Form>
    </section>
  );
}

function Cancel({ booking: b }: { booking: Booking }) {
  const { t } = useAT();
  const { t: tc } = useTranslation();
  const k = 'coordinator.booking';
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [form] = Form.useForm<{ reason: string }>();
  const [summary, setSummary] = useState<ProblemSummary>({ items: [] });
  const [busy, setBusy] = useState(false);
  const submit = async (v: { reason: string }) => {
    setBusy(true);
    setSummary({ items: [] });
    try {
      await api.post(
        `/accompaniment/bookings/${b.id}/cancel`,
        { reason: v.reason.trim() },
        {
          headers: { 'If-Match': String(b.version) },
        },
      );
      await qc.invalidateQueries({ queryKey: ACC_KEY });
      announce(t(`${k}.cancelled`));
    } catch (e) {
      setSummary(applyProblem(form, 'accCancel', e, ['reason'], tc));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="acc-panel" aria-labelledby="acc-cancel-h">
      <h2 id="acc-cancel-h">{t(`${k}.cancel`)}</h2>
      <ErrorSummary items={summary.items} title={summary.title} />
      <Form
        form={form}
        name="accCancel"
        layout="vertical"
        requiredMark={false}
        initialValues={{ reason: '' }}
        onFinish={(v) => void submit(v)}
        onFinishFailed={(info) =>
          setSummary({ items: summaryFromValidation('accCancel', info as ValidationInfo) })
        }
      >
        <Form.Item
          name="reason"
          label={t(`${k}.cancelReason`)}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('coordinator.required', { field: t(`${k}.cancelReason`) }),
            },
          ]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Button danger htmlType="submit" loading={busy}>
          {t(`${k}.cancelSubmit`)}
        </Button>
      </Form>
    </section>
  );
}
