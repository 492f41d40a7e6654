/** Register a device or change one (model, SIM phone, centre; If-Match). */
import { useState } from 'react';
import { Button, Form, Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SearchSelect } from '../../components/fields';
import {
  applyProblem,
  normaliseDigits,
  summaryFromValidation,
  type ProblemSummary,
  type ValidationInfo,
} from '../../forms';
import { useTT } from './i18n';
import {
  normaliseUniqueId,
  PROTOCOLS,
  uniqueIdProblem,
  type Centre,
  type Device,
  type DeviceProtocol,
} from './model';

interface Values {
  uniqueId?: string;
  protocol: DeviceProtocol;
  model?: string;
  simPhone?: string;
  centreId?: string;
}

const FIELDS = ['uniqueId', 'protocol', 'model', 'simPhone', 'centreId'];
const NONE = '';
const tidySim = (v: string) => normaliseDigits(v).replace(/[\s-]/g, '');

export function DeviceForm({
  device,
  centres,
  onDone,
  onCancel,
}: {
  /** null: register a new device. */
  device: Device | null;
  centres: readonly Centre[];
  onDone: (d: Device, created: boolean) => void;
  onCancel: () => void;
}) {
  const { t } = useTT();
  const { t: tc } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [summary, setSummary] = useState<ProblemSummary>({ items: [] });
  const [busy, setBusy] = useState(false);
  const formName = device ? 'editDevice' : 'createDevice';

  const submit = async (v: Values) => {
    setSummary({ items: [] });
    setBusy(true);
    try {
      const centreId = v.centreId ? v.centreId : null;
      const simPhone = v.simPhone ? tidySim(v.simPhone) : undefined;
      if (device) {
        const out = await api.patch<Device>(
          `/tracking/devices/${device.id}`,
          { model: (v.model ?? '').trim(), centreId, ...(simPhone !== undefined ? { simPhone } : {}) },
          { headers: { 'If-Match': String(device.version) } },
        );
        onDone(out, false);
      } else {
        const out = await api.post<Device>('/tracking/devices', {
          uniqueId: normaliseUniqueId(v.uniqueId ?? '', v.protocol),
          protocol: v.protocol,
          model: (v.model ?? '').trim(),
          ...(simPhone ? { simPhone } : {}),
          centreId,
        });
        onDone(out, true);
      }
    } catch (e) {
      setSummary(applyProblem(form, formName, e, FIELDS, tc));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ErrorSummary items={summary.items} title={summary.title} />
      <Form<Values>
        form={form}
        name={formName}
        layout="vertical"
        requiredMark={false}
        initialValues={{
          protocol: device?.protocol ?? 'jt808',
          model: device?.model ?? '',
          centreId: device?.centreId ?? NONE,
        }}
        onFinish={(v) => void submit(v)}
        onFinishFailed={(info) =>
          setSummary({ items: summaryFromValidation(formName, info as ValidationInfo) })
        }
      >
        {!device && (
          <>
            <Form.Item
              name="uniqueId"
              label={t('devices.uniqueId')}
              extra={t('devices.form.uniqueIdHelp')}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: tc('errors.required', { field: t('devices.uniqueId') }),
                },
                {
                  validator: (_r, v: unknown) => {
                    if (typeof v !== 'string' || !v.trim()) return Promise.resolve();
                    const p = uniqueIdProblem(
                      v,
                      (form.getFieldValue('protocol') as DeviceProtocol | undefined) ?? 'jt808',
                    );
                    return p === null
                      ? Promise.resolve()
                      : Promise.reject(
                          new Error(
                            p === 'digits'
                              ? t('devices.form.uniqueIdDigits')
                              : t('devices.form.uniqueIdFormat'),
                          ),
                        );
                  },
                },
              ]}
            >
              <Input autoComplete="off" spellCheck={false} maxLength={40} />
            </Form.Item>
            <fieldset className="fieldset">
              <legend id={`${formName}-protocol-legend`}>{t('devices.protocol')}</legend>
              <Form.Item name="protocol">
                <Radio.Group
                  role="radiogroup"
                  aria-labelledby={`${formName}-protocol-legend`}
                  options={PROTOCOLS.map((p) => ({ value: p, label: t(`protocol.${p}`) }))}
                  onChange={() => {
                    // Validate once the new protocol is in the form's store.
                    window.setTimeout(() => {
                      if (form.getFieldValue('uniqueId'))
                        void form.validateFields(['uniqueId']).catch(() => undefined);
                    });
                  }}
                />
              </Form.Item>
            </fieldset>
          </>
        )}
        <Form.Item name="model" label={t('devices.model')} extra={t('devices.form.modelHelp')}>
          <Input autoComplete="off" maxLength={100} />
        </Form.Item>
        <Form.Item
          name="simPhone"
          label={`${t('devices.form.simPhone')}${tc('common.optional')}`}
          extra={device ? t('devices.form.simPhoneKeep') : t('devices.form.simPhoneHelp')}
          rules={[
            {
              validator: (_r, v: unknown) =>
                typeof v !== 'string' || !v.trim() || /^\d{1,20}$/.test(tidySim(v))
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('devices.form.simPhoneFormat'))),
            },
          ]}
        >
          <Input autoComplete="off" inputMode="tel" maxLength={20} />
        </Form.Item>
        <Form.Item name="centreId" label={t('devices.centre')}>
          <SearchSelect
            allowClear={false}
            options={[
              { value: NONE, label: t('devices.form.centreNone') },
              ...centres.map((c) => ({ value: c.id, label: c.name })),
            ]}
          />
        </Form.Item>
        <div className="toolbar">
          <Button type="primary" htmlType="submit" loading={busy}>
            {busy
              ? tc('common.saving')
              : device
                ? t('devices.form.submitEdit')
                : t('devices.form.submitCreate')}
          </Button>
          <Button onClick={onCancel}>{tc('common.cancel')}</Button>
        </div>
      </Form>
    </>
  );
}
