/**
 * The resident's dialogs on "我的陪诊": cancel a visit (says which, asks why) and change its date
 * (another date at the same hospital for the same help). Both send the version read (If-Match).
 */
import type { RefObject } from 'react';
import { Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { ErrorSummary } from '../../components/ErrorSummary';
import { fieldId } from '../../forms';
import { useFormSubmit } from '../../useFormSubmit';
import { useAT } from '../i18n';
import { OccurrencePicker } from './OccurrencePicker';
import { occurrenceKey, parseOccurrenceKey, whenInWords, type Booking } from './model';

interface Props {
  booking: Booking | null;
  returnFocus: RefObject<HTMLElement | null>;
  onClose: () => void;
  onDone: (b: Booking) => void;
}

const CANCEL = 'accCancel';
const MOVE = 'accReschedule';
/** The new date's session and day are both the one "occurrence" field. */
const OCCURRENCE_PATHS = { sessionId: 'occurrence', date: 'occurrence' };

export function CancelDialog({ booking, returnFocus, onClose, onDone }: Props) {
  const { t } = useAT();
  return (
    <Dialog
      open={booking !== null}
      title={t('resident.cancel.title')}
      onClose={onClose}
      returnFocus={returnFocus}
      initialFocus={fieldId(CANCEL, 'reason')}
    >
      {booking && <CancelForm booking={booking} onClose={onClose} onDone={onDone} />}
    </Dialog>
  );
}

function CancelForm({
  booking: b,
  onClose,
  onDone,
}: Omit<Props, 'returnFocus' | 'booking'> & { booking: Booking }) {
  const { t, i18n } = useAT();
  const [form] = Form.useForm<{ reason: string }>();
  const { summary, busy, run, invalid } = useFormSubmit(form, CANCEL, ['reason']);
  const submit = (v: { reason: string }) =>
    run(async () => {
      const out = await api.post<Booking>(
        `/me/accompaniment/bookings/${b.id}/cancel`,
        { reason: v.reason.trim() },
        { headers: { 'If-Match': String(b.version) } },
      );
      onDone(out);
    });
  return (
    <>
      <p>
        {t('resident.cancel.confirm', {
          hospital: b.hospital.name,
          when: whenInWords(b.startsAt, b.endsAt, i18n.language),
        })}
      </p>
      <ErrorSummary items={summary.items} title={summary.title} />
      <Form<{ reason: string }>
        form={form}
        name={CANCEL}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => void submit(v)}
        onFinishFailed={invalid}
      >
        <Form.Item
          name="reason"
          label={t('resident.cancel.reason')}
          extra={t('resident.cancel.reasonHelp')}
          rules={[{ required: true, whitespace: true, message: t('resident.cancel.reasonRequired') }]}
        >
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
        <div className="toolbar">
          <Button type="primary" danger htmlType="submit" size="large" loading={busy}>
            {t('resident.cancel.submit')}
          </Button>
          <Button size="large" onClick={onClose}>
            {t('resident.cancel.keep')}
          </Button>
        </div>
      </Form>
    </>
  );
}

export function RescheduleDialog({ booking, returnFocus, onClose, onDone }: Props) {
  const { t } = useAT();
  return (
    <Dialog
      open={booking !== null}
      title={t('resident.reschedule.title')}
      onClose={onClose}
      returnFocus={returnFocus}
      width={640}
      initialFocus={`${MOVE}-intro`}
    >
      {booking && <RescheduleForm booking={booking} onClose={onClose} onDone={onDone} />}
    </Dialog>
  );
}

function RescheduleForm({
  booking: b,
  onClose,
  onDone,
}: Omit<Props, 'returnFocus' | 'booking'> & { booking: Booking }) {
  const { t, i18n } = useAT();
  const { t: tc } = useTranslation();
  const [form] = Form.useForm<{ occurrence?: string }>();
  const { summary, busy, run, invalid } = useFormSubmit(form, MOVE, ['occurrence'], OCCURRENCE_PATHS);
  const submit = (v: { occurrence?: string }) =>
    run(async () => {
      const out = await api.post<Booking>(
        `/me/accompaniment/bookings/${b.id}/reschedule`,
        parseOccurrenceKey(v.occurrence ?? ''),
        { headers: { 'If-Match': String(b.version) } },
      );
      onDone(out);
    });
  return (
    <>
      <p id={`${MOVE}-intro`} tabIndex={-1}>
        {t('resident.reschedule.intro', {
          hospital: b.hospital.name,
          when: whenInWords(b.startsAt, b.endsAt, i18n.language),
        })}
      </p>
      <ErrorSummary items={summary.items} title={summary.title} />
      <Form<{ occurrence?: string }>
        form={form}
        name={MOVE}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => void submit(v)}
        onFinishFailed={invalid}
      >
        <Form.Item
          name="occurrence"
          label={t('resident.reschedule.newDate')}
          rules={[
            { required: true, message: tc('errors.required', { field: t('resident.reschedule.newDate') }) },
          ]}
        >
          <OccurrencePicker hospitalId={b.hospital.id} service={b.service} skip={occurrenceKey(b)} />
        </Form.Item>
        <div className="toolbar">
          <Button type="primary" htmlType="submit" size="large" loading={busy}>
            {t('resident.reschedule.submit')}
          </Button>
          <Button size="large" onClick={onClose}>
            {tc('common.cancel')}
          </Button>
        </div>
      </Form>
    </>
  );
}
