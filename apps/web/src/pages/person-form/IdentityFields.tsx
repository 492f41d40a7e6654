/**
 * The ID number: typed and checked when registering (gender and birth date read from it), shown
 * and fixed when editing.
 */
import { Form, Input, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { ageFrom, checkIdNumber, genderName } from '../../registry';
import type { PersonOut } from '../../types';
import type { Values } from './values';

export function IdentityFields({ person, form }: { person: PersonOut | null; form: FormInstance<Values> }) {
  const { t } = useTranslation();
  const editing = person !== null;
  const idNumber = Form.useWatch('idNumber', form) ?? '';
  const idCheck = checkIdNumber(idNumber);
  const required = (field: string) => ({
    required: true,
    whitespace: true,
    message: t('errors.required', { field }),
  });
  return editing ? (
    <dl className="facts derived">
      <dt>{t('personForm.idNumber')}</dt>
      <dd>
        {person.idNumber}
        <span className="muted"> {t('personForm.idNumberFixed')}</span>
      </dd>
      <dt>{t('personForm.gender')}</dt>
      <dd>{genderName(t, person.gender)}</dd>
      <dt>{t('personForm.birthDate')}</dt>
      <dd>{t('personForm.birthValue', { date: person.birthDate, age: person.age })}</dd>
    </dl>
  ) : (
    <>
      <Form.Item
        name="idNumber"
        label={t('personForm.idNumber')}
        extra={t('personForm.idNumberHelp')}
        validateTrigger={['onBlur']}
        rules={[
          required(t('personForm.idNumber')),
          {
            validator: (_r, v: unknown) => {
              if (typeof v !== 'string' || !v.trim()) return Promise.resolve();
              const c = checkIdNumber(v);
              return c.ok
                ? Promise.resolve()
                : Promise.reject(new Error(t(`registry.idProblem.${c.problem}`)));
            },
          },
        ]}
      >
        <Input
          autoComplete="off"
          spellCheck={false}
          inputMode="text"
          maxLength={24}
          className="mono-input"
          onChange={(e) => {
            // Checked as typed once all 18 characters are there (not while still typing).
            if (e.target.value.replace(/\s/g, '').length >= 18)
              void form.validateFields(['idNumber']).catch(() => undefined);
          }}
        />
      </Form.Item>
      <dl className="facts derived" aria-live="polite">
        <dt>{t('personForm.gender')}</dt>
        <dd>{idCheck.ok ? genderName(t, idCheck.gender) : t('personForm.fromId')}</dd>
        <dt>{t('personForm.birthDate')}</dt>
        <dd>
          {idCheck.ok
            ? t('personForm.birthValue', { date: idCheck.birthDate, age: ageFrom(idCheck.birthDate) })
            : t('personForm.fromId')}
        </dd>
      </dl>
    </>
  );
}
