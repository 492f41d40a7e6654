/** Check a visit out: minutes (optional — else the time since check-in), the steps accompanied, a note. */
import type { RefObject } from 'react';
import { Button, Checkbox, Form, Input, InputNumber } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../api';
import { useAnnounce } from '../../announce';
import { Dialog } from '../../components/Dialog';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useFormSubmit } from '../../useFormSubmit';
import { useAT } from '../i18n';
import { ACC_KEY, STEPS, type DeskRow, type Step } from './data';

interface Values {
  minutes?: number | null;
  steps: Step[];
  note: string;
}

export function CheckOutDialog({
  open,
  row,
  returnFocus,
  onClose,
}: {
  open: boolean;
  row: DeskRow | null;
  returnFocus: RefObject<HTMLElement | null>;
  onClose: () => void;
}) {
  const { t } = useAT();
  return (
    <Dialog
      open={open}
      title={t('desk.checkOutTitle', { name: row?.personName ?? '' })}
      onClose={onClose}
      returnFocus={returnFocus}
      initialFocus="accCheckOut_minutes"
    >
      {row && <CheckOutForm row={row} onDone={onClose} />}
    </Dialog>
  );
}

function CheckOutForm({ row, onDone }: { row: DeskRow; onDone: () => void }) {
  const { t } = useAT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [form] = Form.useForm<Values>();
  const { summary, busy, run, invalid } = useFormSubmit(form, 'accCheckOut', ['minutes', 'steps', 'note']);
  const submit = (v: Values) =>
    run(async () => {
      const out = await api.post<{ minutes?: number }>(`/accompaniment/bookings/${row.id}/check-out`, {
        ...(v.minutes ? { minutes: v.minutes } : {}),
        steps: v.steps ?? [],
        note: (v.note ?? '').trim(),
      });
      await qc.invalidateQueries({ queryKey: ACC_KEY });
      announce(t('desk.checkedOut', { name: row.personName, minutes: out.minutes ?? v.minutes ?? '' }));
      onDone();
    });
  return (
    <>
      <ErrorSummary items={summary.items} title={summary.title} />
      <Form<Values>
        form={form}
        name="accCheckOut"
        layout="vertical"
        requiredMark={false}
        initialValues={{ steps: [], note: '' }}
        onFinish={(v) => void submit(v)}
        onFinishFailed={invalid}
      >
        <Form.Item
          name="minutes"
          label={`${t('desk.minutes')}${t('common.optional')}`}
          extra={t('desk.minutesHelp')}
        >
          <InputNumber min={1} max={720} precision={0} />
        </Form.Item>
        <fieldset className="fieldset">
          <legend>{t('desk.steps')}</legend>
          <Form.Item name="steps" noStyle>
            <Checkbox.Group
              className="acc-checks"
              options={STEPS.map((s) => ({ value: s, label: t(`desk.step.${s}`) }))}
            />
          </Form.Item>
        </fieldset>
        <Form.Item name="note" label={`${t('desk.note')}${t('common.optional')}`}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <div className="toolbar">
          <Button type="primary" size="large" htmlType="submit" loading={busy}>
            {t('desk.checkOutSubmit')}
          </Button>
          <Button size="large" onClick={onDone}>
            {t('coordinator.cancelAction')}
          </Button>
        </div>
      </Form>
    </>
  );
}
