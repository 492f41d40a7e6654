/** The volunteer's dialogs: decline an offer (a reason helps the coordinator) and check out a visit. */
import type { RefObject } from 'react';
import { Button, Checkbox, Form, Input, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { ErrorSummary } from '../../components/ErrorSummary';
import { fieldId } from '../../forms';
import { useFormSubmit } from '../../useFormSubmit';
import { useAT } from '../i18n';
import { STEPS, whenInWords, type Offer, type Step } from './model';

interface Props {
  offer: Offer | null;
  returnFocus: RefObject<HTMLElement | null>;
  onClose: () => void;
  onDone: (o: Offer) => void;
}
type FormProps = Omit<Props, 'returnFocus' | 'offer'> & { offer: Offer };

const DECLINE = 'accDecline';
const CHECKOUT = 'accCheckOut';

export function DeclineDialog({ offer, returnFocus, onClose, onDone }: Props) {
  const { t } = useAT();
  return (
    <Dialog
      open={offer !== null}
      title={t('volunteer.declineTitle')}
      onClose={onClose}
      returnFocus={returnFocus}
      initialFocus={fieldId(DECLINE, 'reason')}
    >
      {offer && <DeclineForm offer={offer} onClose={onClose} onDone={onDone} />}
    </Dialog>
  );
}

function DeclineForm({ offer: o, onClose, onDone }: FormProps) {
  const { t, i18n } = useAT();
  const { t: tc } = useTranslation();
  const [form] = Form.useForm<{ reason?: string }>();
  const { summary, busy, run } = useFormSubmit(form, DECLINE, ['reason']);
  const submit = (v: { reason?: string }) =>
    run(async () => {
      await api.post(`/me/accompaniment/offers/${o.id}/decline`, { reason: (v.reason ?? '').trim() });
      onDone(o);
    });
  return (
    <>
      <p>
        {t('volunteer.declineConfirm', {
          name: o.booking.personName,
          hospital: o.booking.hospital.name,
          when: whenInWords(o.booking.startsAt, o.booking.endsAt, i18n.language),
        })}
      </p>
      <ErrorSummary items={summary.items} title={summary.title} />
      <Form<{ reason?: string }>
        form={form}
        name={DECLINE}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item name="reason" label={`${t('volunteer.declineReason')}${t('common.optional')}`}>
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
        <div className="toolbar">
          <Button type="primary" htmlType="submit" size="large" loading={busy}>
            {t('volunteer.declineSubmit')}
          </Button>
          <Button size="large" onClick={onClose}>
            {tc('common.cancel')}
          </Button>
        </div>
      </Form>
    </>
  );
}

export function CheckOutDialog({ offer, returnFocus, onClose, onDone }: Props) {
  const { t } = useAT();
  return (
    <Dialog
      open={offer !== null}
      title={t('volunteer.checkOutTitle')}
      onClose={onClose}
      returnFocus={returnFocus}
      initialFocus={fieldId(CHECKOUT, 'minutes')}
    >
      {offer && <CheckOutForm offer={offer} onClose={onClose} onDone={onDone} />}
    </Dialog>
  );
}

interface CheckOutValues {
  minutes?: number | null;
  steps?: Step[];
  note?: string;
}

function CheckOutForm({ offer: o, onClose, onDone }: FormProps) {
  const { t } = useAT();
  const { t: tc } = useTranslation();
  const [form] = Form.useForm<CheckOutValues>();
  const { summary, busy, run, invalid } = useFormSubmit(form, CHECKOUT, ['minutes', 'steps', 'note']);
  const submit = (v: CheckOutValues) =>
    run(async () => {
      await api.post(`/accompaniment/bookings/${o.booking.id}/check-out`, {
        ...(v.minutes ? { minutes: v.minutes } : {}),
        steps: v.steps ?? [],
        note: (v.note ?? '').trim(),
      });
      onDone(o);
    });
  return (
    <>
      <ErrorSummary items={summary.items} title={summary.title} />
      <Form<CheckOutValues>
        form={form}
        name={CHECKOUT}
        layout="vertical"
        requiredMark={false}
        initialValues={{ steps: o.booking.service === 'sign_language' ? ['interpretation'] : [], note: '' }}
        onFinish={(v) => void submit(v)}
        onFinishFailed={invalid}
      >
        <Form.Item
          name="minutes"
          label={`${t('volunteer.minutes')}${t('common.optional')}`}
          extra={t('volunteer.minutesHelp')}
          rules={[
            {
              type: 'integer',
              min: 1,
              max: 720,
              message: t('volunteer.minutesRange'),
            },
          ]}
        >
          <InputNumber min={1} max={720} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="steps" label={t('volunteer.steps')}>
          <Checkbox.Group className="acc-choices">
            {STEPS.map((s) => (
              <Checkbox key={s} value={s}>
                {t(`volunteer.step.${s}`)}
              </Checkbox>
            ))}
          </Checkbox.Group>
        </Form.Item>
        <Form.Item name="note" label={`${t('volunteer.serviceNote')}${t('common.optional')}`}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <div className="toolbar">
          <Button type="primary" htmlType="submit" size="large" loading={busy}>
            {t('volunteer.checkOutSubmit')}
          </Button>
          <Button size="large" onClick={onClose}>
            {tc('common.cancel')}
          </Button>
        </div>
      </Form>
    </>
  );
}
