/** The record-visit form's lists: participants (volunteers with minutes, staff) and needs raised. */
import { Button, Form, Input, InputNumber, Select } from 'antd';
import type { Option } from './data';
import { useVT } from './i18n';
import { NEED_CATEGORIES, NEED_URGENCIES } from './model';

export interface ParticipantDraft {
  kind: 'volunteer' | 'staff';
  volunteerId?: string;
  userId?: string;
  minutes?: number | null;
}

export interface NeedDraft {
  category?: string;
  urgency: string;
  title?: string;
  description?: string;
}

export function ParticipantsList({ volunteers, staff }: { volunteers: Option[]; staff: Option[] }) {
  const { t } = useVT();
  return (
    <fieldset className="fieldset">
      <legend>{t('recordForm.participants')}</legend>
      <Form.List name="participants">
        {(rows, { add, remove }) => (
          <>
            {rows.map((row, i) => (
              <Form.Item noStyle key={row.key} shouldUpdate>
                {({ getFieldValue }) => {
                  const kind = getFieldValue(['participants', row.name, 'kind']) as ParticipantDraft['kind'];
                  const n = i + 1;
                  return (
                    <div className="participant-row">
                      {kind === 'volunteer' ? (
                        <>
                          <Form.Item
                            name={[row.name, 'volunteerId']}
                            label={t('recordForm.participantVolunteer', { n })}
                            rules={[{ required: true, message: t('recordForm.pickVolunteer') }]}
                          >
                            <Select<string> showSearch={{ optionFilterProp: 'label' }} options={volunteers} />
                          </Form.Item>
                          <Form.Item
                            name={[row.name, 'minutes']}
                            label={t('recordForm.participantMinutes', { n })}
                          >
                            <InputNumber min={1} max={1440} precision={0} />
                          </Form.Item>
                        </>
                      ) : (
                        <Form.Item
                          name={[row.name, 'userId']}
                          label={t('recordForm.participantStaff', { n })}
                          rules={[{ required: true, message: t('recordForm.pickStaff') }]}
                        >
                          <Select<string> showSearch={{ optionFilterProp: 'label' }} options={staff} />
                        </Form.Item>
                      )}
                      <Button onClick={() => remove(row.name)}>{t('recordForm.remove', { n })}</Button>
                    </div>
                  );
                }}
              </Form.Item>
            ))}
            <div className="toolbar">
              <Button onClick={() => add({ kind: 'volunteer' } satisfies ParticipantDraft)}>
                {t('recordForm.addVolunteer')}
              </Button>
              <Button onClick={() => add({ kind: 'staff' } satisfies ParticipantDraft)}>
                {t('recordForm.addStaff')}
              </Button>
            </div>
          </>
        )}
      </Form.List>
    </fieldset>
  );
}

export function NeedsList() {
  const { t } = useVT();
  return (
    <fieldset className="fieldset">
      <legend>{t('recordForm.needs')}</legend>
      <p>{t('recordForm.needsHelp')}</p>
      <Form.List name="needs">
        {(rows, { add, remove }) => (
          <>
            {rows.map((row, i) => {
              const n = i + 1;
              return (
                <div className="need-row" key={row.key}>
                  <Form.Item
                    name={[row.name, 'category']}
                    label={t('recordForm.needCategory', { n })}
                    rules={[
                      {
                        required: true,
                        message: t('recordForm.required', { field: t('recordForm.needCategory', { n }) }),
                      },
                    ]}
                  >
                    <Select<string>
                      options={NEED_CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
                    />
                  </Form.Item>
                  <Form.Item name={[row.name, 'urgency']} label={t('recordForm.needUrgency', { n })}>
                    <Select<string>
                      options={NEED_URGENCIES.map((u) => ({ value: u, label: t(`urgency.${u}`) }))}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[row.name, 'title']}
                    label={t('recordForm.needTitle', { n })}
                    rules={[
                      {
                        required: true,
                        whitespace: true,
                        message: t('recordForm.required', { field: t('recordForm.needTitle', { n }) }),
                      },
                    ]}
                  >
                    <Input maxLength={200} autoComplete="off" />
                  </Form.Item>
                  <Form.Item name={[row.name, 'description']} label={t('recordForm.needDescription', { n })}>
                    <Input.TextArea rows={2} maxLength={2000} />
                  </Form.Item>
                  <Button onClick={() => remove(row.name)}>{t('recordForm.removeNeed', { n })}</Button>
                </div>
              );
            })}
            <Button onClick={() => add({ urgency: 'normal' } satisfies NeedDraft)}>
              {t('recordForm.addNeed')}
            </Button>
          </>
        )}
      </Form.List>
    </fieldset>
  );
}
