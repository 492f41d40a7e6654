/** Phone and address: when editing, left blank keeps the old value; a checkbox clears it. */
import { Checkbox, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { PHONE_RE, tidyPhone } from '../../forms';
import type { PersonOut } from '../../types';

export function ContactFields({ person }: { person: PersonOut | null }) {
  const { t } = useTranslation();
  const editing = person !== null;
  const phoneRule = {
    validator: (_r: unknown, v: unknown) =>
      !v || PHONE_RE.test(tidyPhone(v))
        ? Promise.resolve()
        : Promise.reject(new Error(t('personForm.phoneFormat'))),
  };
  return (
    <>
      <h2>{t('personForm.contact')}</h2>
      <Form.Item
        name="phone"
        label={t('personForm.phone')}
        extra={
          editing && person.phone
            ? t('personForm.keepHelp', { value: person.phone })
            : t('personForm.phoneHelp')
        }
        rules={[phoneRule]}
      >
        <Input type="tel" inputMode="tel" autoComplete="off" maxLength={20} />
      </Form.Item>
      {editing && person.phone && (
        <Form.Item name="clearPhone" valuePropName="checked">
          <Checkbox>{t('personForm.clearPhone')}</Checkbox>
        </Form.Item>
      )}
      <Form.Item
        name="address"
        label={t('personForm.address')}
        extra={editing && person.address ? t('personForm.keepHelp', { value: person.address }) : undefined}
      >
        <Input autoComplete="off" maxLength={300} />
      </Form.Item>
      {editing && person.address && (
        <Form.Item name="clearAddress" valuePropName="checked">
          <Checkbox>{t('personForm.clearAddress')}</Checkbox>
        </Form.Item>
      )}
    </>
  );
}
