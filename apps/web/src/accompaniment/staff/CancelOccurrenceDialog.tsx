/** Call one occurrence off with a reason: its N bookings are cancelled and the residents told. */
import { useState, type RefObject } from 'react';
import { Button, Form, Input } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useAnnounce } from '../../announce';
import { Dialog } from '../../components/Dialog';
import { ErrorSummary } from '../../components/ErrorSummary';
import { applyProblem, summaryFromValidation, type ProblemSummary, type ValidationInfo } from '../../forms';
import { useAT } from '../i18n';
import { ACC_KEY, type Occurrence } from './data';

export function CancelOccurrenceDialog({
  open,
  occurrence: o,
  bookings,
  returnFocus,
  onClose,
}: {
  open: boolean;
  occurrence: Occurrence;
  bookings: number;
  returnFocus: RefObject<HTMLElement | null>;
  onClose: () => void;
}) {
  const { t } = useAT();
  const { t: tc } = useTranslation();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [form] = Form.useForm<{ reason: string }>();
  const [summary, setSummary] = useState<ProblemSummary>({ items: [] });
  const [busy, setBusy] = useState(false);
  const submit = async (v: { reason: string }) => {
    setBusy(true);
    setSummary({ items: [] });
    try {
      const out = await api.post<{ cancelledBookings: number }>(
        `/accompaniment/sessions/${o.sessionId}/cancellations`,
        { date: o.date, reason: v.reason.trim() },
      );
      await qc.invalidateQueries({ queryKey: ACC_KEY });
      announce(t('coordinator.cancelOcc.done', { count: out.cancelledBookings }));
      onClose();
    } catch (e) {
      setSummary(applyProblem(form, 'accCancelOcc', e, ['reason'], tc, { date: 'reason' }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open={open}
      title={t('coordinator.cancelOcc.title', { day: o.date, time: o.startsAt })}
      onClose={onClose}
      returnFocus={returnFocus}
      initialFocus="accCancelOcc_reason"
    >
      <p className="notice notice-warning">{t('coordinator.cancelOcc.warning', { count: bookings })}</p>
      <ErrorSummary items={summary.items} title={summary.title} />
      <Form
        form={form}
        name="accCancelOcc"
        layout="vertical"
        requiredMark={false}
        initialValues={{ reason: '' }}
        onFinish={(v) => void submit(v)}
        onFinishFailed={(info) =>
          setSummary({ items: summaryFromValidation('accCancelOcc', info as ValidationInfo) })
        }
      >
        <Form.Item
          name="reason"
          label={t('coordinator.cancelOcc.reason')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('coordinator.required', { field: t('coordinator.cancelOcc.reason') }),
            },
          ]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <div className="toolbar">
          <Button type="primary" danger htmlType="submit" loading={busy}>
            {t('coordinator.cancelOcc.submit')}
          </Button>
          <Button onClick={onClose}>{t('coordinator.cancelAction')}</Button>
        </div>
      </Form>
    </Dialog>
  );
}
