/**
 * The certificate, when registering someone who has one: its number (category and grade read from
 * it, checked against the ID number), its issue date, and the disabilities of a category-7 one.
 */
import { Form, Input, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { categoryName, checkCertificate, checkIdNumber, gradeName } from '../../registry';
import { DisabilitiesField } from '../person/Disabilities';
import { FORM, today, type Values } from './values';

export function CertificateFields({ form }: { form: FormInstance<Values> }) {
  const { t } = useTranslation();
  const idNumber = Form.useWatch('idNumber', form) ?? '';
  const certNumber = Form.useWatch('certNumber', form) ?? '';
  const idCheck = checkIdNumber(idNumber);
  const certCheck = certNumber.trim() ? checkCertificate(certNumber) : null;
  const certWrongPerson = Boolean(certCheck?.ok && idCheck.ok && certCheck.idNumber !== idCheck.idNumber);
  return (
    <>
      <h2>{t('personForm.certificate')}</h2>
      <p className="help-text">{t('personForm.certificateIntro')}</p>
      <Form.Item
        name="certNumber"
        label={t('personForm.certNumber')}
        extra={t('personForm.certNumberHelp')}
        validateTrigger={['onBlur']}
        dependencies={['idNumber']}
        rules={[
          ({ getFieldValue }) => ({
            validator: (_r, v: unknown) => {
              if (typeof v !== 'string' || !v.trim()) return Promise.resolve();
              const c = checkCertificate(v);
              if (!c.ok) return Promise.reject(new Error(t(`registry.certProblem.${c.problem}`)));
              const id = checkIdNumber(String(getFieldValue('idNumber') ?? ''));
              if (id.ok && id.idNumber !== c.idNumber)
                return Promise.reject(new Error(t('registry.certProblem.notMatching')));
              return Promise.resolve();
            },
          }),
        ]}
      >
        <Input
          autoComplete="off"
          spellCheck={false}
          maxLength={26}
          className="mono-input"
          onChange={(e) => {
            if (e.target.value.replace(/\s/g, '').length >= 20)
              void form.validateFields(['certNumber']).catch(() => undefined);
          }}
        />
      </Form.Item>
      <p className="derived-line" aria-live="polite">
        {certCheck?.ok && !certWrongPerson
          ? t('personForm.certRead', {
              category: categoryName(t, certCheck.category),
              grade: gradeName(t, certCheck.grade),
            })
          : ''}
      </p>
      <Form.Item
        name="certIssuedAt"
        label={t('personForm.certIssuedAt')}
        dependencies={['certNumber']}
        rules={[
          ({ getFieldValue }) => ({
            validator: (_r, v: unknown) => {
              const has = String(getFieldValue('certNumber') ?? '').trim();
              if (!v)
                return has
                  ? Promise.reject(new Error(t('personForm.certIssuedAtRequired')))
                  : Promise.resolve();
              return String(v) > today()
                ? Promise.reject(new Error(t('personForm.certIssuedAtFuture')))
                : Promise.resolve();
            },
          }),
        ]}
      >
        <Input type="date" max={today()} style={{ maxWidth: '14rem' }} />
      </Form.Item>
      {certCheck?.ok && certCheck.category === 7 && !certWrongPerson && (
        <DisabilitiesField formName={FORM} certGrade={certCheck.grade} />
      )}
    </>
  );
}
