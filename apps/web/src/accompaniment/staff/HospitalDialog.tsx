/** Add or change a hospital: name, code, address, meeting point, phone, departments (a list editor: add and remove with the keyboard). */
import { useState, type RefObject } from 'react';
import { Button, Checkbox, Form, Input } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useAnnounce } from '../../announce';
import { Dialog } from '../../components/Dialog';
import { ErrorSummary } from '../../components/ErrorSummary';
import { summaryFromValidation, type ProblemSummary, type ValidationInfo } from '../../forms';
import { applyNestedProblem } from '../../care/visits/problems';
import { useAT } from '../i18n';
import { ACC_KEY, type Hospital } from './data';
import { withCodes } from './model';

interface Values {
  code: string;
  name: string;
  address: string;
  meetingPoint: string;
  phone: string;
  active: boolean;
  departments: { code?: string; name: string }[];
}
const FIELDS = ['code', 'name', 'address', 'meetingPoint', 'phone', 'active', 'departments'];

export function HospitalDialog({
  open,
  hospital,
  returnFocus,
  onClose,
}: {
  open: boolean;
  hospital: Hospital | null;
  returnFocus: RefObject<HTMLElement | null>;
  onClose: () => void;
}) {
  const { t } = useAT();
  return (
    <Dialog
      open={open}
      width={680}
      title={
        hospital
          ? t('coordinator.hospitals.editTitle', { name: hospital.name })
          : t('coordinator.hospitals.addTitle')
      }
      onClose={onClose}
      returnFocus={returnFocus}
      initialFocus="accHospital_name"
    >
      {open && <HospitalForm hospital={hospital} onDone={onClose} />}
    </Dialog>
  );
}

function HospitalForm({ hospital, onDone }: { hospital: Hospital | null; onDone: () => void }) {
  const { t } = useAT();
  const { t: tc } = useTranslation();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [form] = Form.useForm<Values>();
  const [summary, setSummary] = useState<ProblemSummary>({ items: [] });
  const [busy, setBusy] = useState(false);
  const h = 'coordinator.hospitals';
  const required = (field: string) => [
    { required: true, whitespace: true, message: t('coordinator.required', { field }) },
  ];
  const submit = async (v: Values) => {
    setBusy(true);
    setSummary({ items: [] });
    const body = {
      name: v.name.trim(),
      address: (v.address ?? '').trim(),
      meetingPoint: (v.meetingPoint ?? '').trim(),
      phone: (v.phone ?? '').trim(),
      active: v.active,
      departments: withCodes(v.departments ?? []),
    };
    try {
      if (hospital)
        await api.patch(`/accompaniment/hospitals/${hospital.id}`, body, {
          headers: { 'If-Match': String(hospital.version) },
        });
      else await api.post('/accompaniment/hospitals', { ...body, code: v.code.trim() });
      await qc.invalidateQueries({ queryKey: ACC_KEY });
      announce(hospital ? t(`${h}.saved`) : t(`${h}.created`));
      onDone();
    } catch (e) {
      setSummary(applyNestedProblem(form, 'accHospital', e, FIELDS, tc, () => 'name'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <ErrorSummary items={summary.items} title={summary.title} />
      <Form<Values>
        form={form}
        name="accHospital"
        layout="vertical"
        requiredMark={false}
        initialValues={{
          code: hospital?.code ?? '',
          name: hospital?.name ?? '',
          address: hospital?.address ?? '',
          meetingPoint: hospital?.meetingPoint ?? '',
          phone: hospital?.phone ?? '',
          active: hospital?.active ?? true,
          departments: hospital?.departments ?? [],
        }}
        onFinish={(v) => void submit(v)}
        onFinishFailed={(info) =>
          setSummary({ items: summaryFromValidation('accHospital', info as ValidationInfo) })
        }
      >
        <Form.Item name="name" label={t(`${h}.name`)} rules={required(t(`${h}.name`))}>
          <Input maxLength={100} />
        </Form.Item>
        {!hospital && (
          <Form.Item
            name="code"
            label={t(`${h}.code`)}
            extra={t(`${h}.codeHelp`)}
            rules={required(t(`${h}.code`))}
          >
            <Input maxLength={31} />
          </Form.Item>
        )}
        <Form.Item name="address" label={`${t(`${h}.address`)}${t('common.optional')}`}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="meetingPoint" label={`${t(`${h}.meetingPoint`)}${t('common.optional')}`}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="phone" label={`${t(`${h}.phone`)}${t('common.optional')}`}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="active" valuePropName="checked">
          <Checkbox>{t(`${h}.active`)}</Checkbox>
        </Form.Item>
        <fieldset className="fieldset">
          <legend>{t(`${h}.departments`)}</legend>
          <Form.List name="departments">
            {(fields, { add, remove }) => (
              <>
                <ol className="acc-days">
                  {fields.map((f, i) => (
                    <li key={f.key} className="acc-toolbar">
                      <Form.Item
                        name={[f.name, 'name']}
                        label={t(`${h}.deptNameN`, { n: i + 1 })}
                        rules={required(t(`${h}.deptName`))}
                      >
                        <Input maxLength={50} />
                      </Form.Item>
                      <Form.Item
                        name={[f.name, 'code']}
                        label={`${t(`${h}.deptCodeN`, { n: i + 1 })}${t('common.optional')}`}
                      >
                        <Input maxLength={31} />
                      </Form.Item>
                      <Button
                        onClick={() => {
                          remove(f.name);
                          setTimeout(() => document.getElementById('acc-dept-add')?.focus(), 0);
                        }}
                        aria-label={t(`${h}.deptRemoveLabel`, { n: i + 1 })}
                      >
                        {t(`${h}.deptRemove`)}
                      </Button>
                    </li>
                  ))}
                </ol>
                <Button
                  id="acc-dept-add"
                  onClick={() => {
                    add({ name: '', code: '' });
                    setTimeout(
                      () => document.getElementById(`accHospital_departments_${fields.length}_name`)?.focus(),
                      0,
                    );
                  }}
                >
                  {t(`${h}.deptAdd`)}
                </Button>
              </>
            )}
          </Form.List>
        </fieldset>
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
