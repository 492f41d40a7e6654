/** Choose the volunteer for a booking (override): the server refuses one without the skill or already busy, on the field. */
import type { RefObject } from 'react';
import { Button, Form, Input, Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../api';
import { useAnnounce } from '../../announce';
import { Dialog } from '../../components/Dialog';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useFormSubmit } from '../../useFormSubmit';
import { useAT } from '../i18n';
import { ACC_KEY, useDepartmentName, useSkilledVolunteers, type Booking } from './data';

const FIELDS = ['volunteerId', 'reason'];

export function OverrideDialog({
  open,
  booking,
  returnFocus,
  onClose,
}: {
  open: boolean;
  booking: Booking | null;
  returnFocus: RefObject<HTMLElement | null>;
  onClose: () => void;
}) {
  const { t } = useAT();
  return (
    <Dialog
      open={open}
      title={t('coordinator.override.title', { name: booking?.personName ?? '' })}
      onClose={onClose}
      returnFocus={returnFocus}
      initialFocus="accOverride_volunteerId"
    >
      {booking && <OverrideForm booking={booking} onDone={onClose} />}
    </Dialog>
  );
}

function OverrideForm({ booking, onDone }: { booking: Booking; onDone: () => void }) {
  const { t } = useAT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [form] = Form.useForm<{ volunteerId?: string; reason: string }>();
  const volunteers = useSkilledVolunteers(booking.service);
  const deptName = useDepartmentName();
  const { summary, busy, run, invalid } = useFormSubmit(form, 'accOverride', FIELDS);
  const submit = (v: { volunteerId?: string; reason: string }) =>
    run(async () => {
      await api.post(`/accompaniment/bookings/${booking.id}/assign`, {
        volunteerId: v.volunteerId,
        reason: v.reason.trim(),
      });
      await qc.invalidateQueries({ queryKey: ACC_KEY });
      announce(t('coordinator.override.done'));
      onDone();
    });
  return (
    <>
      <p>
        {t('coordinator.override.about', {
          day: booking.date,
          time: booking.startsAt,
          service: t(`common.service.${booking.service}`),
          department: deptName(booking.hospital.id, booking.department),
        })}
      </p>
      <ErrorSummary items={summary.items} title={summary.title} />
      <Form
        form={form}
        name="accOverride"
        layout="vertical"
        requiredMark={false}
        initialValues={{ reason: '' }}
        onFinish={(v) => void submit(v)}
        onFinishFailed={invalid}
      >
        <Form.Item
          name="volunteerId"
          label={t('coordinator.override.volunteer')}
          extra={t('coordinator.override.volunteerHelp')}
          rules={[
            {
              required: true,
              message: t('coordinator.required', { field: t('coordinator.override.volunteer') }),
            },
          ]}
        >
          <Select<string>
            showSearch={{ optionFilterProp: 'label' }}
            allowClear
            loading={volunteers.isFetching}
            options={volunteers.data ?? []}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('coordinator.override.reason')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('coordinator.required', { field: t('coordinator.override.reason') }),
            },
          ]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <div className="toolbar">
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('coordinator.override.submit')}
          </Button>
          <Button onClick={onDone}>{t('coordinator.cancelAction')}</Button>
        </div>
      </Form>
    </>
  );
}
