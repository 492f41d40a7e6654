/** Add or change a weekly session: weekday, times, services, places, valid from/to. */
import { useState, type RefObject } from 'react';
import { Button, Checkbox, Form, Input, InputNumber, Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useAnnounce } from '../../announce';
import { Dialog } from '../../components/Dialog';
import { ErrorSummary } from '../../components/ErrorSummary';
import { applyProblem, summaryFromValidation, type ProblemSummary, type ValidationInfo } from '../../forms';
import { useAT } from '../i18n';
import { ACC_KEY, SERVICES, shanghaiToday, type Service, type Session } from './data';
import { weekdayName } from './labels';

interface Values {
  weekday: number;
  startsAt: string;
  endsAt: string;
  services: Service[];
  capacity: number;
  minLevel: number;
  validFrom: string;
  validTo?: string;
  active: boolean;
}
const FIELDS = [
  'weekday',
  'startsAt',
  'endsAt',
  'services',
  'capacity',
  'minLevel',
  'validFrom',
  'validTo',
  'active',
];

export function SessionDialog({
  open,
  hospitalId,
  session,
  returnFocus,
  onClose,
}: {
  open: boolean;
  hospitalId: string;
  session: Session | null;
  returnFocus: RefObject<HTMLElement | null>;
  onClose: () => void;
}) {
  const { t } = useAT();
  return (
    <Dialog
      open={open}
      title={
        session ? t('coordinator.hospitals.sessionEditTitle') : t('coordinator.hospitals.sessionAddTitle')
      }
      onClose={onClose}
      returnFocus={returnFocus}
      initialFocus="accSession_weekday"
    >
      {open && <SessionForm hospitalId={hospitalId} session={session} onDone={onClose} />}
    </Dialog>
  );
}

function SessionForm({
  hospitalId,
  session,
  onDone,
}: {
  hospitalId: string;
  session: Session | null;
  onDone: () => void;
}) {
  const { t } = useAT();
  const { t: tc } = useTranslation();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [form] = Form.useForm<Values>();
  const [summary, setSummary] = useState<ProblemSummary>({ items: [] });
  const [busy, setBusy] = useState(false);
  const h = 'coordinator.hospitals';
  const required = (field: string) => [{ required: true, message: t('coordinator.required', { field }) }];
  const submit = async (v: Values) => {
    setBusy(true);
    setSummary({ items: [] });
    const body = {
      weekday: v.weekday,
      startsAt: v.startsAt,
      endsAt: v.endsAt,
      services: v.services,
      capacity: v.capacity,
      minLevel: v.minLevel,
      validFrom: v.validFrom,
      validTo: v.validTo || null,
      active: v.active,
    };
    try {
      if (session)
        await api.patch(`/accompaniment/sessions/${session.id}`, body, {
          headers: { 'If-Match': String(session.version) },
        });
      else await api.post('/accompaniment/sessions', { ...body, hospitalId });
      await qc.invalidateQueries({ queryKey: ACC_KEY });
      announce(t(`${h}.saved`));
      onDone();
    } catch (e) {
      setSummary(applyProblem(form, 'accSession', e, FIELDS, tc));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <ErrorSummary items={summary.items} title={summary.title} />
      <Form<Values>
        form={form}
        name="accSession"
        layout="vertical"
        requiredMark={false}
        initialValues={{
          weekday: session?.weekday ?? 2,
          startsAt: session?.startsAt ?? '13:30',
          endsAt: session?.endsAt ?? '16:30',
          services: session?.services ?? ['sign_language', 'blind_guide'],
          capacity: session?.capacity ?? 6,
          minLevel: session?.minLevel ?? 1,
          validFrom: session?.validFrom ?? shanghaiToday(),
          validTo: session?.validTo ?? '',
          active: session?.active ?? true,
        }}
        onFinish={(v) => void submit(v)}
        onFinishFailed={(info) =>
          setSummary({ items: summaryFromValidation('accSession', info as ValidationInfo) })
        }
      >
        <Form.Item name="weekday" label={t(`${h}.weekday`)} rules={required(t(`${h}.weekday`))}>
          <Select<number>
            options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: d, label: weekdayName(t, d) }))}
          />
        </Form.Item>
        <Form.Item name="startsAt" label={t(`${h}.startsAt`)} rules={required(t(`${h}.startsAt`))}>
          <Input type="time" />
        </Form.Item>
        <Form.Item name="endsAt" label={t(`${h}.endsAt`)} rules={required(t(`${h}.endsAt`))}>
          <Input type="time" />
        </Form.Item>
        <fieldset className="fieldset">
          <legend>{t(`${h}.services`)}</legend>
          <Form.Item name="services" rules={required(t(`${h}.services`))}>
            <Checkbox.Group
              className="acc-checks"
              options={SERVICES.map((s) => ({ value: s, label: t(`common.service.${s}`) }))}
            />
          </Form.Item>
        </fieldset>
        <Form.Item name="capacity" label={t(`${h}.capacity`)} rules={required(t(`${h}.capacity`))}>
          <InputNumber min={1} max={100} precision={0} />
        </Form.Item>
        <Form.Item name="minLevel" label={t(`${h}.minLevel`)} extra={t(`${h}.minLevelHelp`)}>
          <Select<number>
            options={([1, 2, 3] as const).map((l) => ({ value: l, label: t(`${h}.level${l}`) }))}
          />
        </Form.Item>
        <Form.Item name="validFrom" label={t(`${h}.validFrom`)} rules={required(t(`${h}.validFrom`))}>
          <Input type="date" />
        </Form.Item>
        <Form.Item
          name="validTo"
          label={`${t(`${h}.validTo`)}${t('common.optional')}`}
          extra={t(`${h}.validToHelp`)}
        >
          <Input type="date" />
        </Form.Item>
        <Form.Item name="active" valuePropName="checked">
          <Checkbox>{t(`${h}.active`)}</Checkbox>
        </Form.Item>
        <div className="toolbar">
          <Button type="primary" htmlType="submit" loading={busy}>
            {t(`${h}.save`)}
          </Button>
          <Button onClick={onDone}>{t('coordinator.cancelAction')}</Button>
        </div>
      </Form>
    </>
  );
}
